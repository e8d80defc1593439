"""Export files in, posts out: JSONL/CSV, X API v2, Telegram Desktop, WhatsApp, CrowdTangle.

Every reader yields `Post`s and `RowError`s in input order; a bad row is named by its line (or,
in one-document JSON exports, its position such as `messages[12]`) and the rest go on. Only a
file that cannot be read at all raises `FormatError`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from netra.errors import NetraError
from netra.monitoring.core.records import (
    MAX_AUTHOR_CHARS,
    MAX_ID_CHARS,
    MAX_PLATFORM_CHARS,
    MAX_TEXT_CHARS,
    MAX_URL_CHARS,
    Media,
    Post,
    RowError,
    RowValueError,
    links_in,
)

# Exports without a zone (Telegram Desktop, WhatsApp) are written in the phone's local time;
# for Indonesian monitoring that is most often WIB.
LOCAL_ZONE = ZoneInfo("Asia/Jakarta")
MAX_MEDIA_BYTES = 50 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# The standard field names of the generic JSONL/CSV shape.
FIELDS = ("id", "text", "url", "author", "platform", "posted_at", "region", "media", "reach")

Reader = Callable[["Source"], Iterator[Post | RowError]]


class FormatError(NetraError):
    """The file as a whole cannot be read in the format asked for."""

    code = "bad_import_file"


class Source:
    """The bytes of one input file, its name, and where its media files may be found."""

    def __init__(
        self,
        data: bytes,
        *,
        name: str,
        mapping: Mapping[str, str] | None = None,
        media_dir: Path | None = None,
        platform: str = "",
    ) -> None:
        self.data = data
        self.name = name
        self.mapping = dict(mapping or {})
        self.media_dir = media_dir
        self.platform = platform

    def text(self) -> str:
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # The line as well as the byte: a supervisor opens the file in an editor, which
            # counts lines, not bytes.
            raise FormatError(
                "%(name)s: not UTF-8 text at line %(line)s (bad byte at offset %(offset)s)",
                params={"name": self.name, "offset": error.start},
                line=self.data.count(b"\n", 0, error.start) + 1,
            ) from None

    def lines(self) -> Iterator[tuple[int, str | None]]:
        """(number, text) of each line, None where the line is not UTF-8.

        Lines end at \\n, \\r\\n or \\r only, as JSON Lines and the line-based exports mean them:
        `str.splitlines` would also cut at U+2028 or U+0085, which may stand inside a post.
        A file in UTF-16 (its byte-order mark) is not text of ours at all and is refused whole.
        """
        if self.data.startswith(UTF16_BOMS):
            self.text()  # raises FormatError: not UTF-8 text
        data = self.data.removeprefix(UTF8_BOM)
        for number, raw in enumerate(data.splitlines(), start=1):
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, None

    def media(self, name: str) -> Media:
        """The named attachment, hashed when the file lies in the media folder."""
        if self.media_dir is None or "://" in name:
            return Media(name=name)
        base = self.media_dir.resolve()
        path = (base / name).resolve()
        if not path.is_relative_to(base):
            raise RowValueError("media %(name)r points outside the export folder", name=name)
        if not path.is_file():
            raise RowValueError(
                "media %(name)r not found in %(folder)s", name=name, folder=self.media_dir
            )
        if path.stat().st_size > MAX_MEDIA_BYTES:
            raise RowValueError(
                "media %(name)r is larger than %(limit)s MB",
                name=name,
                limit=MAX_MEDIA_BYTES // 2**20,
            )
        content = path.read_bytes()
        return Media(name=name, sha256=hashlib.sha256(content).hexdigest(), content=content)


def parse_time(value: object, *, field: str = "posted_at") -> datetime | None:
    """An ISO 8601 time (a trailing Z allowed); a time without a zone is read as WIB."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RowValueError(
            "%(field)s must be an ISO 8601 string, not %(type)s",
            field=field,
            type=type(value).__name__,
        )
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise RowValueError(
            "%(field)s %(value)r is not an ISO 8601 date and time", field=field, value=value
        ) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=LOCAL_ZONE)


