"""Streamlit's data editor in a real browser: its cells are drawn on a canvas, so a cell is
reached by clicking a row at an offset from the grid's left edge and moving with the arrow
keys; its values are read from the hidden accessible table the grid keeps in step."""

from __future__ import annotations

ROW_HEIGHT = 35        # px, the header and every row


def grid(page, index: int):
    """The index-th data grid of the page (-1: the last), scrolled into view (its box is
    then stable)."""
    grids = page.locator("[data-testid='stDataFrame']")
    locator = grids.last if index == -1 else grids.nth(index)
    locator.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    return locator


def select_cell(page, locator, row: int, column: int, left_px: int = 20) -> None:
    """Select the cell of data row `row` (1 = first) and column `column` (0 = first)."""
    box = locator.bounding_box()
    page.mouse.click(box["x"] + left_px, box["y"] + ROW_HEIGHT * row + ROW_HEIGHT // 2)
    page.wait_for_timeout(200)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(100)


def toggle(page, locator, row: int, column: int) -> None:
    select_cell(page, locator, row, column)
    page.keyboard.press("Space")
    page.wait_for_timeout(300)


def type_into(page, locator, row: int, column: int, text: str) -> None:
    select_cell(page, locator, row, column)
    page.keyboard.press("Enter")                 # opens the cell's editor with its value
    page.wait_for_timeout(300)
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=30)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)


def values(locator) -> list[list[str]]:
    """The grid's rows as text, from its accessible table."""
    return locator.evaluate("g => Array.from(g.querySelectorAll('tr')).map(r => "
                            "Array.from(r.querySelectorAll('td')).map(c => c.innerText))"
                            ".filter(r => r.length)")
