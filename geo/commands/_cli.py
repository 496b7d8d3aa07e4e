"""`python -m geo VERB ...`: one entry point; each verb lives in geo/commands/<verb>.py.

A command module defines NAME, HELP, `configure(parser)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import geo.commands
from geo.errors import IncidentMapError


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
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except IncidentMapError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
