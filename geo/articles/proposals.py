"""Events -> proposed incidents: one per event and place, dated, merged, and rated.

Dates are read in the order of the text: an event's own words ("On August 8", "days
earlier") are resolved against the article's date and the event told before it; an event
whose clause names no time takes the time of the event told before it, or the article's
day and the night before. Two proposals of the same category at the same place with
overlapping dates are one incident told twice (their evidence is joined); a proposal placed
only at a country or a region is folded into one of the same category and time placed more
precisely inside it. What made the reading unsure lowers its confidence: "low" proposals are
held for review in the import preview.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from geo.articles.counts import Count, other_harm
from geo.articles.date_relative import lasted_since
from geo.articles.dates import DateContext, Interval, describe, unresolved
from geo.articles.events import Event
from geo.articles.places import Place
from geo.articles.plants import titled_by_town
from geo.articles.repeats import counted_apart, earlier, told_elsewhere
from geo.geocoding.results import Candidate, distance_km

MAIN_EVENT_DAYS = 14    # an event told with a wider interval does not set the article's time
KIND_ORDER = {"absolute": 0, "relative": 1, "anchored": 2, "vague": 3}
INHERITED_TIME = "its time is taken from the text before it"
NO_TIME = "no time is stated for it"
NAME_STEM = 4          # letters two spellings of one name share ("Afip", "Afipsky")
SPECIFICITY = {"country": 0, "admin1": 1, "admin2": 2, "town": 3, "site": 4}
AROUND_TOWN = 2.5      # "near Kursk": finer than the Kursk district, coarser than the town
CENTRE_KM = 5          # a district placed at its centre town: the same point
RAION_REACH_KM = 60    # a raion (since 2020 up to ~120 km across): its places lie this near
REPORT_DAY = re.compile(r",?\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,6}?(?:reported|said|announced|"
                        r"stated|confirmed|wrote|told)\b")
# "missiles since the beginning of this year, the governor said": a period, not the report's
SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+(?:beginning|start)\s+of\s+)?$", re.IGNORECASE)
# "... said on national television on April 23": up to three words between
REPORTED_ON = re.compile(r"\b(?:reported|said|announced|stated|confirmed|wrote|told)\s+"
                         r"(?:[\w-]+\s+){0,3}?(?:on\s+)?$")
TARGET_KINDS = (("airfield", "airfield"), ("air base", "airfield"), ("airport", "airfield"),
                ("warehouse", "military"), ("storage sites", "military"))


@dataclass
class Proposal:
    category: str
    subtype: str
    interval: Interval
    date_words: str                  # the time as written, '' when the clause names none
    place: Place
    events: list[Event]
    munitions: list[Count] = field(default_factory=list)
    casualties: list[Count] = field(default_factory=list)
    operator: str = ""
    speaker: str = ""
    doubts: list[str] = field(default_factory=list)
    # events are only ever added (_absorb): what is derived from them is kept with the count
    # it was derived at, so a long article's merging does not walk every event again and again
    _event_ids: set[int] = field(default_factory=set, compare=False, repr=False)
    _facilities: dict[str, None] = field(default_factory=dict, compare=False, repr=False)
    _kind: tuple[int, str] = field(default=(-1, ""), compare=False, repr=False)

    def __post_init__(self) -> None:
        events, self.events = self.events, []
        self.add_events(events)

    def add_events(self, events: list[Event]) -> None:
        for event in events:
            if id(event) not in self._event_ids:
                self._event_ids.add(id(event))
                self.events.append(event)
                if event.places:
                    self._facilities[event.places[0].ref.facility] = None

    @property
    def evidence(self) -> list[tuple[int, int]]:
        return sorted({(e.start, e.end) for e in self.events}
                      | {span for e in self.events for span in e.follow_ups})

    @property
    def confidence(self) -> str:
        if not self.interval.resolved or self.place.precision == "country" or \
                len(self.doubts) >= 2:
            return "low"
        return "medium" if self.doubts else "high"

    def target_kind(self) -> str:
        if self._kind[0] != len(self._facilities):
            words = " ".join(self._facilities).lower()
            self._kind = (len(self._facilities),
                          next((kind for word, kind in TARGET_KINDS if word.lower() in words),
                               ""))
        return self._kind[1]


def _date(event: Event, context: DateContext) -> tuple[Interval, str, str, str]:
    """(interval, the words as written, their kind, a doubt or '') of one event."""
    mentions = sorted((m for m in event.dates if m.kind != "ignored"),
                      key=lambda m: (_report_day(m, event), KIND_ORDER[m.kind], m.start))
    if event.repeat:
        return _earlier(event, mentions, context)
    if mentions:
        told = mentions[0].resolve(context)
        # a day taken from a sentence that tells no event: it may be when the fire the
        # attack set ended ("On September 3, a fire ... was extinguished after 16 days")
        since = lasted_since(event.time_words, told) if event.time_words else None
        return since or told, mentions[0].text, mentions[0].kind, ""
    told = context.main or context.anchor
    if told is not None and told.resolved:
        return (Interval(told.start, told.end, told.precision,
                         f"no time in its sentence: the time of the article's main event "
                         f"({describe(told)})"), "", "inherited",
                INHERITED_TIME)
    day = context.article_date
    if day is not None:
        return (Interval(day - dt.timedelta(days=1), day, "approximate",
                         f"no time in the text: the article's day ({day:%Y-%m-%d}) or the "
                         "night before"), "", "default", NO_TIME)
    return (unresolved("no time is stated and the article has no date; give its date"), "",
            "default", NO_TIME)


def _report_day(mention, event: Event) -> bool:
    """'On March 29, Centrenergo reported that ... during a recent attack', '..., the company
    reported on March 29': the day of the report, which the clause's own time of the event
    ('recent') goes before."""
    text, start = event.sentence.text, event.sentence.start
    before = text[:mention.start - start]
    return (REPORT_DAY.match(text[mention.end - start:]) is not None
            and not SINCE_BEFORE.search(before)) or REPORTED_ON.search(before) is not None


def _earlier(event: Event, mentions, context: DateContext) -> tuple[Interval, str, str, str]:
    """'It was the second time the depot had been hit in August': a strike in August before
    the one told just before (or before this clause's own time, when none was told)."""
    period = mentions[0].resolve(context) if mentions else None
    told = next((a for a in (context.anchor, context.main) if a is not None and a.resolved
                 and (a.end - a.start).days <= 2), None)
    if told is None:
        own, *_ = _date(replace(event, repeat=""), context)
        told, period = own, None
        day = context.article_date
        if own.resolved and (own.end - own.start).days > 2 and day is not None and \
                own.start <= day <= own.end:
            # "It was the fourth time this year that the centre was targeted": the count's
            # period, up to the article's day, not a strike told at the whole of it
            told, period = Interval(day, day, "day", f"the article's day ({day:%Y-%m-%d})"), own
    if not told.resolved:
        return told, event.repeat, "vague", ""
    return earlier(event.sentence.text[event.start - event.sentence.start:
                                       event.end - event.sentence.start], period, told), \
        event.repeat, "vague", ""


def date_events(events: list[Event], article_date: dt.date | None, year: int | None = None
                ) -> list[tuple[Event, Interval, str, str]]:
    """Each event with its interval, words and doubt, read in the order of the text.
    `year`: the article's year when only that is known ("date 2024-03")."""
    context = DateContext(article_date, year=year)
    dated = []
    for event in events:
        interval, words, kind, doubt = _date(event, context)
        dated.append((event, interval, words, doubt))
        if interval.resolved and kind != "vague":
            year = interval.end.year if "as written" in interval.how else context.year
            short = (interval.end - interval.start).days <= MAIN_EVENT_DAYS
            main = context.main or (interval if short and kind != "inherited" else None)
            context = DateContext(article_date, interval, year, main)
    return dated


def _doubts(event: Event, place: Place, doubt: str, interval: Interval) -> list[str]:
    doubts = list(event.doubts) + ([doubt] if doubt else [])
    if not place.ref.cued and place.ref.role == "target":
        doubts.append("the region is named, but no word ties the event to it")
    if place.precision == "country":
        doubts.append("only a country is given for it")
    if not interval.resolved:
        doubts.append(f"date not resolved: {interval.how}")
    return doubts


def propose(events: list[Event], article_date: dt.date | None, year: int | None = None
            ) -> list[Proposal]:
    proposals: list[Proposal] = []
    for event, interval, words, doubt in date_events(events, article_date, year):
        for place in event.places:     # events with no place still date those after them
            proposals.append(Proposal(
                event.category, event.subtype, interval, words, place, [event],
                list(event.munitions), list(event.casualties), event.operator, event.speaker,
                _doubts(event, place, doubt, interval)))
    return titled_by_town(told_elsewhere(town_into_its_site(fold(merge(proposals)))), _absorb)


def _same_time(a: Interval, b: Interval, words_a: str, words_b: str) -> bool:
    if a.resolved and b.resolved:
        return a.overlaps(b)
    return not a.resolved and not b.resolved and (
        words_a.lower() == words_b.lower() or not words_a or not words_b)


def _absorb(into: Proposal, other: Proposal) -> None:
    into.add_events(other.events)
    if other.place.named and not into.place.named and other.place.key == into.place.key:
        into.place = other.place
    into.munitions = into.munitions or other.munitions
    if not any(c.number for c in into.munitions) and any(c.number for c in other.munitions):
        into.munitions = other.munitions
    into.casualties = (into.casualties + other_harm(into.casualties, other.casualties)
                       if into.casualties else other.casualties)
    into.operator = into.operator or other.operator
    into.speaker = into.speaker or other.speaker
    if into.subtype == "unspecified" or {into.subtype, other.subtype} == {"missile", "drone"}:
        into.subtype = other.subtype if into.subtype == "unspecified" else "missile_and_drone"
    narrower = other.interval
    if other.date_words and narrower.resolved and into.interval.resolved \
            and narrower.start >= into.interval.start \
            and narrower.end <= into.interval.end and narrower != into.interval:
        into.interval, into.date_words = narrower, other.date_words or into.date_words
    into.doubts = min(into.doubts, other.doubts, key=len)


def _two_named(a: Place, b: Place) -> bool:
    """Two named facilities at one place ('a Nova Poshta terminal and an oil depot operated
    by SOCAR, in Odesa') are two incidents."""
    specific = {a.kind, b.kind} - {"", "any"}
    return a.named and b.named and len(specific) == 2


def _one_name(told: Proposal, place: Place) -> bool:
    """'the Sheskharis terminal' told in a proposal and 'the Sheskharis oil depot': one
    facility's two names, at one place."""
    return any(p.key == place.key and _words(p.ref.facility_name)
               and _words(place.ref.facility_name) and _same_name(p, place)
               for e in told.events for p in e.places)


def _apart(told: Proposal, other: Proposal) -> bool:
    return _two_named(told.place, other.place) and not _one_name(told, other.place)


def merge(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per incident told more than once: same category, place and time."""
    kept: list[Proposal] = []
    for proposal in proposals:
        twin = next((k for k in kept if k.category == proposal.category
                     and k.place.key == proposal.place.key
                     and k.target_kind() == proposal.target_kind()
                     and not _apart(k, proposal)
                     and _same_time(k.interval, proposal.interval, k.date_words,
                                    proposal.date_words)
                     and not counted_apart(k, proposal)), None)
        if twin is None and not proposal.date_words:
            twin = next((k for k in reversed(kept) if k.place.key == proposal.place.key), None)
            twin = twin if twin is not None and twin.category == proposal.category \
                and twin.target_kind() == proposal.target_kind() \
                and not _apart(twin, proposal) else None
        if twin is None:
            kept.append(proposal)
        else:
            _absorb(twin, proposal)
    return kept


def _specificity(place: Place) -> float:
    rank = SPECIFICITY.get(place.precision, 0)
    if place.site_id:
        return max(rank, 2)
    if place.around:
        return AROUND_TOWN
    return 2 if place.precision == "admin1" and "raion centre" in place.label else rank


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= NAME_STEM}


def _name_words(place: Place) -> set[str]:
    return _words(f"{place.ref.facility_name} {place.ref.operator}")


def _same_name(a: Place, b: Place) -> bool:
    """'Afip' and 'Afipsky', 'Ukrenergo' and 'Ukrainian Ukrenergo': one facility's names;
    'Ilsky' and 'Slavyansk' two. A facility with no name words is not another one, nor is
    one named for its town ('the Makhachkala refinery') against one named by its owner ('the
    refinery owned by Dagnotekh'): the text does not say they differ."""
    if not (_words(a.ref.facility_name) and _words(b.ref.facility_name)) and not (
            _words(a.ref.operator) and _words(b.ref.operator)):
        return True
    ours, theirs = _name_words(a), _name_words(b)
    return not ours or not theirs or any(
        x.startswith(y[:NAME_STEM]) and (x.startswith(y) or y.startswith(x))
        for x in ours for y in theirs)


def _same_facility(fine: Place, coarse: Place) -> bool:
    """A named facility (a site known only to its region) folds into a place of the same
    kind, or into a town the text names with no facility of another kind."""
    if not coarse.named:
        return True
    if fine.named and not _same_name(fine, coarse):
        return False                     # "the Ilsky and Slavyansk oil refineries": two
    if coarse.precision == "country":    # "DTEK Naftogaz energy facilities" in the gas region
        # "Azerbaijan's SOCAR facility in Ukraine" is the SOCAR depot told at its region
        return fine.kind == coarse.kind or {fine.kind, coarse.kind} <= {"", "any"} or (
            coarse.kind in ("", "any") and bool(_name_words(fine)) and bool(_name_words(coarse)))
    return fine.kind == coarse.kind or "" in (fine.kind, coarse.kind) or \
        "any" in (fine.kind, coarse.kind)


def _same_weapon(fine: str, coarse: str) -> bool:
    """'a FAB-1500 glide bomb on Kharkiv region' is not the same week's 'missile and drone
    strike on energy facilities in six regions', told at the country: one weapon, or one told
    without its weapon."""
    kinds = {fine, coarse} - {"unspecified", ""}
    return len(kinds) <= 1 or (kinds <= {"missile", "drone", "missile_and_drone"} and \
        "missile_and_drone" in kinds)


def _inside(small: Place, large: Place) -> bool:
    if small.country != large.country or not large.country:
        return False
    if large.precision == "admin2":
        return small.admin1 == large.admin1 and None not in (
            small.latitude, large.latitude) and distance_km(_point(small), _point(large)) \
            <= RAION_REACH_KM
    return large.precision == "country" or (small.admin1 and small.admin1 == large.admin1)


def _at_centre(town: Place, district: Place) -> bool:
    """The town a district is placed at ("the Kursk district": Kursk)."""
    return town.latitude is not None and district.latitude is not None and distance_km(
        _point(town), _point(district)) <= CENTRE_KM


def _point(place: Place) -> Candidate:
    return Candidate("place", "", "", place.latitude, place.longitude, place.precision)


def fold(proposals: list[Proposal]) -> list[Proposal]:
    """A proposal placed only at a country or a region goes into a more precise one of the
    same category and time inside it: the text names the wider area, then the place."""
    kept = list(proposals)
    for coarse in sorted(proposals, key=lambda p: _specificity(p.place)):
        if _specificity(coarse.place) >= SPECIFICITY["town"] or coarse not in kept:
            continue
        told_with = [p for p in kept if set(map(id, p.events)) & set(map(id, coarse.events))]
        # a district holds towns its point cannot tell (the Synelnykove raion rings Dnipro):
        # it folds only into a place told with it, or into its own centre town
        candidates = told_with + ([p for p in kept if _at_centre(p.place, coarse.place)]
                                  if coarse.place.precision == "admin2" else kept)
        finer = next((p for p in candidates if p is not coarse
                      and p.category == coarse.category
                      and _specificity(p.place) > _specificity(coarse.place)
                      and _inside(p.place, coarse.place)
                      and p.target_kind() == coarse.target_kind()
                      and _same_facility(p.place, coarse.place)
                      and (coarse.place.precision != "country"
                           or _same_weapon(p.subtype, coarse.subtype))
                      and _same_time(p.interval, coarse.interval, p.date_words,
                                     coarse.date_words)), None)
        if finer is not None:
            doubts = finer.doubts      # the place is the finer one's: so are its doubts
            _absorb(finer, coarse)
            finer.doubts = [d for d in doubts if not (coarse.date_words and d in (
                INHERITED_TIME, NO_TIME))]
            if coarse.place.site_id and not finer.place.site_id:
                finer.place = replace(finer.place, site_id=coarse.place.site_id,
                                      note=f"the site {coarse.place.label}, placed at the "
                                           f"place the text gives for it")
            kept.remove(coarse)
    return sorted(kept, key=lambda p: p.evidence[0])


def town_into_its_site(proposals: list[Proposal]) -> list[Proposal]:
    """'strikes on Kyiv, which damaged the Azerbaijani embassy': a register site known only
    by its town's point, told in the same clause as that town, is one incident, not the
    town's and the site's at one point."""
    kept = list(proposals)
    for town in proposals:
        if town.place.site_id or town.place.precision != "town":
            continue
        site = next((p for p in kept if p is not town and p.place.site_id
                     and p.place.precision == "town" and p.category == town.category
                     and set(map(id, p.events)) & set(map(id, town.events))
                     and _at_centre(town.place, p.place)
                     and _same_time(p.interval, town.interval, p.date_words,
                                    town.date_words)), None)
        if site is not None:
            _absorb(site, town)
            kept.remove(town)
    return kept
