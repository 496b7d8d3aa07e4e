"""The import settings: the kind of file (preset), then one form for date order,
coordinates, duplicates and the column mapping.

The kind of file sits outside the form: choosing another reruns the check at once with
that preset's own mapping. The form gathers the other settings so that changing several
reruns the check once ("Check the file"). Widget keys carry the file's hash: a new file
starts from its own detected preset and mapping.
"""

from __future__ import annotations

import streamlit as st

from geo.importing.columns import FIELDS, fields_for
from geo.importing.pipeline import ImportOptions, proposed_mapping
from geo.importing.presets.base import Preset
from geo.importing.presets.registry import PRESETS, detect_preset
from geo.importing.readers.table import RawTable
from geo.importing.unstated_category import CATEGORY as UNSTATED_CATEGORY
from geo.schema import CATEGORIES, CATEGORY_LABELS, CLAIM_LABELS, CLAIM_STATUSES
from geo.ui import safe_text

NOT_MAPPED = "— not in the file —"
MAIN_FIELDS = ("date_start", "latitude", "longitude", "place", "category", "description",
               "source_name", "source_url")


def _mapping(raw: RawTable, preset_name: str, key: str) -> dict[str, str | None]:
    preset = PRESETS[preset_name]
    proposed = proposed_mapping(raw, preset)
    options = [NOT_MAPPED, *raw.columns]
    labels = fields_for(preset)
    mapping: dict[str, str | None] = {}
    main = [f for f in labels if f in MAIN_FIELDS or f in preset.extra_fields]
    more = [f for f in labels if f not in main]
    st.markdown("**Columns**: which column of the file holds each field. Matched by name; "
                "change any that are wrong.")
    for group, container in ((main, st.container()),
                             (more, st.expander(f"More fields ({len(more)})"))):
        columns = container.columns(4)
        for i, field in enumerate(group):
            found = proposed.get(field)
            choice = columns[i % 4].selectbox(
                labels[field], options, index=options.index(found) if found else 0,
                key=f"{key}_map_{preset_name}_{field}", format_func=safe_text.plain,
                help=f"Field '{field}'" + (f"; matched by names such as "
                                           f"{', '.join(FIELDS[field][1][:4])}"
                                           if field in FIELDS else ""))
            mapping[field] = None if choice == NOT_MAPPED else choice
    return mapping


DATE_ORDERS = {None: "As the file shows (detected)", True: "Day first (08/09 = 8 Sep)",
               False: "Month first (08/09 = Aug 9)"}


def _kind_of_file(raw: RawTable, key: str) -> str:
    """The preset, outside the form: choosing another kind of file checks the file again at
    once, with that preset's own column mapping."""
    detected = detect_preset(raw.columns).name
    names = list(PRESETS)
    chosen = st.selectbox(
        "Kind of file", names, index=names.index(detected), key=f"{key}_preset",
        format_func=lambda n: PRESETS[n].label + (" (detected)" if n == detected else ""),
        help="Detected from the file's columns; choose another to read it that way.")
    st.caption(safe_text.text(PRESETS[chosen].help))
    return chosen


def _default_choice(column, preset: Preset, field: str, label: str, options, default: str,
                    *, key: str, format_func, help: str) -> str:
    """The default of `field` for rows that lack it, or, where the kind of file sets the
    field on every row, that value shown and not offered (a FIRMS file's rows are thermal
    detections whatever is chosen here)."""
    fixed = preset.fixed.get(field)
    if fixed is not None:
        column.selectbox(label, [fixed], key=f"{key}_fixed", format_func=format_func,
                         disabled=True,
                         help=f"Every row of a {preset.label} file is stored so.")
        return fixed
    return column.selectbox(f"{label} if none", options, index=options.index(default),
                            key=key, format_func=format_func, help=help)


def render(raw: RawTable, digest: str) -> ImportOptions:
    key = f"import_{digest[:10]}"
    preset = _kind_of_file(raw, key)
    with st.form(f"{key}_settings", border=True):
        top = st.columns([1, 1, 1, 1])
        country = top[0].text_input("Prefer places in", value="UA", key=f"{key}_country",
                                    max_chars=40,
                                    help="Country for place names without one: ISO code or "
                                         "name (UA, Ukraine); leave empty for none.")
        category = _default_choice(
            top[1], PRESETS[preset], "category", "Category", CATEGORIES,
            UNSTATED_CATEGORY, key=f"{key}_category", format_func=lambda c: CATEGORY_LABELS[c],
            help="Used for rows whose file has no category column or an empty cell: 'Other' "
                 "unless you know them to be strikes (or another category).")
        claim = _default_choice(
            top[2], PRESETS[preset], "claim_status", "Claim status", CLAIM_STATUSES,
            "reported", key=f"{key}_claim",
            format_func=lambda c: CLAIM_LABELS[c].split(" (")[0],
            help="Used for rows whose file has no claim status.")
        day_first = top[3].selectbox(
            "Date order", list(DATE_ORDERS), key=f"{key}_day", format_func=DATE_ORDERS.get,
            help="For dates such as 08/09/2025. Detected: a date like 25/08 or 08/25 in the "
                 "file decides, or a padded month beside an unpadded day (1/08/2019 is "
                 "d/MM); else the source's own order (TimeMap, UCDP, ACLED and FIRMS "
                 "files from a spreadsheet: month first), else day first.")
        switches = st.columns(3)
        swap = switches[0].toggle("Swap lat/lon", value=False, key=f"{key}_swap",
                                  help="Use when the file's latitude and longitude are swapped.")
        keep_duplicates = switches[1].toggle("Keep duplicates", value=False, key=f"{key}_dups",
                                             help="Also import rows that duplicate a stored "
                                                  "incident or an earlier row.")
        include_review = switches[2].toggle("Import rows to check", value=False,
                                            key=f"{key}_review",
                                            help="Also import rows that need review: ambiguous "
                                                 "places take the best guess; dates in the "
                                                 "future are kept as written.")
        mapping = _mapping(raw, preset, key)
        st.form_submit_button("Check the file with these settings", type="secondary")
    return ImportOptions(preset=preset, mapping=mapping, day_first=day_first,
                         swap_coordinates=swap, keep_duplicates=keep_duplicates,
                         include_review=include_review, default_country=country.strip() or None,
                         defaults={"category": category, "claim_status": claim})
