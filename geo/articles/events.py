"""What a sentence states happened: category, subtype, where, when (as written), with what,
to whom, and how sure the reading is.

A sentence is cut into clauses at semicolons, dashes, "while", "but", "and later", and at an
"and" that starts a clause of its own ("Six missiles hit the refinery and 2 missiles hit the
thermal power plant"). A clause with event words is an `Event` unless its wording says it is
not a report of one: a condition or a plan ("if", "would", "is scheduled to"), a habit
("regularly"), a denial, a question, or drones shot down with no damage said. Those are kept
as `Unproposed`, with the reason, so that nothing is dropped without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from geo.articles import lexicon as lx
from geo.articles.counts import Count, casualties, munitions, subtype
from geo.articles.date_rules import find_dates, listed_days, listed_months
from geo.articles.dates import DateMention
from geo.articles.places import Place
from geo.articles.repeats import told_again
from geo.articles.sentences import Sentence

# a dash before a list of months is no clause of its own ("targeted three other times — in
# September and March this year")
CLAUSE_BREAK = re.compile(r";\s+|\s+[—–]\s+(?!in\s+[A-Z][a-z]+\s+(?:and|\d{4}|this|last)\b)|"
                          r"\s+--\s+|,\s+(?:while|whereas|but)\s+|\s+but\s+|"
                          r",?\s+and\s+(?=(?:later|then|also|earlier)\s)|"
                          r",\s+(?=(?:the\s+same\s+\w+\s+)?where\s)|"
                          r"\s+and\s+the\s+(?=[\w\s]{0,40}\b(?:in|near|at)\s+[A-Z])|"
                          # "a March 30 attack, ..., and an attack on March 27 in which ..."
                          r",\s+and\s+(?=(?:an?|another)\s+(?:[\w-]+\s+)?(?:attack|strike|"
                          r"assault)\s+on\s+[A-Z])|"
                          # "in mid-April a drone crashed near the ZNPP, and in February it
                          # damaged the confinement of the Chornobyl NPP": a time of its own
                          r",\s+and\s+(?=(?:in|on|during)\s+(?:early\s+|mid-?\s*|late\s+)?"
                          r"(?:January|February|March|April|May|June|July|August|September|"
                          r"October|November|December)\b)")
AND_CLAUSE = re.compile(r",?\s+and\s+(?=(?:\d+|an?|another|the|its|two|three|four|five|six|"
                        r"several)\b[^,;]{0,60}?\b(?:hit|struck|attacked|targeted|landed|"
                        r"damaged|destroyed|shelled)\b)")
LOCATIVE_START = re.compile(r"\s*(?:in|inside|near|at|outside|on the outskirts of)\s",
                            re.IGNORECASE)
DIPLOMATIC_SUBTYPES = (("air ?space", "airspace_use"), ("ceasefire|truce", "ceasefire"),
                       ("declaration", "declaration"), ("agreement|treaty", "agreement"),
                       ("summit|talks|negotiations|met", "talks"),
                       ("summoned|expelled|recalled|protest", "protest"))
SECURITY_SUBTYPES = (("raid", "raid"), ("arrest", "arrest"), ("detain|detention", "detention"),
                     ("deport", "deportation"))


@dataclass
class Event:
    sentence: Sentence
    start: int                       # the clause's offsets in the article: the evidence
    end: int
    category: str
    subtype: str
    trigger: str
    places: list[Place] = field(default_factory=list)
    placed_by: str = "text"          # text | speaker's region | same sentence
    dates: list[DateMention] = field(default_factory=list)
    munitions: list[Count] = field(default_factory=list)
    casualties: list[Count] = field(default_factory=list)
    operator: str = ""
    speaker: str = ""
    doubts: list[str] = field(default_factory=list)   # why the reading is less sure
    follow_ups: list[tuple[int, int]] = field(default_factory=list)  # sentences adding to it
    repeat: str = ""                 # 'the second time': a strike before the one told
    time_words: str = ""             # the words its time was taken from, when not its clause


@dataclass(frozen=True)
class Unproposed:
    sentence: Sentence
    why: str


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence, in the sentence's own offsets."""
    cuts = sorted({m.start() for m in CLAUSE_BREAK.finditer(text)}
                  | {m.start() for m in AND_CLAUSE.finditer(text)})
    bounds, begin = [], 0
    for cut in cuts:
        if cut > begin:
            bounds.append((begin, cut))
        found = CLAUSE_BREAK.match(text, cut) or AND_CLAUSE.match(text, cut)
        begin = found.end() if found else cut
    bounds.append((begin, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


# a clause cut at "and the" ("... targeted the Kaniv plant in Cherkasy Oblast and the Dnister
# plant in Chernivtsi Oblast in late March") that tells no event of its own: another target,
# when it names the facility (not "and the refinery in Krasnodar", told again after)
AND_THE_BEFORE = re.compile(r"\band\s+the\s+$")
BACKGROUND_LEAD = re.compile(r"\s*(?:following|after|since|days\s+after)\s+(?:the|a|an|this|"
                             r"that)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|assaults?)\b"
                             r"[^,;]*,", re.IGNORECASE)


# "the port city of Chornomorsk, just outside Odesa": where the town before lies
LIES_NEAR = re.compile(r",\s*(?:just|right|immediately|some\s+[\d.]+\s*(?:km|kilometers|kilometres|"
                       r"miles))?\s*(?:outside|near|north|south|east|west|off)\b[^,;]*$",
                       re.IGNORECASE)


def _where_the_one_before_is(place: Place, here: list[Place], sentence: Sentence) -> bool:
    """A place 'near' a town told just before it, after a comma, says where that town is: it
    is no target of its own."""
    if not place.ref.near:
        return False
    start = sentence.start
    return any(other.ref.end <= place.ref.start and other.precision in ("town", "site")
               and not other.ref.near and LIES_NEAR.search(
                   sentence.text[other.ref.end - start:place.ref.start - start])
               for other in here)


def _another_target(event: Event, start: int, end: int, here: list[Place],
                    timed: list[DateMention]) -> Event:
    """The event of the clause before at the targets of a clause that only adds them; a
    time told after both is both's."""
    if timed and not any(m.kind != "ignored" for m in event.dates):
        event.dates = list(timed)
    return replace(event, start=start, end=end, places=list(here),
                   dates=list(timed) or list(event.dates), doubts=list(event.doubts),
                   follow_ups=[])


def _pick(text: str, table) -> str:
    return next((name for pattern, name in table if re.search(pattern, text, re.IGNORECASE)),
                "unspecified")


def classify(text: str) -> tuple[str, str, str] | None:
    """(category, subtype, trigger words) of a clause, or None when no event word is in it."""
    aviation = lx.AVIATION.search(text)
    if aviation:
        return "aviation", "aircraft_downing", aviation.group()
    strike, diplomatic = lx.STRIKE.search(text), lx.DIPLOMATIC.search(text)
    security, supply = lx.SECURITY.search(text), lx.SUPPLY.search(text)
    armed = subtype(text) != "unspecified"
    if diplomatic and re.match(r"air ?space", diplomatic.group(), re.IGNORECASE):
        return "diplomatic", "airspace_use", diplomatic.group()
    people = lx.PEOPLE.search(text) and not armed and not lx.FACILITY_PATTERN.search(text)
    if security and (not strike or people):
        return "security", _pick(text, SECURITY_SUBTYPES), security.group()
    if strike and strike.group().lower().startswith("target") and people:
        return "security", "targeting", strike.group()
    if strike:
        return "strike", subtype(text), strike.group()
    if diplomatic:
        return "diplomatic", _pick(text, DIPLOMATIC_SUBTYPES), diplomatic.group()
    if supply and not _energy_supply(text, supply.group()):
        return None
    if supply:
        words = supply.group().lower()
        kind = ("supply_halt" if re.search(r"halt|suspend|stop|interrupt", words) else
                "commissioning" if re.search(r"operation|commission", words) else "supply_start")
        return "infrastructure_event", kind, supply.group()
    return None


def _energy_supply(text: str, words: str) -> bool:
    """Supplies, pumping or transit halted are the energy's; halted operations or production
    only when the clause names energy ('Pulkovo Airport suspended operations' is no supply
    event; 'the refinery suspended operations' is)."""
    return not re.search(r"operation|production", words, re.IGNORECASE) or \
        bool(lx.ENERGY_WORDS.search(text))


def not_a_report(text: str, trigger: str) -> str:
    """Why a clause with event words is not the report of an event, or ''."""
    before = text[:max(text.lower().find(trigger.lower()), 0)]
    if text.rstrip().endswith("?"):
        return "a question"
    if re.match(r"\s*(?:if|unless|whether)\b", text, re.IGNORECASE) or \
            lx.HYPOTHETICAL.search(before):
        return "a condition, a plan or a risk, not a report of an event"
    if lx.HABITUAL.search(text) and not lx.LATEST.search(text):
        return "a habit or a series, not one event"
    at = text.lower().find(trigger.lower())
    if any(m.start() <= at < m.end() for m in lx.HISTORY.finditer(text)):
        return "the facility's history, given as background, not an event"
    if lx.DIPLOMATIC.fullmatch(trigger) and BACKGROUND.search(before):
        return "talks as the background of what is told, not an event"
    if lx.SCALE_OF_DAMAGE.search(before + " " + trigger):
        return "damage summed up, not one event"
    if lx.REKINDLED.search(text) and not any(kind.search(text) for _, kind in lx.SUBTYPES):
        return "the fire of a strike told before flaring up again, not a new strike"
    if lx.NEGATION.search(before + " " + trigger):
        return "denied or not said to have happened"
    if lx.INTERCEPTION.search(text) and not lx.DAMAGE.search(lx.INTERCEPTION.sub(" ", text)):
        return "munitions said to be shot down, with no damage said"
    return ""


# "Despite ongoing talks and Washington's push for peace, the war is intensifying"
BACKGROUND = re.compile(r"\b(?:despite|amid|amidst|in spite of)\s+(?:[\w'’-]+\s+){0,3}$",
                        re.IGNORECASE)
SUMMARY_CAUSE = re.compile(r"\b(?:due to|because of|as a result of|caused by)\b[^;]*$",
                           re.IGNORECASE)
SUMMARY_PLACES = 5


def _summary(text: str, trigger: str, places) -> bool:
    """'Power outages have occurred in Dnipropetrovsk, Donetsk, Kyiv, ... oblasts due to
    attacks and combat activities': a tally of outages by region, not one incident in each."""
    cause = SUMMARY_CAUSE.search(text)
    return bool(cause and trigger.lower() in cause.group().lower()
                and lx.CONSEQUENCE.search(text[:cause.start()] + " ")
                and len(places) >= SUMMARY_PLACES)


def _figurative(category: str, kind: str, text: str, dates, harm) -> bool:
    """A strike word with no weapon, target facility, damage, harm or time named: "sharp
    attacks on Moscow are coming from ..." is a figure of speech, not an event."""
    return category == "strike" and kind == "unspecified" and not harm and not dates and \
        not lx.FACILITY_PATTERN.search(text) and not lx.DAMAGE.search(text) and \
        not lx.CONSEQUENCE.search(text)


def read_sentence(sentence: Sentence, places: list[Place], speaker: str,
                  ignore: tuple[tuple[int, int], ...] = ()) -> tuple[list[Event], list[Unproposed]]:
    """The events of one sentence; `places` are its resolved places (targets and
    jurisdictions), `speaker` the source it attributes its words to. A clause that names no
    place takes the places (and, if it names no time, the time) of the clause before it, or
    of the clause after it that tells no event of its own ("... a refinery -- inside UKRAINE")."""
    targets = [p for p in places if p.ref.role == "target"]
    jurisdictions = [p for p in places if p.ref.role == "jurisdiction"]
    parts = []
    masked = sentence.text
    for a, b in ignore:                       # publication dates: not counts, not times
        if a < sentence.end and sentence.start < b:
            lo, hi = max(a, sentence.start) - sentence.start, min(b, sentence.end) - sentence.start
            masked = masked[:lo] + " " * (hi - lo) + masked[hi:]
    for a, b in clauses(masked):
        start, end = sentence.start + a, sentence.start + b
        text = masked[a:b]
        inside = [p for p in targets if start <= p.ref.start < end]
        parts.append((start, end, text,
                      [p for p in inside if not _where_the_one_before_is(p, inside, sentence)],
                      find_dates(text, start, ignore), classify(text)))
    events, skipped = [], []
    said: list = []                       # the time words of the clauses before
    for i, (start, end, text, here, dates, found) in enumerate(parts):
        timed = [m for m in dates if m.kind != "ignored"]
        said = timed or said
        if found is None and events and events[-1].sentence is sentence and any(
                p.ref.facility_name or p.site_id for p in here) and \
                AND_THE_BEFORE.search(masked[:start - sentence.start]):
            events.append(_another_target(events[-1], start, end, here, timed))
            continue
        if found is None:
            continue
        category, kind, trigger = found
        harm = casualties(text)
        why = not_a_report(text, trigger) or ("no weapon, target, damage or time is named: a "
                                              "figure of speech?" if _figurative(
                                                  category, kind, text, dates, harm) else "") \
            or (f"outages tallied for {len(here)} regions: a summary, not one incident "
                "each" if _summary(text, trigger, here) else "")
        if why:
            skipped.append(Unproposed(sentence, f"'{trigger}': {why}"))
            continue
        lead = BACKGROUND_LEAD.match(text)
        if lead and any(p.ref.start >= start + lead.end() for p in here):
            # "Following the attack on Dnipro HPP, Russian troops targeted the Kaniv plant":
            # the attack before is what this one follows, not its target
            here = [p for p in here if p.ref.start >= start + lead.end()]
            trigger = lx.STRIKE.search(text, lead.end()).group() if lx.STRIKE.search(
                text, lead.end()) else trigger
        effect = lx.EFFECT_START.search(text)
        if effect and any(p.ref.start < start + effect.start() and p.precision != "country"
                          for p in here):      # a country before it places nothing
            here = [p for p in here if p.ref.start < start + effect.start()]
        halted = lx.TRAVEL_HALTED.search(text)
        if halted:
            here = [p for p in here if p.ref.start < start + halted.start()]
        named = [p for p in here if not p.implied or p.named]
        event = Event(sentence, start, end, category, kind, trigger, named, "text", dates,
                      munitions(text), harm, speaker=speaker)
        before = next((p for p in reversed(parts[:i]) if p[3]), None)
        after = next((p for p in parts[i + 1:] if p[3] and p[5] is None
                      and LOCATIVE_START.match(p[2])), None)
        donor = before or after
        if not event.places and donor is None:
            event.places = here
        if not event.places and donor is not None:
            event.places, event.placed_by = list(donor[3]), "same sentence"
        if not timed:
            event.dates = list(said) or ([m for m in donor[4] if m.kind != "ignored"]
                                         if donor is not None else [])
        vague = all(p.precision == "country" for p in event.places)
        if vague and jurisdictions and all(j.country in {p.country for p in event.places}
                                           or not event.places for j in jurisdictions):
            event.places, event.placed_by = list(jurisdictions), "speaker's region"
            event.doubts.append("placed in the region of the official who reports it; "
                                "the text does not say where it happened")
        if sentence.heading:
            event.doubts.append("read from a title or caption")
        days = (listed_days(text, start) or listed_months(text, start)) if timed else []
        events += [replace(event, dates=[day], doubts=list(event.doubts)) for day in days] \
            or [event]                  # "attacks on March 22 and 29": one attack each day
        counted = told_again(text) if category == "strike" else ""
        if counted:
            events.append(replace(event, repeat=counted, doubts=[
                *event.doubts, f"a strike before the one told, known only from '{counted}'"]))
    return events, skipped


__all__ = ["Event", "Unproposed", "classify", "clauses", "not_a_report", "read_sentence"]
