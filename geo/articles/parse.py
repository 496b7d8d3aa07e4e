"""An article -> proposed incidents, in order: metadata, sentences, places, events, dates,
proposals. `parse_article` is the one entry point; the CLI verb `parse` and the Import page
both call it, and geo.articles.rows turns its result into import rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from geo.articles.attribution import speaker as find_speaker
from geo.articles.country_level import why_not_at_country
from geo.articles.counts import casualties, munitions, other_harm
from geo.articles.events import Event, Unproposed, read_sentence
from geo.articles.metadata import ArticleMeta, read_metadata, with_overrides
from geo.articles.place_context import (
    antecedent,
    country_place,
    kind_of,
    regional_capital,
    same_place,
)
from geo.articles.place_finder import find_places
from geo.articles.place_register import facility_kind, register_aliases
from geo.articles.places import PLACED, Place, PlaceResolver
from geo.articles.plants import read_plants
from geo.articles.proposals import SPECIFICITY, Proposal, propose
from geo.articles.scene import Scene, scene_of, set_by_scene
from geo.articles.sentences import Sentence, split_sentences
from geo.articles.text import ArticleText
from geo.geocoding.normalize import normalize_name
from geo.geocoding.results import Candidate, distance_km
from geo.settings import DATA_DIR

OPERATOR = re.compile(r"\b(?:under the (?:full )?control of|operated by|owned by|belonging to|"
                      r"run by)\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,3}(?P<who>[A-Z][\w&.\-]*"
                      r"(?:\s+[A-Z][\w&.\-]*){0,2})")
# "This is not the first time the refinery has been targeted. A previous drone attack occurred
# on 12 March": an attack with no place of its own that points back at the one told before
POINTS_BACK = re.compile(r"\b(?:previous|prior|earlier)\s+(?:[\w-]+\s+){0,2}(?:attack|strike)s?\b"
                         r"|\b(?:targeted|hit|struck|attacked)\s+(?:at\s+least\s+)?\w+\s+other\s+"
                         r"times\b"
                         r"|\bon the premises\b", re.IGNORECASE)
# "The incident occurred in ...": where the event told before happened
TOLD_WHERE = re.compile(r"\b(?:the|this)\s+(?:incident|attack|strike|explosion|blast|fire)\s+"
                        r"(?:occurred|happened|took\s+place)\b|"
                        # "this refinery in Nizhnekamsk plays a crucial role": where the
                        # refinery hit in the region told before is
                        r"\b(?:this|the\s+same)\s+(?:refinery|plant|depot|terminal|"
                        r"facility|station|substation)\s+(?:in|near|at)\s+(?-i:[A-Z])",
                        re.IGNORECASE)
MAX_FOLLOW_UP = 2     # sentences after an event whose counts or operator may belong to it
FAR_KM = 1500         # a small place this far from all others of the article: another of its name
FAMOUS = 100_000      # people: a place this big is meant even far from the others
TITLE_CASE = 0.6      # share of capitalised words that makes a heading Title Case


@dataclass
class ArticleParse:
    article: ArticleText
    meta: ArticleMeta
    sentences: list[Sentence]
    proposals: list[Proposal]
    unproposed: list[Unproposed]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.article.text.encode("utf-8")).hexdigest()

    def record(self) -> dict[str, str]:
        """What an import batch keeps of the article it came from."""
        meta = self.meta
        return {"title": meta.title, "publisher": meta.publisher, "author": meta.author,
                "date": f"{meta.date:%Y-%m-%d}" if meta.date else "",
                "date_found": meta.date_found, "url": meta.url, "sha256": self.sha256,
                "name": self.article.name}


def _title_case(sentence: Sentence, refs: list) -> list:
    """In a Title Case Heading every word is capitalised: its capitals name nothing, so no
    word before a facility is taken for the facility's name ('Drones Attack Oil Refinery')."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", sentence.text) if len(w) > 3]
    if sentence.heading and len(words) >= 3 and \
            sum(w[0].isupper() for w in words) >= TITLE_CASE * len(words):
        for ref in refs:
            ref.facility_name = ""
    return refs


