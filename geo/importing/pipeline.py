"""The import pipeline: bytes -> read (any format, geo.importing.readers) -> map columns
(a preset, detected from the columns, or names) -> parse and check every row -> geocode
rows without coordinates -> match source ids and find duplicates -> preview (nothing
written) -> commit.

`preview_import` returns an ImportPreview (geo.importing.preview); `apply_fixes` takes what a
person changed in it; `commit_import` writes the included rows as one batch in one
transaction. `import_path` runs it all for the command line. Progress callbacks receive
(fraction 0..1, what is being done).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pandas as pd

from geo.errors import GeocodeError, ValidationError
from geo.importing import proposal_confidence, proposal_source
from geo.importing.alert_tables import alert_subtypes, default_category
from geo.importing.columns import (
    apply_mapping,
    auto_mapping,
    raion_note,
    read_columns,
    twin_notes,
    unread_note,
)
from geo.importing.date_fields import numeric_order_evidence
from geo.importing.empty_columns import with_filled_columns
from geo.importing.link_columns import with_link_column
from geo.importing.linking import link_rows
from geo.importing.moment_columns import with_moment_date
from geo.importing.not_events import refuse_non_events
from geo.importing.places import geocode_rows
from geo.importing.presets.base import Preset
from geo.importing.presets.firms import FIRMS
from geo.importing.presets.registry import PRESETS, detect_preset
from geo.importing.preview import (
    DUPLICATE,
    NEW,
    REJECTED,
    ImportPreview,
    check_against_store,
)
from geo.importing.problems import quotes_cut
from geo.importing.proposal_confidence import hold_unsure_proposals
from geo.importing.proposal_source import articles_of
from geo.importing.readers.dispatch import read_file
from geo.importing.readers.table import MAX_FILE_BYTES, RawTable, read_path
from geo.importing.region_places import SWAPPED_NOTE, unswapped_regions
from geo.importing.result import ImportResult
from geo.importing.rows import ParseOptions, parse_rows
from geo.importing.swapped_points import hold_swapped_points
from geo.importing.thermal import parse_thermal
from geo.importing.unstated_duplicates import unstated_rows
from geo.importing.vocabulary_columns import without_headline_places, without_prose_vocabularies
from geo.records import validate_incidents
from geo.store.incident_store import IncidentStore
from geo.visible import undecoded_marked

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ImportOptions:
    preset: str | None = None              # None: detected from the header
    mapping: dict[str, str | None] | None = None  # changes to the automatic mapping
    day_first: bool | None = None          # None: the file's evidence, the preset, day-first
    swap_coordinates: bool = False
    keep_duplicates: bool = False
    include_review: bool = False
    default_country: str | None = None     # preferred country for place names (ISO2)
    defaults: dict[str, str] = field(default_factory=dict)  # category, claim_status, ...
    encoding: str | None = None
    delimiter: str | None = None
    today: dt.date | None = None
    # what the rows were read from beyond the file, kept with the batch: for proposals read
    # from an article (geo.articles.rows), its title, publisher, date and text's SHA-256
    article: dict[str, str] = field(default_factory=dict)


def _noop(_fraction: float, _message: str) -> None:
    return None


def read_upload(data: bytes, file_name: str, options: ImportOptions = ImportOptions(),
                max_bytes: int = MAX_FILE_BYTES) -> RawTable:
    """The file's cells as text, whatever its format (geo.importing.readers)."""
    return read_file(data, file_name, encoding=options.encoding, delimiter=options.delimiter,
                     max_bytes=max_bytes)


def date_order(options: ImportOptions, preset: Preset, dates: pd.Series) -> bool:
    """Day-first or not: as the user set it; else as the file's numeric dates show; else
    the source's own order (TimeMap, UCDP: month-first); else day-first."""
    if options.day_first is not None:
        return options.day_first
    evidence = numeric_order_evidence(dates)
    if evidence is not None:
        return evidence
    return True if preset.day_first is None else preset.day_first


def resolve_mapping(raw: RawTable, options: ImportOptions):
    """(preset, mapping): the chosen or detected preset, its mapping, the user's changes."""
    if options.preset is not None and options.preset not in PRESETS:
        raise ValidationError([f"Unknown preset '{options.preset}'; use one of: "
                               f"{', '.join(PRESETS)}"])
    preset = PRESETS[options.preset] if options.preset else detect_preset(raw.columns)
    proposed = proposed_mapping(raw, preset)
    # a count table is refused unless its date column was chosen by hand
    chosen = (options.mapping or {}).get("date_start")
    if not chosen or chosen == proposed.get("date_start"):
        refuse_non_events(raw.columns, raw.file_name, counts=not preset.mapping)
    return preset, {**proposed, **(options.mapping or {})}


