"""The places a sentence names, with the part each plays, in three passes over its words.

1. Facilities: a facility word with the names before it and the places after it ("Russia’s
   Syzran oil refinery in the Samara region", "the Ilsky and Slavyansk oil refineries",
   "an oil depot belonging to SOCAR in Ukraine’s Odesa Oblast").
2. Other places: after a locative word or an attack verb ("in", "near", "hit"), a region or
   district named with its level word, the subject of "was attacked", and jurisdictions
   ("the governor of the Tambov region", "Rostov Governor ...").
3. Names and aliases of the site register found word for word ("Azerbaijan’s embassy in
   Kyiv" holds the alias "Azerbaijan embassy").
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.articles.lexicon import FACILITY_PATTERN
from geo.articles.place_spans import (
    DEMONYMS,
    JURISDICTION_WORDS,
    LOCATIVES,
    NEAR_TOKENS,
    TRIGGER_VERBS,
    Part,
    PlaceRef,
    Token,
    bearing_end,
    far_bearing,
    part_of,
    place_phrase,
    tokenize,
    words_of,
)
from geo.articles.place_tails import PASSIVE, left_names, tail_of, token_range
from geo.geocoding.normalize import normalize_name

OWNER_WORDS = {"company", "companies", "firm", "giant", "operator", "state", "state-owned"}
OWNED_HEADS = {"embassy", "consulate", "office", "headquarters"}   # "X’s embassy": X owns it
SPEAKERS = {"authorities", "officials", "sources", "residents", "media", "journalists",
            "experts", "analysts", "commentators", "bloggers", "diplomats"}   # who, not where
OFFICE_WORDS = {"city", "military", "state", "civil"}   # "Chernihiv City Military Administration"
TYPED = {"city", "town", "village", "settlement"}                       # "the city of Engels"
ATTACK_WORDS = {"attacked", "hit", "struck", "shelled", "targeted", "bombed", "attack", "fire",
                "under", "damaged", "destroyed"}
# "Russia’s overnight strike on the Odesa region": whose attack, not where the places are
ATTACK_NOUNS = {"strike", "strikes", "attack", "attacks", "assault", "shelling", "bombing",
                "bombardment", "barrage", "offensive", "invasion", "aggression"}
# "a region southeast of Moscow" is a whole region beside it, no place around it
WHOLE_REGIONS = {"region", "regions", "province", "provinces", "oblast", "republic", "krai"}
ATTACKER_GAP = 3     # words between the possessive and its attack noun ("massive drone")


def _facilities(tokens: list[Token], text: str, offset: int, used: set[int]) -> list[PlaceRef]:
    refs = []
    for found in FACILITY_PATTERN.finditer(text):
        a, b = token_range(tokens, offset + found.start(), offset + found.end())
        if any(i in used for i in range(a, b)):
            continue
        names, left = left_names(tokens, a, used)
        owned = [part_of(tokens, run) for run in names if tokens[run[1] - 1].possessive]
        names = [run for run in names if not tokens[run[1] - 1].possessive]
        owner = found.group().lower() in OWNED_HEADS and owned
        context = [] if owner else owned
        context += _demonyms(tokens, left)
        if left > 0 and tokens[left - 1].possessive and tokens[left - 1].word[:1].isupper():
            left -= 1
            context.append(Part(tokens[left].word, "any", tokens[left].start, tokens[left].end))
        k = b + 3 if (b + 2 < len(tokens) and tokens[b].word == "("
                      and tokens[b + 2].word == ")") else b
        tail = tail_of(tokens, k)
        last = max(tail.end, k) - 1
        for name in [words_of(tokens, *run) for run in names] or [""]:
            for place in tail.siblings or [None]:
                refs.append(PlaceRef(
                    tokens[left].start, tokens[last].end, "target",
                    ([place] if place else []) + tail.chain, context + tail.context,
                    found.group(), name, tail.near, operator=tail.operator,
                    owner=owned[0].name if owner else ""))
        used.update(range(left, last + 1))
    return refs


def _governed(parts: list[Part], title: str) -> list[Part]:
    """'the governor of Voronezh', 'Rostov Governor': a region; 'the mayor of X', 'the X City
    Military Administration': a town."""
    level = "place" if title.startswith("mayor") else "admin1"
    return [replace(p, name=p.name[:-len(" city")], level="place")
            if p.name.lower().endswith(" city") and p.level == "any"
            else replace(p, level=level) if p.level == "any" else p for p in parts]


