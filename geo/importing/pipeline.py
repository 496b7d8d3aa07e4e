"""The import pipeline: bytes -> read -> map columns -> parse and check every row -> geocode
rows without coordinates -> find duplicates -> preview (nothing written) -> commit.

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
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from geo.errors import GeocodeError, InputFileError, ValidationError
from geo.importing.columns import apply_mapping, auto_mapping
from geo.importing.csv_reader import MAX_FILE_BYTES, RawTable, read_csv_bytes, too_large
from geo.importing.linking import link_rows
from geo.importing.places import geocode_rows
from geo.importing.presets import FIRMS, PRESETS, detect_preset
from geo.importing.preview import DUPLICATE, NEW, REJECTED, ImportPreview, find_row_duplicates
from geo.importing.rows import ParseOptions, parse_rows
from geo.importing.thermal import parse_thermal
from geo.records import validate_incidents
from geo.store.incident_store import IncidentStore

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ImportOptions:
    preset: str | None = None              # None: detected from the header
    mapping: dict[str, str | None] | None = None  # changes to the automatic mapping
    day_first: bool = True
    swap_coordinates: bool = False
    keep_duplicates: bool = False
    include_review: bool = False
    default_country: str | None = None     # preferred country for place names (ISO2)
    defaults: dict[str, str] = field(default_factory=dict)  # category, claim_status, ...
    encoding: str | None = None
    delimiter: str | None = None
    today: dt.date | None = None


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    batch_id: str | None
    added: int
    duplicates: int
    held_back: int
    rejected: int
    late_duplicates: int = 0
    dry_run: bool = False
    problems: tuple[str, ...] = ()

    def summary(self, max_problems: int = 50) -> str:
        verb = "would be added" if self.dry_run else "added"
        batch = f" (batch {self.batch_id})" if self.batch_id else ""
        lines = [f"{self.file_name}: {self.added:,} {verb}{batch}",
                 f"  duplicates skipped: {self.duplicates + self.late_duplicates:,}"
                 + (f" ({self.late_duplicates:,} stored meanwhile by another import)"
                    if self.late_duplicates else ""),
                 f"  held for review, not imported: {self.held_back:,}",
                 f"  rejected: {self.rejected:,}"]
        if self.problems:
            lines.append("Problems:")
            lines += [f"  {p}" for p in self.problems[:max_problems]]
            if len(self.problems) > max_problems:
                lines.append(f"  ... and {len(self.problems) - max_problems:,} more "
                             "(the Import page lists them all)")
        return "\n".join(lines)


def _noop(_fraction: float, _message: str) -> None:
    return None


def read_upload(data: bytes, file_name: str, options: ImportOptions = ImportOptions(),
                max_bytes: int = MAX_FILE_BYTES) -> RawTable:
    return read_csv_bytes(data, file_name, encoding=options.encoding,
                          delimiter=options.delimiter, max_bytes=max_bytes)


def resolve_mapping(raw: RawTable, options: ImportOptions):
    """(preset, mapping): the chosen or detected preset, its mapping, the user's changes."""
    if options.preset is not None and options.preset not in PRESETS:
        raise ValidationError([f"Unknown preset '{options.preset}'; use one of: "
                               f"{', '.join(PRESETS)}"])
    preset = PRESETS[options.preset] if options.preset else detect_preset(raw.columns)
    return preset, {**auto_mapping(raw.columns, preset), **(options.mapping or {})}


def _geocoder(geocoder):
    return geocoder() if callable(geocoder) and not hasattr(geocoder, "geocode_column") \
        else geocoder


def preview_import(raw: RawTable, store: IncidentStore, options: ImportOptions = ImportOptions(),
                   *, geocoder=None, file_sha256: str = "",
                   progress: Progress | None = None) -> ImportPreview:
    """Every row checked, placed and compared with the store; nothing is written.

    `geocoder` is a geo.geocoding.geocoder.Geocoder or a function returning one (called only when
    some row needs it). Raises ValidationError when the columns cannot be used at all.
    """
    progress = progress or _noop
    preset, mapping = resolve_mapping(raw, options)
    progress(0.1, "Checking every row")
    fields = apply_mapping(raw.frame, mapping, preset)
    site_ids = frozenset(store.sites_frame()["site_id"])
    parsed = parse_rows(fields, ParseOptions(
        day_first=options.day_first, swap_coordinates=options.swap_coordinates,
        today=options.today, file_name=raw.file_name, defaults=options.defaults,
        known_site_ids=site_ids))
    issues, incidents = parsed.issues, parsed.incidents
    thermal = parse_thermal(fields, incidents, issues) if preset.name == FIRMS.name else None
    for row, messages in raw.row_problems.items():
        if row in incidents.index:
            issues.rejected[row].extend(messages)
    rejected = incidents.index.isin(list(issues.rejected))
    needs = parsed.needs_geocoding & ~rejected
    choices = {}
    if needs.any():
        progress(0.4, f"Looking up {int(needs.sum()):,} place names in the offline gazetteer")
        try:
            if geocoder is None:
                raise GeocodeError("no geocoder was given to the import")
            choices = geocode_rows(incidents, needs, _geocoder(geocoder), issues,
                                   default_country=options.default_country)
        except GeocodeError as error:
            issues.add("rejected", incidents.index[needs], [
                f"place '{p}' could not be looked up ({error}); give latitude and longitude"
                for p in incidents.loc[needs, "place"]])
    progress(0.7, "Looking for duplicates")
    rejected = incidents.index.isin(list(issues.rejected))
    revision = store.revision()
    duplicates = find_row_duplicates(incidents, rejected, store)
    progress(1.0, "Preview ready")
    return ImportPreview(raw.file_name, file_sha256, raw, preset, mapping, options, incidents,
                         issues, duplicates, [*raw.notes, *parsed.hints], parsed.swap_suggested,
                         choices, store_revision=revision, thermal=thermal)


