"""Proposals as rows of the project's import template, and through the import preview.

The rows are the same whether they are written as a CSV (`python -m geo parse`, read back by
`python -m geo import`) or previewed on the Import page: `proposal_rows` makes them,
`proposals_csv` writes them, `preview_article` reads that CSV with the import pipeline and
adds what only the article knows: a proposal read with low confidence is held for review,
one whose date could not be resolved says why. The batch an import writes keeps the
article's title, publisher, date and the SHA-256 of its text (ImportOptions.article).
Columns after the template's (confidence, evidence offsets, the place as written) are for
the analyst; the import does not read them.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd

from geo.articles.attribution import claimant
from geo.articles.counts import describe_counts
from geo.articles.parse import ArticleParse
from geo.articles.proposals import Proposal
from geo.importing.pipeline import ImportOptions, preview_import, read_upload
from geo.importing.places import STORED_PRECISION
from geo.importing.presets.template import TEMPLATE_COLUMNS
from geo.importing.preview import ImportPreview
from geo.sharing.csv_safety import neutralise_formulas

EXTRA_COLUMNS = ("confidence", "doubts", "place_as_written", "evidence_offsets", "article",
                 "article_date", "article_sha256")
ROW_COLUMNS = (*TEMPLATE_COLUMNS, *EXTRA_COLUMNS)
CONFIDENT = ("exact", "alias")
MAX_DESCRIPTION = 1200


def _written(text: str) -> str:
    words = " ".join(text.split())
    for article in ("the ", "a ", "an "):
        if words.lower().startswith(article):
            return words[len(article):]
    return words


def _date_text(proposal: Proposal) -> str:
    interval, words = proposal.interval, proposal.date_words
    return f"'{words}': {interval.how}" if words else f"not stated: {interval.how}"


def _evidence(parse: ArticleParse, proposal: Proposal) -> str:
    quotes = [" ".join(parse.article.text[a:b].lstrip("-–•* ").split())
              for a, b in proposal.evidence]
    text = " … ".join(dict.fromkeys(quotes))
    if len(text) > MAX_DESCRIPTION:
        text = text[:MAX_DESCRIPTION - 1].rstrip() + "…"
    return f"“{text}”"


def _written_place(place) -> str:
    """The place as the article writes it; with what it was taken for when the words do not
    name it themselves ('facility (Orlivka gas distribution station)')."""
    written = _written(place.ref.text) or place.label
    ref = place.ref
    if ref.parts or ref.site_id or ref.facility_name or place.precision == "country":
        return written
    return f"{written} ({place.label.split(' (')[0]})"


def _place_cells(proposal: Proposal) -> dict[str, str]:
    place = proposal.place
    placed = place.status in CONFIDENT and place.latitude is not None
    how = "; ".join(filter(None, [place.method, f"named in the article as '{place.ref.text}'",
                                  place.note]))
    if placed:
        return {"place": _written_place(place), "site_id": place.site_id,
                "latitude": f"{place.latitude:.6f}", "longitude": f"{place.longitude:.6f}",
                "geo_precision": STORED_PRECISION.get(place.precision, place.precision),
                "geo_method": how,
                "country": place.country, "admin1": place.admin1}
    if place.precision == "country":
        return {"place": _written(place.ref.text) or place.label, "site_id": place.site_id,
                "latitude": "", "longitude": "", "geo_precision": "country",
                "geo_method": how, "country": place.country, "admin1": ""}
    # ambiguous: the import geocodes the same words again and offers the candidates
    return {"place": place.query, "site_id": "", "latitude": "", "longitude": "",
            "geo_precision": "", "geo_method": "", "country": place.country, "admin1": ""}


def proposal_row(parse: ArticleParse, proposal: Proposal) -> dict[str, str]:
    meta = parse.meta
    interval = proposal.interval
    row = {name: "" for name in ROW_COLUMNS}
    row.update(
        date_start=f"{interval.start:%Y-%m-%d}" if interval.resolved else "",
        date_end=f"{interval.end:%Y-%m-%d}" if interval.resolved else "",
        date_precision=interval.precision if interval.resolved else "",
        date_text=_date_text(proposal), category=proposal.category, subtype=proposal.subtype,
        operator=proposal.operator, munitions=describe_counts(proposal.munitions),
        casualties=describe_counts(proposal.casualties),
        description=_evidence(parse, proposal),
        source_name=meta.publisher or meta.title or parse.article.name, source_url=meta.url,
        claimant=claimant(meta.publisher, meta.author, proposal.speaker),
        claim_status="claimed", confidence=proposal.confidence,
        doubts="; ".join(proposal.doubts), place_as_written=proposal.place.ref.text,
        evidence_offsets=";".join(f"{a}-{b}" for a, b in proposal.evidence),
        article=meta.title or parse.article.name,
        article_date=f"{meta.date:%Y-%m-%d}" if meta.date else "", article_sha256=parse.sha256)
    row.update(_place_cells(proposal))
    return row


def proposal_rows(parse: ArticleParse) -> pd.DataFrame:
    """One row of text per proposal, in the template's columns and the extra ones."""
    rows = [proposal_row(parse, p) for p in parse.proposals]
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS), dtype=object)


def rows_csv(rows: pd.DataFrame) -> bytes:
    """Rows as a UTF-8 CSV (with BOM, for spreadsheets) with formulas neutralised."""
    buffer = io.StringIO()
    neutralise_formulas(rows.fillna("").astype(str)).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")


def proposals_csv(parse: ArticleParse) -> bytes:
    return rows_csv(proposal_rows(parse))


def batch_name(parse: ArticleParse) -> str:
    return f"article: {(parse.meta.title or parse.article.name)[:120]}"


def preview_article(parse: ArticleParse, rows: pd.DataFrame, store, geocoder,
                    options: ImportOptions | None = None) -> ImportPreview:
    """The import preview of `rows` (proposal_rows, as the analyst edited them)."""
    raw = read_upload(rows_csv(rows), batch_name(parse))
    options = replace(options or ImportOptions(), preset="template", article=parse.record())
    preview = preview_import(raw, store, options, geocoder=geocoder, file_sha256=parse.sha256)
    for row, cells in zip(raw.frame.index, rows.to_dict("records"), strict=True):
        if not str(cells.get("date_start", "")).strip() and row in preview.incidents.index:
            preview.issues.add("rejected", [row], [
                f"the date was not resolved ({cells.get('date_text', '')}); give the "
                "article's date above, or the incident's dates"])
    return preview
