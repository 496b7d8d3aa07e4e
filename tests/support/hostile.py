"""Hostile input for the tests that walk the pages as an attacker would (issue 18): text
for every field of a stored incident, site and review, URLs of every dangerous scheme,
upload files and file names, URL parameters, and damaged databases; and the checks a page
must pass after each of them (no traceback, no script run, no request off this computer,
no link to a dangerous scheme).

A script that runs sets `window.__pwned` or opens a dialog; an image or link that loads
asks for CANARY, a TEST-NET address no test may reach (the browser fixture blocks and
records every non-local request).
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from geo.records import coerce_incidents
from geo.review.claims import set_claim_status
from geo.review.site_links import set_site_link
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore

CANARY = "203.0.113.9"
PWN = "window.__pwned=1"
TEXTS = [
    f"[a link](http://{CANARY}/link) and ![an image](http://{CANARY}/md.png)",
    f"<img src=x onerror=\"{PWN}\"><script>{PWN}</script><b>bold</b>",
    f"<a href=\"javascript:{PWN}\">click</a> <iframe src=\"http://{CANARY}/f\"></iframe>",
    f"**bold** _it_ `code` # heading :red[red] :material/home: $x^2$ www.{CANARY}.nip.io",
    f"autolink http://{CANARY}/auto and <http://{CANARY}/angle> mail a@{CANARY}.nip.io",
    "bidi \u202eevil.exe\u202c and isolate \u2067txt\u2069 zero\u200bwidth \ufeffbom",
    "nul \x00 byte, bell \x07, escape \x1b[31mred\x1b[0m, ansi title \x1b]0;pwned\x07",
    "=HYPERLINK(\"http://203.0.113.9/x\",\"click\") +1+1 -2+3 @SUM(A1)",
    "line one\nline two\r\n---\n    indented code\n> quote\n1. list",
    "Кременчук НПЗ · مصفاة · 精油 · 🔥" + " long" * 2_000,
]
URLS = [
    f"javascript:{PWN}", f"JaVaScRiPt:{PWN}", f" javascript:{PWN}", f"java\tscript:{PWN}",
    f"data:text/html,<script>{PWN}</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
    f"http://{CANARY}/source", "https:evil", "https://example.org/a\u202e", "",
]
HOSTILE_ID = f"id-![i](http://{CANARY}/id.png)<b>"  # ids come from files too
TEXT_FIELDS = ("date_text", "subtype", "place", "geo_method", "country", "admin1", "operator",
               "munitions", "casualties", "description", "source_name", "claimant")


def incidents(prefix: str = "hostile") -> pd.DataFrame:
    """One strike per hostile text, every text field holding it, at real points of the
    seed story's region, each with one of the hostile URLs; and one with a hostile id."""
    rows = []
    for i, text in enumerate(TEXTS):
        row = {field: text for field in TEXT_FIELDS}
        row.update(incident_id=f"{prefix}-{i:02d}", date_start="2025-08-0" + str(1 + i % 8),
                   date_end="2025-08-08", date_precision="day", category="strike",
                   latitude=46.0 + i * 0.3, longitude=30.0 + i * 0.4, geo_precision="town",
                   claim_status="reported", source_url=URLS[i % len(URLS)], site_id="")
        rows.append(row)
    rows.append({**rows[3], "incident_id": HOSTILE_ID, "latitude": 49.0, "longitude": 33.4})
    return coerce_incidents(pd.DataFrame(rows))


def upload_csv() -> bytes:
    """A CSV analysts might be sent: every hostile text in every column, a formula in the
    header, quoted line breaks; one data row per text."""
    lines = ['date,latitude,longitude,place,category,description,source_url,"=cmd|\'/c x\'!A"']
    for i, text in enumerate(TEXTS):
        quoted = '"' + text.replace("\x00", "").replace('"', '""') + '"'
        lines.append(f"2025-08-0{1 + i % 8},{46 + i * 0.3:.4f},{30 + i * 0.4:.4f},{quoted},"
                     f"strike,{quoted},\"{URLS[i % len(URLS)]}\",{quoted}")
    return ("\n".join(lines) + "\n").encode("utf-8")