def _pipelines_are_no_towns(refs_by_sentence: list[list]) -> list[list]:
    """A name the article gives a pipeline ('the Druzhba pipeline') is the pipeline's
    wherever it stands alone ('a filling point in Druzhba'), not a town called so."""
    names = {normalize_name(ref.facility_name) for refs in refs_by_sentence for ref in refs
             if ref.facility_name and "pipeline" in ref.facility.lower()}
    kept = []
    for refs in refs_by_sentence:
        kept.append([])
        for ref in refs:
            parts = [p for p in ref.parts if normalize_name(p.name) not in names]
            if parts or not ref.parts or ref.facility or ref.site_id:
                ref.parts = parts
                kept[-1].append(ref)
    return kept


def _countries(refs_by_sentence, resolver: PlaceResolver) -> list[str]:
    """The countries the article names, most named first: a name found only elsewhere is
    looked for in these."""
    named = Counter(resolver.country_of(part.name) for refs in refs_by_sentence for ref in refs
                    for part in [*ref.context, *ref.parts])
    named.pop("", None)
    return [country for country, _ in named.most_common()]


def _regions(refs_by_sentence, resolver: PlaceResolver) -> list[str]:
    """The regions the article names as such ("in Crimea", "the Smolensk region"), most
    named first: a namesake outside them is looked for in these."""
    named = Counter(part.name for refs in refs_by_sentence for ref in refs
                    for part in [*ref.context, *ref.parts]
                    if part.level == "admin1" or (part.level == "any" and resolver.is_region(
                        part.name)))
    return [region for region, _ in named.most_common()]


def _home_country(refs_by_sentence, resolver: PlaceResolver) -> str | None:
    """The country most of the article's named places lie in: where a facility the text does
    not place is ("Russian forces struck a DTEK power plant" in a text of Kyiv, Dnipro and
    Kaniv is in Ukraine, whichever country is named most as the attacker)."""
    found = Counter()
    for refs in refs_by_sentence:
        for ref in refs:
            part = (ref.parts or [None])[0]
            if part is None or resolver.country_of(part.name):
                continue
            # the country the text gives it ("the Southern Federal District of the Russian
            # Federation"): a name of that country only, not a namesake elsewhere
            result = resolver.geocode(part.name, resolver.hints(ref)[0])
            if result.status in PLACED and result.best is not None:
                found[result.best.country] += 1
    found.pop("", None)
    if found:
        return found.most_common(1)[0][0]
    return resolver.countries[0] if resolver.countries else None


HOME_TO = re.compile(r"^\W*(?:which is\s+|that is\s+)?(?:also\s+)?home to\b[^.;]{0,80}$",
                     re.IGNORECASE)


def _host_town(resolver: PlaceResolver, ref, places: list[Place], article: str
               ) -> Place | None:
    """'the town of Volgorechensk, home to ... the Kostroma Power Station': the facility is in
    the town, whatever place its name is ("Kostroma" is the region's capital)."""
    before = [p for p in places if p.ref.end <= ref.start and p.precision == "town"]
    if before and HOME_TO.match(article[before[-1].ref.end:ref.start]):
        return replace(same_place(resolver, ref, before[-1]),
                       note=f"'{ref.text}' placed at {before[-1].label}, which the text says "
                            "is home to it")
    return None


POINTING = re.compile(r"\b(?:[Tt]he same|[Tt]his|[Tt]hat|[Tt]he)\s+$")


GENERIC_HEADS = {"facility", "facilities", "site", "sites", "object", "objects", "enterprise",
                 "plant", "complex", "infrastructure", "target", "premises", "territory"}


def _generic_or_told(ref, told: list[Place]) -> bool:
    """'the facility' points at the last place told, whatever it was; 'the pipeline' only at
    a place told as a pipeline, not at the port named last."""
    head = (ref.facility or "").lower().split()[-1:]
    return not head or head[0] in GENERIC_HEADS or any(
        (p.ref.facility or "").lower().split()[-1:] == head for p in told)


