"""Platform mentions: full names, short forms, and the ambiguous WA and X."""

from __future__ import annotations

import pytest

from netra.analysis.entities import Platform, extract_entities

# (text, [(platform, span text)], why)
CASES = [
    ("diunggah di Facebook", [(Platform.FACEBOOK, "Facebook")], "full name"),
    ("share ke fb", [(Platform.FACEBOOK, "fb")], "fb"),
    ("story IG dan ig", [(Platform.INSTAGRAM, "IG"), (Platform.INSTAGRAM, "ig")], "IG any case"),
    ("video tiktok dan Tik Tok", [(Platform.TIKTOK, "tiktok"), (Platform.TIKTOK, "Tik Tok")],
     "TikTok spellings"),
    ("disebar di WA", [(Platform.WHATSAPP, "WA")], "WA in capitals"),
    ("dibagikan di wa grup RT", [(Platform.WHATSAPP, "wa grup")], "wa grup"),
    ("masuk grup wa kantor", [(Platform.WHATSAPP, "grup wa")], "grup wa"),
    ("Wa Ode Nurhayati hadir", [], "Wa is a Butonese title"),
    ("wa'alaikumsalam", [], "greeting"),
    ("cuitan di twitter", [(Platform.X, "twitter")], "twitter"),
    ("diunggah lewat akun X miliknya", [(Platform.X, "X")], "akun X"),
    ("di X (Twitter)", [(Platform.X, "X (Twitter)")], "X with Twitter in brackets"),
    ("Desa X kecamatan Y", [], "X as a placeholder"),
    ("akun x", [], "lower-case x is not the platform"),
    ("nonton yt dan YouTube", [(Platform.YOUTUBE, "yt"), (Platform.YOUTUBE, "YouTube")], "YouTube"),
    ("posting di Threads", [(Platform.THREADS, "Threads")], "Threads capitalised"),
    ("benang dan threads", [], "threads in lower case is a word"),
    ("figur", [], "ig inside a word"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_platforms_are_found_with_exact_spans(
    text: str, expected: list[tuple[Platform, str]], why: str
) -> None:
    found = extract_entities(text).platforms
    assert [(m.platform, m.span.text) for m in found] == expected, why
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.span.text
