"""`python -m geo VERB ...`: one entry point; each verb lives in geo/commands/<verb>.py.

A command module defines NAME, HELP, `configure(parser)` and `run(args) -> int`. Only
the verb being run is imported (its NAME is read from its source first): another verb's
libraries (matplotlib and folium for `snapshot`) cost `python -m geo import` nothing; a
call without a known verb (`--help`, a typo) lists them by the NAME and HELP their sources
state. A person's mistake (an IncidentMapError) ends with one line on stderr and exit
status 2.
Everything printed goes through a filter that shows control and bidi characters as
visible marks (geo.visible): stored text, such as a file name with a terminal escape
sequence, cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import pkgutil
import re
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import geo.commands
from geo.allocation import keep_loaded_objects, paused_gc
from geo.errors import ConfigError, IncidentMapError
from geo.visible import UNDECODED, undecoded_marked, visible


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


NAME_LINE = re.compile(r'^NAME = "([^"]+)"$', re.MULTILINE)


def verb_modules() -> dict[str, str]:
    """Verb -> command module name, from each module's `NAME = "..."` line, unimported (a
    module that states its NAME otherwise is imported to learn it)."""
    found = {}
    for info in sorted(pkgutil.iter_modules(geo.commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        source = Path(info.module_finder.path, f"{info.name}.py")
        stated = NAME_LINE.search(source.read_text(encoding="utf-8")) if source.is_file() \
            else None
        name = stated.group(1) if stated else _module(info.name).NAME
        found[name] = info.name
    return found


def _module(name: str):
    return importlib.import_module(f"geo.commands.{name}")


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """The verb `argv` starts with, imported and configured; or, when it names none (the
    top level's help, a typo), every verb listed by the NAME and HELP its source states."""
    parser = argparse.ArgumentParser(prog="python -m geo", description="Incident map command line")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    modules = verb_modules()
    verb = argv[0] if argv else None
    if verb in modules:
        module = _module(modules[verb])
        sub = verbs.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(sub)
        sub.set_defaults(handler=module.run)
        return parser
    for name, module_name in modules.items():
        verbs.add_parser(name, help=_stated_help(module_name))
    return parser


def _stated_help(module_name: str) -> str:
    """A command module's HELP, read from its source when it is a plain string (the list of
    verbs imports none of their libraries: 1.4 s otherwise), else from the module."""
    source = Path(geo.commands.__path__[0], f"{module_name}.py")
    if source.is_file():
        for node in ast.parse(source.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and getattr(node.targets[0], "id", None) == "HELP"
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                return node.value.value
    return _module(module_name).HELP


def main(argv: list[str] | None = None) -> int:
    with redirect_stdout(VisibleText(sys.stdout)), redirect_stderr(VisibleText(sys.stderr)):
        whole_process = argv is None  # `python -m geo`, not a caller running one command
        argv = sys.argv[1:] if argv is None else list(argv)
        if whole_process:
            # The verb's imports make a few hundred thousand objects that live as long as
            # the process: frozen before the collector runs again, it never walks them
            # (resumed first, it would walk them all once: 0.05 s).
            with paused_gc():
                args = build_parser(argv).parse_args(argv)
                keep_loaded_objects()
        else:
            args = build_parser(argv).parse_args(argv)
        try:
            _refuse_undecoded(args)
            return args.handler(args)
        except IncidentMapError as error:  # a person's mistake: one line, exit status 2
            print(f"error: {error.one_line()}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # the reader went away (`... | head`): stop quietly
            _discard_standard_output()
            return 1


def _refuse_undecoded(args: argparse.Namespace) -> None:
    """A value holding bytes that are not UTF-8 (typed in a Latin-1 terminal) is refused by
    them: no text can be stored, drawn or compared as it (an operator, a title, a --db path
    ended in a UnicodeEncodeError traceback). A file given as a path (a Path) is opened as
    named; its name is stored with the bytes as marks."""
    for value in vars(args).values():
        for text in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(text, str) and UNDECODED.search(text):
                raise ConfigError(f"'{undecoded_marked(text)}', given on the command line, "
                                  "holds bytes that are not UTF-8 text (marked ‹0x..›): type "
                                  "it again in a terminal set to UTF-8")


def _discard_standard_output() -> None:
    """What is left to print goes nowhere: Python's flush of stdout at exit would
    otherwise meet the closed pipe again and print a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.__stdout__.fileno())
