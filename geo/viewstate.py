"""The state of one view (window, layers, filters, map position), what selects its
incidents (ViewFilter), and its URL form.

`to_query` / `from_query` make the permalink: opening the URL reproduces the view. Bad
values in a URL are dropped with a message naming them, never an error page. Without
pandas: the map page's first draw uses this module before that is imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, unquote, urlencode

from geo.errors import FilterError
from geo.names import LAYER_KEYS
from geo.visible import UNDECODED, undecoded_marked

# where the map opens: every map is built there; a view's own position is sent apart
DEFAULT_CENTER = (47.0, 34.0)
DEFAULT_ZOOM = 5

CENTER_DECIMALS = 4
DEFAULT_PIPELINE_KM = 10.0
MAX_PIPELINE_KM = 500.0
CONFIRMED_ONLY = ("confirmed",)
FLAG_VALUES = {"1": True, "true": True, "0": False, "false": False}

Extent = tuple[float, float, float, float]  # west, south, east, north in degrees


def check_window(date_from: dt.date | None, date_to: dt.date | None, fix: str) -> None:
    """A window that ends before it starts is refused; `fix` says how to mend it."""
    if date_from and date_to and date_to < date_from:
        raise FilterError(f"The window ends ({date_to}) before it starts ({date_from}); {fix}")


def check_extent(extent: Extent) -> Extent:
    west, south, east, north = extent
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise FilterError(f"Bounding box {extent} is not W,S,E,N in degrees with W<E and S<N")
    return extent


@dataclass(frozen=True)
class ViewFilter:
    """What selects the incidents of a view (geo.analysis.filters applies it)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    categories: tuple[str, ...] | None = None
    operators: tuple[str, ...] | None = None
    claim_statuses: tuple[str, ...] | None = None
    bbox: Extent | None = field(default=None)

    def __post_init__(self):
        check_window(self.date_from, self.date_to, "swap the dates")
        if self.bbox is not None:
            check_extent(self.bbox)


@dataclass(frozen=True)
class ViewState:
    date_from: dt.date
    date_to: dt.date
    layers: tuple[str, ...] = LAYER_KEYS
    categories: tuple[str, ...] | None = None  # None = all
    operators: tuple[str, ...] | None = None
    claim_statuses: tuple[str, ...] | None = None
    center: tuple[float, float] = DEFAULT_CENTER
    zoom: int = DEFAULT_ZOOM
    selected: str = ""
    pipeline: str = ""  # "" = no pipeline filter
    pipeline_km: float = DEFAULT_PIPELINE_KM
    confirmed_only: bool = False  # the "Only confirmed claims" switch: overrides the statuses

    def __post_init__(self):
        if self.confirmed_only:
            object.__setattr__(self, "claim_statuses", CONFIRMED_ONLY)

    def view_filter(self) -> ViewFilter:
        return ViewFilter(self.date_from, self.date_to, self.categories, self.operators,
                          self.claim_statuses)


def _list(values) -> str:
    """Values joined by commas; a comma or a percent sign in a value (an operator named
    "Naftogaz, JSC") is percent-escaped, so that the value comes back whole."""
    return ",".join(v.replace("%", "%25").replace(",", "%2C") for v in values)


def to_query(state: ViewState, default: ViewState | None = None) -> dict[str, str]:
    """Only what differs from the default view goes into the URL, so links stay short.

    The window is always written: the data grows, so "the whole range" would change.
    """
    default = default or ViewState(state.date_from, state.date_to)
    query = {"from": state.date_from.isoformat(), "to": state.date_to.isoformat()}
    if state.layers != default.layers:
        query["layers"] = _list(state.layers) or "none"
    for name, value in (("cat", state.categories), ("op", state.operators),
                        ("claim", None if state.confirmed_only else state.claim_statuses)):
        if value is not None:
            query[name] = _list(value)
    if state.confirmed_only:
        query["confirmed_only"] = "1"
    if (round_center(state.center), state.zoom) != (round_center(default.center), default.zoom):
        query["lat"], query["lon"] = (f"{v:.{CENTER_DECIMALS}f}" for v in state.center)
        query["z"] = str(state.zoom)
    if state.selected:
        query["sel"] = state.selected
    if state.pipeline:
        query["pipe"] = state.pipeline
        query["km"] = f"{state.pipeline_km:g}"
    return query


