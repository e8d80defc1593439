"""Recognising evidence files by their first bytes, never by the name or the declared type.

A reporter's upload is untrusted: we accept only the formats people actually send as evidence
(photos, screenshots, PDFs, short videos, voice notes) and store the type we sniffed.
"""

from __future__ import annotations

from dataclasses import dataclass

from netra.errors import NetraError

SNIFF_BYTES = 16


class EvidenceRejectedError(NetraError):
    code = "evidence_rejected"


@dataclass(frozen=True, slots=True)
class Sniffed:
    media_type: str
    extension: str


def sniff(head: bytes) -> Sniffed | None:
    """The media type of a file from its first bytes, or None when it is not an accepted type."""
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", "jpg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", "png")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return Sniffed("image/gif", "gif")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Sniffed("image/webp", "webp")
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf", "pdf")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return Sniffed("video/quicktime", "mov")
        if brand in {b"M4A ", b"M4B "}:
            return Sniffed("audio/mp4", "m4a")
        return Sniffed("video/mp4", "mp4")
    if head.startswith(b"OggS"):
        return Sniffed("audio/ogg", "ogg")  # WhatsApp voice notes
    if head.startswith(b"ID3") or head[:2] in {b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"}:
        return Sniffed("audio/mpeg", "mp3")
    return None


ACCEPTED_DESCRIPTION = "JPEG, PNG, GIF, WebP, PDF, MP4, MOV, M4A, OGG or MP3"
