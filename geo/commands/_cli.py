"""`python -m geo VERB ...`: one entry point; each verb lives in geo/commands/<verb>.py.

A command module defines NAME, HELP, `configure(parser)` and `run(args) -> int`. A
person's mistake (an IncidentMapError) ends with one line on stderr and exit status 2.
Everything printed goes through a filter that shows control and bidi characters as
visible marks (geo.visible): stored text, such as a file name with a terminal escape
sequence, cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from contextlib import redirect_stderr, redirect_stdout

import geo.commands
from geo.errors import IncidentMapError
from geo.visible import visible


class VisibleText:
    """A text stream that writes every hidden or control character as a visible mark
    (line breaks and tabs pass; a lone carriage return, which overwrites a line, does
    not)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        shown = visible(text.replace("\r\n", "\n")).replace("\r", "‹U+000D›")
        self.stream.write(shown)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name):
        return getattr(self.stream, name)


def command_modules():
    for info in sorted(pkgutil.iter_modules(geo.commands.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"geo.commands.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Incident map command line")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    for module in command_modules():
        sub = verbs.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(sub)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    with redirect_stdout(VisibleText(sys.stdout)), redirect_stderr(VisibleText(sys.stderr)):
        args = build_parser().parse_args(argv)
        try:
            return args.handler(args)
        except IncidentMapError as error:  # a person's mistake: one line, exit status 2
            print(f"error: {error.one_line()}", file=sys.stderr)
            return 2