def round_center(center) -> tuple[float, float]:
    """About 10 m: finer than any zoom level needs, and stable across tiny pans."""
    return round(float(center[0]), CENTER_DECIMALS), round(float(center[1]), CENTER_DECIMALS)


def permalink(base_url: str, state: ViewState, default: ViewState | None = None) -> str:
    query = to_query(state, default)
    return f"{base_url.split('?')[0]}?{urlencode(query, safe=',')}"


SHOWN_CHARS = 80  # of a bad value quoted back: a link may carry megabytes
# what to_query writes: any other parameter of a link is said, not dropped unsaid
PARAMETERS = ("from", "to", "layers", "cat", "claim", "op", "confirmed_only", "lat", "lon",
              "z", "sel", "pipe", "km")
POSITION = ("lat", "lon", "z")


def _shown(text: str) -> str:
    """A link's value as a message quotes it; a long one is cut, with its length."""
    text = str(text)
    return text if len(text) <= SHOWN_CHARS else \
        f"{text[:SHOWN_CHARS]}… ({len(text):,} characters)"


def single_values(given: dict[str, list[str]]) -> tuple[dict[str, str], list[str]]:
    """A link's parameters, each with all the values it was given, as one value each (the
    last, as the page reads it), and what to say of a parameter given more than once."""
    problems = [f"Link parameter '{_shown(name)}' is given {len(values):,} times "
                f"({', '.join(repr(_shown(v)) for v in values[:5])}"
                f"{', ...' if len(values) > 5 else ''}); the last, '{_shown(values[-1])}', "
                "is used" for name, values in given.items() if len(values) > 1]
    return {name: values[-1] for name, values in given.items() if values}, problems


