"""The monitoring core: reading export files into posts and grouping near-duplicates. No Django."""

from __future__ import annotations

from netra.monitoring.core.formats import FORMATS, FormatError, read_posts
from netra.monitoring.core.grouping import Grouper, GroupingIndex, Signature, signature_of
from netra.monitoring.core.records import Post, RowError, content_sha256

__all__ = [
    "FORMATS",
    "FormatError",
    "Grouper",
    "GroupingIndex",
    "Post",
    "RowError",
    "Signature",
    "content_sha256",
    "read_posts",
    "signature_of",
]