def _told_in_its_region(resolver: PlaceResolver, ref, told: list[Place]) -> Place | None:
    """'the Nizhny Novgorod oil refinery' after the refinery in Kstovo, Nizhny Novgorod
    Oblast: a facility named for a region (and its capital) is the one of that kind told at
    a town of the region, not a second one in the capital ('the Saratov oil refinery' after
    'an oil refinery in the Saratov region' is still placed at Saratov)."""
    kind = facility_kind(ref.facility)
    if not ref.facility_name or ref.parts or kind in ("", "any"):
        return None
    region = resolver.geocoder.admin1_ids(normalize_name(ref.facility_name), None)
    same = [p for p in told if region and p.admin1 and p.precision in ("town", "site")
            and kind_of(resolver, p) == kind
            and resolver.geocoder.admin1_ids(normalize_name(p.admin1), p.country) & region]
    return replace(same_place(resolver, ref, same[-1]), note=(
        f"'{ref.text}' taken as {same[-1].label}, told before in the region it is named "
        "for")) if same else None


def _named_again(resolver: PlaceResolver, ref, told: list[Place]) -> Place | None:
    """A town named again with nothing around it ('in Oktyabrskoye, BPR' after 'the village
    of Oktyabrskoye, Belgorod Region') is the one told before, not a namesake elsewhere."""
    if len(ref.parts) != 1 or ref.parts[0].level != "any" or ref.facility or ref.site_id:
        return None
    name = normalize_name(ref.parts[0].name)
    before = next((p for p in reversed(told) if p.precision == "town" and not p.around
                   and p.ref.parts and normalize_name(p.ref.parts[0].name) == name
                   and len(p.ref.parts) > 1), None)
    return replace(same_place(resolver, ref, before), note=(
        f"'{ref.text}' taken as {before.label}, told before")) if before else None


def _short_for_told(resolver: PlaceResolver, ref, told: list[Place]) -> Place | None:
    """'Slavyansk', 'the (Slavyansk) plant' after the refinery of 'Sloviansk-on-Kuban'
    (Slavyansk-na-Kubani), 'Rostov' after Rostov-on-Don: the first word of a town's compound
    name, told before, is that town, not a namesake across the country (Slavyanka, Primorye)."""
    if ref.site_id or (ref.parts and (len(ref.parts) != 1 or ref.parts[0].level != "any")) \
            or not (ref.parts or ref.facility_name):
        return None
    name = normalize_name(ref.parts[0].name if ref.parts else ref.facility_name)
    before = next((p for p in reversed(told) if p.precision in ("town", "admin2")
                   and len(re.split(r"[-\s]+", p.label.split(",")[0])) > 1
                   and normalize_name(re.split(r"[-\s]+", p.label.split(",")[0])[0]) == name),
                  None)
    return replace(same_place(resolver, ref, before), note=(
        f"'{ref.text}' taken as {before.label}, told before, whose name it begins")) \
        if before else None


ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]{1,7}")


def _abbreviated(resolver: PlaceResolver, ref, told: list[Place]) -> Place | None:
    """'the ZNPP training center' after 'Zaporizhia Nuclear Power Plant (ZNPP)': the
    abbreviation the text gave a place is that place."""
    if ref.site_id or len(ref.parts) != 1 or not ABBREVIATION.fullmatch(ref.parts[0].name):
        return None
    spelt = re.compile(rf"\(\s*{re.escape(ref.parts[0].name)}\s*\)\s*$")
    before = next((p for p in reversed(told) if spelt.search(p.ref.text)), None)
    return replace(same_place(resolver, ref, before), note=(
        f"'{ref.text}' taken as {before.label}, the abbreviation the text gave it")) \
        if before else None


QUOTED_NAME = re.compile(r"[\"“«]([A-Z][\w-]{2,30})[\"”»]")


