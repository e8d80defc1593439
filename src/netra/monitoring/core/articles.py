"""A news entry's article text: its page fetched once and the main text extracted (trafilatura).

A feed carries a title and a teaser; the incident is told in the article. When the page can be
fetched and read, the entry's text becomes its title and the article's main text (menus, ads,
comments and footers left out); when it cannot (offline, HTTP error, not HTML, nothing found),
the entry keeps the feed's own text and the reason is reported beside it. No Django.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from netra.monitoring.core.archive import Fetched, fetch_page
from netra.monitoring.core.records import MAX_TEXT_CHARS, Post, RowError

ARTICLE_TIMEOUT_S = 10


def article_text(page: bytes, *, url: str = "") -> str:
    """The page's main text, paragraphs on their own lines ('' when none is found)."""
    import trafilatura  # half a second to import: only where pages are read

    text = trafilatura.extract(
        page,
        url=url or None,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    return (text or "").strip()


def fetch_article(url: str) -> Fetched:
    return fetch_page(url, timeout_s=ARTICLE_TIMEOUT_S)


def with_article_text(
    rows: Sequence[Post | RowError],
    *,
    fetch: Callable[[str], Fetched] = fetch_article,
) -> tuple[list[Post | RowError], list[str]]:
    """The rows with each linked entry's text replaced by its title and article text, and the
    problems of the pages that could not be used."""
    out: list[Post | RowError] = []
    problems: list[str] = []
    for row in rows:
        if not isinstance(row, Post) or not row.url:
            out.append(row)
            continue
        fetched = fetch(row.url)
        problem = ""
        if fetched.body is None:
            problem = fetched.error
        elif fetched.media_type not in ("text/html", "application/xhtml+xml"):
            problem = f"not a web page ({fetched.media_type or 'no type'})"
        else:
            text = article_text(fetched.body, url=row.url)
            if text:
                title = row.text.split("\n", 1)[0]
                out.append(replace(row, text=f"{title}\n{text}"[:MAX_TEXT_CHARS]))
                continue
            problem = "no article text found on the page"
        problems.append(f"{row.url}: {problem}; the feed's text is kept")
        out.append(row)
    return out, problems
