"""The map is drawn in a place held at the map's height before the map is drawn
(geo.ui.map_space), so what is under it does not move when it arrives; the browser side is
tests/test_browser_claims.py::test_the_review_form_stays_put_while_the_map_loads."""

from __future__ import annotations

from geo.ui import map_space
from geo.ui.map_panel import MAP_HEIGHT


def elements(app):
    """Every element of the app's last run, with the ids of the blocks around it."""
    def walk(node, ids):
        for child in getattr(node, "children", {}).values():
            yield child, ids
            yield from walk(child, [*ids, getattr(getattr(child, "proto", None), "id", "")])

    return list(walk(app._tree, []))


def test_the_style_keeps_the_maps_height_for_its_container():
    style = map_space.style(MAP_HEIGHT)
    assert f".st-key-{map_space.KEY} {{ min-height: {MAP_HEIGHT}px; }}" in style
    assert f".st-key-{map_space.KEY} iframe {{ vertical-align: top; }}" in style


def test_a_linked_selection_has_its_map_in_the_held_place(new_app):
    app = new_app(query={"sel": "seed-000-02"}).run()
    assert not app.exception
    around = [ids for element, ids in elements(app) if element.type == "component_instance"]
    assert len(around) == 1
    assert any(block.endswith(f"-{map_space.KEY}") for block in around[0])
    styles = [element.proto.body for element, _ in elements(app) if element.type == "html"]
    assert map_space.style(MAP_HEIGHT) in styles
