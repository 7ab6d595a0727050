"""``python -m newscrawler evaluate PATH``: the scoreboard (``newscrawler.evaluate``)."""

from __future__ import annotations


def add_arguments(commands) -> None:
    from newscrawler.evaluate.command import DESCRIPTION, add_arguments as scoreboard_arguments

    parser = commands.add_parser("evaluate", help="the scoreboard: ours beside trafilatura on real pages",
                                 description=DESCRIPTION)
    scoreboard_arguments(parser)
    parser.set_defaults(run=_run)


def _run(args) -> int:
    from newscrawler.evaluate.command import run

    return run(args)
