"""`netra ingest` and `netra export triage`: the monitoring desk's commands.

Django is set up lazily inside each command (as in netra.cli.web).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from netra.cli.outbox import outbox_app
from netra.cli.web import _django, export_app

DEFAULT_SOURCE = "file import"
feeds_app = typer.Typer(
    help="News feeds (RSS/Atom) watched by the monitoring desk.", no_args_is_help=True
)


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, separator, column = pair.partition("=")
        if not separator or not field.strip() or not column.strip():
            typer.echo(f"--map {pair!r}: write it as FIELD=COLUMN, e.g. text=body", err=True)
            raise typer.Exit(2)
        mapping[field.strip()] = column.strip()
    return mapping


def ingest(
    path: Annotated[Path, typer.Argument(help="JSONL, CSV, X API v2 JSON, Telegram, WhatsApp.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="auto, jsonl, csv, twitter, telegram, whatsapp or crowdtangle.",
        ),
    ] = "auto",
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="FIELD=COLUMN for another file's names (repeatable)."),
    ] = None,
    source: Annotated[str, typer.Option(help="The source name items are filed under.")] = (
        DEFAULT_SOURCE
    ),
    region: Annotated[
        str, typer.Option(help="The source's region code (when a new source is created).")
    ] = "",
    platform: Annotated[str, typer.Option(help="Platform of rows that name none.")] = "",
    media_dir: Annotated[
        Path | None, typer.Option(help="Folder of the media files (default: the file's folder).")
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Near-duplicate threshold: the share of the shorter text's word 4-grams found "
            "in the other, in (0, 1] (default 0.45)."
        ),
    ] = None,
    image_distance: Annotated[
        int | None,
        typer.Option(
            help="Images join when their perceptual hashes differ in at most this many of 64 "
            "bits (default 10)."
        ),
    ] = None,
    groups_out: Annotated[
        Path | None,
        typer.Option("--groups-out", help='Write {"id", "group"} for every input line here.'),
    ] = None,
) -> None:
    """Store, screen and group the posts of a file; bad rows are reported by line and skipped.

    Exit code 0 when every row went in, 1 when any row was skipped (the rest are stored), 2 when
    the file itself cannot be read, 3 when the database refused a batch (its lines and those
    after it are not stored; --groups-out lists the lines that are).
    """
    _django()
    from django.utils import timezone

    from netra.monitoring.core.formats import FormatError, read_posts
    from netra.monitoring.core.grouping import DEFAULT_THRESHOLD
    from netra.monitoring.core.images import DEFAULT_IMAGE_DISTANCE, HASH_BITS
    from netra.monitoring.models import SourceKind
    from netra.monitoring.services import (
        IngestBatchError,
        ingest_posts,
        ingest_process,
        source_named,
    )
    from netra.regions.selectors import region_by_code

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 < threshold <= 1.0:
        typer.echo(f"--threshold {threshold}: must be above 0 and at most 1", err=True)
        raise typer.Exit(2)
    image_distance = DEFAULT_IMAGE_DISTANCE if image_distance is None else image_distance
    if not 0 <= image_distance < HASH_BITS:
        typer.echo(f"--image-distance {image_distance}: must be 0 to {HASH_BITS - 1}", err=True)
        raise typer.Exit(2)
    try:
        data = path.read_bytes()
    except OSError as error:
        typer.echo(f"{path}: cannot read the file: {error.strerror}", err=True)
        raise typer.Exit(2) from None
    home = None
    if region:
        home = region_by_code(region)
        if home is None:
            typer.echo(f"--region {region!r}: no such region code (e.g. 32 or 32.01)", err=True)
            raise typer.Exit(2)
    try:
        rows = read_posts(
            data,
            name=path.name,
            fmt=fmt,
            mapping=_mapping(mapping or []),
            media_dir=media_dir or path.parent,
            platform=platform,
        )
        with ingest_process():
            result = ingest_posts(
                rows,
                source=source_named(source, kind=SourceKind.FILE, region=home),
                now=timezone.now(),
                threshold=threshold,
                image_distance=image_distance,
            )
    except FormatError as error:
        hint = error.details.get("cli_hint")
        typer.echo(f"{error}; {hint}" if hint else str(error), err=True)
        raise typer.Exit(2) from None
    except IngestBatchError as error:  # the lines before the batch are stored: say which
        failed: IngestBatchError | None = error
        result = error.result
    else:
        failed = None
    for outcome in result.errors:
        typer.echo(f"{path.name}: line {outcome.line}: {outcome.error}", err=True)
    if groups_out is not None:
        with groups_out.open("w", encoding="utf-8") as handle:
            for outcome in result.outcomes:
                line: dict[str, object] = {
                    "line": outcome.line,
                    "id": outcome.external_id,
                    "group": outcome.group,
                }
                if outcome.error is not None:
                    line["error"] = outcome.error
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    typer.echo(
        f"{len(result.outcomes) - len(result.errors)} row(s) in: {result.new_items} new item(s) "
        f"({result.flagged_items} flagged), {result.repeated_items} seen before, "
        f"{result.new_groups} new group(s); {len(result.errors)} row(s) skipped"
    )
    if failed is not None:
        typer.echo(f"{path.name}: {failed}", err=True)
        raise typer.Exit(3)
    if result.errors:
        raise typer.Exit(1)


@export_app.command("triage")
def export_triage(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="JSONL file to write (default stdout).")
    ] = None,
) -> None:
    """Write the desk's accept/dismiss decisions as corpus-format training texts (redacted)."""
    _django()
    from netra.monitoring.selectors import decisions_for_training
    from netra.monitoring.training import training_records

    records = training_records(decisions_for_training())
    handle = output.open("w", encoding="utf-8") if output else None
    count = 0
    for item in records:
        text = json.dumps(item, ensure_ascii=False)
        if handle:
            handle.write(text + "\n")
        else:
            typer.echo(text)
        count += 1
    if handle:
        handle.close()
    typer.echo(f"{count} label(s) written", err=True)