def _string(value: object, *, field: str, limit: int, required: bool = False) -> str:
    if value is None:
        if required:
            raise RowValueError("missing field %(field)r", field=field)
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RowValueError("field %(field)r must be a string", field=field)
    text = str(value).strip()
    if required and not text:
        raise RowValueError("field %(field)r is empty", field=field)
    if len(text) > limit:
        raise RowValueError(
            "field %(field)r is longer than %(limit)s characters", field=field, limit=limit
        )
    return text


def _reach(value: object) -> int:
    if value is None or value == "":
        return 0
    try:
        number = int(str(value).replace(",", "").strip())
    except ValueError:
        raise RowValueError("reach %(value)r is not a whole number", value=value) from None
    if number < 0:
        raise RowValueError("reach %(value)s is negative", value=number)
    return number


def _media_names(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[|;]", value) if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item for item in value if item.strip()]
    raise RowValueError("field 'media' must be a file name or a list of file names")


def post_from_mapping(
    line: int, record: object, source: Source, *, platform: str = ""
) -> Post | RowError:
    """A post from a record with the generic field names (after the `--map` renames)."""
    if not isinstance(record, Mapping):
        return RowError.of(line, "expected an object with at least 'id' and 'text'")
    fields = {name: record.get(source.mapping.get(name, name)) for name in FIELDS}
    raw_id = fields["id"]
    external_id = str(raw_id).strip()[:MAX_ID_CHARS] if raw_id not in (None, "") else None
    try:
        text = fields["text"]
        text_field = source.mapping.get("text", "text")
        if text is None:
            raise RowValueError("missing field %(field)r", field=text_field)
        if not isinstance(text, str):
            # Numbers pass as ids, but a post's text that is not a string is a broken export
            # (`netra screen` refuses the same line).
            raise RowValueError(
                "field %(field)r must be a string, not %(type)s",
                field=text_field,
                type=type(text).__name__,
            )
        post = Post(
            line=line,
            external_id=_string(
                fields["id"],
                field=source.mapping.get("id", "id"),
                limit=MAX_ID_CHARS,
                required=True,
            ),
            text=_string(text, field=text_field, limit=MAX_TEXT_CHARS),
            url=_string(fields["url"], field="url", limit=MAX_URL_CHARS),
            author=_string(fields["author"], field="author", limit=MAX_AUTHOR_CHARS),
            platform=(
                _string(fields["platform"], field="platform", limit=MAX_PLATFORM_CHARS)
                or platform
                or source.platform
            ).lower(),
            posted_at=parse_time(fields["posted_at"]),
            region_code=_string(fields["region"], field="region", limit=20),
            media=tuple(source.media(name) for name in _media_names(fields["media"])),
            reach=_reach(fields["reach"]),
            links=links_in(text),
        )
    except ValueError as error:
        return RowError.of_problem(line, error, external_id)
    if not post.text:
        return RowError.of(line, "field 'text' is empty", external_id)
    return post


def read_jsonl(source: Source) -> Iterator[Post | RowError]:
    """One JSON object a line with `id`, `text` and the optional fields; a line that is not
    UTF-8 is a bad row like any other, the rest of the file is kept."""
    for number, raw in source.lines():
        if raw is None:
            yield RowError.of(number, "not UTF-8 text; save the file as UTF-8")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            yield RowError.of(
                number,
                "invalid JSON: %(reason)s (column %(column)s)",
                reason=error.msg,
                column=error.colno,
            )
            continue
        yield post_from_mapping(number, record, source)


def _csv_rows(source: Source) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(source.text(), newline=""))
    if not reader.fieldnames:
        raise FormatError("%(name)s: the CSV file has no header row", params={"name": source.name})
    for row in reader:
        # reader.line_num is the physical line the row ended on; quoted newlines span lines.
        yield reader.line_num, row


