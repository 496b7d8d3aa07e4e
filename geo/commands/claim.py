"""`python -m geo claim INCIDENT_ID STATUS --by NAME [--note TEXT]`: review a claim, and
`python -m geo claim --history [INCIDENT_ID]`: the status changes, newest first.

The change and its history row are written in one transaction (geo.review.claims); setting the
status an incident already has is refused.
"""

from __future__ import annotations

import argparse

import pandas as pd

from geo.access.actor import command_line_actor
from geo.commands._listing import cut_note, listing
from geo.commands._store_option import add_db_option, open_store
from geo.errors import ValidationError
from geo.review.claims import claim_history, set_claim_status
from geo.schema import CLAIM_STATUSES
from geo.settings import Settings

NAME = "claim"
HELP = ("set an incident's claim status with who and why (`claim ID STATUS --by NAME "
        "--note WHY`), or list the status history (--history)")
HISTORY_COLUMNS = {"changed_at": "when (UTC)", "incident_id": "incident", "batch_id": "batch",
                   "changed_by": "by", "changed_from": "from", "change": "change",
                   "note": "note"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("incident_id", nargs="?", help="the incident, e.g. seed-002-01")
    parser.add_argument("status", nargs="?", help=f"new status: {', '.join(CLAIM_STATUSES)}")
    parser.add_argument("--by", dest="changed_by", metavar="NAME",
                        help="who makes the change (required to change a status)")
    parser.add_argument("--note", default="", metavar="TEXT",
                        help="why: the evidence or source behind the change")
    parser.add_argument("--history", action="store_true",
                        help="list status changes, newest first (of INCIDENT_ID, or of all)")
    add_db_option(parser)


def _print_history(history: pd.DataFrame, incident_id: str | None) -> None:
    if history.empty:
        whose = f"incident '{incident_id}'" if incident_id else "any incident"
        print(f"No claim status changes recorded for {whose}: statuses are as imported")
        return
    table = history.assign(
        changed_at=history["changed_at"].dt.strftime("%Y-%m-%d %H:%M"),
        change=history["previous_status"].replace("", "(imported)") + " -> "
        + history["status"],
    )
    text, cut = listing(table[list(HISTORY_COLUMNS)].rename(columns=HISTORY_COLUMNS))
    print(text)
    if cut:
        print(cut_note("the claim panel under a selected incident on the map shows them "
                       "whole"))


def _usage_problems(args: argparse.Namespace) -> list[str]:
    if args.history:
        return ["--history lists changes and takes no STATUS; drop "
                f"'{args.status}'"] if args.status else []
    problems = []
    if not args.incident_id or not args.status:
        problems.append("Give INCIDENT_ID and STATUS, e.g. `python -m geo claim seed-002-01 "
                        "confirmed --by 'A. Analyst'`, or --history to list changes")
    if args.changed_by is None:
        problems.append("Missing --by NAME: say who makes this change")
    return problems


def run(args: argparse.Namespace) -> int:
    problems = _usage_problems(args)
    if problems:
        raise ValidationError(problems, summary="Nothing changed")
    settings = Settings.from_env()
    store = open_store(args, settings)
    if args.history:
        if args.incident_id and not store.known_incident_ids([args.incident_id]):
            raise ValidationError([f"Unknown incident id '{args.incident_id}'; find it with "
                                   "`python -m geo query`"], summary="No history to show")
        _print_history(claim_history(store, args.incident_id), args.incident_id)
        return 0
    change = set_claim_status(store, args.incident_id, args.status,
                              changed_by=args.changed_by, note=args.note,
                              changed_from=command_line_actor(args.changed_by).origin)
    print(f"Incident {change.incident_id}: {change.previous_status} -> {change.status} "
          f"by {change.changed_by} at {change.changed_at:%Y-%m-%d %H:%M} UTC")
    return 0