def proposed_mapping(raw: RawTable, preset: Preset) -> dict[str, str | None]:
    """The mapping proposed from the file's column names, checked against its cells."""
    proposed = with_moment_date(auto_mapping(raw.columns, preset), raw.frame)
    if not preset.mapping:  # a preset names its own columns
        proposed = without_headline_places(without_prose_vocabularies(
            with_filled_columns(proposed, raw.frame, preset), raw.frame), raw.frame)
        proposed = with_link_column(proposed, raw.frame)
    return proposed


def _geocoder(geocoder):
    return geocoder() if callable(geocoder) and not hasattr(geocoder, "geocode_column") \
        else geocoder


def _check_country(geocoder, country: str | None) -> None:
    """The country preferred for place names must be one the gazetteer knows: another
    (a typo, 'ZZZ') would prefer nothing without a word."""
    index = getattr(geocoder, "index", None)
    if country and index is not None and index.country_code(country) is None:
        raise ValidationError([f"Unknown country '{country}' preferred for place names; give "
                               "an ISO2 code such as UA or a country name such as Ukraine"],
                              summary="Nothing was imported")


def preview_import(raw: RawTable, store: IncidentStore, options: ImportOptions = ImportOptions(),
                   *, geocoder=None, file_sha256: str = "",
                   progress: Progress | None = None) -> ImportPreview:
    """Every row checked, placed and compared with the store; nothing is written.

    `geocoder` is a geo.geocoding.geocoder.Geocoder or a function returning one (called only when
    some row needs it). Raises ValidationError when the columns cannot be used at all.
    """
    progress = progress or _noop
    if not options.article:
        options = replace(options, article=articles_of(raw.frame))
    preset, mapping = resolve_mapping(raw, options)
    progress(0.1, "Checking every row")
    fields = apply_mapping(raw.frame, mapping, preset)
    alerts = alert_subtypes(raw.frame, fields) if not preset.mapping else ""
    swapped_regions = unswapped_regions(fields)
    if alerts and "category" not in options.defaults:
        options = replace(options, defaults={**options.defaults,
                                             "category": default_category(raw.columns)})
    site_ids = frozenset(store.sites_frame()["site_id"])
    parsed = parse_rows(fields, ParseOptions(
        day_first=date_order(options, preset, fields["date_start"]),
        swap_coordinates=options.swap_coordinates,
        today=options.today, file_name=raw.file_name, defaults=options.defaults,
        known_site_ids=site_ids))
    issues, incidents = parsed.issues, parsed.incidents
    hold_swapped_points(incidents, issues, parsed.hints, store.data_dir, options.default_country)
    thermal = parse_thermal(fields, incidents, issues) if preset.name == FIRMS.name else None
    for row, messages in raw.row_problems.items():
        if row in incidents.index:
            issues.rejected[row].extend(messages)
    hold_unsure_proposals(raw.frame, issues)
    rejected = incidents.index.isin(list(issues.rejected))
    needs = parsed.needs_geocoding & ~rejected
    choices = {}
    if needs.any():
        progress(0.4, f"Looking up {int(needs.sum()):,} place names in the offline gazetteer")
        try:
            if geocoder is None:
                raise GeocodeError("no geocoder was given to the import")
            geocoder = _geocoder(geocoder)
            _check_country(geocoder, options.default_country)
            choices = geocode_rows(incidents, needs, geocoder, issues,
                                   admin2=fields["admin2"],
                                   default_country=options.default_country)
        except GeocodeError as error:
            issues.add("rejected", incidents.index[needs], [
                f"place '{p}' could not be looked up ({error}); give latitude and longitude"
                for p in incidents.loc[needs, "place"]])
    progress(0.7, "Matching source ids and looking for duplicates")
    rejected = incidents.index.isin(list(issues.rejected))
    revision = store.revision()
    unstated = unstated_rows(fields["category"], incidents["category"])
    duplicates, identity = check_against_store(incidents, rejected, store, preset, unstated)
    progress(1.0, "Preview ready")
    unread = unread_note(raw.unread(read_columns(mapping, preset) | {
        *proposal_source.READS, *proposal_confidence.READS}))
    # a column named in 100,000 characters was quoted whole, in every note naming it
    notes = [quotes_cut(note) for note in (
        *raw.notes, *parsed.hints, *twin_notes(raw.frame, mapping),
        *([alerts] if alerts else []),
        *([SWAPPED_NOTE.format(count=swapped_regions)] if swapped_regions else []),
        *(note for note in (unread, raion_note(mapping.get("admin2"))) if note))]
    return ImportPreview(raw.file_name, file_sha256, raw, preset, mapping, options, incidents,
                         issues, duplicates, notes, parsed.swap_suggested,
                         choices, store_revision=revision, thermal=thermal, identity=identity,
                         unstated=unstated)


