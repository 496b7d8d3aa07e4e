"""The words a file's category (event type) column may hold, in English, Ukrainian, Russian,
German and French, and the category each means ('Luftangriff', 'frappe aérienne',
'авіаудар': strike). A word that names the weapon gives the subtype too ('Drohnenangriff': a
drone strike), for a row whose own subtype column is empty.

Words are compared folded (`fold`): lower case, accents and '_' / '-' as spaces, so that
'Frappe aerienne', 'frappe_aérienne' and 'FRAPPE AÉRIENNE' are one word.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

STRIKE = "strike"
# word: (category, subtype); the subtypes are those articles give (geo.articles.counts)
EVENT_WORDS: dict[str, tuple[str, str]] = {
    # English
    "attack": (STRIKE, ""), "air strike": (STRIKE, "airstrike"),
    "airstrike": (STRIKE, "airstrike"), "air raid": (STRIKE, "airstrike"),
    "bombing": (STRIKE, "airstrike"), "drone strike": (STRIKE, "drone"),
    "drone attack": (STRIKE, "drone"), "uav attack": (STRIKE, "drone"),
    "missile strike": (STRIKE, "missile"), "missile attack": (STRIKE, "missile"),
    "rocket attack": (STRIKE, "missile"), "shelling": (STRIKE, "shelling"),
    "artillery shelling": (STRIKE, "shelling"), "blast": (STRIKE, ""),
    "explosion": (STRIKE, ""),          # English, German and French
    # Ukrainian
    "удар": (STRIKE, ""), "атака": (STRIKE, ""), "авіаудар": (STRIKE, "airstrike"),
    "авіаційний удар": (STRIKE, "airstrike"), "бомбардування": (STRIKE, "airstrike"),
    "атака дронів": (STRIKE, "drone"), "атака бпла": (STRIKE, "drone"),
    "удар дронів": (STRIKE, "drone"), "удар бпла": (STRIKE, "drone"),
    "ракетний удар": (STRIKE, "missile"), "ракетна атака": (STRIKE, "missile"),
    "обстріл": (STRIKE, "shelling"), "артобстріл": (STRIKE, "shelling"),
    "вибух": (STRIKE, ""),
    # Russian
    "авиаудар": (STRIKE, "airstrike"), "авиационный удар": (STRIKE, "airstrike"),
    "бомбардировка": (STRIKE, "airstrike"), "атака дронов": (STRIKE, "drone"),
    "удар дронов": (STRIKE, "drone"), "ракетный удар": (STRIKE, "missile"),
    "ракетная атака": (STRIKE, "missile"), "обстрел": (STRIKE, "shelling"),
    "артобстрел": (STRIKE, "shelling"), "взрыв": (STRIKE, ""),
    # German
    "angriff": (STRIKE, ""), "luftangriff": (STRIKE, "airstrike"),
    "bombenangriff": (STRIKE, "airstrike"), "bombardierung": (STRIKE, ""),
    "drohnenangriff": (STRIKE, "drone"), "drohnenschlag": (STRIKE, "drone"),
    "raketenangriff": (STRIKE, "missile"), "raketenschlag": (STRIKE, "missile"),
    "beschuss": (STRIKE, "shelling"), "artilleriebeschuss": (STRIKE, "shelling"),
    # French
    "attaque": (STRIKE, ""), "frappe": (STRIKE, ""),
    "frappe aérienne": (STRIKE, "airstrike"),
    "bombardement": (STRIKE, ""),       # by guns or from the air: the word does not say
    "attaque de drone": (STRIKE, "drone"), "attaque de drones": (STRIKE, "drone"),
    "frappe de drone": (STRIKE, "drone"), "frappe de drones": (STRIKE, "drone"),
    "frappe de missile": (STRIKE, "missile"), "frappe de missiles": (STRIKE, "missile"),
    "attaque de missile": (STRIKE, "missile"), "attaque de missiles": (STRIKE, "missile"),
    "tir de missile": (STRIKE, "missile"), "pilonnage": (STRIKE, "shelling"),
}
EXAMPLES = ("air strike", "обстріл", "Luftangriff", "frappe aérienne")


def fold(word: str) -> str:
    """'Frappe_Aérienne' -> 'frappe aerienne'; 'Авіаудар' -> 'авіаудар' folded the same way."""
    text = unicodedata.normalize("NFKD", str(word).replace("_", " ").replace("-", " "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


FOLDED = {fold(word): meaning for word, meaning in EVENT_WORDS.items()}


CATEGORY_OF = {word: category for word, (category, _) in FOLDED.items()}
HELP = "or an event word such as " + ", ".join(f"'{w}'" for w in EXAMPLES)


def subtypes_named(words: pd.Series) -> pd.Series:
    """The subtype each category word names ('' when it names none), each distinct word
    folded once (a 100,000-row file holds a handful)."""
    codes, uniques = pd.factorize(words.to_numpy(dtype=object))
    named = np.array([FOLDED.get(fold(word), ("", ""))[1] for word in uniques] + [""],
                     dtype=object)   # the last for code -1 (no value)
    return pd.Series(named[codes], index=words.index, dtype=object)