def _by_quoted_name(sentence: Sentence, places: list[Place], found: list[Event],
                    quoted_at: dict[str, Place], resolver: PlaceResolver) -> None:
    """'the oil refining enterprises "Taneko" and Taif-NK in Nizhnekamsk', then 'one of
    Russia's largest oil refineries, Taneko': a name the text quoted at one town, named again
    where only a country is given, is at that town."""
    local = {p.key: p for p in places if p.ref.role == "target"
             and p.precision in ("town", "site")}
    if found and len(local) == 1:
        for name in QUOTED_NAME.findall(sentence.text):
            quoted_at.setdefault(normalize_name(name), next(iter(local.values())))
    for event in found:
        if not quoted_at or not event.places or \
                any(p.precision != "country" for p in event.places):
            continue
        clause = sentence.text[event.start - sentence.start:event.end - sentence.start]
        words = {normalize_name(w) for w in re.findall(r"[A-Z][\w-]{2,30}", clause)}
        town = next((quoted_at[w] for w in words if w in quoted_at), None)
        if town is not None:
            ref = event.places[0].ref
            event.places = [replace(same_place(resolver, ref, town), note=(
                f"'{ref.text}' placed at {town.label}, where the text placed the name it "
                "gives it"))]
            event.placed_by = "the name told before"


def _in_the_one_town(resolver: PlaceResolver, ref, told: list[Place]) -> Place | None:
    """'the Luch thermal power plant', named for no place, in a report that has told of one
    town only (Belgorod): a facility of that town, not somewhere in the country."""
    local = [p for p in told if p.precision in ("town", "admin2") and not p.around]
    if not ref.facility_name or ref.parts or len({(p.latitude, p.longitude) for p in local}) \
            != 1 or facility_kind(ref.facility) in ("", "any"):
        return None
    town = local[-1]
    return replace(same_place(resolver, ref, town), note=(
        f"'{ref.text}' is named for no place: placed at {town.label}, the one town the text "
        "has told of"))


def _resolve(refs, resolver: PlaceResolver, told: list[Place],
             default_country: str | None, article: str) -> list[Place]:
    """The places of one sentence: named ones first, then bare facility words ("the thermal
    power plant") by a register site of that kind near a place of the same sentence, or the
    last place of that kind told before, or at least the country."""
    places: list[Place] = []
    for ref in [r for r in refs if r.parts or r.site_id]:
        place = _named_again(resolver, ref, told) or _short_for_told(resolver, ref, told) or \
            _abbreviated(resolver, ref, told) or resolver.resolve(ref, told[-1] if told else None)
        if place is not None:
            places.append(place)
    named_for = [resolver.facility_town(r) for r in refs if r.facility_name and not r.parts]
    places = _districts_by_their_neighbours(
        places, resolver, told[-1:] + [p for p in named_for if p is not None])
    located = next((p for p in places if p.precision != "country"), None)
    hint = (located.country, located.admin1) if located else (default_country or "", "")
    scene = next((p for p in places if p.precision != "country" and not p.ref.facility
                  and p.ref.role == "target"), None)     # "in Odesa, key targets included"
    for ref in [r for r in refs if not (r.parts or r.site_id)]:
        host = _host_town(resolver, ref, places, article) or _told_in_its_region(
            resolver, ref, told) or _short_for_told(resolver, ref, told)
        place = host or (resolver.resolve(ref, located, hint) if located else None)
        if scene is not None and (place is None or place.precision == "country"):
            place = same_place(resolver, ref, scene)
        pointing = POINTING.search(article[max(0, ref.start - 12):ref.start])
        pointed = bool(pointing) and (pointing.group().strip().lower() != "the"
                                      or _generic_or_told(ref, told))
        place = place or antecedent(resolver, ref, told, pointed) or \
            resolver.resolve(ref, None, hint)
        if (place is None or place.precision == "country") and not located:
            place = _in_the_one_town(resolver, ref, told) or place
        if place is not None:
            places.append(place)
    return sorted((replace(p, kind=kind_of(resolver, p)) for p in places),
                  key=lambda p: p.ref.start)


