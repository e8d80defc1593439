"""News feeds served by a local HTTP server on 127.0.0.1: parsed, ingested, failures recorded."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from django.utils import translation

from netra.monitoring.core.feeds import FeedError, fetch, parse_feed, plain_text
from netra.monitoring.core.records import Post, RowError
from netra.monitoring.models import Item, Sighting
from netra.monitoring.services import MonitoringError, add_feed, poll_feed, poll_feeds
from netra.monitoring.templatetags.monitoring_tags import failure
from tests.monitoring.conftest import NOW

DATA = Path(__file__).parent / "data"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def feed_server() -> Iterator[str]:
    """Serve tests/monitoring/data over HTTP on a free port of 127.0.0.1."""
    handler = partial(_Quiet, directory=str(DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_rss_feed_becomes_posts_and_a_bare_entry_an_error(feed_server):
    rows = parse_feed(fetch(f"{feed_server}/feed.rss"), feed_url="uji")
    first, second, bare = rows
    assert isinstance(first, Post)
    assert first.external_id == "berita-1"
    assert first.text.startswith("Camat di Kabupaten Bogor diduga ikut kampanye\nCamat Cibinong")
    assert "<p>" not in first.text
    assert first.posted_at is not None
    assert first.posted_at.isoformat() == "2024-09-30T01:00:00+00:00"
    assert isinstance(second, Post)
    assert second.posted_at is None
    assert isinstance(bare, RowError)
    assert str(bare) == "line 3: entry has no title or text"


def test_an_atom_feed_reads_its_content(feed_server):
    [entry] = parse_feed(fetch(f"{feed_server}/feed.atom"), feed_url="uji")
    assert isinstance(entry, Post)
    assert entry.url == "http://127.0.0.1/rilis/1"
    assert "sembako" in entry.text


def test_a_missing_feed_and_a_closed_port_are_clear_errors(feed_server):
    with pytest.raises(FeedError, match="HTTP 404"):
        fetch(f"{feed_server}/hilang.rss")
    with pytest.raises(FeedError, match="cannot fetch the feed"):
        fetch("http://127.0.0.1:9/feed.rss", timeout_s=2)
    with pytest.raises(FeedError, match="only http and https"):
        fetch("file:///etc/passwd")
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>bukan feed", feed_url="uji")


def test_plain_text_keeps_paragraphs_and_decodes_entities():
    assert plain_text("<p>Satu &amp; dua</p><p>tiga<br/>empat</p>") == "Satu & dua\ntiga\nempat"


@pytest.mark.django_db
def test_polling_ingests_new_entries_once(feed_server, regions):
    source = add_feed("uji", url=f"{feed_server}/feed.rss", region=regions["jabar"])
    first = poll_feed(source, now=NOW)
    assert first.ingest is not None
    assert first.ingest.new_items == 2
    assert first.ingest.flagged_items == 1
    assert Item.objects.get(external_id="berita-1").region == regions["bogor"]  # from the text
    assert Item.objects.get(external_id="berita-2").region == regions["jabar"]  # the feed's
    poll_feed(source, now=NOW)
    assert Item.objects.count() == 2
    assert Sighting.objects.count() == 2  # the same entry from the same feed is one sighting


@pytest.mark.django_db
def test_a_feed_that_is_down_is_recorded_and_the_others_still_polled(feed_server, regions):
    add_feed("a-mati", url="http://127.0.0.1:9/feed.rss")
    add_feed("b-hidup", url=f"{feed_server}/feed.atom")
    down, up = poll_feeds(now=NOW)
    assert down.ingest is None
    assert "cannot fetch the feed" in down.error
    down.source.refresh_from_db()
    assert down.source.last_error == down.error
    assert up.ingest is not None
    assert up.ingest.new_items == 1


@pytest.mark.django_db
def test_a_feed_url_must_be_http():
    with pytest.raises(MonitoringError, match="not an http"):
        add_feed("x", url="ftp://example.org/feed")


@pytest.mark.django_db
def test_archiving_captures_each_url_once_with_its_hash_and_records_failures(
    feed_server, ingest, cast, elections
):
    from netra.monitoring.models import Capture, Group
    from netra.monitoring.services import accept_group, archive_group
    from tests.monitoring.conftest import BOGOR_POST

    page = f"{feed_server}/feed.atom"
    ingest(
        [
            {"id": "1", "text": BOGOR_POST, "url": page},
            {"id": "2", "text": f"RT @a: {BOGOR_POST} {page}", "url": f"{feed_server}/hilang"},
        ]
    )
    group = Group.objects.get()
    accept_group(
        group, actor=cast["panwas_bogor"], election=elections["bogor"], now=NOW, today=NOW.date()
    )
    captures = archive_group(group, now=NOW)
    assert sorted((c.url, c.status_code) for c in captures) == [
        (page, 200),
        (f"{feed_server}/hilang", 404),
    ]
    good = Capture.objects.get(url=page)
    assert good.sha256 == hashlib.sha256((DATA / "feed.atom").read_bytes()).hexdigest()
    assert good.fetched_at == NOW
    lost = Capture.objects.get(url=f"{feed_server}/hilang")
    assert lost.error == "the server answered HTTP 404"
    with translation.override("id"):  # as the group page shows it to an Indonesian reader
        assert failure(lost.error_message, lost.error) == "server menjawab HTTP 404"
    assert [c.url for c in archive_group(group, now=NOW)] == [f"{feed_server}/hilang"]


@pytest.mark.django_db
def test_archiving_keeps_a_hashed_chromium_screenshot_of_each_page(
    feed_server, ingest, cast, elections
):
    from netra.monitoring.core.archive import find_chromium
    from netra.monitoring.models import Capture, Group
    from netra.monitoring.services import accept_group, archive_group, screenshotter
    from tests.monitoring.conftest import BOGOR_POST

    if find_chromium() is None:
        pytest.skip("no headless chromium on this machine")
    page = f"{feed_server}/feed.atom"
    ingest([{"id": "1", "text": BOGOR_POST, "url": page}])
    group = Group.objects.get()
    accept_group(
        group, actor=cast["panwas_bogor"], election=elections["bogor"], now=NOW, today=NOW.date()
    )
    archive_group(group, now=NOW, screenshot=screenshotter())
    shot = Capture.objects.get(is_screenshot=True)
    assert shot.error == ""
    assert shot.media_type == "image/png"
    from django.core.files.storage import default_storage

    with default_storage.open(shot.stored_as, "rb") as handle:
        png = handle.read()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.sha256 == hashlib.sha256(png).hexdigest()
    assert archive_group(group, now=NOW, screenshot=screenshotter()) == []  # each URL once


@pytest.mark.django_db
def test_archiving_without_chromium_skips_the_screenshot_cleanly(
    feed_server, ingest, cast, elections, monkeypatch
):
    from netra.monitoring.models import Capture, Group
    from netra.monitoring.services import accept_group, archive_group, screenshotter
    from tests.monitoring.conftest import BOGOR_POST

    monkeypatch.setenv("NETRA_CHROMIUM", "/nonexistent/chromium")
    assert screenshotter() is None
    ingest([{"id": "1", "text": BOGOR_POST, "url": f"{feed_server}/feed.atom"}])
    group = Group.objects.get()
    accept_group(
        group, actor=cast["panwas_bogor"], election=elections["bogor"], now=NOW, today=NOW.date()
    )
    archive_group(group, now=NOW, screenshot=screenshotter())
    assert Capture.objects.filter(is_screenshot=True).count() == 0
    assert Capture.objects.filter(is_screenshot=False, error="").count() == 1


def test_a_screenshot_of_a_page_that_is_not_http_is_refused_without_starting_a_browser():
    from netra.monitoring.core.archive import screenshot_page

    shot = screenshot_page("--remote-debugging-port=9222", chromium="/nonexistent")
    assert shot.png is None
    assert shot.error == "only http and https pages are archived"
