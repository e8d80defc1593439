"""Evidence held between two submissions of the report form.

When the form comes back with an error (or a date to confirm), the files the reporter already
attached are kept on the server under random names and listed on the form again, so they need
not be chosen a second time. The form carries a signed token naming them: without the server's
key nobody can point it at another file, and it expires after `HOLD_SECONDS`. Held files are
checked like any upload (size, type by their first bytes) before they are kept, and are read
back through the same intake checks when the report is filed. Files nobody came back for are
removed by `purge` the next time something is held.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict

from netra.cases.evidence import SNIFF_BYTES, sniff

FOLDER = "quarantine"
HOLD_SECONDS = 24 * 3600
_SALT = "netra.public.quarantine"
_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True, slots=True)
class HeldFile:
    id: str
    name: str
    size: int

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.id}"


def hold(uploads: Iterable[UploadedFile], *, now: datetime) -> list[HeldFile]:
    """Keep the acceptable uploads (within the size limit, of an accepted type) under new ids."""
    purge(older_than=now - timedelta(seconds=HOLD_SECONDS))
    limit: int = settings.NETRA_MAX_UPLOAD_BYTES
    held = []
    for upload in uploads:
        size = upload.size or 0
        upload.seek(0)
        if size > limit or sniff(upload.read(SNIFF_BYTES)) is None:
            continue
        upload.seek(0)
        file_id = secrets.token_hex(16)
        default_storage.save(f"{FOLDER}/{file_id}", upload)
        name = (upload.name or "evidence").rsplit("/", 1)[-1][:200]
        held.append(HeldFile(id=file_id, name=name, size=size))
    return held


def token_for(files: Sequence[HeldFile]) -> str:
    """The signed list of held files the form sends back; empty when there are none."""
    if not files:
        return ""
    return signing.dumps([[f.id, f.name, f.size] for f in files], salt=_SALT, compress=True)


def read_token(token: str, *, keep: Iterable[str] | None = None) -> list[HeldFile]:
    """The held files a token names that still exist (and, if `keep` is given, are kept).

    A token that is forged, expired or malformed names nothing: the reporter attaches again.
    """
    if not token:
        return []
    try:
        raw = signing.loads(token, salt=_SALT, max_age=HOLD_SECONDS)
    except signing.BadSignature:
        return []
    wanted = set(keep) if keep is not None else None
    files = []
    for entry in raw if isinstance(raw, list) else []:
        if not (isinstance(entry, list) and len(entry) == 3 and _ID.match(str(entry[0]))):
            continue
        held = HeldFile(id=str(entry[0]), name=str(entry[1]), size=int(entry[2]))
        if (wanted is None or held.id in wanted) and default_storage.exists(held.path):
            files.append(held)
    return files


def held_in(post: QueryDict) -> list[HeldFile]:
    """The held files a submitted form names and still keeps ticked."""
    return read_token(post.get("held_evidence", ""), keep=post.getlist("held_keep"))


def carry_over(
    held: list[HeldFile], uploads: Iterable[UploadedFile], *, rejected: bool, now: datetime
) -> list[HeldFile]:
    """The files to list on a form shown again: those held, and the new uploads unless the form
    rejected them (a file the form refused is not kept)."""
    return held if rejected else [*held, *hold(uploads, now=now)]


def open_held(files: Sequence[HeldFile]) -> list[File]:  # type: ignore[type-arg]
    """The held files as file objects under the names the reporter gave them."""
    return [File(default_storage.open(held.path, "rb"), name=held.name) for held in files]


def release(files: Iterable[HeldFile]) -> None:
    """Remove held files once the report has taken them (or the reporter dropped them)."""
    for held in files:
        default_storage.delete(held.path)


def purge(*, older_than: datetime) -> int:
    """Remove held files last written before `older_than`; returns how many."""
    try:
        _, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < older_than:
            default_storage.delete(path)
            removed += 1
    return removed
