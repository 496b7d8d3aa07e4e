"""Dates as people write them in CSVs, parsed a whole column at a time, precision kept.

ISO ("2025-08-08", with or without a time), "8 August 2025", "Aug 8, 2025", "9-May-20"
(Excel's day-month-year), "08/08/2025" (day-first unless switched), "08.08.2025",
"August 2025" (month precision; Ukrainian and Russian month names too: "14 червня 2025"),
"2025" (year), "20250808" (ISO 8601's basic form), Unix
time ("1754611200", seconds or milliseconds: its UTC day), Excel's day number ("45123",
"45877.5625", "45877,5625": a date column formatted as a number, then saved as CSV; 1970 to 2099).
Each row is parsed by the first shape it matches, so a file mixing shapes still reads.
The time of day is recognised and left out of the date (it is kept in date_text).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.importing.month_names import in_english

TIME_SUFFIX = (r"(?:[t\s]+|\s*,\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
               r"\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?$")  # matched on lower-cased text
ISO_DAY = r"\d{4}-\d{2}-\d{2}"
WEEKDAY_PREFIX = r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+"
ORDINAL = r"(?<=\d)(?:st|nd|rd|th)\b"
WORDY = r"(?<=[a-z])\.|,"  # "Aug." and commas in "Aug 8, 2025"


@dataclass(frozen=True)
class Shape:
    regex: str
    day_first: tuple[str, ...]
    month_first: tuple[str, ...]
    precision: str  # day | month | year


def _same(*formats: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return formats, formats


SHAPES = (
    Shape(r"\d{4}-\d{1,2}-\d{1,2}", *_same("%Y-%m-%d"), "day"),
    Shape(r"\d{1,2}/\d{1,2}/\d{4}", ("%d/%m/%Y",), ("%m/%d/%Y",), "day"),
    Shape(r"\d{1,2}/\d{1,2}/\d{2}", ("%d/%m/%y",), ("%m/%d/%y",), "day"),
    Shape(r"\d{1,2} [a-z]+ \d{4}", *_same("%d %B %Y", "%d %b %Y"), "day"),
    # "9-May-20", as Excel re-saves a date: 00-68 are 2000-2068, 69-99 are 1969-1999
    Shape(r"\d{1,2} [a-z]+ \d{2}", *_same("%d %b %y", "%d %B %y"), "day"),
    Shape(r"[a-z]+ \d{1,2} \d{4}", *_same("%B %d %Y", "%b %d %Y"), "day"),
    Shape(r"[a-z]+ \d{4}", *_same("%B %Y", "%b %Y"), "month"),
    Shape(r"\d{4}-\d{1,2}", *_same("%Y-%m"), "month"),
    Shape(r"\d{1,2}/\d{4}", *_same("%m/%Y"), "month"),
    Shape(r"\d{4}", *_same("%Y"), "year"),
    # ISO 8601's basic form, as VIINA and GDELT write a day: 20220224
    Shape(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])", *_same("%Y%m%d"), "day"),
)
NUMERIC_DAY = r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})"
EPOCH = r"1\d{9}(?:\d{3})?"   # Unix time, seconds or milliseconds: 2001-09-09 to 2033-05-18
EXCEL_DAY = r"\d{5}(?:[.,]\d+)?"  # Excel's serial day, a fraction for the time of day
EXCEL_ZERO = np.datetime64("1899-12-30", "s")  # day 0 of Excel's 1900 date system
EXCEL_DAYS = (25569, 73050)    # 1970-01-01 .. 2099-12-31: other numbers are no date


@dataclass
class ParsedDates:
    value: pd.Series          # datetime64[s], NaT where unreadable or empty
    precision: pd.Series      # "day" | "month" | "year" | "" (unreadable or empty)
    has_time: np.ndarray      # a time of day was written
    other_order: np.ndarray   # unreadable now, readable with day-first switched
    ambiguous: np.ndarray     # numeric day/month that reads both ways (03/04/2025)
    excel_day: np.ndarray | None = None  # read as Excel's day number (45123)


def normalise_date_text(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Lower-case text in one of SHAPES' forms, and whether a time of day was written."""
    cleaned = in_english(text.astype(str).str.strip().str.lower())
    has_time = cleaned.str.contains(TIME_SUFFIX, regex=True).to_numpy()
    cleaned = cleaned.str.replace(TIME_SUFFIX, "", regex=True)
    cleaned = cleaned.str.replace(WEEKDAY_PREFIX, "", regex=True)
    cleaned = cleaned.str.replace(ORDINAL, "", regex=True).str.replace(WORDY, " ", regex=True)
    cleaned = cleaned.str.replace(r"\bsept\b", "sep", regex=True)  # not in "september"
    # 2025/8/8 and 2025.08.08 read like 2025-8-8; 08.08.2025 and 08-08-2025 like 08/08/2025
    cleaned = cleaned.str.replace(r"^(\d{4})[./\-](\d{1,2})(?:[./\-](\d{1,2}))?$", r"\1-\2-\3",
                                  regex=True).str.rstrip("-")
    cleaned = cleaned.str.replace(r"^(\d{1,2})[.\-](\d{1,2})[.\-](\d{2,4})$", r"\1/\2/\3",
                                  regex=True)
    # "8-Aug-2025" and "8  Aug 2025" read like "8 aug 2025"
    cleaned = cleaned.str.replace(r"\s+|-(?=[a-z])|(?<=[a-z])-", " ", regex=True).str.strip()
    return cleaned, has_time