def not_utf8(query_string: str) -> tuple[set[str], list[str]]:
    """The parameters of a link's query (as written: 'op=caf%E9') whose name or value holds
    a percent-escape that is no UTF-8 text (Latin-1's é, a link cut inside a character),
    named as the page's query reads them (such bytes as '�'), and what to say of each: the
    page read '�' in its place and said nothing, or named an unknown value '�'. Each is
    ignored, as any bad value of a link is, its bytes shown as marks (‹0xE9›); none is
    guessed in another encoding, which could name another operator or site."""
    if "%" not in query_string:
        return set(), []
    names, problems = set(), []
    for name, value in parse_qsl(query_string, keep_blank_values=True,
                                 errors="surrogateescape"):
        if UNDECODED.search(name) or UNDECODED.search(value):
            names.add(name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
            problems.append(_not_utf8_words(name, value))
    return names, problems


def _not_utf8_words(name: str, value: str) -> str:
    return (f"Link parameter '{_shown(undecoded_marked(name))}' is not UTF-8 text: "
            f"'{_shown(undecoded_marked(value))}' (the bytes shown as ‹0x..› are no UTF-8: "
            "a link written in another encoding, or cut inside a character); ignored. Copy "
            "the link again from the map's Share panel")


def _date(text: str, name: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(f"Link parameter '{name}' is not a date (YYYY-MM-DD): "
                        f"'{_shown(text)}'; ignored")
        return None


def _choices(text: str, allowed, name: str, problems: list[str]) -> tuple[str, ...]:
    values = tuple(unquote(v, errors="surrogateescape") for v in text.split(",")
                   if v and v != "none")   # each value quoted again: a ',' in one is %2C
    undecoded = [v for v in values if UNDECODED.search(v)]
    if undecoded:
        problems.append(_not_utf8_words(name, ",".join(undecoded)))
        values = tuple(v for v in values if v not in undecoded)
    unknown = [v for v in values if allowed is not None and v not in allowed]
    if unknown:
        problems.append(f"Link parameter '{name}' has unknown value(s) "
                        f"{_shown(', '.join(unknown))}; ignored")
    return tuple(v for v in values if allowed is None or v in allowed)


def _pipeline(query: dict[str, str], state: ViewState, pipelines,
              problems: list[str]) -> ViewState:
    name = query.get("pipe", "")
    if not name:
        return state
    if pipelines is not None and name not in pipelines:
        problems.append(f"Link parameter 'pipe' names no known pipeline route: "
                        f"'{_shown(name)}'; ignored")
        return state
    try:
        km = float(query.get("km", DEFAULT_PIPELINE_KM))
    except ValueError:
        km = float("nan")
    if not 0 < km <= MAX_PIPELINE_KM:
        problems.append(f"Link parameter 'km' must be a distance in km between 0 and "
                        f"{MAX_PIPELINE_KM:g}: '{_shown(query.get('km'))}'; "
                        f"{DEFAULT_PIPELINE_KM:g} km used")
        km = DEFAULT_PIPELINE_KM
    return replace(state, pipeline=name, pipeline_km=km)


def from_query(query: dict[str, str], default: ViewState, *, categories, claim_statuses,
               operators, pipelines=None) -> tuple[ViewState, list[str]]:
    problems: list[str] = []
    unknown = [name for name in query if name not in PARAMETERS]
    if unknown:
        problems.append(f"Link parameter(s) {_shown(', '.join(repr(n) for n in unknown))} "
                        f"are not read by this map (it reads {', '.join(PARAMETERS)}); "
                        "ignored")
    state = default
    date_from = _date(query["from"], "from", problems) if "from" in query else None
    date_to = _date(query["to"], "to", problems) if "to" in query else None
    start, end = date_from or state.date_from, date_to or state.date_to
    if (date_from or date_to) and end < start:  # one end given past the other's default
        problems.append(f"Link window ends ({end}) before it starts ({start}); ignored")
        date_from = date_to = None
    state = replace(state, date_from=date_from or state.date_from, date_to=date_to or state.date_to)
    if "layers" in query:
        state = replace(state, layers=_choices(query["layers"], LAYER_KEYS, "layers", problems))
    for name, attribute, allowed in (("cat", "categories", categories),
                                 ("claim", "claim_statuses", claim_statuses),
                                 ("op", "operators", operators)):
        if name in query:
            state = replace(state, **{attribute: _choices(query[name], allowed, name, problems)})
    if "confirmed_only" in query:
        flag = FLAG_VALUES.get(query["confirmed_only"].lower())
        if flag is None:
            problems.append(f"Link parameter 'confirmed_only' is not 1 or 0: "
                            f"'{_shown(query['confirmed_only'])}'; ignored")
        else:
            state = replace(state, confirmed_only=flag)
    given = [name for name in POSITION if name in query]
    if given and len(given) < len(POSITION):
        problems.append(f"Link map position needs lat, lon and z; it gives only "
                        f"{', '.join(given)}; ignored")
    try:
        if {"lat", "lon", "z"} <= set(query):
            lat, lon, zoom = float(query["lat"]), float(query["lon"]), int(query["z"])
            if -90 <= lat <= 90 and -180 <= lon <= 180 and 1 <= zoom <= 18:
                state = replace(state, center=(lat, lon), zoom=zoom)
            else:
                problems.append(
                    f"Link map position is out of range: lat={_shown(query['lat'])!r}, "
                    f"lon={_shown(query['lon'])!r}, z={_shown(query['z'])!r} (lat -90 to 90, "
                    "lon -180 to 180, z 1 to 18); ignored")
    except ValueError:
        problems.append(f"Link map position is not numeric: "
                        f"lat={_shown(query.get('lat'))!r}, lon={_shown(query.get('lon'))!r}, "
                        f"z={_shown(query.get('z'))!r}; ignored")
    if "sel" in query:
        state = replace(state, selected=query["sel"])
    return _pipeline(query, state, pipelines, problems), problems