def new_batch_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _with_ids(frame: pd.DataFrame, batch_id: str, store: IncidentStore) -> pd.DataFrame:
    """Keep the file's ids where they are new and unique; give the others batch-row ids."""
    ids = frame["incident_id"]
    taken = store.known_incident_ids(ids)
    fresh = ids.eq("") | ids.isin(taken) | ids.duplicated()
    generated = [f"{batch_id}-{row:06d}" for row in frame.index[fresh]]
    return frame.assign(incident_id=ids.where(~fresh, pd.Series(generated, index=ids.index[fresh])))


def commit_import(preview: ImportPreview, store: IncidentStore, *, batch_id: str | None = None,
                  progress: Progress | None = None, imported_by: str = "",
                  imported_from: str = "") -> ImportResult:
    """Write every included row as one batch, in one transaction; the batch records who
    imported it and from where (geo.access.actor.Actor)."""
    progress = progress or _noop
    counts = preview.counts()
    status, include = preview.status, preview.include
    chosen = preview.to_commit()
    held_back = int(((status == "needs review") & ~include).sum())
    skipped = int(((status == DUPLICATE) & ~include).sum())
    if chosen.empty:
        return ImportResult(preview.file_name, None, 0, skipped, held_back, counts[REJECTED],
                            problems=tuple(preview.problems()))
    batch_id = batch_id or new_batch_id()
    frame = link_rows(_with_ids(chosen, batch_id, store), store.sites_frame())
    problems = validate_incidents(frame.reset_index(drop=True))
    if problems:  # parse_rows should have caught each of these: a bug, never a bad write
        raise ValidationError(problems, summary="Internal check failed; nothing was written")
    recheck = (status[frame.index] == NEW).to_numpy()
    settings = {"preset": preview.preset.name, "mapping": preview.mapping,
                **{k: v for k, v in asdict(preview.options).items()
                   if k not in ("mapping", "preset", "today")}}
    added = store.add_batch(
        batch_id, frame, file_name=preview.file_name, preset=preview.preset.name,
        skipped_count=skipped, rejected_count=counts[REJECTED],
        file_sha256=preview.file_sha256, settings=settings, recheck_duplicates=recheck,
        checked_at_revision=preview.store_revision, thermal=preview.thermal,
        imported_by=imported_by, imported_from=imported_from,
        progress=lambda done, total: progress(done / total, f"Writing {done:,} of {total:,}"))
    return ImportResult(preview.file_name, batch_id, added, skipped, held_back,
                        counts[REJECTED], late_duplicates=len(frame) - added,
                        problems=tuple(preview.problems()))


def import_path(path: Path, store: IncidentStore, options: ImportOptions = ImportOptions(), *,
                geocoder=None, dry_run: bool = False, progress: Progress | None = None,
                imported_by: str = "", imported_from: str = "") -> ImportResult:
    """The command line's import: read, check, and (unless dry_run) commit one file."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"No such file: '{path}'; check the path")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise too_large(path.name, path.stat().st_size, MAX_FILE_BYTES)
    data = path.read_bytes()
    raw = read_upload(data, path.name, options)
    preview = preview_import(raw, store, options, geocoder=geocoder, progress=progress,
                             file_sha256=hashlib.sha256(data).hexdigest())
    if dry_run:
        counts = preview.counts()
        include, status = preview.include, preview.status
        return ImportResult(preview.file_name, None, int(include.sum()),
                            int(((status == DUPLICATE) & ~include).sum()),
                            int(((status == "needs review") & ~include).sum()),
                            counts[REJECTED], dry_run=True, problems=tuple(preview.problems()))
    return commit_import(preview, store, progress=progress, imported_by=imported_by,
                         imported_from=imported_from)

