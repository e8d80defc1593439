"""`netra setup`, `netra serve`, `netra token` and `netra audit verify`: the case system's commands.

Django is set up lazily inside each command, so `netra analyze` and the other core commands never
pay for it (or need a SECRET_KEY).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Annotated

import typer

audit_app = typer.Typer(help="Check the audit trail.", no_args_is_help=True)


def _django() -> None:
    """Configure Django once; a configuration error becomes a clear message and exit code 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        typer.echo(f"configuration error: {error}", err=True)
        raise typer.Exit(2) from None


def setup(
    regions: Annotated[bool, typer.Option(help="Load the provinsi and kabupaten/kota.")] = True,
) -> None:
    """Create or upgrade the database and load regions, elections and holidays (idempotent)."""
    _django()
    from django.core.management import call_command

    from netra.cases.reference import load_elections, load_holidays
    from netra.regions.services import load_regions

    call_command("migrate", interactive=False, verbosity=0)
    typer.echo("database migrated")
    if regions:
        loaded = load_regions()
        typer.echo(f"regions: {loaded.total} ({loaded.created} new, {loaded.updated} renamed)")
    elections = load_elections()
    typer.echo(f"elections: {elections.total} ({elections.created} new)")
    typer.echo(f"holidays: {load_holidays()} new")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    dev: Annotated[bool, typer.Option("--dev", help="Django's auto-reloading dev server.")] = False,
    workers: Annotated[int, typer.Option(help="gunicorn worker processes.")] = 2,
) -> None:
    """Serve the web app and the API (gunicorn when installed; --dev for runserver)."""
    _django()
    gunicorn = shutil.which("gunicorn") or shutil.which(
        "gunicorn", path=os.path.dirname(sys.executable)
    )
    if dev or gunicorn is None:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}")
        return
    command = [gunicorn, "netra.web.wsgi", "--bind", f"{host}:{port}", "--workers", str(workers)]
    raise typer.Exit(subprocess.call(command))  # noqa: S603 -- fixed argv, no shell


def staff(
    username: Annotated[str, typer.Argument(help="Login name of the new staff member.")],
    role: Annotated[str, typer.Option(help="A netra.procedure.Role code, e.g. bawaslu_kabkota.")],
    region: Annotated[str, typer.Option(help="Region code of the scope; empty = nationwide.")] = "",
) -> None:
    """Create a staff account with a role and a region scope."""
    _django()
    from netra.accounts.services import create_staff
    from netra.errors import NetraError
    from netra.regions.selectors import region_by_code

    scope = region_by_code(region) if region else None
    if region and scope is None:
        typer.echo(f"--region: unknown region code {region!r} (run `netra setup` first?)", err=True)
        raise typer.Exit(2)
    try:
        user = create_staff(username, role=role, region=scope, actor=None)
    except NetraError as error:
        typer.echo(f"--role: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"created {user.username} ({user.role}, {scope.name if scope else 'nationwide'})")


def token(
    username: Annotated[str, typer.Argument(help="The staff user the token is for.")],
    label: Annotated[str, typer.Option(help="What the token is used for.")] = "cli",
) -> None:
    """Issue an API token for a staff user; it is printed once and stored only as a hash."""
    _django()
    from netra.accounts.models import User
    from netra.accounts.services import issue_token

    user = User.objects.filter(username=username).first()
    if user is None:
        typer.echo(f"no user {username!r}", err=True)
        raise typer.Exit(2)
    typer.echo(issue_token(user, actor=None, label=label).secret)


@audit_app.command("verify")
def audit_verify() -> None:
    """Recompute the hash chain; exit 1 and name each broken event if anything was changed."""
    _django()
    from netra.audit.services import verify_chain

    report = verify_chain()
    for broken in report.breaks:
        typer.echo(f"event #{broken.event_id}: {broken.reason}", err=True)
    typer.echo(f"checked {report.checked} events; head {report.head}")
    if not report.is_intact:
        typer.echo(f"audit chain BROKEN at {len(report.breaks)} place(s)", err=True)
        raise typer.Exit(1)
    typer.echo("audit chain intact")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.command()(setup)
    app.command()(serve)
    app.command()(staff)
    app.command()(token)
    app.add_typer(audit_app, name="audit")
