"""The ``qual-si`` command line: a thin skin over :class:`qual_si.Project`.

Commands print results; library errors become one ``error: ...`` line and an exit status
(1 for a failed action, 2 for bad input or usage), never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click
import typer

from .. import __version__
from ..errors import QualSiError
from .common import err, options

app = typer.Typer(
    name="qual-si",
    help="Offline qualitative analysis of interviews and case studies.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qual-si {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    project: str = typer.Option(
        None, "--project", "-p", envvar="QUAL_SI_PROJECT",
        help="Project file (.qsi) or postgresql+psycopg:// URL. Default: study.qsi here.",
    ),
    coder: str = typer.Option(
        None, "--coder", envvar="QUAL_SI_CODER", help="Who is working (default: your login name)."
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    options.project = project
    options.coder = coder


def _register() -> None:
    # Command modules attach themselves to ``app``; importing them here keeps start-up cheap
    # (each imports heavy libraries only inside its commands).
    from . import analysis, cases, codebook, demo, documents, history, nlp, tui  # noqa: F401

    def panel(name: str) -> str:
        return next((title for title, names in PANELS if name in names), "Analysis")

    for command in app.registered_commands:
        command.rich_help_panel = panel(command.name or (command.callback.__name__ if command.callback else ""))
    for group in app.registered_groups:
        group.rich_help_panel = panel(group.name or "")


#: How ``qual-si --help`` groups the commands, in the order a project is worked through.
PANELS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Start", frozenset({"demo", "init", "info", "open"})),
    ("Documents and cases", frozenset({"import", "documents", "show", "speakers", "cases"})),
    ("Codebooks and coding", frozenset({"codebook", "code", "undo", "redo", "history"})),
    ("Suggestions and themes", frozenset({"segment", "suggest", "suggestions", "themes"})),
)

_register()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``qual-si`` console script."""
    try:
        result = app(args=list(argv) if argv is not None else None, prog_name="qual-si", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        err.print("aborted")
        return 130
    except QualSiError as exc:
        err.print(f"[red]error:[/red] {exc}", soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
