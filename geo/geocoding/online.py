"""Optional online fallback through geopy's Nominatim client: off unless the user asks.

Only names the offline geocoder could not place (`not_found`) are sent, at most one request
a second (Nominatim's usage policy: 100,000 names would take 28 hours, which is why the
offline geocoder does the work). Answers are marked `online` and `town` precision at best,
with the OpenStreetMap display name as the match, so they can be told apart and reviewed.
geopy is imported only when a request is actually made.
"""

from __future__ import annotations

import pandas as pd

from geo.errors import GeocodeError

USER_AGENT = "incident-map (open-source OSINT incident map; offline-first)"
MIN_DELAY_SECONDS = 1.0


def geocode_online(found: pd.DataFrame, places, *, timeout: float = 10.0,
                   on_progress=None) -> pd.DataFrame:
    """Fill the `not_found` rows of a geocode_column() result from Nominatim."""
    missing = found.index[found["geocode_status"] == "not_found"]
    if len(missing) == 0:
        return found
    from geopy.exc import GeopyError
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    lookup = RateLimiter(Nominatim(user_agent=USER_AGENT, timeout=timeout).geocode,
                         min_delay_seconds=MIN_DELAY_SECONDS, max_retries=1,
                         swallow_exceptions=False)
    out = found.copy()
    names = pd.Series(list(places), index=found.index)
    for done, row in enumerate(missing, start=1):
        try:
            location = lookup(str(names[row]))
        except GeopyError as error:
            raise GeocodeError(
                f"Online geocoding failed at '{names[row]}': {error}. Check the network or "
                "run without --online (offline results are kept)"
            ) from error
        if location is not None:
            out.loc[row, ["latitude", "longitude"]] = location.latitude, location.longitude
            out.loc[row, ["geocode_status", "geocode_precision", "geocode_match"]] = (
                "online", "town", f"Nominatim/OpenStreetMap: {location.address}")
        if on_progress:
            on_progress(done, len(missing))
    return out
