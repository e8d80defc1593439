"""The `netra` command line: one Typer app, each area registering its own commands."""

from __future__ import annotations

import typer

from netra.cli import (
    analyze,
    ask,
    monitoring,
    outbox,
    prevention,
    rules,
    train,
    vulnerability,
    web,
    worker,
)

app = typer.Typer(
    help="Netra: supervise the neutrality of ASN, TNI, Polri and village officials in elections.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (
    rules,
    analyze,
    ask,
    train,
    web,
    vulnerability,
    monitoring,
    outbox,
    prevention,
    worker,
):
    module.register(app)


@app.command()
def version() -> None:
    """Print Netra's version."""
    from netra import __version__

    typer.echo(__version__)


def main() -> None:
    app()
