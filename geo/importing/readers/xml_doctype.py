"""XML that declares a document type (`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///...">]>`): no
spreadsheet, map program or GPS writes one; its entities are how a hostile file reaches
for another file, a server or memory (a billion laughs). The readers never resolve an
external entity, so its text was dropped without a word (an .xlsx cell read as empty) or
the reader failed with its parser's words. Refused by name before any reader starts.

A document type can only stand before the root element, so only the head of each part is
read (a chunk, usually; longer only when a prolog is padded with comments)."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from geo.errors import InputFileError

ROOT_START = re.compile(rb"<[A-Za-z_]")  # the first element: no document type after it
CHUNK = 65_536
XML_PARTS = (".xml", ".rels", ".kml", ".gpx")


def _declares(stream) -> bool:
    head = b""
    while chunk := stream.read(CHUNK):
        head += chunk.replace(b"\x00", b"")  # UTF-16's ASCII as ASCII
        found = ROOT_START.search(head)
        if b"<!DOCTYPE" in (head[:found.start()] if found else head):
            return True
        if found:
            return False
    return False


def refuse_doctype(data: bytes, name: str, *, zipped: bool = False) -> None:
    """Refuse `data` (XML, or a ZIP of XML parts: .xlsx, KMZ) declaring a document type; a
    part that cannot be unpacked is left to its reader to name."""
    if not zipped:
        _refuse(_declares(io.BytesIO(data)), name, None)
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for member in archive.namelist():
            if member.lower().endswith(XML_PARTS):
                with archive.open(member) as stream:  # its head only, not all of it
                    _refuse(_declares(stream), name, member)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError,
            NotImplementedError):
        return


def _refuse(declared: bool, name: str, part: str | None) -> None:
    if declared:
        where = f" (its part '{part}')" if part else ""
        raise InputFileError(
            f"'{name}'{where} declares an XML document type (<!DOCTYPE>), which no "
            "spreadsheet, map program or GPS writes: its entities may reach for other files "
            "or servers and would be read as nothing. Save or export the file again from "
            "the program that made it")