def read_csv(source: Source) -> Iterator[Post | RowError]:
    """A CSV with a header row naming `id`, `text` and the optional fields."""
    for number, row in _csv_rows(source):
        if None in row:
            yield RowError.of(number, "more cells than header columns")
            continue
        yield post_from_mapping(number, row, source)


def read_crowdtangle(source: Source) -> Iterator[Post | RowError]:
    """A CrowdTangle-style historical-data CSV (Facebook pages and groups, Instagram)."""
    for number, row in _csv_rows(source):
        parts = [row.get(name, "") or "" for name in ("Message", "Description", "Image Text")]
        text = "\n".join(part.strip() for part in parts if part and part.strip())
        url = (row.get("URL") or "").strip()
        record = {
            "id": (row.get("Facebook Id") or "") + ":" + url if url else None,
            "text": text or None,
            "url": url,
            "author": row.get("User Name") or row.get("Page Name") or "",
            "platform": row.get("Platform") or "facebook",
            "posted_at": _crowdtangle_time(row.get("Post Created") or ""),
            "reach": row.get("Total Interactions") or "",
        }
        if not url:
            yield RowError.of(number, "missing the post 'URL' (CrowdTangle's post identity)")
            continue
        yield post_from_mapping(number, record, Source(b"", name=source.name))


def _crowdtangle_time(value: str) -> str:
    # CrowdTangle writes "2024-09-12 10:15:00 WIB" or "... EDT"; a zone name is dropped to WIB.
    match = re.match(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)", value.strip())
    return f"{match.group(1)}T{match.group(2)}" if match else value


def _json_document(source: Source) -> object:
    try:
        return json.loads(source.text())
    except json.JSONDecodeError as error:
        raise FormatError(
            "%(name)s: invalid JSON at line %(line)s column %(column)s: %(reason)s",
            params={
                "name": source.name,
                "line": error.lineno,
                "column": error.colno,
                "reason": error.msg,
            },
        ) from None


def read_twitter(source: Source) -> Iterator[Post | RowError]:
    """X/Twitter API v2 responses: one `{"data": [...], "includes": {...}}` document, or one
    response a line."""
    text = source.text()
    stripped = text.lstrip()
    pages: list[tuple[int, object]]
    if stripped.startswith("{") and "\n{" not in stripped.rstrip():
        pages = [(1, _json_document(source))]
    else:
        pages = []
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                pages.append((number, json.loads(raw)))
            except json.JSONDecodeError as error:
                yield RowError.of(
                    number,
                    "invalid JSON: %(reason)s (column %(column)s)",
                    reason=error.msg,
                    column=error.colno,
                )
    for number, page in pages:
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            yield RowError.of(number, "not an API v2 response: no 'data' list")
            continue
        includes = page.get("includes") if isinstance(page.get("includes"), dict) else {}
        assert isinstance(includes, dict)  # noqa: S101 - narrowed above, for mypy
        users = {
            str(user.get("id")): str(user.get("username", ""))
            for user in includes.get("users", [])
            if isinstance(user, dict)
        }
        media = {
            str(item.get("media_key")): str(item.get("url") or item.get("preview_image_url") or "")
            for item in includes.get("media", [])
            if isinstance(item, dict)
        }
        for index, tweet in enumerate(page["data"]):
            line = number if len(pages) > 1 else index + 1
            if not isinstance(tweet, dict):
                yield RowError.of(line, "data[%(index)s] is not a tweet object", index=index)
                continue
            handle = users.get(str(tweet.get("author_id")), "")
            urls = [
                str(item.get("expanded_url") or item.get("url") or "")
                for item in (tweet.get("entities") or {}).get("urls", [])
                if isinstance(item, dict)
            ]
            keys = (tweet.get("attachments") or {}).get("media_keys", [])
            metrics = tweet.get("public_metrics") or {}
            record = {
                "id": tweet.get("id"),
                "text": tweet.get("text"),
                "url": f"https://x.com/{handle or 'i'}/status/{tweet.get('id')}",
                "author": f"@{handle}" if handle else str(tweet.get("author_id") or ""),
                "platform": "x",
                "posted_at": tweet.get("created_at"),
                "media": [media[key] for key in keys if media.get(key)],
                "reach": sum(
                    int(metrics.get(name) or 0)
                    for name in ("retweet_count", "quote_count", "reply_count", "like_count")
                ),
            }
            post = post_from_mapping(line, record, Source(b"", name=source.name))
            if isinstance(post, RowError):
                yield post.within(f"data[{index}]", line)
            else:
                # t.co short links in the text hide the shared page; the entities name it.
                yield replace(post, links=tuple(dict.fromkeys((*post.links, *urls))))


