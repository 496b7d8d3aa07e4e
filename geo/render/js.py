"""Values embedded in generated JavaScript."""

from __future__ import annotations

import json


def script_json(value) -> str:
    """JSON safe to place inside a <script> element ("</" would end the element early)."""
    return json.dumps(value, separators=(",", ":")).replace("</", "<\\/")
