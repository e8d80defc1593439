"""Perceptual image hashes: an edited copy of a photo joins the original's group, another photo
does not. The photos are drawn here with Pillow."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageDraw, ImageEnhance

from netra.monitoring.core.grouping import Grouper, MemoryIndex
from netra.monitoring.core.images import DEFAULT_IMAGE_DISTANCE, distance, perceptual_hash
from netra.monitoring.core.records import Media, Post
from netra.monitoring.models import Item
from tests.monitoring.conftest import NOW


def _photo(seed: int) -> Image.Image:
    """A busy 'photo': coloured shapes on a background, different for every seed."""
    rng = random.Random(seed)
    image = Image.new("RGB", (480, 360), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x, y = rng.randrange(480), rng.randrange(360)
        box = [x, y, x + rng.randrange(30, 200), y + rng.randrange(30, 160)]
        draw.ellipse(box, fill=tuple(rng.randrange(256) for _ in range(3)))
    return image


def _jpeg(image: Image.Image, quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def _edited(image: Image.Image) -> Image.Image:
    """What resharing does: smaller, brighter, and recompressed."""
    smaller = image.resize((240, 180))
    return ImageEnhance.Brightness(smaller).enhance(1.15)


def test_an_edited_copy_is_near_and_another_photo_far():
    original = perceptual_hash(_jpeg(_photo(1)))
    copy = perceptual_hash(_jpeg(_edited(_photo(1)), quality=40))
    other = perceptual_hash(_jpeg(_photo(2)))
    assert original is not None
    assert copy is not None
    assert other is not None
    assert distance(original, copy) <= DEFAULT_IMAGE_DISTANCE
    assert distance(original, other) > DEFAULT_IMAGE_DISTANCE


def test_bytes_that_are_not_an_image_have_no_perceptual_hash():
    assert perceptual_hash(b"%PDF-1.4 bukan gambar") is None
    assert perceptual_hash(_jpeg(_photo(1))[:200]) is None  # truncated


def test_posts_with_different_text_join_by_their_photo():
    grouper = Grouper(MemoryIndex())
    first = perceptual_hash(_jpeg(_photo(1)))
    copy = perceptual_hash(_jpeg(_edited(_photo(1)), quality=40))
    other = perceptual_hash(_jpeg(_photo(2)))
    assert first is not None
    assert copy is not None
    assert other is not None
    assert grouper.assign("a", grouper.keys_of("lihat ini", pictures=[first])).group == "a"
    joined = grouper.assign("b", grouper.keys_of("parah!", pictures=[copy]))
    assert (joined.group, joined.reason) == ("a", "image")
    assert grouper.assign("c", grouper.keys_of("foto lain", pictures=[other])).group == "c"


def test_an_image_distance_of_64_bits_or_more_is_refused():
    with pytest.raises(ValueError, match="image distance"):
        Grouper(MemoryIndex(), image_distance=64)


@pytest.mark.django_db
def test_an_edited_photo_joins_across_batches_and_its_hash_is_kept(regions):
    from netra.monitoring.models import SourceKind
    from netra.monitoring.services import ingest_posts, source_named

    def post(line: int, text: str, content: bytes) -> Post:
        import hashlib

        sha = hashlib.sha256(content).hexdigest()
        return Post(line, str(line), text, media=(Media(f"{line}.jpg", sha, content),))

    rows = [
        post(1, "Foto camat di panggung kampanye", _jpeg(_photo(1))),
        post(2, "Sebarkan! kejadian kemarin sore", _jpeg(_edited(_photo(1)), quality=40)),
        post(3, "Pemandangan sawah pagi ini", _jpeg(_photo(2))),
    ]
    source = source_named("uji", kind=SourceKind.FILE)
    result = ingest_posts(rows, source=source, now=NOW, batch_size=1)
    groups = [outcome.group for outcome in result.outcomes]
    assert groups[0] == groups[1] != groups[2]
    stored = Item.objects.get(external_id="2").media[0]
    assert len(stored["phash"]) == 16
    assert Item.objects.get(external_id="2").similarity >= 1 - DEFAULT_IMAGE_DISTANCE / 64