def _telegram_text(value: object) -> str:
    # Telegram Desktop writes plain text as a string, and formatted text as a list of strings and
    # {"type": ..., "text": ...} pieces (links, bold, hashtags).
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            piece if isinstance(piece, str) else str(piece.get("text", ""))
            for piece in value
            if isinstance(piece, str | dict)
        )
    return ""


def read_telegram(source: Source) -> Iterator[Post | RowError]:
    """A Telegram Desktop chat or channel export (`result.json`); service messages are skipped."""
    document = _json_document(source)
    if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
        raise FormatError(
            "%(name)s: not a Telegram Desktop export: no 'messages' list",
            params={"name": source.name},
        )
    chat = str(document.get("name") or "")
    chat_id = str(document.get("id") or "chat")
    for index, message in enumerate(document["messages"]):
        line = index + 1
        if not isinstance(message, dict):
            yield RowError.of(line, "messages[%(index)s] is not a message object", index=index)
            continue
        if message.get("type", "message") != "message":
            continue  # joins, pins, calls: not posts
        text = _telegram_text(message.get("text"))
        attached = [str(message[key]) for key in ("photo", "file") if message.get(key)]
        if not text.strip() and not attached:
            continue  # a sticker or an empty forward carries nothing to screen
        record = {
            "id": f"{chat_id}:{message.get('id')}",
            "text": text if text.strip() else f"[{', '.join(attached)}]",
            "author": message.get("from") or chat,
            "platform": "telegram",
            "posted_at": message.get("date"),
            "media": attached,
        }
        post = post_from_mapping(line, record, source)
        if isinstance(post, RowError):
            yield post.within(f"messages[{index}]", line)
        else:
            yield post


# "12/09/24 10.15 - Budi: teks" (Android) and "[12/09/24 10.15.30] Budi: teks" (iOS); the date
# order is the phone's (Indonesian phones write day first), the time uses . or :.
_WHATSAPP_LINE = re.compile(
    r"^\u200e?\[?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{2,4}),? "
    r"(?P<H>\d{1,2})[.:](?P<M>\d{2})(?:[.:](?P<S>\d{2}))?(?:\s?(?P<ampm>[AaPp][Mm]))?\]?"
    r"(?: -)? (?P<rest>.*)$"
)
_WHATSAPP_ATTACHMENT = re.compile(
    r"^\u200e?(?P<name>\S+\.\w{2,4}) \((?:file terlampir|file attached)\)"
)
_WHATSAPP_OMITTED = ("<Media omitted>", "<Media tidak disertakan>", "<Media tidak dilampirkan>")


