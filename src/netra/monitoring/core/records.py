"""A post as read from any source, and a bad row named by its place in the file."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

# Limits that keep one hostile row from exhausting memory or the database column sizes.
MAX_TEXT_CHARS = 100_000
MAX_ID_CHARS = 200
MAX_URL_CHARS = 2_000
MAX_AUTHOR_CHARS = 200
MAX_PLATFORM_CHARS = 40

_SPACES = re.compile(r"\s+")
_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
MAX_LINKS = 20


@dataclass(frozen=True, slots=True)
class Media:
    """One attached file: its name as given and the SHA-256 of its bytes (empty when not read)."""

    name: str
    sha256: str = ""
    content: bytes | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Post:
    """One post, message or article, whatever format it came in."""

    line: int  # where it started in the input: a line number, or the record's position
    external_id: str
    text: str
    url: str = ""
    author: str = ""  # a handle or a name: personal data, shown to Bawaslu roles only
    platform: str = ""
    posted_at: datetime | None = None
    region_code: str = ""
    media: tuple[Media, ...] = ()
    reach: int = 0  # shares, retweets or interactions as the platform counted them
    links: tuple[str, ...] = ()  # pages the post shares (from its text or the platform's data)


class RowValueError(ValueError):
    """Why a value cannot be read, as an English template and its values.

    The core does not import Django, so a reason cannot be translated here: it keeps the template
    (`%(name)s` placeholders) for the desk to look up in its catalogue, and `str()` is the
    English sentence the command line prints.
    """

    def __init__(self, template: str, /, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template = template
        self.params = params


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that was skipped, and why; `str()` is the message a user reads.

    `message` is the English reason; `template` and `params` are the same reason as a template
    and its values, for a reader in another language (empty when the reason has no template),
    and `where` the place inside the row's record it is about (`data[3]`), never translated.
    """

    line: int
    message: str
    external_id: str | None = None
    template: str = ""
    params: Mapping[str, object] = field(default_factory=dict, hash=False, compare=False)
    where: str = ""

    @classmethod
    def of(
        cls, line: int, template: str, /, external_id: str | None = None, **params: object
    ) -> RowError:
        """A bad row whose reason is `template` filled with `params`."""
        message = template % params if params else template
        return cls(line, message, external_id, template, params)

    @classmethod
    def of_problem(cls, line: int, problem: ValueError, external_id: str | None) -> RowError:
        """A bad row for a value that could not be read (a `RowValueError` keeps its template)."""
        if isinstance(problem, RowValueError):
            return cls(line, str(problem), external_id, problem.template, problem.params)
        return cls(line, str(problem), external_id)

    def within(self, where: str, line: int) -> RowError:
        """The same reason, about a part of a larger record (`data[3]`) read at `line`."""
        return RowError(
            line, f"{where}: {self.message}", self.external_id, self.template, self.params, where
        )

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def content_sha256(text: str) -> str:
    """The identity of a post's content: the SHA-256 of its NFC text with runs of space folded.

    A post copied with other line breaks or trailing spaces is the same item; any other change
    (a word, an emoji) makes a new item that near-duplicate grouping then puts beside it.
    """
    canonical = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def links_in(text: str) -> tuple[str, ...]:
    """The http(s) links written in a text, in order, without trailing punctuation."""
    found = (match.group(0).rstrip(".,;:!?)]}") for match in _LINK.finditer(text))
    return tuple(dict.fromkeys(link for link in found if len(link) <= MAX_URL_CHARS))[:MAX_LINKS]


def post_sha256(post: Post) -> str:
    """The identity of a post's item: its text's (`content_sha256`), or for a post that has
    only media (a photo sent without a caption), its files' SHA-256s."""
    if post.text.strip() or not any(media.sha256 for media in post.media):
        return content_sha256(post.text)
    files = ",".join(sorted(media.sha256 for media in post.media if media.sha256))
    return hashlib.sha256(f"media:{files}".encode()).hexdigest()