def _districts_by_their_neighbours(places: list[Place], resolver: PlaceResolver,
                                   around: list[Place]) -> list[Place]:
    """A district name many regions have ("the Krasnoarmeiskyi district"), its region not
    given, is the one of that name in the region of the sentence's other places, of a town a
    facility there is named for ("... home to the Volgograd oil refinery") or of the place
    told just before."""
    regions = [(p.country, p.admin1) for p in places + around
               if p.admin1 and p.precision in ("admin1", "town", "site")]
    kept = []
    for place in places:
        if place.precision == "admin2" and not place.around and \
                not resolver.hints(place.ref)[1]:
            place = next((found for country, admin1 in regions if admin1 != place.admin1
                          for found in [resolver.district_in(place.ref, country, admin1)]
                          if found is not None), place)
        kept.append(place)
    return kept


def _outliers(events: list[Event], resolver: PlaceResolver) -> list[Unproposed]:
    """A name the text gives no region or country for, found only thousands of km from every
    other place of the article ("the Russkaya station" -> a Russkiy in the Far East), is a
    different place of the same name: it is not used."""
    located = [p for e in events for p in e.places if p.latitude is not None]
    dropped = []
    for event in events:
        keep = []
        for place in event.places:
            alone = place.latitude is not None and not place.site_id and \
                place.population < FAMOUS and resolver.hints(place.ref) == ("", "")
            if alone:   # the others listed only for a suspect: for every place, quadratic
                others = [o for o in located if o.ref is not place.ref]
                alone = bool(others) and min(
                    distance_km(_point(place), _point(o)) for o in others) > FAR_KM
            if alone:
                dropped.append(Unproposed(event.sentence, f"'{place.ref.text}' found only as "
                                          f"{place.label}, far from every other place of the "
                                          "article: not used"))
            else:
                keep.append(place)
        event.places = keep
    return dropped


def _point(place: Place) -> Candidate:
    return Candidate("place", "", "", place.latitude, place.longitude, place.precision)


AIRSPACE = re.compile(r"\b([A-Z][\w\-]+)(?:’s|'s)?\s+air ?space|\bits\s+air ?space",
                      re.IGNORECASE)


def _airspace(event: Event, resolver: PlaceResolver, text: str) -> None:
    """'Azerbaijan allowed Israel to use its air space': the country whose air space it is."""
    clause = text[event.start:event.end]
    found = AIRSPACE.search(clause)
    names = [found.group(1)] if found and found.group(1) else []
    names += re.findall(r"\b[A-Z][\w\-]+", clause)
    for name in names:
        place = country_place(resolver, name, event.start, event.end, clause)
        if place is not None:
            event.places = [place]
            return


def _told_at(events: list[Event], places: list[Place]) -> Event | None:
    """The last of `events` told at one of `places`, or in its region."""
    regions = {(p.country, p.admin1) for p in places if p.admin1}
    keys = {p.key for p in places}
    return next((e for e in reversed(events) if any(
        p.key in keys or (p.country, p.admin1) in regions for p in e.places)), None)


def _follow_up(sentence: Sentence, recent: list[Event], places: list[Place]) -> None:
    """Counts, casualties or an operator in a sentence with no event of its own belong to the
    event told just before ("Four employees were injured."), unless the sentence names other
    places for them ("44 drones were shot down over the Bryansk region" after a fire in
    Voronezh, "5 drones in the Konakovo area" after the Moscow refinery)."""
    if not recent:
        return
    named = [p for p in places if p.ref.role == "target" and p.precision != "country"]
    near = sentence.index - recent[-1].sentence.index <= MAX_FOLLOW_UP
    last = recent[-1] if near and (not named or _told_at(recent[-1:], named)) else None
    harm, used = casualties(sentence.text), munitions(sentence.text)
    if last is not None and harm and not last.casualties:
        last.casualties = harm
        last.follow_ups.append((sentence.start, sentence.end))
    elif last is not None and other_harm(last.casualties, harm):
        # "One person was killed." then "... one person died and 13 injured": the injured too
        last.casualties = last.casualties + other_harm(last.casualties, harm)
        last.follow_ups.append((sentence.start, sentence.end))
    if last is not None and used and not any(c.number for c in last.munitions):
        last.munitions = used
        last.follow_ups.append((sentence.start, sentence.end))
    found = OPERATOR.search(sentence.text)
    if found and near:
        for event in recent:
            if sentence.paragraph - event.sentence.paragraph <= 2 * MAX_FOLLOW_UP:
                event.operator = event.operator or found.group("who")


