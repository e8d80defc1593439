"""`netra prevention remind`: mail the stage reminders ("send the imbauan now"); run it daily."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from netra.cli.web import _django

prevention_app = typer.Typer(help="The prevention register: declarations, meetings, imbauan.")


@prevention_app.command("remind")
def remind(
    election: Annotated[
        str, typer.Option(help="Election whose calendar is followed (an elections.yaml id).")
    ] = "pilkada-2024",
    on: Annotated[
        str | None, typer.Option("--date", help="Day to remind for, YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """Remind the staff of each kabupaten/kota that has not sent its imbauan, 7 days before
    penetapan and before the campaign; each staff member once per stage."""
    from netra.rulebook import UnknownCodeError, load_rulebook

    book = load_rulebook()
    try:
        book.election(election)
    except UnknownCodeError as error:
        raise typer.BadParameter(str(error), param_hint="--election") from None
    try:
        today = date.fromisoformat(on) if on else None
    except ValueError:
        raise typer.BadParameter(
            f"{on!r} is not a date: use YYYY-MM-DD", param_hint="--date"
        ) from None
    _django()
    from django.utils import timezone

    from netra.prevention.services import send_stage_reminders

    now = timezone.now()
    sent = send_stage_reminders(
        book, election=election, today=today or timezone.localdate(now), now=now
    )
    typer.echo(f"stage reminders sent to {len(sent)} staff members")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.add_typer(prevention_app, name="prevention")