def _parse_shapes(cleaned: pd.Series, day_first: bool) -> tuple[pd.Series, pd.Series]:
    value = pd.Series(pd.NaT, index=cleaned.index, dtype="datetime64[s]")
    precision = pd.Series("", index=cleaned.index, dtype=object)
    todo = cleaned.ne("").to_numpy().copy()
    for shape in SHAPES:
        if not todo.any():
            break
        remaining = cleaned[todo]
        matched = remaining[remaining.str.fullmatch(shape.regex)]
        for fmt in shape.day_first if day_first else shape.month_first:
            if matched.empty:
                break
            parsed = pd.to_datetime(matched, format=fmt, errors="coerce")
            good = parsed.notna()
            value.loc[parsed.index[good]] = parsed[good].astype("datetime64[s]")
            precision.loc[parsed.index[good]] = shape.precision
            matched = matched[~good]
        todo &= value.isna().to_numpy()
    return value, precision


def parse_dates(text: pd.Series, *, day_first: bool = True) -> ParsedDates:
    """Parse each distinct text once: files repeat a few thousand dates over many rows."""
    codes, uniques = pd.factorize(text.to_numpy(dtype=object))
    stripped = [str(value).strip() for value in uniques]  # the distinct texts only
    if not any(stripped):  # an empty or unmapped column (date_end, often): nothing to read
        nothing = np.zeros(len(text), dtype=bool)
        return ParsedDates(pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]"),
                           pd.Series("", index=text.index, dtype=object), nothing,
                           nothing.copy(), nothing.copy(), nothing.copy())
    distinct = _parse_distinct(pd.Series(stripped, dtype=object), day_first)
    return ParsedDates(
        pd.Series(distinct.value.to_numpy()[codes], index=text.index, dtype="datetime64[s]"),
        pd.Series(distinct.precision.to_numpy()[codes], index=text.index, dtype=object),
        distinct.has_time[codes], distinct.other_order[codes], distinct.ambiguous[codes],
        distinct.excel_day[codes],
    )


def _parse_distinct(text: pd.Series, day_first: bool) -> ParsedDates:
    iso = text.str.fullmatch(ISO_DAY).to_numpy()
    value = pd.to_datetime(text[iso], format="%Y-%m-%d", errors="coerce").astype("datetime64[s]")
    value = value.reindex(text.index)
    precision = pd.Series(np.where(value.notna(), "day", ""), index=text.index, dtype=object)
    has_time = np.zeros(len(text), dtype=bool)
    rest = value.isna().to_numpy()  # the fast path above reads plain ISO days only
    cleaned = pd.Series("", index=text.index, dtype=object)
    if rest.any():
        cleaned_rest, has_time[rest] = normalise_date_text(text[rest])
        cleaned[rest] = cleaned_rest
        value_rest, precision_rest = _parse_shapes(cleaned_rest, day_first)
        value[rest], precision[rest] = value_rest, precision_rest
    _read_epochs(text, value, precision, has_time)
    excel_day = _read_excel_days(text, value, precision, has_time)
    _drop_year_zero(value, precision)
    failed = value.isna() & cleaned.ne("")
    other_order = np.zeros(len(text), dtype=bool)
    if failed.any():
        swapped, _ = _parse_shapes(cleaned[failed], not day_first)
        other_order[np.flatnonzero(failed.to_numpy())] = swapped.notna().to_numpy()
    parts = cleaned.str.extract(f"^{NUMERIC_DAY}$")
    first, second = pd.to_numeric(parts[0]), pd.to_numeric(parts[1])
    ambiguous = ((first <= 12) & (second <= 12) & (first != second)).to_numpy()
    return ParsedDates(value, precision, has_time, other_order,
                       ambiguous & value.notna().to_numpy(), excel_day)


