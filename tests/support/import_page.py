"""The Import page under AppTest: what it shows (status counts, buttons) and an upload."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def metrics(app: AppTest) -> dict[str, str]:
    """The status counts, by status: {'New': '1', ...}."""
    return {m.label: m.value for m in app.metric}


def button(app: AppTest, label_start: str):
    return next(b for b in app.button if b.label.startswith(label_start))


def uploaded(app: AppTest, content: bytes, name: str = "upload.csv") -> AppTest:
    app.file_uploader[0].set_value((name, content, "text/csv")).run()
    assert not app.exception, app.exception
    return app