def _placed_after(sentence: Sentence, recent: list[Event], places: list[Place]) -> None:
    """'The incident occurred in the immediate vicinity of the city of Belgorod.' after a
    fire at an energy facility in the Belgorod region: where that event was, told closer."""
    targets = [p for p in places if p.ref.role == "target" and p.precision != "country"]
    if not (recent and targets and TOLD_WHERE.search(sentence.text)) or \
            sentence.index - recent[-1].sentence.index > MAX_FOLLOW_UP:
        return
    last = recent[-1]
    finest = max((SPECIFICITY.get(p.precision, 0) for p in last.places), default=-1)
    if all(SPECIFICITY.get(p.precision, 0) > finest and any(
            p.country == q.country and (q.precision == "country" or p.admin1 == q.admin1)
            for q in last.places) for p in targets):
        last.places = targets
        last.follow_ups.append((sentence.start, sentence.end))


def _harm_elsewhere(sentence: Sentence, places: list[Place], recent: list[Event]
                    ) -> Event | None:
    """'A 66-year-old man was injured in the Synelnykivskyi district.' just after a strike
    on other places: the same attack, at another place."""
    harm = casualties(sentence.text)
    targets = [p for p in places if p.ref.role == "target" and p.precision != "country"]
    if not (harm and targets and recent) or recent[-1].category != "strike" or \
            sentence.index - recent[-1].sentence.index > MAX_FOLLOW_UP:
        return None
    last = recent[-1]
    if {p.key for p in targets} & {p.key for p in last.places}:
        return None                    # "Four employees were injured" there: a follow-up
    return Event(sentence, sentence.start, sentence.end, last.category, last.subtype,
                 harm[0].words, targets, casualties=harm, speaker=last.speaker,
                 doubts=["no attack word: the attack told just before, at another place"])


def _owned_and_dated(proposal: Proposal, resolver: PlaceResolver) -> bool:
    """"On the morning of December 25 the army struck DTEK's thermal power plants": one
    company's plants on a day the text names are one attack, however many plants."""
    def owned(ref) -> bool:
        return bool(ref.facility and (ref.operator or ref.owner or ref.facility_name or any(
            p.level == "any" and not resolver.country_of(p.name) for p in ref.context)))

    # a telling merged into the proposal may name the owner, with the day in its own words
    refs = [proposal.place.ref] + [p.ref for e in proposal.events for p in e.places
                                   if p.key == proposal.place.key and any(
                                       e.start <= d.start < e.end for d in e.dates)]
    return any(owned(ref) for ref in refs) and bool(proposal.date_words) and \
        proposal.interval.resolved and proposal.interval.precision == "day"


def _country_of_place(resolver: PlaceResolver, name: str) -> str:
    """The country of the town or region a name is ('Tatarstan': RU), '' for a country's or
    one the gazetteer reads only by similarity."""
    if resolver.country_of(name):
        return ""
    found = resolver.geocode(name)
    return found.best.country if found.status in ("exact", "alias") and found.best else ""


def _keep(proposal: Proposal, resolver: PlaceResolver) -> str:
    """'' to keep a proposal, else why not: a strike or arrest placed only at a country, on
    no named facility, is not an incident a map can hold."""
    place = proposal.place
    if place.precision == "country" and proposal.category in ("strike", "security") and \
            not place.named and not _owned_and_dated(proposal, resolver):
        # a strike on energy the text tells only at the struck country, on one day or night
        # (geo.articles.country_level), is a claim of its own; an arrest is not
        return why_not_at_country(proposal, functools.partial(_country_of_place, resolver)) \
            if proposal.category == "strike" else "only a country is named for it"
    return ""


