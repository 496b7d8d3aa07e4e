"""The file as context for its own place names: ambiguous names settled by the file's
confident rows, a candidate with several of them around it and the others with none
(SUPPORT_RINGS: a namesake with even one of the file's rows by it is a real rival: in three
real files, 5 of the 9 names settled against such a rival were settled wrong), or far
ahead of every rival near it and wide around it (LEAD_*: on a front line every namesake has
some), or one near them and the others far from all of them (PROXIMITY_*); where none
holds, the answer stays `ambiguous` (the heaviest candidate as best guess). A namesake chosen
by size that the file's rows avoid while surrounding another is doubted (DOUBT_*); a
spelling match given no country in a country none of the file's places are in is looked
for in the file's country, and an ambiguous one guessed there (FILE_*)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np

from geo.geocoding.results import GeocodeResult, PlaceGeocoder, join_notes
from geo.geocoding.reverse import PointGrid

PROXIMITY_KM = 200.0       # column pass: a candidate this near a confident row of the file...
PROXIMITY_RATIO = 3.0      # ...with every other candidate this many times farther...
PROXIMITY_FAR_KM = 200.0   # ...and at least this far from every confident row, is taken
PROXIMITY_REACH_KM = max(PROXIMITY_RATIO * PROXIMITY_KM, PROXIMITY_FAR_KM)
PROXIMITY_CANDIDATES = 20  # (the heaviest candidates of an ambiguous name are compared)
# A candidate's support: the file's distinct placed points within km of it; taken when it
# has at least `least` of them and no other candidate more than RIVAL_SUPPORT, at either ring
# (the wider ring: ACLED 18.7% -> 16.4% ambiguous, CIR 6.26% -> 5.99%, for one name wrong).
SUPPORT_RINGS = ((10.0, 4), (25.0, 5))
RIVAL_SUPPORT = 0
# Or, among at most LEAD_CANDIDATES namesakes, where every one has some: at least LEAD_LEAST
# within LEAD_KM and LEAD_TIMES as many as any other there, and LEAD_WIDE_TIMES as many as any
# other within LEAD_WIDE_KM (the front runs past them all, but one sits in its thick). More
# namesakes than that (a name given no region) the file's rows do not tell apart.
LEAD_KM, LEAD_LEAST, LEAD_TIMES = 10.0, 2, 4.0
LEAD_WIDE_KM, LEAD_WIDE_TIMES = 50.0, 1.5
LEAD_CANDIDATES = 10
# a town this big is no village the rows around it tell apart: its namesake is not guessed
# over it, nor it over one ("Sloviansk" was guessed Nikopol, once Slaviansk, in a list of
# the region's places with more of them around Nikopol)
GUESS_TOWN_SIZE = 20_000
DOUBT_OUTWEIGHS = 50.0     # a namesake chosen by size by less than this much...
DOUBT_KM = 25.0            # ...with at most DOUBT_OWN other placed points of the file this
DOUBT_OWN = 1              # near it, while another namesake has DOUBT_RIVAL times as many
DOUBT_RIVAL = 7            # (and DOUBT_RIVAL at least), is held ambiguous; never a raion's
DOUBT_NEVER = ("PPLC", "PPLA", "PPLA2")  # or an oblast's centre (CIR's Lozova, 55,000 people)
FILE_ROWS = 10             # a file with this many confident places has countries of its own:
FILE_COUNTRY_SHARE = 0.05  # those holding this share of them (and two at least)


def apply_file_context(geocoder: PlaceGeocoder, results: list[GeocodeResult],
                       distinct: list[list[str]], country_given: bool) -> list[GeocodeResult]:
    """`results` of the file's distinct (place, country, admin1, admin2), the file as context."""
    results = _doubt_size_choices(_settle_by_proximity(results))
    return results if country_given else _in_file_countries(geocoder, results, distinct)


