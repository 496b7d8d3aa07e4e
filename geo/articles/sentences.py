"""An article's text cut into sentences, each with its character offsets in the text.

Every line is a paragraph (news pages put one paragraph on a line). A sentence ends at . ! or ?
(with any closing quote) before a capital, a digit or an opening quote, but not after a
title, a month or an initial ("Gov.", "Aug.", "D.C.", "J. Smith"). A short line with no final
stop is a heading (a title, a subheading, a caption), unless the next line goes on with a word
in lower case: then the page wrapped one paragraph over two lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "pres", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "approx", "est", "fig",
    "u.s", "u.k", "d.c", "e.g", "i.e", "a.m", "p.m", "u.n", "e.u", "jr", "sr", "mt", "ft",
}
BOUNDARY = re.compile(r"[.!?]+[\"”’»)\]]*\s+(?=[\"“‘«(\[]?[A-Z0-9А-ЯЁІЇЄҐ])")
WORD_BEFORE = re.compile(r"([\w.]+)\.?$")
HEADING_MAX_WORDS = 16
CONTINUED = re.compile(r"[a-z]")          # a line going on with a word in lower case
# an abbreviation is looked for in this many characters before a stop: searching the whole
# line before each stop made a long paragraph cost the square of its length
ABBREVIATION_REACH = 40


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int            # offsets in the article text: text[start:end] == self.text
    end: int
    text: str
    paragraph: int
    heading: bool = False  # a line without a final stop: title, subheading, caption


def _is_abbreviation(before: str) -> bool:
    found = WORD_BEFORE.search(before)
    if not found:
        return False
    word = found.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _cuts(line: str) -> list[int]:
    cuts = []
    for found in BOUNDARY.finditer(line):
        stop = line.index(next(c for c in found.group() if c in ".!?"), found.start())
        if line[stop] == "." and _is_abbreviation(line[max(0, stop - ABBREVIATION_REACH):stop]):
            continue
        cuts.append(found.end())
    return cuts


def _is_heading(text: str) -> bool:
    return (not re.search(r"[.!?:;\"”’»)]$", text)
            and len(text.split()) <= HEADING_MAX_WORDS)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, line) of every paragraph: a line that stops mid-sentence and the line after
    it that goes on in lower case ("... near the village of Hvardiiske, resulting" / "in a
    significant explosion.") are one paragraph, wrapped by the page."""
    units: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if units and CONTINUED.match(line) and units[-1][1].strip() and \
                not re.search(r"[.!?:;\"”’»)]\s*$", units[-1][1]):
            units[-1] = (units[-1][0], units[-1][1] + "\n" + line)
        else:
            units.append((offset, line))
        offset += len(line) + 1
    return units


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph, (offset, line) in enumerate(_paragraphs(text)):
        begin = 0
        for cut in [*_cuts(line), len(line)]:
            piece = line[begin:cut]
            stripped = piece.strip()
            if stripped:
                start = offset + begin + (len(piece) - len(piece.lstrip()))
                sentences.append(Sentence(len(sentences), start, start + len(stripped),
                                          stripped, paragraph, _is_heading(stripped)))
            begin = cut
    return sentences