def parse_article(article: ArticleText, geocoder, *, date: str | dt.date | None = None,
                  publisher: str | None = None, author: str | None = None,
                  title: str | None = None, url: str | None = None,
                  sites_csv: Path = DATA_DIR / "sites.csv",
                  plants_csv: Path = DATA_DIR / "context_power_plants.csv") -> ArticleParse:
    """Proposed incidents of one article. Values given here replace what the text says."""
    meta = with_overrides(read_metadata(article), date=date, publisher=publisher,
                          author=author, title=title, url=url)
    sentences = split_sentences(article.text)
    aliases, sites = register_aliases(sites_csv)
    refs = _pipelines_are_no_towns([_title_case(s, find_places(s.text, s.start, aliases,
                                                               article.text))
                                    for s in sentences])
    resolver = PlaceResolver(geocoder, sites, plants=read_plants(plants_csv))
    resolver.countries = _countries(refs, resolver)
    resolver.regions = _regions(refs, resolver)
    default_country = _home_country(refs, resolver)
    if default_country and default_country not in resolver.countries:
        # 'the airfields of Saky and Belbek' in a text naming only Russia (as the occupier)
        # and places in Crimea: a namesake is looked for where its places lie too
        resolver.countries.append(default_country)
    events: list[Event] = []
    unproposed: list[Unproposed] = []
    told: list[Place] = []
    quoted_at: dict[str, Place] = {}
    scene: Scene | None = None
    previous_speaker = ""
    for sentence, sentence_refs in zip(sentences, refs, strict=True):
        if any(a <= sentence.start and sentence.end <= b for a, b in meta.date_spans):
            continue
        places = _resolve(sentence_refs, resolver, told, default_country, article.text)
        said_by = find_speaker(sentence.text, previous_speaker)
        previous_speaker = said_by or previous_speaker
        found, skipped = read_sentence(sentence, places, said_by, meta.date_spans)
        unproposed += skipped
        harmed_elsewhere = None if found else _harm_elsewhere(sentence, places, events)
        if harmed_elsewhere is not None:
            found = [harmed_elsewhere]
        elif not found:
            _follow_up(sentence, events, places)
            _placed_after(sentence, events, places)
        operator = OPERATOR.search(sentence.text)
        for event in found:
            set_by_scene(event, scene, sentence.index)
            seat = regional_capital(resolver, event.places[0], article.text[
                event.start:event.end]) if event.placed_by == "speaker's region" else None
            if seat is not None:
                event.places, event.placed_by, event.doubts = [seat], "text", []
            event.operator = operator.group("who") if operator else next(
                (p.ref.operator for p in event.places if p.ref.operator), "")
            if not event.places and event.subtype == "airspace_use":
                _airspace(event, resolver, article.text)
            before = next((e for e in reversed(events) if e.places), None)
            if not event.places and before and event.category == before.category and (
                    event.repeat or POINTS_BACK.search(article.text[event.start:event.end])):
                event.places, event.placed_by = list(before.places), "the event before"
                event.doubts.append("placed where the attack told just before was")
            if not event.places:
                unproposed.append(Unproposed(sentence, f"'{event.trigger}': no place is "
                                                       "named for it"))
        _by_quoted_name(sentence, places, found, quoted_at, resolver)
        events += found
        told += [p for p in places if p.ref.role == "target" and p.precision != "country"]
        scene = scene_of(sentence, places, found, meta.date_spans)
    unproposed += _outliers(events, resolver)
    proposals = []
    for proposal in propose(events, meta.date, meta.year):
        why = _keep(proposal, resolver)
        if why:
            unproposed.append(Unproposed(proposal.events[0].sentence,
                                         f"'{proposal.events[0].trigger}': {why}"))
        else:
            proposals.append(proposal)
    return ArticleParse(article, meta, sentences, proposals, unproposed)