def _placed_points(results: list[GeocodeResult]) -> np.ndarray:
    """The file's confident points at town or site precision, each once (lat, lon rows)."""
    sure = np.array([(r.best.latitude, r.best.longitude) for r in results
                     if r.status in ("exact", "alias") and r.best.precision in ("site", "town")])
    return np.unique(sure.round(3), axis=0) if len(sure) else sure


def _settle_by_proximity(results: list[GeocodeResult]) -> list[GeocodeResult]:
    """An ambiguous place whose one candidate the file's confident rows surround, or lie
    near while the others are far from all of them, is that candidate (noted, score lowered)."""
    sure = _placed_points(results)
    open_rows = [i for i, r in enumerate(results) if r.status == "ambiguous" and r.others
                 and r.settle
                 and all(c.kind == "place" for c in (r.best, *r.others))]
    if len(sure) == 0 or not open_rows:
        return results
    cands = [[results[i].best, *results[i].others][:PROXIMITY_CANDIDATES] for i in open_rows]
    flat = np.array([(c.latitude, c.longitude) for group in cands for c in group])
    # distances beyond PROXIMITY_REACH_KM decide nothing (inf): the search stops there
    _, gaps = PointGrid(sure[:, 0], sure[:, 1], cell=0.5).nearest(
        flat[:, 0], flat[:, 1], max_ring=60, within_km=PROXIMITY_REACH_KM)
    radii = sorted({*(km for km, _ in SUPPORT_RINGS), LEAD_KM})
    support = PointGrid.for_radius(sure[:, 0], sure[:, 1], max(radii), flat[:, 0]).counts_within(
        flat[:, 0], flat[:, 1], radii)
    gaps, support = gaps.tolist(), [ring.tolist() for ring in support]  # small groups: lists
    spans, start = [], 0
    for group in cands:
        spans.append((start, start + len(group)))
        start += len(group)
    rings = [{km: ring[a:b] for km, ring in zip(radii, support, strict=True)} for a, b in spans]
    _count_wide(sure, flat, cands, spans, rings)
    settled = list(results)
    for i, group, (a, b), around in zip(open_rows, cands, spans, rings, strict=True):
        settled[i] = _settle(results[i], group, gaps[a:b], around)
    return settled


def _count_wide(sure: np.ndarray, flat: np.ndarray, cands: list, spans: list,
                rings: list[dict]) -> None:
    """Add the LEAD_WIDE_KM ring to the groups with a near leader (few: the wide ring scans
    many cells of a dense file, so not for every group)."""
    leading = [k for k, (group, around) in enumerate(zip(cands, rings, strict=True))
               if _near_leader(group, around[LEAD_KM]) is not None]
    if not leading:
        return
    rows = np.concatenate([np.arange(*spans[k]) for k in leading])
    wide = PointGrid.for_radius(sure[:, 0], sure[:, 1], LEAD_WIDE_KM, flat[rows, 0]).count_within(
        flat[rows, 0], flat[rows, 1], LEAD_WIDE_KM).tolist()
    start = 0
    for k in leading:
        size = spans[k][1] - spans[k][0]
        rings[k][LEAD_WIDE_KM] = wide[start:start + size]
        start += size


def _settle(result: GeocodeResult, group: list, gap: list[float],
            rings: dict[float, list[int]]) -> GeocodeResult:
    """`gap`: each candidate's distance to the nearest placed point of the file; `rings`:
    for each radius, how many of them lie within it of each candidate."""
    pick, note = None, ""
    for km, least in SUPPORT_RINGS:
        around = rings[km]
        by_support = sorted(range(len(around)), key=lambda k: -around[k])
        most, next_most = around[by_support[0]], around[by_support[1]]
        if most >= least and next_most <= RIVAL_SUPPORT:
            pick = group[by_support[0]]
            note = (f"{len(group)} candidates; this one has {most} of the file's placed "
                    f"points within {km:.0f} km, the next {next_most}")
            break
    if pick is None and LEAD_WIDE_KM in rings:
        pick, note = _leading(group, rings[LEAD_KM], rings[LEAD_WIDE_KM])
    order = sorted(range(len(gap)), key=gap.__getitem__)
    near, next_near = gap[order[0]], gap[order[1]]
    far_enough = max(PROXIMITY_RATIO * near, PROXIMITY_FAR_KM)
    if pick is None and near <= PROXIMITY_KM and next_near >= far_enough:
        pick = group[order[0]]
        farther = (f"{next_near:.0f} km" if next_near < PROXIMITY_REACH_KM
                   else f"over {PROXIMITY_REACH_KM:.0f} km")
        note = (f"{len(group)} candidates; this one is {near:.0f} km from other rows of the "
                f"file, the next {farther}")
    others = (result.best, *result.others)
    if pick is not None:
        return GeocodeResult(pick.status, pick, tuple(c for c in others if c is not pick),
                             0.8, note)
    return _best_guess_by_support(result, group, rings[LEAD_KM])


