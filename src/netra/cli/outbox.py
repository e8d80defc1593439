"""`netra outbox deliver`: send the queued messages to reporters and staff (`netra worker` does
it every minute; this is for cron on a machine without the worker)."""

from __future__ import annotations

from typing import Annotated

import typer

from netra.cli.web import _django

outbox_app = typer.Typer(help="Messages to reporters and staff waiting to be sent.")


@outbox_app.command("deliver")
def deliver(
    limit: Annotated[int, typer.Option(min=1, help="At most this many messages in one run.")] = 500,
) -> None:
    """Try each queued message once; those whose channel has no sender stay queued."""
    _django()
    from netra.notifications.services import deliver_outbox

    run = deliver_outbox(limit=limit)
    typer.echo(f"sent {run.sent}; still queued {run.still_queued}; failed for good {run.failed}")


@outbox_app.command("digest")
def digest() -> None:
    """Tell each staff member of their cases overdue, due today or tomorrow, and of the cases
    whose PPK is overdue on a sanction (run it daily)."""
    _django()
    from django.utils import timezone

    from netra.cases.notices import send_deadline_digest, send_ppk_overdue_notices

    now = timezone.now()
    today = timezone.localdate(now)
    count = send_deadline_digest(today=today, now=now)
    typer.echo(f"deadline digest for {count} staff members")
    told = send_ppk_overdue_notices(today=today, now=now)
    typer.echo(f"PPK overdue notices for {told} staff members")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.add_typer(outbox_app, name="outbox")
