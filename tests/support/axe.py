"""axe-core (tests/vendor/axe-core, MPL-2.0) run in a page and in each of its frames: the
violations of the serious and critical kind, as readable lines."""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
RUN = """async () => {
  const result = await axe.run(document, {iframes: false,
                                          resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary)}));
}"""


@cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(frame) -> list[dict]:
    """axe-core's violations in one document (a page's main frame or one of its frames)."""
    if not frame.evaluate("() => typeof window.axe === 'object'"):
        frame.evaluate(axe_source())
    return frame.evaluate(RUN)


def blocking_violations(page) -> list[str]:
    """Serious and critical violations in the page and every frame it shows, one line each."""
    lines = []
    for frame in page.frames:
        if frame.is_detached() or frame.url in ("", "about:blank"):
            continue
        for found in violations(frame):
            if found["impact"] in BLOCKING:
                lines.append(f"{frame.url[:60]} {found['impact']} {found['id']} "
                             f"({found['help']}): {found['nodes']}")
    return lines