def _best_guess_by_support(result: GeocodeResult, group: list,
                           near: list[int]) -> GeocodeResult:
    """An ambiguous name left open: of at most LEAD_CANDIDATES namesakes, the best guess is
    the one with the most of the file's placed points within LEAD_KM (the heaviest among
    equals; not when either is a town of GUESS_TOWN_SIZE), no longer the heaviest alone:
    that guess was within 10 km of the truth on 178 rows of the UCDP dev set, the heaviest
    on 117; ACLED 24 and 15, CIR 194 and 163)."""
    if len(group) > LEAD_CANDIDATES or max(near) == 0:
        return result
    top = max(range(len(near)), key=near.__getitem__)     # the first of equals: heaviest
    if top == 0 or max(group[0].population, group[top].population) >= GUESS_TOWN_SIZE:
        return result
    guess = group[top]
    rest = tuple(c for c in (result.best, *result.others) if c is not guess)
    return replace(result, best=guess, others=rest, note=join_notes(
        result.note, f"best guess: the one with the most of the file's placed points within "
        f"{LEAD_KM:.0f} km ({near[top]})"))


def _near_leader(group: list, near: list[int]) -> int | None:
    """The candidate with LEAD_LEAST of the file's placed points within LEAD_KM and
    LEAD_TIMES as many as any other, among at most LEAD_CANDIDATES."""
    if len(group) > LEAD_CANDIDATES:
        return None
    top = max(range(len(near)), key=near.__getitem__)
    rival = max(n for k, n in enumerate(near) if k != top)
    return top if near[top] >= max(LEAD_LEAST, LEAD_TIMES * rival) else None


def _leading(group: list, near: list[int], wide: list[int]):
    """The near leader (_near_leader) also LEAD_WIDE_TIMES ahead of every other within
    LEAD_WIDE_KM, with its note; (None, "") when none is."""
    top = _near_leader(group, near)
    if top is None:
        return None, ""
    rival = max(n for k, n in enumerate(near) if k != top)
    rival_wide = max(n for k, n in enumerate(wide) if k != top)
    if wide[top] < LEAD_WIDE_TIMES * max(rival_wide, 1):
        return None, ""
    return group[top], (f"{len(group)} candidates; this one has {near[top]} of the file's "
                        f"placed points within {LEAD_KM:.0f} km and {wide[top]} within "
                        f"{LEAD_WIDE_KM:.0f} km, any other at most {rival} and {rival_wide}")