def _demonyms(tokens: list[Token], left: int) -> list[Part]:
    """'Ukrainian power facilities', 'two Russian oil refineries': the country of the words
    just before a facility (not 'Azerbaijani company SOCAR’s oil depot': whose, not where)."""
    found, k = [], left - 1
    while k >= 0 and left - k <= 3:
        token = tokens[k]
        if token.low in DEMONYMS and tokens[k + 1].low not in OWNER_WORDS:
            found.append(Part(DEMONYMS[token.low], "country", token.start, token.end))
        elif not token.word[:1].islower():
            break
        k -= 1
    return found


def _jurisdiction_after(tokens, end) -> bool:
    """'... governor', '... Regional', '... City Military Administration' after a place."""
    while end < len(tokens) and tokens[end].low in OFFICE_WORDS:
        end += 1
    following = tokens[end].low if end < len(tokens) else ""
    return following in JURISDICTION_WORDS or following == "regional"


def _refs(parts, context, tail, start, end, role, near=False, cued=True) -> list[PlaceRef]:
    return [PlaceRef(start, end, role, [part, *_its_region(part, tail), *tail.chain],
                     context + tail.context, near=near or tail.near, cued=cued)
            for part in parts]


def _its_region(part: Part, tail) -> list[Part]:
    """'the Konakovsky district of the Tver region', 'the village of Oktyabrskoye, Belgorod
    Region': the region a district or a town is given in (the first place of the words after
    it, which a facility takes as its own place)."""
    return [s for s in tail.siblings[:1] if part.level in ("admin2", "any")
            and s.level == "admin1"]


def _others(tokens: list[Token], used: set[int]) -> list[PlaceRef]:
    refs, context, i = [], [], 0
    while i < len(tokens):
        token = tokens[i]
        if i in used:
            i += 1
            continue
        if token.low in JURISDICTION_WORDS and i + 1 < len(tokens) and tokens[i + 1].low == "of":
            found, ctx, end, _ = place_phrase(tokens, i + 2)
            if found:
                found = _governed(found, token.low)
                tail = tail_of(tokens, end)
                refs += _refs(found, context + ctx, tail, tokens[i].start,
                              tokens[end - 1].end, "jurisdiction")
                i = max(end, tail.end)
                continue
        if token.low in TYPED and i + 1 < len(tokens) and tokens[i + 1].low == "of":
            found, ctx, end, near = place_phrase(tokens, i)
            if found and not used.intersection(range(i, end)):
                tail = tail_of(tokens, end)
                refs += _refs(found, context + ctx, tail, tokens[i].start,
                              tokens[end - 1].end, "target", near)
                i = max(end, tail.end)
                continue
        if token.low in LOCATIVES and i and tokens[i - 1].low in SPEAKERS:
            i += 1
            continue
        if token.low in LOCATIVES or token.low in TRIGGER_VERBS:
            found, ctx, end, near = place_phrase(tokens, i + 1)
            if found and not used.intersection(range(i + 1, end)):
                tail = tail_of(tokens, end)
                last = max(end, tail.end)
                role = "jurisdiction" if _jurisdiction_after(tokens, end) else "target"
                refs += _refs(found, context + ctx, tail, tokens[i + 1].start,
                              tokens[last - 1].end, role, near or token.low in NEAR_TOKENS)
                i = last
                continue
        after_bearing = bearing_end(tokens, i)
        if after_bearing and ((i and tokens[i - 1].low in WHOLE_REGIONS)
                              or far_bearing(tokens, i, after_bearing)):
            # "a region southeast of Moscow", "40 miles from Moscow": not around Moscow
            i = max(place_phrase(tokens, after_bearing)[2], after_bearing)
            continue
        if after_bearing:                          # "20 km south of Belgorod": around it
            found, ctx, end, _ = place_phrase(tokens, after_bearing)
            if found and not used.intersection(range(after_bearing, end)):
                tail = tail_of(tokens, end)
                last = max(end, tail.end)
                refs += _refs(found, context + ctx, tail, tokens[after_bearing].start,
                              tokens[last - 1].end, "target", near=True)
                i = last
                continue
        if token.name_like or (token.possessive and token.word[:1].isupper()):
            found, ctx, end, near = place_phrase(tokens, i)
            if found and _jurisdiction_after(tokens, end):
                refs += _refs(_governed(found, tokens[end].low), context + ctx,
                              tail_of(tokens, end), token.start, tokens[end - 1].end,
                              "jurisdiction")
            elif found and (found[0].level != "any" or _passive_subject(tokens, i, end)):
                tail = tail_of(tokens, end)
                refs += _refs(found, context + ctx, tail, token.start, tokens[end - 1].end,
                              "target", cued=found[0].level == "any")
                end = max(end, tail.end)
            elif not found and ctx:
                after = tokens[end].low if end < len(tokens) else ""
                if after in JURISDICTION_WORDS:
                    refs += _refs(_governed(ctx, after), context, tail_of(tokens, end),
                                  token.start, token.end, "jurisdiction")
                elif not _attacker(tokens, end):
                    context = context + ctx
            i = max(end, i + 1)
            continue
        i += 1
    return refs