def new_batch_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _with_ids(frame: pd.DataFrame, batch_id: str, store: IncidentStore,
              identity: bool = False) -> pd.DataFrame:
    """Keep the file's ids where they are new and unique; give the others batch-row ids.

    A source id (`identity`) is kept even when stored meanwhile: the store then skips the
    row as stored by another import, instead of storing the same event twice."""
    ids = frame["incident_id"]
    taken = set() if identity else store.known_incident_ids(ids)
    fresh = (ids.eq("") | ids.isin(taken) | ids.duplicated()).to_numpy()
    values = ids.to_numpy(dtype=object).copy()
    # Python ints format faster than the index's numpy ones (25 ms instead of 40 ms)
    values[fresh] = [f"{batch_id}-{row:06d}" for row in frame.index[fresh].tolist()]
    # object, as the other text columns: pandas would make an Arrow string column of it
    return frame.assign(incident_id=pd.Series(values, index=frame.index, dtype=object))


def _settings(preview: ImportPreview) -> dict:
    return {"preset": preview.preset.name, "mapping": preview.mapping,
            **{k: v for k, v in asdict(preview.options).items()
               if k not in ("mapping", "preset", "today")}}


def _result(preview: ImportPreview, **counts) -> ImportResult:
    status, include = preview.status, preview.include
    skipped = preview.duplicates[((status == DUPLICATE) & ~include).to_numpy()]
    unit = preview.raw.unit.capitalize()
    return ImportResult(
        preview.file_name, counts.pop("batch_id", None), counts.pop("added", 0),
        int(((status == DUPLICATE) & ~include).sum()),
        int(((status == "needs review") & ~include).sum()), preview.counts()[REJECTED],
        problems=tuple(preview.grouped_problems()), notes=tuple(preview.notes),
        missing=tuple(preview.missing["incident_id"]) if len(preview.missing) else (),
        skipped=tuple(f"{unit} {row}: {why}" for row, why in skipped.items()), **counts)


def commit_import(preview: ImportPreview, store: IncidentStore, *, batch_id: str | None = None,
                  progress: Progress | None = None, imported_by: str = "",
                  imported_from: str = "") -> ImportResult:
    """Write every included row as one batch, in one transaction: new rows inserted, rows
    whose source id is stored with other values updated (the old versions kept); the batch
    records who imported it and from where (geo.access.actor.Actor)."""
    progress = progress or _noop
    status, include = preview.status, preview.include
    inserted, updates = preview.to_insert(), preview.to_update()
    if inserted.empty and updates.empty:
        return _result(preview)
    batch_id = batch_id or new_batch_id()
    sites = store.sites_frame()
    frame = link_rows(_with_ids(inserted, batch_id, store, preview.preset.identity), sites)
    updates = link_rows(updates, sites)
    written = frame if updates.empty else pd.concat([frame, updates]).reset_index(drop=True)
    problems = validate_incidents(written)
    if problems:  # parse_rows should have caught each of these: a bug, never a bad write
        raise ValidationError(problems, summary="Internal check failed; nothing was written")
    recheck = (status[frame.index] == NEW).to_numpy()
    skipped = int(((status == DUPLICATE) & ~include).sum())
    changes = preview.identity.changes if preview.identity is not None else pd.Series()
    added = store.add_batch(
        batch_id, frame, file_name=preview.file_name, preset=preview.preset.name,
        skipped_count=skipped, rejected_count=preview.counts()[REJECTED],
        file_sha256=preview.file_sha256, settings=_settings(preview),
        recheck_duplicates=recheck, checked_at_revision=preview.store_revision,
        thermal=preview.thermal, updates=updates,
        changes=pd.Series(changes[updates.index].to_numpy(), index=updates["incident_id"]),
        imported_by=imported_by, imported_from=imported_from,
        progress=lambda done, total: progress(done / total, f"Writing {done:,} of {total:,}"))
    return _result(preview, batch_id=batch_id, added=added, updated=len(updates),
                   late_duplicates=len(frame) - added)


def import_path(path: Path, store: IncidentStore, options: ImportOptions = ImportOptions(), *,
                geocoder=None, dry_run: bool = False, progress: Progress | None = None,
                imported_by: str = "", imported_from: str = "") -> ImportResult:
    """The command line's import: read, check, and (unless dry_run) commit one file."""
    path = Path(path)
    data = read_path(path, MAX_FILE_BYTES)
    raw = read_upload(data, undecoded_marked(path.name), options)
    preview = preview_import(raw, store, options, geocoder=geocoder, progress=progress,
                             file_sha256=hashlib.sha256(data).hexdigest())
    if dry_run:
        return _result(preview, added=len(preview.to_insert()),
                       updated=len(preview.to_update()), dry_run=True)
    return commit_import(preview, store, progress=progress, imported_by=imported_by,
                         imported_from=imported_from)

