"""Coordinates written in degrees, minutes and seconds, as maps, Wikipedia and GPS units
write them: 46°29′08″N, 46° 29' 8" N, N 46 29 08, 46:29:08, 46 29.13 N (minutes with
decimals), 30°44′E. Decimal degrees are read elsewhere (geo.importing.coordinates); this
reads only texts with a minute or a degree sign, so '46,48' stays a decimal comma."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

NUMBER = r"\d+(?:[.,]\d+)?"
DMS = re.compile(
    rf"""^(?P<before>[NSEWnsew])?\s*(?P<sign>[-+\u2212])?\s*
    (?P<d>{NUMBER})\s*(?P<mark>[°º˚]|\s|:)\s*
    (?:(?P<m>{NUMBER})\s*(?:['′’‘]|\s|:)?\s*)?
    (?:(?P<s>{NUMBER})\s*(?:''|["″”]|′′)?\s*)?
    (?P<after>[NSEWnsew])?$""", re.VERBOSE)


def dms_degrees(texts: pd.Series) -> pd.Series:
    """Decimal degrees of each text written in degrees and minutes (and seconds); NaN for
    any other text, for minutes or seconds of 60 or more, and for two hemisphere letters."""
    return pd.Series([_degrees(text) for text in texts.to_numpy(dtype=object)],
                     index=texts.index, dtype="float64")


def _degrees(text: str) -> float:
    found = DMS.match(text.strip())
    if not found or (found["mark"] not in "°º˚" and not found["m"]):
        return np.nan      # '46 N' is no more than '46N': left to the decimal reader
    if found["before"] and found["after"]:
        return np.nan
    degrees, minutes, seconds = (float((found[p] or "0").replace(",", "."))
                                 for p in ("d", "m", "s"))
    if minutes >= 60 or seconds >= 60 or (found["s"] and "." in (found["m"] or "")):
        return np.nan
    value = degrees + minutes / 60 + seconds / 3600
    hemisphere = (found["before"] or found["after"] or "").upper()
    negative = hemisphere in ("S", "W") or found["sign"] in ("-", "\u2212")
    return -value if negative else value
