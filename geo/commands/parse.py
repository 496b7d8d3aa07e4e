"""`python -m geo parse ARTICLE... -o proposals.csv`: proposed incidents from news articles.

Each ARTICLE is a .txt, .html or .md file, a folder of them, or '-' for text on standard
input. The proposals of all articles are written as one CSV in the import template's columns
(plus confidence, evidence offsets and the place as written), which `python -m geo import`
reads. What each article gave, and every sentence with event words that was not proposed
and why, is reported on standard error. Nothing is stored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from geo.articles.parse import parse_article
from geo.articles.rows import ROW_COLUMNS, proposal_rows, rows_csv
from geo.articles.text import SUFFIXES, article_from_text, read_article_path
from geo.errors import InputFileError
from geo.geocoding.geocoder import load_geocoder
from geo.settings import Settings
from geo.sharing.output import write_whole
from geo.visible import visible

NAME = "parse"
HELP = ("read news articles (.txt, .html, .md) and write the incidents they state as a CSV "
        "of proposals that `import` reads")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("articles", nargs="+", metavar="ARTICLE", type=Path,
                        help="article files, folders of them, or - for standard input")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                        help="the CSV to write (- for standard output)")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="the articles' publication date, when the text does not give it "
                             "(relative dates such as 'last night' are resolved against it)")
    parser.add_argument("--publisher", help="who published the articles (replaces what the "
                                            "text says)")
    parser.add_argument("--author", help="who wrote the articles")
    parser.add_argument("--quiet", action="store_true",
                        help="report only the counts, not the sentences left out")


def article_paths(names: list[Path]) -> list[str | Path]:
    """The files named, the article files of the folders named, '-' as it is."""
    found: list[str | Path] = []
    for path in names:
        if str(path) == "-":
            found.append("-")
        elif path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
            if not inside:
                raise InputFileError(f"Folder '{path}' holds no article ({', '.join(SUFFIXES)})"
                                     "; give article files or another folder")
            found += inside
        elif path.exists():
            found.append(path)
        else:
            raise InputFileError(f"No such file or folder: '{path}'; check the path")
    return found


def _read(source):
    if source == "-":
        return article_from_text(sys.stdin.read(), "standard input")
    return read_article_path(source)


def _line(text: str) -> str:
    """A file name, a publisher or a sentence with a line break in it: one line still."""
    return visible(text, mark_breaks=True)


def _report(parse, quiet: bool) -> None:
    confidence = pd.Series([p.confidence for p in parse.proposals], dtype=object)
    counts = ", ".join(f"{confidence.eq(level).sum()} {level}"
                       for level in ("high", "medium", "low"))
    print(f"{_line(parse.article.name)}: {len(parse.proposals)} proposal(s) ({counts}); "
          f"{_line(parse.meta.describe())}", file=sys.stderr)
    if not parse.meta.date:
        print("  the article has no date: relative dates stay unresolved; give --date",
              file=sys.stderr)
    if not quiet:
        for left in parse.unproposed:
            print(f"  not proposed: {_line(left.why)} | {_line(left.sentence.text[:90])}",
                  file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    sources = article_paths(args.articles)
    geocoder = load_geocoder(Settings.from_env())
    frames = []
    for source in sources:
        parse = parse_article(_read(source), geocoder, date=args.date,
                              publisher=args.publisher, author=args.author)
        _report(parse, args.quiet)
        frames.append(proposal_rows(parse))
    rows = pd.concat(frames, ignore_index=True) if frames else \
        pd.DataFrame(columns=list(ROW_COLUMNS))
    data = rows_csv(rows)
    if str(args.output) == "-":
        sys.stdout.write(data.decode("utf-8-sig"))
    else:
        write_whole(args.output, data, advice="choose another path")
        print(f"{len(rows)} proposal(s) written to {args.output}", file=sys.stderr)
    return 0