@feeds_app.command("add")
def feeds_add(
    name: Annotated[str, typer.Argument(help="A name for the feed, e.g. 'antaranews jabar'.")],
    url: Annotated[str, typer.Argument(help="The RSS or Atom URL.")],
    region: Annotated[str, typer.Option(help="Region of items that name none.")] = "",
) -> None:
    """Register a feed to poll (or change the URL and region of the feed with this name)."""
    _django()
    from netra.monitoring.services import MonitoringError, add_feed
    from netra.regions.selectors import region_by_code

    home = region_by_code(region) if region else None
    if region and home is None:
        typer.echo(f"--region {region!r}: no such region code (e.g. 32 or 32.01)", err=True)
        raise typer.Exit(2)
    try:
        source = add_feed(name, url=url, region=home)
    except MonitoringError as error:
        typer.echo(f"url: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"feed {source.name!r} -> {source.url}")


@feeds_app.command("poll")
def feeds_poll(
    every: Annotated[
        int, typer.Option(help="Poll again every this many seconds (0 = once).", min=0)
    ] = 0,
) -> None:
    """Fetch every active feed and ingest its new entries; a feed that fails is reported and
    skipped. Exit code 1 when any feed failed (single run)."""
    _django()
    import time

    from django.utils import timezone

    from netra.monitoring.services import poll_feeds

    while True:
        results = poll_feeds(now=timezone.now())
        for result in results:
            if result.ingest is None:
                typer.echo(f"{result.source.name}: {result.error}", err=True)
                continue
            for problem in result.article_problems:
                typer.echo(f"{result.source.name}: {problem}", err=True)
            typer.echo(
                f"{result.source.name}: {result.ingest.new_items} new item(s), "
                f"{result.ingest.flagged_items} flagged, {len(result.ingest.errors)} entry(ies) "
                "skipped"
            )
        if not results:
            typer.echo("no feeds: add one with `netra feeds add NAME URL`", err=True)
        if not every:
            if any(result.ingest is None for result in results):
                raise typer.Exit(1)
            return
        time.sleep(every)


def archive(
    group: Annotated[
        int | None, typer.Option(help="Only this group (default: every accepted group).")
    ] = None,
) -> None:
    """Capture the pages of accepted groups' items (bytes, SHA-256, time) before they vanish;
    a URL already captured is skipped, a failed fetch is recorded and tried again next run."""
    _django()
    from django.utils import timezone

    from netra.monitoring.models import Group
    from netra.monitoring.services import archive_group, groups_to_archive, screenshotter

    if group is not None:
        chosen = list(Group.objects.filter(pk=group))
        if not chosen:
            typer.echo(f"--group {group}: no such group", err=True)
            raise typer.Exit(2)
    else:
        chosen = groups_to_archive()
    now = timezone.now()
    shoot = screenshotter()
    if shoot is None:
        typer.echo("no headless chromium found: pages are archived without screenshots", err=True)
    for target in chosen:
        for capture in archive_group(target, now=now, screenshot=shoot):
            outcome = capture.error or f"{capture.size} bytes, SHA-256 {capture.sha256}"
            kind = "screenshot of " if capture.is_screenshot else ""
            typer.echo(f"group {target.pk}: {kind}{capture.url}: {outcome}")


alerts_app = typer.Typer(help="Monitoring alerts.", no_args_is_help=True)


@alerts_app.command("digest")
def alerts_digest(
    base_url: Annotated[
        str, typer.Option(help="The site's address, for links in the e-mails.")
    ] = "http://127.0.0.1:8000",
) -> None:
    """E-mail each supervisor the new high-score and viral groups of their region (run hourly)."""
    _django()
    from django.utils import timezone

    from netra.monitoring.services import send_alert_digests

    run = send_alert_digests(now=timezone.now(), base_url=base_url)
    for problem in run.failed:
        typer.echo(f"not sent: {problem}", err=True)
    typer.echo(f"sent {run.sent} digest(s); {run.skipped} supervisor(s) without address or alerts")
    if run.failed:
        raise typer.Exit(1)


def outbox_send(
    every: Annotated[
        int, typer.Option(help="Send again every this many seconds (0 = once).", min=0)
    ] = 0,
) -> None:
    """Download the due tipline photos, videos and documents and send the due tipline replies;
    failures are retried later with doubling delays."""
    _django()
    import time

    from django.utils import timezone

    from netra.monitoring.tiplines import fetch_tip_files, send_outbox

    while True:
        files = fetch_tip_files(now=timezone.now())
        if files.stored or files.retrying or files.failed:
            typer.echo(
                f"files: stored {files.stored}, retrying {files.retrying}, failed {files.failed}"
            )
        run = send_outbox(now=timezone.now())
        closed = run.window_closed
        typer.echo(
            f"sent {run.sent}, retrying {run.retrying}, failed {run.failed}"
            + (f", not sent (WhatsApp's 24-hour window closed) {closed}" if closed else "")
        )
        if not every:
            return
        time.sleep(every)


def rekey() -> None:
    """Re-sign every stored item for grouping and rebuild the grouping keys (after an upgrade
    that changed them: run it with no ingest going on). Groups stay as they are."""
    _django()
    from netra.monitoring.services import resign_items

    result = resign_items()
    typer.echo(f"{result.items} item(s) signed again, {result.keys} grouping key(s) written")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.command()(ingest)
    app.command()(rekey)
    app.command()(archive)
    app.add_typer(feeds_app, name="feeds")
    # `netra outbox` is the notifications' group (netra.cli.outbox): a second group of that name
    # hid this command, so the tipline replies' `send` joins that group instead.
    outbox_app.command("send")(outbox_send)
    app.add_typer(alerts_app, name="alerts")
