"""Perceptual hashes of images, so an edited copy of a photo joins the original's group.

A cropped, resized, recompressed, brightened or captioned copy of a photo has other bytes (so
another SHA-256) but nearly the same DCT hash (imagehash.phash, 64 bits): the number of bits
that differ (Hamming distance) is small for copies and large for other pictures. Grouping
indexes the hash in 8 bands of 8 bits: two hashes within 7 bits of each other agree on at least
one band (pigeonhole), so every copy within the threshold is found as a candidate.
"""

from __future__ import annotations

import io

import imagehash
from PIL import Image, UnidentifiedImageError

HASH_BITS = 64
# Measured on generated photos (docs/monitoring.md): resized, recompressed, blurred or grey copies
# are within 2 bits, brightened ones within 10, captioned or 5%-cropped ones 10 at the median;
# unrelated pictures 20 or more apart. Within 10 bits, 97% of pairs share a band.
DEFAULT_IMAGE_DISTANCE = 10
IMAGE_BANDS = 8  # of 8 bits: copies within 7 bits always share one
# A file larger than this is not decoded for its hash (it is still stored and hashed by SHA-256).
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


def perceptual_hash(content: bytes) -> int | None:
    """The image's 64-bit DCT hash, or None when the bytes are not an image Pillow can read."""
    if len(content) > MAX_IMAGE_BYTES:
        return None
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            image.draft("L", (256, 256))  # JPEG: decode at a fraction of the size, far faster
            return int(str(imagehash.phash(image.convert("L"))), 16)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def distance(first: int, second: int) -> int:
    """How many of the 64 bits differ."""
    return (first ^ second).bit_count()


def bands(value: int) -> tuple[bytes, ...]:
    """The hash cut into IMAGE_BANDS bands, each tagged with its position."""
    width = HASH_BITS // IMAGE_BANDS
    mask = (1 << width) - 1
    return tuple(bytes((index, (value >> (index * width)) & mask)) for index in range(IMAGE_BANDS))
