"""Texts that name more than one place, or a part of one, where the whole text is found
nowhere: "central Kherson", "the centre of Kharkiv", "northern Donetsk oblast" (a part: the
place, never more precise than it), "Chornobaivka and Komyshany" (two places: both close
together, the first at precision admin2; apart, held ambiguous between them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from geo.geocoding.regions import COMPASS_WORDS
from geo.geocoding.results import GeocodeResult, distance_km, join_notes

# normalised text (geo.geocoding.normalize): lower case, no punctuation
CENTRE = r"(?:(?:city|town|historic|historical)\s+)?(?:centre|center|downtown)"
PART_WORDS = re.compile(
    rf"^(?:the\s+)?(?:{CENTRE}\s+of\s+(?:the\s+)?|(?:central|downtown)\s+"
    rf"|(?:{'|'.join(sorted(COMPASS_WORDS - {'central'}))})\s+(?:part\s+of\s+(?:the\s+)?)?)"
    rf"(?=\S)|\s+{CENTRE}$")
NUMBERED = re.compile(r"(?<=[a-z])\s+\d{1,2}$")
AND = re.compile(r"\s+and\s+")
BETWEEN = re.compile(r"^(?:\S+\s+){0,2}?between\s+")   # "the road between", "fighting between"
SURE = ("exact", "alias")        # the whole a part names must be found without a doubt
TOO_PRECISE = ("site",)           # a part of a site is the site's town or nothing said
PLACED = ("site", "town")
TWO_PLACES_KM = 30.0              # two places this close: somewhere about them, a raion wide


def whole_named(normalised: str) -> str | None:
    """'central kherson' -> 'kherson'; 'centre of kharkiv' -> 'kharkiv'; 'kyiv city centre'
    -> 'kyiv'; 'northern donetsk oblast' -> 'donetsk oblast'; 'zolote 5' (Zolote-5, a
    numbered mining settlement of the town) -> 'zolote'. None when no such word."""
    whole = NUMBERED.sub("", PART_WORDS.sub("", normalised)).strip()
    return whole if whole and whole != normalised else None


def two_named(normalised: str) -> tuple[str, str] | None:
    """'chornobaivka and komyshany', 'the road between x and y' -> both; None for one name
    or more than two."""
    names = AND.split(BETWEEN.sub("", normalised))
    return (names[0], names[1]) if len(names) == 2 and all(names) else None


def resolved(geocode: Callable[..., GeocodeResult], place, head: str,
             hints: dict) -> GeocodeResult | None:
    """The answer for a `head` (normalised text before any context) found nowhere whole:
    the whole a part of it names, or the two places it names (`geocode(text, **hints)`)."""
    whole = whole_named(head)
    if whole is not None:
        return _part_of(geocode(whole, **hints), place, whole)
    pair = two_named(head)
    if pair is None:
        return None
    first, second = (geocode(name, **hints) for name in pair)
    # one of two namesakes by the other place named: "X, Y" picks the X by Y
    if first.status == "ambiguous" and second.status != "ambiguous":
        first = geocode(f"{pair[0]}, {pair[1]}", **hints)
    elif second.status == "ambiguous" and first.status != "ambiguous":
        second = geocode(f"{pair[1]}, {pair[0]}", **hints)
    return _two_places(first, second, place)


def _part_of(found: GeocodeResult, place, whole: str) -> GeocodeResult | None:
    if found.status not in SURE or found.best.precision in TOO_PRECISE:
        return None     # 'western black sea': no sea is a misspelt or a namesake Blackstone
    return replace(found, note=join_notes(
        f"'{place}' names a part of '{whole}': placed at it, precision "
        f"{found.best.precision}", found.note))


def _two_places(first: GeocodeResult, second: GeocodeResult, place) -> GeocodeResult | None:
    """Both placed within TWO_PLACES_KM: the first, at precision admin2 (somewhere about the two);
    otherwise ambiguous, the first the best guess and the other listed."""
    if first.best is None or second.best is None:
        return None     # one of them not a place: the text says something else
    found = [first, second]
    lead = first
    if (lead.status != "ambiguous" and found[1].status != "ambiguous"
            and lead.best.precision in PLACED and found[1].best.precision in PLACED
            and distance_km(lead.best, found[1].best) <= TWO_PLACES_KM):
        apart = distance_km(lead.best, found[1].best)
        return replace(lead, best=replace(lead.best, precision="admin2"),
                       others=(found[1].best, *lead.others), note=join_notes(
                           f"'{place}' names two places {apart:.0f} km apart: placed at "
                           f"the first, precision admin2", lead.note))
    return GeocodeResult("ambiguous", lead.best, (second.best, *lead.others), lead.confidence,
                         join_notes(f"'{place}' names two places: held ambiguous, the first "
                                    "the best guess", lead.note))
