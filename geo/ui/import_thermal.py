"""On the Import page, for a FIRMS file: what will be stored as thermal detections and the
coverage (days and area) that will be recorded, so "no detection" is stated only there."""

from __future__ import annotations

import streamlit as st

from geo.importing.preview import DUPLICATE, ImportPreview
from geo.importing.thermal import COVERAGE_PAD_DEG
from geo.ui import safe_text


def render(preview: ImportPreview) -> None:
    thermal = preview.thermal
    if thermal is None:
        return
    include, status = preview.include, preview.status
    stored = int(include.sum())
    intro = (f"**NASA FIRMS file.** {stored:,} detection(s) will be stored as the *Thermal "
            "detections (FIRMS)* layer with their fire radiative power, confidence, satellite "
            "and overpass time (UTC): evidence to set beside the claims, never strikes. ")
    if not stored:
        st.info(intro + "Nothing new will be stored, so no coverage will be recorded.")
        return
    if thermal.coverage is None:
        st.info(intro + "No row has both a date and a point, so no coverage will be recorded.")
        return
    coverage = safe_text.text(thermal.coverage.describe())
    st.info(intro + f"**Coverage to record:** {coverage}: the file's acq_date range and the "
            f"box of its detections padded by {COVERAGE_PAD_DEG:g}°. A strike in this area on "
            "these days with no detection near it will read 'none detected'; elsewhere the "
            "app says it has no data.")
    left_out = int((~include & (status != DUPLICATE)).sum())
    if left_out:
        st.warning(f"{left_out:,} FIRMS row(s) are left out. A strike near one of them may "
                   "read 'none detected' although FIRMS saw a fire there: fix or keep them "
                   "before relying on an absence.", icon=":material/warning:")