def read_whatsapp(source: Source) -> Iterator[Post | RowError]:
    """A WhatsApp chat export (`Chat WhatsApp dengan X.txt`); a message may span several lines."""
    current: dict[str, object] | None = None
    body: list[str] = []

    def finish() -> Iterator[Post | RowError]:
        if current is None:
            return
        text = "\n".join(body).strip()
        media: list[str] = []
        match = _WHATSAPP_ATTACHMENT.match(text)
        if match:
            media.append(match.group("name"))
        if text in _WHATSAPP_OMITTED or (not text and not media):
            return
        record = dict(current, text=text, media=media)
        yield post_from_mapping(int(str(current["line"])), record, source)

    for number, raw in enumerate(source.text().splitlines(), start=1):
        match = _WHATSAPP_LINE.match(raw)
        if match is None:
            if current is not None:
                body.append(raw)
            continue
        yield from finish()
        current, body = None, []
        author, separator, message = match.group("rest").partition(": ")
        if not separator:
            continue  # a system line: "Pesan dan panggilan terenkripsi ...", joins, leaves
        try:
            posted_at = _whatsapp_time(match)
        except ValueError as error:
            yield RowError.of_problem(number, error, None)
            continue
        current = {
            "line": number,
            "id": f"{source.name}:{number}",
            "author": author.strip(),
            "platform": "whatsapp",
            "posted_at": posted_at.isoformat(),
        }
        body = [message]
    yield from finish()


def _whatsapp_time(match: re.Match[str]) -> datetime:
    year = int(match.group("y"))
    year = year + 2000 if year < 100 else year
    hour = int(match.group("H"))
    ampm = (match.group("ampm") or "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(
            year,
            int(match.group("m")),
            int(match.group("d")),
            hour,
            int(match.group("M")),
            int(match.group("S") or 0),
            tzinfo=LOCAL_ZONE,
        )
    except ValueError:
        raise RowValueError(
            "date %(value)r is not a real day and time", value=match.group(0)[:20]
        ) from None


FORMATS: dict[str, Reader] = {
    "jsonl": read_jsonl,
    "csv": read_csv,
    "twitter": read_twitter,
    "telegram": read_telegram,
    "whatsapp": read_whatsapp,
    "crowdtangle": read_crowdtangle,
}


def detect_format(name: str, data: bytes) -> str:
    """Guess the format from the file name and its first bytes."""
    suffix = Path(name).suffix.lower()
    head = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if suffix == ".txt":
        return "whatsapp"
    if suffix == ".csv":
        first_line = head.splitlines()[0] if head else ""
        return "crowdtangle" if "Post Created" in first_line and "URL" in first_line else "csv"
    if suffix == ".json" or head.startswith("{"):
        if suffix == ".json" and '"messages"' in head:
            return "telegram"
        if head.startswith('{"data"') or ('"data"' in head and '"includes"' in head):
            return "twitter"
    if suffix in (".jsonl", ".ndjson") or head.startswith("{"):
        return "jsonl"
    raise FormatError(
        "%(name)s: cannot tell the format from the file's name or content; choose one of "
        "%(formats)s",
        params={"name": name, "formats": ", ".join(FORMATS)},
        cli_hint="give it with --format",  # the command line's own option; the desk has a list
    )


def read_posts(
    data: bytes,
    *,
    name: str,
    fmt: str = "auto",
    mapping: Mapping[str, str] | None = None,
    media_dir: Path | None = None,
    platform: str = "",
) -> Iterator[Post | RowError]:
    """Posts and bad rows of one file, in order (`fmt="auto"` guesses from name and content)."""
    chosen = detect_format(name, data) if fmt == "auto" else fmt
    reader = FORMATS.get(chosen)
    if reader is None:
        raise FormatError(
            "unknown format '%(format)s': choose auto or one of %(formats)s",
            params={"format": fmt, "formats": ", ".join(FORMATS)},
        )
    unknown = set(mapping or {}) - set(FIELDS)
    if unknown:
        raise FormatError(
            "--map: unknown field(s) %(fields)s; the fields are %(known)s",
            params={"fields": ", ".join(sorted(unknown)), "known": ", ".join(FIELDS)},
        )
    source = Source(data, name=name, mapping=mapping, media_dir=media_dir, platform=platform)
    return reader(source)