def _attacker(tokens: list[Token], end: int) -> bool:
    """The possessive just before `end` owns an attack ("Russia’s massive drone attack")."""
    return any(t.low in ATTACK_NOUNS for t in tokens[end:end + ATTACKER_GAP])


# what may open a sentence before its subject: "Also, the capital Kyiv was targeted"
SUBJECT_LEAD = {"also", "meanwhile", "then", "later", "earlier", "the", "capital", "city",
                "town", "port", "regional", "ukrainian", "russian"}


def _passive_subject(tokens, i, end) -> bool:
    first = all(t.word in "\"“'‘(-–—•," or t.low in SUBJECT_LEAD for t in tokens[:i])
    following = [t.low for t in tokens[end:end + 4]]
    # "Kyiv has hit several Russian energy sites": the capital for its government, acting
    active = following[:1] in (["has"], ["have"], ["had"]) and following[1:2] not in (
        ["been"], ["come"])
    return first and bool(following) and following[0] in PASSIVE and not active and \
        bool(ATTACK_WORDS.intersection(following[1:]))


def _aliases(tokens: list[Token], aliases: dict[tuple[str, ...], str]) -> list[PlaceRef]:
    """Register names and aliases found word for word (possessives folded)."""
    words = [normalize_name(t.word) for t in tokens]
    longest = max((len(k) for k in aliases), default=0)
    refs, i = [], 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            site = aliases.get(tuple(words[i:i + size]))
            if site:
                refs.append(PlaceRef(tokens[i].start, tokens[i + size - 1].end, "target",
                                     site_id=site))
                i += size
                break
        else:
            i += 1
    return refs


# "Ukraine's capital", "the Russian capital", "the capital of Azerbaijan": the country's capital
# city (found by the resolver), not the country; "the capital region" is not the city
CAPITAL = re.compile(r"\b(?:the\s+capital\s+of\s+(?P<of>[A-Z][\w-]+)|(?P<own>[A-Z][\w-]+)['’]s\s+"
                     r"capital|the\s+(?P<demonym>[A-Z][a-z]+)\s+capital)(?:\s+city)?\b"
                     r"(?!\s+(?:region|area|oblast|district|province))")


def _capitals(text: str, offset: int, refs: list[PlaceRef]) -> list[PlaceRef]:
    """The capitals `text` names, in place of the country refs their words gave."""
    for found in CAPITAL.finditer(text):
        name = found.group("of") or found.group("own") or DEMONYMS.get(
            (found.group("demonym") or "").lower(), "")
        if not name:
            continue
        start, end = offset + found.start(), offset + found.end()
        refs = [r for r in refs if r.end <= start or end <= r.start]
        refs.append(PlaceRef(start, end, "target", [Part(name, "capital", start, end)]))
    return refs


def find_places(text: str, offset: int, aliases: dict[tuple[str, ...], str],
                article: str) -> list[PlaceRef]:
    """Every place `text` (a sentence at `offset` in `article`) names, left to right."""
    tokens = tokenize(text, offset)
    if not tokens:
        return []
    used: set[int] = set()
    refs = _capitals(text, offset, _facilities(tokens, text, offset, used) + _others(tokens, used))
    for site in _aliases(tokens, aliases):
        holder = next((r for r in refs if r.start <= site.start < r.end
                       or site.start <= r.start < site.end), None)
        if holder is not None and holder.role == "target":
            holder.site_id = holder.site_id or site.site_id
            holder.start, holder.end = min(holder.start, site.start), max(holder.end, site.end)
        elif holder is None:
            refs.append(site)
    for ref in refs:
        _owner_named_after(ref, aliases)
        ref.text = article[ref.start:ref.end]
    return sorted(refs, key=lambda r: r.start)


def _owner_named_after(ref: PlaceRef, aliases: dict[tuple[str, ...], str]) -> None:
    """'the oil depot of the SOCAR company' is the register's 'SOCAR oil depot': the name after
    'of' is whose the facility is, not a place called SOCAR."""
    if ref.site_id or not ref.facility or len(ref.parts) != 1:
        return
    owner = ref.parts[0].name
    site = aliases.get(tuple(normalize_name(f"{owner} {ref.facility}").split()))
    if site:
        ref.site_id, ref.operator, ref.parts = site, ref.operator or owner, []
