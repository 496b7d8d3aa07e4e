"""A page whose map frame is held at the height it has before its map is drawn, so a test can
act in that moment: on a loaded machine it lasts seconds, and the CI runs that lost a link's
selection lost it then (geo.ui.map_space)."""

from __future__ import annotations

# streamlit-folium's frame reports a height of 0 when its script loads and the map's height
# once the map is drawn (with the map's first report): the second is kept back until the
# page sets window.__releaseMapHeight. Installed in every child frame: the component's
# document reuses its frame's first window (about:blank), the one init scripts run in.
HOLD_HEIGHT = """(() => {
  if (window === window.top) { return; }
  const page = window.parent, send = page.postMessage;
  page.postMessage = function (message, origin) {
    const sized = message && message.type === 'streamlit:setFrameHeight' && message.height > 0;
    if (!sized) { return send.call(page, message, origin); }
    const later = () => page.__releaseMapHeight ? send.call(page, message, origin)
                                               : setTimeout(later, 20);
    later();
  };
})();"""

MAP_IFRAME = "iframe[src*='streamlit_folium']"


def hold_map_height(page) -> None:
    """From the next page opened on, map frames stay as tall as before their map is drawn."""
    page.context.add_init_script(HOLD_HEIGHT)


def release_map_height(page) -> None:
    page.evaluate("() => { window.__releaseMapHeight = true; }")


def map_iframe_height(page) -> float:
    return page.locator(MAP_IFRAME).evaluate("frame => frame.getBoundingClientRect().height")
