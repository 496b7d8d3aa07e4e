"""GDELT event exports: the daily and 15-minute files (tab-separated, without a header row:
GDELT 1.0's 57 columns, 58 with SOURCEURL since April 2013, GDELT 2.0's 61 with an ADM2 code
for each place) and tables exported with GDELT's column names (BigQuery, gdeltPyR).

An event is placed where GDELT codes its action (ActionGeo_*), at the precision of its
ActionGeo_Type: 1 the country only (no point drawn, as UCDP's country-level events), 2 a US
state and 5 a state or province elsewhere (region), 3 a US city and 4 a city elsewhere
(the town's point, never a site). GDELT codes events by machine from news articles: each is
'reported', its article (SOURCEURL) is the source and the article's site the claimant; the
CAMEO code says what happened. Only aerial, artillery and bombing codes are strikes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd

from geo.importing.presets.base import Preset, coded, joined, prefixed, slug


def _geo(prefix: str, adm2: bool) -> tuple[str, ...]:
    return tuple(prefix + part for part in (
        "Type", "FullName", "CountryCode", "ADM1Code", *(("ADM2Code",) if adm2 else ()),
        "Lat", "Long", "FeatureID"))


def _actor(number: str) -> tuple[str, ...]:
    return tuple(f"Actor{number}{part}" for part in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code"))


def _layout(adm2: bool, source_url: bool) -> tuple[str, ...]:
    return ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", *_actor("1"),
            *_actor("2"), "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
            "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
            "AvgTone", *_geo("Actor1Geo_", adm2), *_geo("Actor2Geo_", adm2),
            *_geo("ActionGeo_", adm2), "DATEADDED", *(("SOURCEURL",) if source_url else ()))


# the GDELT 1.0 backfile (1979-2013), the GDELT 1.0 daily files, GDELT 2.0
LAYOUTS = (_layout(False, False), _layout(False, True), _layout(True, True))

# type 0 (or none, in the 1979-2013 backfile): GDELT states no kind of place; a point there
# is kept at an unknown precision, and 0,0 without a place name is GDELT's "no place"
GEO_PRECISION = {"0": "", "1": "country", "2": "admin1", "3": "town", "4": "town",
                 "5": "admin1"}
GEO_METHOD = {
    "0": "GDELT states no kind of place; the point as given",
    "1": "only the country (GDELT's point for it, not drawn:",
    "2": "a US state: GDELT's point for it",
    "3": "a US city: the city's point",
    "4": "a city outside the US: the city's point",
    "5": "a state or province outside the US: GDELT's point for it",
}
# CAMEO's twenty root codes, and the codes of violence this map tells apart
CAMEO = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "05": "engage in diplomatic cooperation",
    "06": "engage in material cooperation", "07": "provide aid", "08": "yield",
    "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject",
    "13": "threaten", "14": "protest", "15": "exhibit force posture",
    "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
    "20": "use unconventional mass violence",
    "183": "conduct suicide, car, or other non-military bombing",
    "190": "use conventional military force", "193": "fight with small arms and light weapons",
    "194": "fight with artillery and tanks", "195": "employ aerial weapons",
    "1951": "employ precision-guided aerial munitions",
    "1952": "employ remotely piloted aerial munitions", "196": "violate ceasefire",
    "204": "use weapons of mass destruction",
}
STRIKE_CODES = frozenset({"183", "1831", "1832", "1833", "1834", "194", "195", "1951", "1952",
                          "204", "2041", "2042"})


def _cameo(code: pd.Series, root: pd.Series) -> pd.Series:
    """The words of an event's CAMEO code, or of its root code when the code has none here."""
    root = root.where(root != "", code.str[:2]).str.zfill(2)
    return code.map(CAMEO).fillna(root.map(CAMEO)).fillna("")


def _hosts(urls: pd.Series) -> pd.Series:
    found, distinct = pd.factorize(urls.to_numpy(dtype=object))
    hosts = [urlsplit(url).hostname or "" if url.startswith(("http://", "https://")) else ""
             for url in distinct]
    return pd.Series([hosts[i] for i in found], index=urls.index, dtype=object)


def _gdelt(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    kind = coded(out["geo_precision"], {})
    point = out["latitude"] + ", " + out["longitude"]
    country_only = kind == "1"
    nowhere = kind.isin(["", "0"]) & (out["place"].str.strip() == "") \
        & out["latitude"].str.fullmatch(r"\s*0*\.?0*\s*") \
        & out["longitude"].str.fullmatch(r"\s*0*\.?0*\s*")
    method = kind.map(GEO_METHOD).fillna("ActionGeo_Type '" + kind + "'")
    feature = out["gdelt_feature"].str.strip()
    out["geo_method"] = ("GDELT ActionGeo_Type " + kind + ": " + method
                         + (" " + point + ")").where(country_only, "")
                         + ("; feature " + feature).where(feature != "", ""))
    out["geo_precision"] = coded(out["geo_precision"], GEO_PRECISION)
    out.loc[country_only | nowhere, ["latitude", "longitude"]] = ""
    code = out["cameo_code"].str.strip()
    words = _cameo(code, out["cameo_root"].str.strip())
    out["category"] = pd.Series("other", index=out.index, dtype=object).mask(
        code.isin(STRIKE_CODES), "strike")
    out["subtype"] = slug(words)
    actors = joined(out["actor1"].str.strip(), out["actor2"].str.strip(), separator=" -> ")
    articles = out["gdelt_articles"].str.strip()
    out["description"] = joined(
        "GDELT event, coded by machine from the news: CAMEO " + code + " " + words,
        ("actors " + actors).where(actors != "", ""),
        (articles + " article(s)").where(articles != "", ""))
    out["incident_id"] = prefixed("gdelt-", out["incident_id"])
    out["source_name"] = "GDELT"
    hosts = _hosts(out["source_url"].str.strip())
    out["claimant"] = (hosts + " (the article GDELT coded)").where(hosts != "", "")
    out["date_precision"] = "day"
    return out


GDELT = Preset(
    name="gdelt", label="GDELT events",
    help="GDELT's event files (1.0 and 2.0, with or without their header row): the action's "
         "place at its ActionGeo_Type (country, state or city: never a site), SQLDATE as the "
         "day, the article as the source; the CAMEO code in the description, aerial, "
         "artillery and bombing codes as strikes. Events are matched on GLOBALEVENTID.",
    mapping={"incident_id": ("globaleventid",), "date_start": ("sqldate", "day"),
             "latitude": ("action_geo_lat",), "longitude": ("action_geo_long",),
             "place": ("action_geo_full_name",), "geo_precision": ("action_geo_type",),
             "source_url": ("sourceurl",), "cameo_code": ("event_code",),
             "cameo_root": ("event_root_code",), "actor1": ("actor1name",),
             "actor2": ("actor2name",), "gdelt_articles": ("num_articles",),
             "gdelt_feature": ("action_geo_feature_id",)},
    signature=(frozenset({"globaleventid", "action_geo_lat", "event_code"}),
               frozenset({"sqldate", "action_geo_lat", "event_root_code"})),
    extra_fields={"cameo_code": "CAMEO event code", "cameo_root": "CAMEO root code",
                  "actor1": "First actor", "actor2": "Second actor",
                  "gdelt_articles": "Articles (NumArticles)",
                  "gdelt_feature": "Place's feature id (ActionGeo_FeatureID)"},
    transform=_gdelt, identity=True, id_prefix="gdelt-",
    fixed={"claim_status": "reported"}, layouts=LAYOUTS,
)
