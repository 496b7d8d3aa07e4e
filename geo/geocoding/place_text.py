"""Place text as analysts paste it, taken apart: "Orlivka (Odesa region)", "Stepanivka village",
"Donetsk International airport", "oil depot in Odesa region".

`parse_place` finds qualifiers ("city", "village", "region", "raion": the level of the answer
asked for), facility words ("refinery", "TPP", "airport", "border checkpoint": a kind of site)
and context ("X, Y" / "X (Y)" / "X in Y"). `site_core` and `site_key` file a named site under
its kind and its name without kind words, the same way on the index side and the query side.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from geo.geocoding.around import says_around, without_around_words, without_possessive
from geo.geocoding.normalize import normalize_name

LEVEL_WORDS = {
    "place": ("city", "town", "village", "vilage", "settlement", "urban type settlement",
              "urban settlement", "rural type settlement", "rural settlement", "smt", "pgt",
              "selo", "selyshche", "posyolok", "poselok",
              "khutir", "khutor", "hamlet", "city of", "town of", "village of", "settlement of"),
    "admin1": ("oblast", "obl", "region", "province", "krai", "kray", "republic", "okrug",
               "autonomous okrug", "oblisi", "voblasc", "region of", "oblast of", "province of",
               "autonomous republic of", "republic of"),
    "admin2": ("raion", "rayon", "district", "hromada", "gromada", "community",
               "territorial community", "amalgamated territorial community", "otg",
               "municipality", "district of"),
}
FACILITY_WORDS = {
    "refinery": ("oil refinery", "refinery", "npz", "oil processing plant", "oil plant",
                 "oil products plant",           # "Novoshakhtinsk Oil Products Plant"
                 "petrochemical complex", "petrochemical plant", "refining complex"),
    "oil_depot": ("oil depot", "fuel depot", "petroleum depot", "oil storage", "fuel storage",
                  "tank farm", "depot", "naftobaza", "neftebaza"),
    "gas_distribution_station": ("gas distribution station", "gas metering station",
                                 "metering station", "gas station", "compressor station", "gds",
                                 "grs"),
    "power_plant": ("thermal power plant", "nuclear power plant", "nuclear power station",
                    "nuclear plant", "nuclear facility", "nuclear station",
                    "hydroelectric power plant", "power plant", "power station", "tpp", "chpp",
                    "chp",
                    "tets", "tes", "hpp", "npp", "gres"),
    "port": ("sea port", "seaport", "oil terminal", "terminal", "harbour", "harbor", "port"),
    "office": ("headquarters", "office", "hq"),
    "embassy": ("embassy", "consulate"),
    "airport": ("international airport", "airport", "airfield", "aerodrome", "air base",
                "airbase", "military airfield", "heliport", "airdrome"),
    "railway_station": ("railway station", "train station", "rail station", "railway junction",
                        "railway hub"),
    "border_post": ("border crossing point", "border checkpoint", "border crossing",
                    "border post", "checkpoint", "crossing point"),
    "monument": ("monument", "memorial"),
    "mine": ("coal mine", "mine", "colliery"),
    "dam": ("dam",),
    "bridge": ("bridge",),
    "hospital": ("hospital",),
    "island": ("island", "isle"),
    "hill": ("hill", "height", "mound", "mount"),
    "any": ("facility", "infrastructure", "installation", "plant", "station", "site"),
}
# GeoNames feature codes of named sites -> the kind a text must name to find them
SITE_KIND_OF_FEATURE = {
    "AIRP": "airport", "AIRF": "airport", "AIRB": "airport", "AIRH": "airport",
    "PS": "power_plant", "PSH": "power_plant", "PSN": "power_plant", "PP": "power_plant",
    "RSTN": "railway_station", "RSTP": "railway_station", "PSTB": "border_post",
    "MNMT": "monument", "DAM": "dam", "BDG": "bridge", "OILR": "refinery", "PRT": "port",
    "MN": "mine", "MNC": "mine", "HSP": "hospital", "OILT": "oil_depot", "TNKD": "oil_depot",
    "ISL": "island", "HLL": "hill", "MT": "hill", "PK": "hill",
}
# islands and hills: sites of no town, kilometres wide, found by their own names too
NATURAL_KINDS = ("island", "hill")
NATURAL_FEATURES = tuple(code for code, kind in SITE_KIND_OF_FEATURE.items()
                         if kind in NATURAL_KINDS)
SITE_FILLERS = {"international", "imeni", "named", "after", "im", "mizhnarodnyi",
                "mezhdunarodnyi", "aeroport", "aeroportu", "stantsiia", "stantsiya", "stancija",
                "punkt", "propusku", "prykordonnyi", "zaliznychna", "kpp", "kpvv",
                "ostriv", "ostrov", "hora", "gora"}   # GeoNames' "Ostriv Zmiinyi", "Hora ..."
FILLER_WORDS = {"the", "a", "an", "of", "oil", "gas", "fuel", "energy"}
SPLITTERS = re.compile(r" (in|near|at|outside) ", re.IGNORECASE)
# "Kyiv - Pecherskyi", "Donetsk – Kirovskyi": a town, then a part of it (a dash with spaces
# round it, or an en/em dash; "Ivano-Frankivsk" keeps its hyphen)
QUARTER_DASH = re.compile(r"\s+-\s+|\s*[\u2013\u2014]\s*")
# "Kievsky district of Donetsk" is "Kievsky district, Donetsk"; "Saltivka area of Kharkiv" is
# "Kharkiv - Saltivka" (a part of the town, or the town)
PART_OF = re.compile(r"^\s*(?:the\s+)?(?P<part>(?:[^\s,;()/]+\s+){0,2}?[^\s,;()/]+)\s+"
                     r"(?P<word>district|raion|rayon|area|neighbou?rhood|microdistrict|"
                     r"mikrorayon|quarter|suburb)\s+of\s+(?:the\s+)?(?P<town>[^,;()]+)"
                     r"(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
BRACKETS = str.maketrans("[]", "()")
# a hromada (geo.geocoding.hromadas) said with its kind: "miska hromada", "silska hromada"
COMMUNITY_QUALIFIERS = frozenset({"hromada", "gromada", "community", "territorial community",
                                  "otg", "amalgamated territorial community"})
# the words around a hromada's core name, in every romanisation GeoNames lists: "Mylivska
# Terytorialna Hromada", "Kupianska miska hromada", "Potiivs'ka sil's'ka gromada"
COMMUNITY_WORDS = re.compile(
    r"\b(?:terytorialna|teritorialna|terytorialnoi|hromada|hromady|gromada|miska|silska|"
    r"selyshchna|selishhna|selyshna|urban|rural|settlement|village|amalgamated|united|"
    r"territorial|community|obiednana|obyednana|obednana|obiednanoi|otg|obshhina|obshchina|"
    r"selskaja|gorodskaja|poselkovaja|rada|miskrada|silrada)\b")
RAION_WORDS = frozenset({"district", "raion", "rayon"})   # the others name a part of a town


def _phrase_pattern(phrases, template: str = r"\b(?:{})\b") -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(template.format("|".join(re.escape(p) for p in ordered)))


LEVEL_OF = {word: level for level, words in LEVEL_WORDS.items() for word in words}
LEADING = _phrase_pattern([w for w in LEVEL_OF if w.endswith(" of")], r"^({}) (?=\S)")
# a settlement's kind written before its name, as Ukrainian and Russian write it ('м. Київ',
# 'смт Козача Лопань', 'с. Степанівка', 'г. Белгород', 'пгт', 'д.', 'пос.'), transliterated
SETTLEMENT_PREFIXES = ("m", "s", "g", "h", "d", "smt", "pgt", "sel", "pos", "selo", "selyshche",
                       "misto", "gorod", "horod", "poselok", "posyolok", "derevnia", "derevnya",
                       "khutir", "khutor")
SETTLEMENT_LEADING = _phrase_pattern(SETTLEMENT_PREFIXES, r"^({}) (?=\S)")
TRAILING = _phrase_pattern([w for w in LEVEL_OF if not w.endswith(" of")], r"(?<=\S) ({})$")
FACILITY_KIND = {phrase: kind for kind, phrases in FACILITY_WORDS.items() for phrase in phrases}
FACILITY_PATTERN = _phrase_pattern(FACILITY_KIND)
ALL_LEVELS = ("admin2", "admin1", "place")


@dataclass(frozen=True)
class PlaceText:
    """A pasted place string taken apart. `name` is normalised, qualifiers removed."""

    name: str
    level: str = "any"                 # any | place | admin1 | admin2
    facility: str | None = None        # a site kind, "any" for a generic word, or None
    context: tuple[PlaceText, ...] = ()
    near: bool = False                 # "near Kharkiv", "south of Kharkiv": around the place
    full: str = ""                     # the whole text normalised
    head: str = ""                     # the text before any ", Y" / "(Y)" / " in Y", normalised
    qualifier: str = ""                # the level word as written: "village", "town", "raion"
    quarter: str = ""                  # "X - Y": Y, a part of the town X, normalised
    alternatives: tuple[str, ...] = ()  # "Snake Island/Bile": the names after a slash


def strip_level(name: str, levels=ALL_LEVELS) -> tuple[str, str]:
    """'odesa oblast' -> ('odesa', 'admin1'); 'kiev city' -> ('kiev', 'place')."""
    core, level, _ = strip_qualifier(name, levels)
    return core, level


def strip_qualifier(name: str, levels=ALL_LEVELS) -> tuple[str, str, str]:
    """'stepanivka village' -> ('stepanivka', 'place', 'village'); 'm kyiv' (м. Київ) ->
    ('kyiv', 'place', 'm')."""
    for pattern in (TRAILING, LEADING, SETTLEMENT_LEADING):
        found = pattern.search(name)
        level = LEVEL_OF.get(found.group(1), "place") if found else ""
        if found and level in levels:
            word = found.group(1)
            return (name[:found.start()] + name[found.end():]).strip(), level, word
    return name, "any", ""


def _parse_part(text: str) -> PlaceText:
    full = normalize_name(without_possessive(text))
    name, facility = full, None
    found = FACILITY_PATTERN.search(name)
    if found:
        name, facility = FACILITY_PATTERN.sub(" ", name), FACILITY_KIND[found.group()]
    near = says_around(name)
    if near:
        name = without_around_words(name)
    words = [w for w in name.split() if w not in FILLER_WORDS] if facility else name.split()
    words = words[1:] if words[:1] == ["the"] and len(words) > 1 else words  # "the Kharkiv region"
    name, level, word = strip_qualifier(" ".join(words))
    if word in COMMUNITY_QUALIFIERS:   # "kupianska miska hromada": a town's community
        # "м. Первомайськ та Первомайська територіальна громада": the town and its hromada
        name = name.rpartition(" ta ")[2]
        name = community_core(name) or name
    return PlaceText(name, level, facility, (), near, full, full, word)


def community_core(normalised: str) -> str:
    """'kupianska miska' -> 'kupianska': a normalised name without the community words."""
    return " ".join(COMMUNITY_WORDS.sub(" ", normalised).split())


@functools.lru_cache(maxsize=50_000)
def parse_place(text: str) -> PlaceText:
    """'Orlivka (Odesa region)', 'Mykhailivka, Kherson', 'oil depot in Odesa region',
    'Kyiv - Pecherskyi' (a part of a town: `quarter`), ..."""
    # square brackets as round ones: "Berdyansk [Zaporizhzhya region]"
    text = _part_of_town_as_context(("" if text is None else str(text)).translate(BRACKETS))
    context = [c for c in re.findall(r"\(([^()]*)\)", text) if c.strip()]
    # a comma between digits is a decimal one ("1,5 km from Belgorod"), not a list's
    parts = re.split(r";|(?<!\d),|,(?!\d)", re.sub(r"\([^()]*\)", " ", text))
    main, *alternatives = parts[0].split("/")
    pieces = QUARTER_DASH.split(main, maxsplit=1)
    quarter = ""
    if len(pieces) == 2 and pieces[0].strip() and pieces[1].strip():
        main, quarter = pieces[0], normalize_name(pieces[1])
    context = [p for p in parts[1:] if p.strip()] + context
    head_words, *split = SPLITTERS.split(f" {main.strip()} ", maxsplit=1)
    if split and head_words.strip():   # "Orlivka near Izmail": Orlivka, by Izmail
        main, context = head_words, [split[1], *context]
    head = _parse_part(main)
    parts = [_parse_part(c) for c in context]
    if split and head_words.strip() and split[0].lower() in ("near", "outside"):
        parts[0] = replace(parts[0], near=True)   # "oil depot near Luhansk": around it
    level_words = [p for p in parts if p.full in LEVEL_OF]   # "Topoli (village)"
    if level_words and head.level == "any" and head.name:
        word = level_words[0].full
        head = replace(head, level=LEVEL_OF[word], qualifier=word)
        parts = [p for p in parts if p is not level_words[0]]
    return PlaceText(head.name, head.level, head.facility, tuple(parts), head.near,
                     normalize_name(text) if context or quarter else head.full, head.full,
                     head.qualifier, quarter,
                     tuple(a.strip() for a in alternatives if normalize_name(a)))


def _part_of_town_as_context(text: str) -> str:
    found = PART_OF.match(text)
    if found is None or SPLITTERS.search(f" {found['part']} ") or FACILITY_PATTERN.search(
            normalize_name(found["part"])):
        return text
    part, word, town, rest = found["part"], found["word"].lower(), found["town"], found["rest"]
    if word in RAION_WORDS:
        return f"{part} {word}, {town}{rest}"
    return f"{town} - {part}{rest}"


def site_core(normalized: str) -> str:
    """A site's name without its kind words: 'donetsk international airport' -> 'donetsk'."""
    words = FACILITY_PATTERN.sub(" ", normalized).split()
    return " ".join(w for w in words if w not in SITE_FILLERS and w not in FILLER_WORDS)


def site_key(kind: str, core_key: str) -> str:
    """The index key of a named site of `kind` whose name without kind words has `core_key`."""
    return f"#{kind}#{core_key}"

