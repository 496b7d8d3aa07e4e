"""Settlement names written with an English word for their first one: "New Korotich" is Novyi
Korotych, "Upper Toretske" Verkhnotoretske, "Great Novosilka" Velyka Novosilka. The word is
tried in the Ukrainian and Russian forms the gazetteer holds, in each gender, and joined as
a compound's first part."""

from __future__ import annotations

# English word -> (separate forms, Ukrainian then Russian; the compound's first part)
ENGLISH_WORDS = {
    "new": (("nova", "novyi", "nove", "novi", "novaya", "novyy", "novoye"), "novo"),
    "old": (("stara", "staryi", "stare", "stari", "staraya", "staryy", "staroye"), "staro"),
    "great": (("velyka", "velykyi", "velyke", "bolshaya", "bolshoy", "bolshoye"), "velyko"),
    "big": (("velyka", "velykyi", "velyke", "bolshaya", "bolshoy", "bolshoye"), "velyko"),
    "little": (("mala", "malyi", "male", "malaya", "malyy", "maloye"), "malo"),
    "small": (("mala", "malyi", "male", "malaya", "malyy", "maloye"), "malo"),
    "upper": (("verkhnia", "verkhnii", "verkhnie", "verkhnyaya", "verkhniy"), "verkhno"),
    "lower": (("nyzhnia", "nyzhnii", "nyzhnie", "nizhnyaya", "nizhniy"), "nyzhno"),
}


def translated_names(name: str) -> list[str]:
    """`name` (normalised) with its first word, if English, in the gazetteer's forms."""
    first, _, rest = name.partition(" ")
    if first not in ENGLISH_WORDS or not rest:
        return []
    separate, compound = ENGLISH_WORDS[first]
    return [f"{word} {rest}" for word in separate] + [compound + rest.replace(" ", "")]