def _drop_year_zero(value: pd.Series, precision: pd.Series) -> None:
    """Year 0 ('0000-01-01', '0000'): pandas reads it, but no calendar or Python date holds
    it (the import's window of the file's days ended in a traceback): no date."""
    zero = (value.dt.year < 1).to_numpy()
    if zero.any():
        value[zero] = pd.NaT
        precision[zero] = ""


def _read_epochs(text: pd.Series, value: pd.Series, precision: pd.Series,
                 has_time: np.ndarray) -> None:
    """Unix time in seconds or milliseconds (1754611200, 1754611200000), as web maps and
    APIs write a moment (kepler.gl, Liveuamap, ACLED's timestamp): its UTC day."""
    epoch = (value.isna() & text.str.fullmatch(EPOCH)).to_numpy()
    if not epoch.any():
        return
    digits = text[epoch]
    seconds = pd.to_numeric(digits) // np.where(digits.str.len() == 13, 1000, 1)
    moments = pd.to_datetime(seconds, unit="s").astype("datetime64[s]")
    value[epoch] = moments.dt.floor("D").to_numpy()
    precision[epoch] = "day"
    has_time[epoch] = True


def _read_excel_days(text: pd.Series, value: pd.Series, precision: pd.Series,
                     has_time: np.ndarray) -> np.ndarray:
    """Excel's day numbers (45123 = 2023-07-16), as a CSV keeps a date column formatted as
    a number: days since 1899-12-30, a fraction being the time of day."""
    candidate = (value.isna() & text.str.fullmatch(EXCEL_DAY)).to_numpy()
    if not candidate.any():
        return candidate
    days = pd.to_numeric(text[candidate].str.replace(",", ".", regex=False))
    inside = days.between(*EXCEL_DAYS).to_numpy()
    read = np.flatnonzero(candidate)[inside]
    whole = np.floor(days[inside].to_numpy()).astype("int64")
    value.iloc[read] = EXCEL_ZERO + whole.astype("timedelta64[D]")
    precision.iloc[read] = "day"
    has_time[read] = days[inside].to_numpy() != whole
    found = np.zeros(len(text), dtype=bool)
    found[read] = True
    return found


def numeric_order_evidence(text: pd.Series) -> bool | None:
    """Whether the file's numeric dates can only be day-first (True: some '25/08/2025')
    or only month-first (False: some '08/25/2025'); None when they read either way or
    contradict each other.

    Without a number over 12, the padding of the two numbers decides when it differs
    between them: '1/08/2019' is d/MM/yyyy (Excel's short date in Australia and New
    Zealand), '08/1/2019' MM/d/yyyy; the US short date pads neither."""
    distinct = pd.Series(pd.unique(text.to_numpy(dtype=object)), dtype=object)
    parts = distinct.str.extract(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}\b")
    first, second = pd.to_numeric(parts[0]), pd.to_numeric(parts[1])
    day_first, month_first = bool((first > 12).any()), bool((second > 12).any())
    if day_first != month_first:
        return day_first
    if day_first:
        return None  # both: the file mixes orders
    return _padding_evidence(parts[0].dropna(), parts[1].dropna())


def _padding_evidence(first: pd.Series, second: pd.Series) -> bool | None:
    first_unpadded, second_unpadded = first.str.len() == 1, second.str.len() == 1
    first_padded = first.str.fullmatch(r"0\d")
    second_padded = second.str.fullmatch(r"0\d")
    day_month = bool((first_unpadded & second_padded).any())    # 1/08
    month_day = bool((first_padded & second_unpadded).any())    # 08/1
    if day_month != month_day:
        return day_month
    return None
