"""JSON, KML and GPX saved in UTF-16 or UTF-32 (Notepad's 'Unicode', some Windows
exporters): the format's detection, the JSON parser and GDAL's GPX driver read bytes as
UTF-8, so such a file was taken for a CSV and refused ('has a header (<?xml ...) but no
data rows'). It is read as the same text in UTF-8, its XML declaration saying so. A CSV
stays as written: its reader decodes it and names the encoding."""

from __future__ import annotations

import re

from geo.importing.readers.encodings import wide_encoding

DECLARED = re.compile(r"^(<\?xml[^>]*?encoding\s*=\s*[\"'])[^\"']*([\"'])")


def as_utf8(data: bytes) -> bytes:
    """`data` in UTF-8 when it is JSON or XML in UTF-16 or UTF-32; else as it is."""
    encoding = wide_encoding(data)
    if encoding is None:
        return data
    head = data[:4096].decode(encoding, "ignore").lstrip("\ufeff \t\r\n")
    if not head.startswith(("<", "{", "[")):  # a CSV's reader decodes it (not twice here)
        return data
    try:
        text = data.decode(encoding).lstrip("\ufeff \t\r\n")
    except UnicodeDecodeError:
        return data
    return DECLARED.sub(r"\1UTF-8\2", text, count=1).encode("utf-8")
