"""News feeds: RSS and Atom parsed by feedparser into posts; fetching fails with a clear error.

The fetch is plain urllib with a timeout and a size cap, so polling offline, or a feed that is
down, becomes `FeedError` naming the URL and the cause, and the poller goes on to the next feed.
"""

from __future__ import annotations

import calendar
import html
import re
import urllib.error
import urllib.request
from datetime import UTC, datetime
from typing import Any

import feedparser

from netra.errors import NetraError
from netra.monitoring.core.records import (
    MAX_ID_CHARS,
    MAX_TEXT_CHARS,
    MAX_URL_CHARS,
    Post,
    RowError,
)

FETCH_TIMEOUT_S = 15
MAX_FEED_BYTES = 10 * 1024 * 1024
USER_AGENT = "Netra-monitoring/0.1 (+https://bawaslu.go.id)"

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


class FeedError(NetraError):
    """A feed could not be fetched or read."""

    code = "feed_unavailable"


def fetch(url: str, *, timeout_s: float = FETCH_TIMEOUT_S) -> bytes:
    """The feed document's bytes, or FeedError naming the URL and why."""
    if not url.lower().startswith(("http://", "https://")):
        raise FeedError(f"{url}: only http and https feeds are polled")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            data: bytes = response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FeedError(f"{url}: the server answered HTTP {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FeedError(f"{url}: cannot fetch the feed ({reason})") from None
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"{url}: the feed is larger than {MAX_FEED_BYTES // 2**20} MB")
    return data


def plain_text(fragment: str) -> str:
    """Feed HTML as text: tags dropped, entities decoded, spaces folded, paragraphs kept."""
    text = re.sub(r"(?i)<br\s*/?>|</p>", "\n", fragment)
    text = html.unescape(_TAG.sub(" ", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _time(entry: Any) -> datetime | None:
    for name in ("published_parsed", "updated_parsed"):
        value = entry.get(name)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def parse_feed(data: bytes, *, feed_url: str) -> list[Post | RowError]:
    """The feed's entries as posts (title and summary as text); an entry without text or link
    is a RowError naming its position."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"{feed_url}: not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    outlet = str(parsed.feed.get("title") or feed_url)[:200]
    rows: list[Post | RowError] = []
    for index, entry in enumerate(parsed.entries, start=1):
        link = str(entry.get("link") or "")[:MAX_URL_CHARS]
        identity = str(entry.get("id") or link)[:MAX_ID_CHARS]
        title = plain_text(str(entry.get("title") or ""))
        body = ""
        if entry.get("content"):
            body = plain_text(str(entry["content"][0].get("value") or ""))
        if not body:
            body = plain_text(str(entry.get("summary") or ""))
        text = "\n".join(part for part in (title, body) if part)[:MAX_TEXT_CHARS]
        if not identity:
            rows.append(RowError.of(index, "entry has neither an id nor a link"))
            continue
        if not text:
            rows.append(RowError.of(index, "entry has no title or text", identity))
            continue
        rows.append(
            Post(
                line=index,
                external_id=identity,
                text=text,
                url=link,
                author=str(entry.get("author") or outlet)[:200],
                platform="news",
                posted_at=_time(entry),
                links=(link,) if link else (),
            )
        )
    return rows
