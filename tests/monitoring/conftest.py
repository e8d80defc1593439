"""Monitoring fixtures: posts ingested through the real service, at a pinned time."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

NOW = datetime(2024, 10, 1, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
# Names Kabupaten Bogor, a camat and a campaign: flagged, with the region read from the text.
BOGOR_POST = (
    "Camat Cibinong Kabupaten Bogor ikut kampanye pasangan calon nomor urut 2 di lapangan desa "
    "kemarin sore, videonya beredar di grup WhatsApp warga"
)
# The same camat seen at the campaign, with no video going round: attendance (category 2). A
# viral video whose poster is not said is support through social media (category 1) by the
# labelling guide, and the model reads BOGOR_POST that way.
BOGOR_ATTENDANCE = (
    "Camat Cibinong Kabupaten Bogor ikut kampanye pasangan calon nomor urut 2 di lapangan desa"
)
SURABAYA_POST = (
    "Lurah di Kota Surabaya terekam mengajak warga memilih calon wali kota nomor urut 1 saat "
    "rapat RT di balai kelurahan"
)


def ingest_posts_as_jsonl(
    posts: list[dict[str, object]], *, source: str = "uji", **kwargs: Any
) -> Any:
    """Ingest posts given as dicts (the generic JSONL shape) from a named source."""
    from netra.monitoring.core.formats import read_posts
    from netra.monitoring.models import SourceKind
    from netra.monitoring.services import ingest_posts, source_named

    data = "\n".join(json.dumps(post) for post in posts).encode()
    return ingest_posts(
        read_posts(data, name="posts.jsonl"),
        source=source_named(source, kind=SourceKind.FILE),
        now=kwargs.pop("now", NOW),
        **kwargs,
    )


@pytest.fixture
def ingest(regions: dict[str, Any]) -> Callable[..., Any]:
    """`ingest_posts_as_jsonl`, once the region tree exists."""
    return ingest_posts_as_jsonl