def _doubt_size_choices(results: list[GeocodeResult]) -> list[GeocodeResult]:
    """A namesake chosen by size alone (by less than DOUBT_OUTWEIGHS) with next to none of
    the file's placed points around it, while the file's rows surround another namesake, is
    held ambiguous (CIR's Troitske: the district town, 154 km from the front-line village
    of its rows; ACLED's Sieverne, 75 km from the one by Avdiivka)."""
    doubted = [i for i, r in enumerate(results)
               if 0 < r.outweighs < DOUBT_OUTWEIGHS and r.status in ("exact", "alias")
               and r.best.feature not in DOUBT_NEVER
               and all(c.kind == "place" for c in r.others)]
    sure = _placed_points(results)
    if not doubted or len(sure) == 0:
        return results
    groups = [[results[i].best, *results[i].others][:PROXIMITY_CANDIDATES] for i in doubted]
    flat = np.array([(c.latitude, c.longitude) for group in groups for c in group])
    around = PointGrid.for_radius(sure[:, 0], sure[:, 1], DOUBT_KM, flat[:, 0]).count_within(
        flat[:, 0], flat[:, 1], DOUBT_KM)
    checked, start = list(results), 0
    for i, group in zip(doubted, groups, strict=True):
        counts, start = around[start:start + len(group)], start + len(group)
        own, rival = counts[0] - 1, int(np.argmax(counts[1:])) + 1   # its own point is sure
        if own <= DOUBT_OWN and counts[rival] >= DOUBT_RIVAL * max(own, 1):
            result = results[i]
            checked[i] = replace(result, status="ambiguous", confidence=result.confidence / 2,
                                 settle=False, outweighs=0.0, note=join_notes(
                                     result.note, f"but {counts[rival]} of the file's placed "
                                     f"points lie within {DOUBT_KM:.0f} km of "
                                     f"{group[rival].label} and {_how_many(own)} of "
                                     "this one: held ambiguous"))
    return checked


def _namesake_in_file_country(geocoder: PlaceGeocoder, result: GeocodeResult, place: str,
                              main: str, region: str, district: str) -> GeocodeResult:
    """An ambiguous name, given no country, whose best guess lies in a country none of the
    file's places are in, while a namesake lies in the file's main country: the guess is
    made there, and the answer stays ambiguous ('Vozdvyzhenka' in a file of Ukraine was
    guessed in Primorye, 6,755 km off)."""
    if all(c.country != main for c in result.others):
        return result
    again = geocoder.geocode(place, country=main, admin1=region, admin2=district)
    if again.best is None:
        return result
    elsewhere = tuple(c for c in (result.best, *result.others) if c.country != main)
    return GeocodeResult("ambiguous", again.best, (*again.others, *elsewhere),
                         min(result.confidence, again.confidence), join_notes(
                             f"namesakes in several countries; best guess in {main}, the "
                             "file's country", again.note), settle=False)


def _how_many(count: int) -> str:
    return "none" if count == 0 else f"only {count}"


def _in_file_countries(geocoder: PlaceGeocoder, results: list[GeocodeResult],
                             distinct: list[list[str]]) -> list[GeocodeResult]:
    """Given no country, a spelling match in a country none of the file's confident places
    are in ('Adviika' was Ado-Ekiti, Nigeria, in a file of Ukraine) is looked for again in
    the file's main country, and not taken when not found there; an ambiguous name is
    guessed there (_namesake_in_file_country)."""
    counts = Counter(r.best.country for r in results if r.status in ("exact", "alias"))
    total = sum(counts.values())
    if total < FILE_ROWS:
        return results
    theirs = {c for c, n in counts.items() if n >= max(2, FILE_COUNTRY_SHARE * total)}
    main = counts.most_common(1)[0][0]
    checked = list(results)
    for i, (result, (place, nation, region, district)) in enumerate(zip(results, distinct,
                                                                         strict=True)):
        if nation or result.best is None or result.best.country in theirs:
            continue
        if result.status == "ambiguous":
            checked[i] = _namesake_in_file_country(geocoder, result, place, main, region,
                                                   district)
            continue
        if result.status != "fuzzy":
            continue
        again = geocoder.geocode(place, country=main, admin1=region, admin2=district)
        what = (f"a spelling like {result.best.label}, in a country none of the file's "
                f"other places are in ({', '.join(sorted(theirs))})")
        checked[i] = (replace(again, note=join_notes(f"{what}: looked for in {main}",
                                                     again.note))
                      if again.status != "not_found" else GeocodeResult(
                          "not_found", note=f"'{place}': only {what}, not taken; give a "
                          "country, another spelling or coordinates"))
    return checked
