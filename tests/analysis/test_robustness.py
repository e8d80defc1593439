"""No input crashes the analyzer, and every span it returns slices the original text exactly."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.analysis import Analysis, analyze
from netra.analysis.analyzer import MAX_TEXT_CHARS
from netra.analysis.screen import default_screener

VIOLATION = "Camat Sukamaju mengunggah ajakan memilih paslon nomor urut 2 di akun Facebook."


def _assert_spans_slice(text: str, analysis: Analysis) -> None:
    for finding in analysis.findings:
        for span in finding.evidence:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text
    subject = analysis.subject.span
    if subject is not None:
        assert text[subject.start : subject.end] == subject.text
    for kind, mentions in analysis.entities.to_dict().items():
        for mention in mentions:
            span = mention["span"]
            assert text[span["start"] : span["end"]] == span["text"], kind


ODD_INPUTS = {
    "empty": "",
    "whitespace": " \t\n\r\n   \u3000\u00a0",
    "control characters": "\x00\x01\x07\x1b[31m camat \x7f\x85\u200b\u200e" + VIOLATION + "\x00",
    "combining marks": "Cam\u0301at Suka\u0308maju me\u0300ngunggah paslon nomor urut 2 a\u0323",
    "right to left": "\u202eCamat\u202c مرحبا بالعالم שלום " + VIOLATION,
    "emoji": "🔥🔥 Pak camat 👍🏽 pasang baliho paslon 02 🇮🇩 #Coblos02 👨‍👩‍👧 " * 3,
    "dotted capital I": "İSTANBUL İİİ KEPALA DESA İ̇ memasang baliho paslon nomor urut 1 İ",
    "only punctuation": ".,;:!?()[]{}\"'-–—…/\\|@#$%^&*" * 20,
    "only digits": "0123456789 " * 50,
    "long single line": ("kata " * 40_000) + VIOLATION,
    "one giant word": "a" * 300_000,
    "many newlines": "\n" * 50_000 + VIOLATION,
    "nul separated": "\x00".join(VIOLATION),
    "fullwidth": "ＣＡＭＡＴ ｍｅｎｇｕｎｇｇａｈ ｐａｓｌｏｎ",
    "unpaired quotes": '"' * 1000 + "“camat" + "'" * 500 + VIOLATION,
}


@pytest.mark.parametrize("text", ODD_INPUTS.values(), ids=ODD_INPUTS.keys())
def test_odd_input_does_not_crash_and_spans_slice_it(text: str) -> None:
    analysis = analyze(text)
    _assert_spans_slice(text, analysis)
    assert analysis.to_dict()["is_violation"] is analysis.is_violation
    verdict = default_screener().screen(text)
    assert verdict.is_violation is analysis.is_violation


def test_empty_and_blank_texts_are_no_violation() -> None:
    for text in ("", "   ", "\n\n"):
        analysis = analyze(text)
        assert not analysis.is_violation
        assert analysis.findings == ()


def test_control_characters_do_not_hide_the_violation() -> None:
    text = "\x07" + VIOLATION + "\x00"
    assert analyze(text).acts == analyze(VIOLATION).acts


def test_superscript_digit_before_an_official_does_not_crash() -> None:
    # '²' is a digit to str.isdigit() but not to int(): numbers are read with isdecimal().
    assert analyze("² camat berfoto bersama paslon nomor urut 2").is_violation


def test_five_megabyte_text_completes_and_says_only_the_head_was_read() -> None:
    chatter = "Macet lagi di jalan tol, harga cabai naik, nanti malam nonton bola. "
    text = VIOLATION + " " + chatter * (5_000_000 // len(chatter))
    assert len(text) > 4_900_000
    started = time.perf_counter()
    analysis = analyze(text)
    elapsed = time.perf_counter() - started
    assert analysis.is_violation
    assert any(str(MAX_TEXT_CHARS) in note for note in analysis.notes)
    _assert_spans_slice(text, analysis)
    assert elapsed < 20, f"5 MB took {elapsed:.1f} s"


# Words that make the classifier fire, so the property is checked on spans that exist.
DOMAIN_WORDS = [
    "camat", "Camat", "ASN", "PNS", "pns", "guru", "kepala desa", "Kepala Desa", "kades",
    "perangkat desa", "lurah", "sekda", "Pj bupati", "anggota TNI", "Babinsa", "polisi",
    "paslon", "nomor urut 2", "no urut 02", "pasangan calon", "bakal calon", "kampanye",
    "mengunggah", "berfoto", "dukung", "mendukung", "baliho", "memasang", "ajak", "mengajak",
    "pilih", "Facebook", "Instagram", "grup WA", "deklarasi", "hadir", "tim sukses", "caleg",
    "pose dua jari", "#Coblos02", "mobil dinas", "fotokopi KTP", "partai", "Budi Santoso",
    "NIP 198503152010011002", "pada 5 Oktober 2024", "Senin (2/9/2024)", "Kab. Garut", "camaaat",
    "yg", "bgt", "gak", ".", ",", "!", "?", "\n", '"', " ",
]  # fmt: skip
noise = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
free_text = st.lists(st.one_of(st.sampled_from(DOMAIN_WORDS), noise), max_size=40).map(
    lambda parts: "".join(part + (" " if i % 3 else "") for i, part in enumerate(parts))
)
# Who, did what, for whom, in that order with noise between: most of these get flagged.
SUBJECTS = ["Camat", "Seorang guru PNS", "Kepala Desa Sukamaju", "Oknum ASN", "Anggota TNI"]
ACTS = ["mengunggah ajakan memilih", "berfoto dengan pose dua jari bersama", "memasang baliho",
        "hadir dalam deklarasi", "ikut kampanye", "mendukung"]  # fmt: skip
OBJECTS = ["paslon nomor urut 2", "pasangan calon 01", "bakal calon bupati", "caleg DPRD"]
sentence = st.tuples(
    free_text,
    st.sampled_from(SUBJECTS),
    noise,
    st.sampled_from(ACTS),
    noise,
    st.sampled_from(OBJECTS),
    free_text,
).map(" ".join)
domain_text = st.one_of(free_text, sentence)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=domain_text)
def test_every_span_slices_the_original_text(text: str) -> None:
    analysis = analyze(text)
    _assert_spans_slice(text, analysis)
    for finding in analysis.findings:
        assert 0.0 <= finding.score <= 1.0
        assert finding.evidence


def test_generated_texts_do_produce_findings() -> None:
    """The property above is only worth something if its texts do get flagged."""
    flagged = 0

    @settings(max_examples=100, deadline=None, database=None)
    @given(text=domain_text)
    def count(text: str) -> None:
        nonlocal flagged
        flagged += analyze(text).is_violation

    count()
    assert flagged >= 20
