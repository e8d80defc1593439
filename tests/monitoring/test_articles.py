"""Article text from a feed entry's page, served on 127.0.0.1: read when it can be, the feed's
own text kept when it cannot."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from netra.monitoring.core.archive import Fetched, fetch_page
from netra.monitoring.core.articles import article_text, with_article_text
from netra.monitoring.core.records import Post
from netra.monitoring.models import Item
from netra.monitoring.services import add_feed, poll_feed
from tests.monitoring.conftest import NOW
from tests.monitoring.test_feeds import _Quiet

SITE = Path(__file__).parent / "data" / "site"
TEASER = "Camat Cibinong terekam ikut kampanye."


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A news site on a free port of 127.0.0.1: the article page, and room for a feed."""
    (tmp_path / "artikel.html").write_bytes((SITE / "artikel.html").read_bytes())
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    finally:
        server.shutdown()
        server.server_close()


def _feed(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Berita {n}</title><link>{base}{link}</link><guid>b{n}</guid>"
        f"<description>{TEASER}</description></item>"
        for n, link in enumerate(links, start=1)
    )
    channel = f"<channel><title>Uji</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def test_the_article_text_is_the_story_without_menus_asides_or_footer():
    text = article_text((SITE / "artikel.html").read_bytes(), url="http://127.0.0.1/artikel")
    assert "memanggil camat untuk klarifikasi" in text
    assert "tiga ratus orang" in text
    assert "Beranda" not in text
    assert "Harga cabai" not in text
    assert "Hak cipta" not in text


def test_an_entry_whose_page_cannot_be_read_keeps_the_feeds_text(site):
    base, _ = site
    rows = [
        Post(1, "a", f"Judul\n{TEASER}", url=f"{base}/artikel.html"),
        Post(2, "b", f"Judul\n{TEASER}", url=f"{base}/hilang.html"),
        Post(3, "c", f"Judul\n{TEASER}", url="http://127.0.0.1:9/tutup"),  # nothing listens
        Post(4, "d", f"Judul\n{TEASER}"),  # no page to read
    ]
    out, problems = with_article_text(rows)
    read, missing, offline, unlinked = out
    assert isinstance(read, Post)
    assert read.text.startswith("Judul\nCamat Cibinong Kabupaten Bogor terekam")
    assert [row.text for row in (missing, offline, unlinked)] == [f"Judul\n{TEASER}"] * 3  # type: ignore[union-attr]
    assert len(problems) == 2
    assert "HTTP 404" in problems[0]
    assert "cannot fetch" in problems[1]
    assert all(problem.endswith("the feed's text is kept") for problem in problems)


def test_a_page_that_is_not_html_is_not_read():
    def pdf(url: str) -> Fetched:
        return Fetched(url, 200, "application/pdf", b"%PDF-1.4")

    out, problems = with_article_text([Post(1, "a", "Judul", url="http://x.test/a.pdf")], fetch=pdf)
    assert out[0].text == "Judul"  # type: ignore[union-attr]
    assert problems == [
        "http://x.test/a.pdf: not a web page (application/pdf); the feed's text is kept"
    ]


@pytest.mark.django_db
def test_polling_reads_a_new_entrys_article_once(site, regions):
    base, root = site
    (root / "feed.rss").write_bytes(_feed(base, ["/artikel.html", "/hilang.html"]))
    source = add_feed("uji", url=f"{base}/feed.rss")
    fetched: list[str] = []

    def counting(url: str) -> Fetched:
        fetched.append(url)
        return fetch_page(url, timeout_s=5)

    result = poll_feed(source, now=NOW, fetch_article=counting)
    assert result.ingest is not None
    assert result.ingest.new_items == 2
    article = Item.objects.get(external_id="b1")
    assert "memanggil camat untuk klarifikasi" in article.text
    assert article.is_violation  # the article tells of the act: screened on the full text
    assert Item.objects.get(external_id="b2").text == f"Berita 2\n{TEASER}"
    assert "HTTP 404" in result.article_problems[0]
    poll_feed(source, now=NOW, fetch_article=counting)
    assert len(fetched) == 2  # entries already ingested are not fetched again
    assert Item.objects.count() == 2
