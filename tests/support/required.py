"""What a test needs from the machine (a browser, a PostgreSQL server): missing on a
developer's machine it skips with the reason; with CI=true the run fails instead, since CI
must run every test."""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(message: str):
    """Skip the test with `message`, or fail it when CI=true. Never returns."""
    if in_ci():
        pytest.fail(message + "; CI must run them", pytrace=False)
    pytest.skip(message)
