"""What a sentence that tells no event sets for the one after it: "The situation in Kharkiv is
critical. CHP-5 was seriously damaged" (the town), "On September 3, a fire at an oil depot in
Proletarsk was extinguished after 16 days. Satellite images showed the aftermath of the
attack on the facility" (the day). Only the very next sentence takes it, and only what it
lacks: a time, or a place beyond its country. The month of an amount ("exported 3.22 million
tonnes in October") sets no time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geo.articles.date_rules import find_dates
from geo.articles.dates import DateMention
from geo.articles.events import Event
from geo.articles.places import Place
from geo.articles.sentences import Sentence

# "Novorossiysk exported 3.22 million tonnes of crude oil in October": a month's amount, not
# the time of what the next sentence tells
AMOUNT = re.compile(r"\b(?:export|import|produc|process|ship|handl|load|refin|pump|transport|"
                    r"transit|suppl)\w*\b(?:[^.;]|\.(?=\d)){0,80}?\b(?:tonnes|tons|barrels|bpd|cubic\s+met(?:er|re)s|"
                    r"bcm|kWh|MWh|GWh)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Scene:
    index: int                  # the sentence's
    towns: list[Place]
    dates: list[DateMention]
    text: str = ""              # its words, for what they say of its days ("after 16 days")


def scene_of(sentence: Sentence, places: list[Place], events: list[Event],
             ignore: tuple[tuple[int, int], ...]) -> Scene | None:
    """The towns and the days a sentence names, when it tells no event and is no heading."""
    if events or sentence.heading:
        return None
    towns = [p for p in places if p.ref.role == "target" and p.precision in ("town", "site")]
    days = [] if AMOUNT.search(sentence.text) else [
        m for m in find_dates(sentence.text, sentence.start, ignore) if m.kind == "absolute"]
    return Scene(sentence.index, towns, days, sentence.text) if towns or days else None


def set_by_scene(event: Event, scene: Scene | None, index: int) -> None:
    """An event of sentence `index` with no time takes the days of the scene just before it;
    a facility it names placed only at its country takes the scene's one town."""
    if scene is None or scene.index != index - 1:
        return
    if scene.dates and not any(m.kind != "ignored" for m in event.dates):
        event.dates, event.time_words = list(scene.dates), scene.text
        event.doubts.append("its time is the one the sentence before names")
    town = scene.towns[0] if len({p.key for p in scene.towns}) == 1 else None
    # a facility the sentence names but does not place; not an attack with no target named
    # ("Russia launched 13 drones against Ukraine" after "parts of the city of Sumy")
    if town is not None and event.places and all(
            p.precision == "country" and p.implied for p in event.places):
        ref = event.places[0].ref
        event.places = [replace(town, ref=ref, note=f"'{ref.text}' placed at {town.label}, "
                                                    "named in the sentence before")]
        event.placed_by = "the sentence before"
        event.doubts.append("placed at the town the sentence before names")
