"""Recognising, checking and cleaning evidence files, never trusting the name or declared type.

A reporter's upload is untrusted: we accept only the formats people actually send as evidence
(photos, screenshots, PDFs, short videos, voice notes), recognise the type by its first bytes,
and then make sure the content really parses as that type (images are decoded, PDFs opened,
MP4/MOV boxes walked), so a script or an HTML page wearing JPEG magic bytes is refused.

Photos carry EXIF (GPS position, phone model, owner's name) and PDFs carry author metadata: the
original is kept, hashed, for the chain of custody, and `inspect` also makes a copy without that
metadata for everyone outside Bawaslu (issue #9, finding 2).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from netra.errors import NetraError

SNIFF_BYTES = 16
# A photo from a 200-megapixel phone camera fits; a decompression bomb does not.
MAX_IMAGE_PIXELS = 210_000_000


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


# A plain list, no "or": it is set into Indonesian and English sentences alike.
ACCEPTED_DESCRIPTION = "JPEG, PNG, GIF, WebP, PDF, MP4, MOV, M4A, OGG, MP3"

# The extension Netra gives a download, by the type sniffed on arrival: never the reporter's.
EXTENSIONS: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "video/quicktime": "mov",
    "audio/mp4": "m4a",
    "video/mp4": "mp4",
    "audio/ogg": "ogg",
    "audio/mpeg": "mp3",
}

_PILLOW_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}


# The types `inspect` can copy without their metadata; the others stay with Bawaslu.
REDACTABLE_TYPES = frozenset({*_PILLOW_FORMATS, "application/pdf"})


def download_name(evidence_id: int, media_type: str) -> str:
    """The file name a download is offered under: `bukti-3.jpg`, built by Netra."""
    return f"bukti-{evidence_id}.{EXTENSIONS.get(media_type, 'bin')}"


def inspect(sniffed: Sniffed, stream: BinaryIO, *, name: str, size: int) -> bytes | None:
    """Check the content parses as `sniffed`; return a copy without metadata, if one can be made.

    Raises EvidenceRejectedError naming the file when it does not parse. Returns None for video
    and audio, whose metadata we cannot remove: those stay with Bawaslu (see docs/security.md).
    """
    stream.seek(0)
    try:
        if sniffed.media_type in _PILLOW_FORMATS:
            return _clean_image(stream, _PILLOW_FORMATS[sniffed.media_type])
        if sniffed.media_type == "application/pdf":
            return _clean_pdf(stream)
        if sniffed.extension in {"mp4", "mov", "m4a"}:
            _check_boxes(stream, size)
        return None
    except _NotParsedError as error:
        raise EvidenceRejectedError(
            "file %(name)r starts like %(kind)s but is not a valid %(kind)s file: %(reason)s",
            params={"kind": sniffed.extension.upper(), "reason": str(error)},
            field="files",
            name=name,
        ) from None
    finally:
        stream.seek(0)


class _NotParsedError(Exception):
    """The content does not parse as the type its first bytes claim."""


def _clean_image(stream: BinaryIO, expected: str) -> bytes:
    with warnings.catch_warnings():
        # Pillow warns (rather than refuses) between 1x and 2x its pixel limit: refuse it all.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(stream) as image:
                if image.format != expected:
                    raise _NotParsedError(f"it decodes as {image.format}")
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise _NotParsedError(f"{image.width}x{image.height} pixels is too large")
                image.load()
                upright = ImageOps.exif_transpose(image)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise _NotParsedError(str(error) or type(error).__name__) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _NotParsedError(str(error)) from None
    # Rebuild the picture from its pixels alone: no EXIF, XMP, ICC, comments or text chunks.
    if upright.mode not in {"RGB", "RGBA", "L", "LA"}:
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    if expected == "JPEG" and upright.mode in {"RGBA", "LA"}:
        upright = upright.convert("RGB")
    pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    out = io.BytesIO()
    if expected == "JPEG":
        pixels.save(out, format="JPEG", quality=92)
    elif expected == "WEBP":
        pixels.save(out, format="WEBP", quality=92)
    else:
        pixels.save(out, format=expected)
    return out.getvalue()


def _clean_pdf(stream: BinaryIO) -> bytes:
    try:
        reader = PdfReader(stream)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _NotParsedError("it is encrypted with a password")
        pages = reader.pages
        if len(pages) == 0:
            raise _NotParsedError("it has no pages")
        # Only the pages are copied: the document information (author, creator), the XMP
        # metadata, attachments and the open-action scripts of the catalogue stay behind.
        writer = PdfWriter()
        for page in pages:
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
    except _NotParsedError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise _NotParsedError(str(error) or type(error).__name__) from None
    return out.getvalue()


def _check_boxes(stream: BinaryIO, size: int) -> None:
    """Walk the top-level boxes of an MP4/MOV/M4A file: each must fit exactly in the file."""
    offset = 0
    kinds: set[bytes] = set()
    while offset < size:
        stream.seek(offset)
        header = stream.read(8)
        if len(header) < 8:
            raise _NotParsedError(f"a box header is cut off at byte {offset}")
        length = int.from_bytes(header[:4], "big")
        kind = header[4:8]
        if length == 1:
            large = stream.read(8)
            if len(large) < 8:
                raise _NotParsedError(f"a box header is cut off at byte {offset}")
            length = int.from_bytes(large, "big")
        elif length == 0:
            length = size - offset
        if length < 8 or offset + length > size:
            raise _NotParsedError(f"the box at byte {offset} does not fit in the file")
        if not all(32 <= byte < 127 for byte in kind):
            raise _NotParsedError(f"the box at byte {offset} has no valid type")
        kinds.add(kind)
        offset += length
    if not kinds & {b"moov", b"moof", b"mdat"}:
        raise _NotParsedError("it has no movie or media data")