FILE_NAMES = [
    f"[x](http://{CANARY}/name) ![p](http://{CANARY}/name.png) <img src=x onerror={PWN}>.csv",
    "\u202evsc.exe\u202c — отчёт 2025 (копия).csv",
    "a" * 300 + ".csv",
]
QUERIES = [  # the map page's parameters, as a hostile link would carry them
    {"from": f"<img src=x onerror={PWN}>", "to": f"![x](http://{CANARY}/to.png)",
     "cat": f"[a](javascript:{PWN}),strike", "op": f"<script>{PWN}</script>",
     "claim": "confirmed,:red[x]", "layers": f"![l](http://{CANARY}/l.png)",
     "sel": f"<img src=x onerror={PWN}>", "pipe": f"[p](http://{CANARY}/p)", "km": "NaN",
     "lat": "inf", "lon": "-inf", "z": "1e309", "confirmed_only": "\u202e1"},
    {"from": "0001-01-01", "to": "9999-12-31", "lat": "91", "lon": "181", "z": "99",
     "km": "-5", "pipe": "x" * 5_000},
    {"from": "2025-08-09", "to": "2025-08-01", "z": "not a number", "sel": "\x00",
     "cat": "," * 200, "op": "SOCAR" * 1_000},
]
SITE_QUERIES = [f"![s](http://{CANARY}/site.png)", f"<img src=x onerror={PWN}>",
                "x" * 10_000, "\u202eevil"]


def hostile_site() -> dict:
    """A site row as a hostile register would hold it (written into the store's table)."""
    text = TEXTS[0] + " " + TEXTS[1]
    return {"site_id": "hostile_site", "name": text, "aliases": TEXTS[3] + "|" + TEXTS[5],
            "kind": "oil_depot", "operator": TEXTS[2], "country": "UA", "admin1": TEXTS[4],
            "latitude": 46.5, "longitude": 30.7, "geo_precision": "site", "geo_method": TEXTS[6],
            "source_name": TEXTS[7], "source_url": f"javascript:{PWN}", "notes": TEXTS[8]}


def hostile_store(path) -> IncidentStore:
    """The seed, the hostile incidents (as batch 'hostile', from a hostile file name, by a
    hostile importer), reviews and a link with hostile notes, and the hostile site."""
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    store.add_batch("hostile", incidents(), file_name=FILE_NAMES[0],
                    imported_by=TEXTS[0][:60], imported_from=TEXTS[5][:60])
    for i, text in enumerate(TEXTS[:3]):
        set_claim_status(store, f"hostile-{i:02d}", "confirmed", changed_by=f"Anna *K* {i}",
                         note=text, changed_from="app, this computer")
    with sqlite3.connect(path) as db:  # a site register with hostile text in every field
        site = hostile_site()
        db.execute(f"INSERT INTO sites ({', '.join(site)}) VALUES "
                   f"({', '.join('?' * len(site))})", list(site.values()))
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
    set_site_link(store, "hostile-03", "hostile_site", changed_by="Bo [x](http://a)",
                  note=TEXTS[1])
    return store


# run in every frame of a page after each step: what a successful attack would leave
PAGE_CHECK = """() => {
    const bad = [];
    if (window.__pwned) bad.push('script ran');
    for (const a of document.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href').trim().toLowerCase();
        if (/^(javascript|data|vbscript|file):/.test(href)) bad.push('link ' + href);
    }
    for (const img of document.querySelectorAll('img[src], iframe[src], source[src]')) {
        const src = img.getAttribute('src');
        if (src.includes('CANARY')) bad.push('loads ' + src);
    }
    return bad;
}""".replace("CANARY", CANARY)

# in an HTML snapshot: every popup of every layer put into the page; their text
SHOW_EVERY_POPUP = """() => {
    const layers = window.incidentMapLayers, shown = [];
    for (const key in layers) {
        const layer = layers[key];
        if (!layer.popups) continue;
        for (let i = 0; i < layer.popups.length; i++) {
            const box = document.createElement('div');
            box.innerHTML = layer.popupHtml(i);
            document.body.appendChild(box);
            shown.push(box.innerText);
        }
    }
    return shown;
}"""
