"""The tokenizer: canonical forms for every register, and offsets into the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.analysis.normalize import canonical, tokenize

# (word, canonical form, why)
CANONICAL_CASES = [
    ("yg", "yang", "slang abbreviation"),
    ("gak", "tidak", "informal negation"),
    ("kades", "kepala desa", "a short form expands to the full phrase"),
    ("kadisdik", "kepala dinas", "the head of any dinas, abbreviated with its name"),
    ("kadisperindag", "kepala dinas", "another dinas head"),
    ("kadis", "kepala dinas", "the short form alone"),
    ("bangeeet", "banget", "elongated letters collapse"),
    ("mengunggah", "unggah", "active prefix meng- on a known root"),
    ("diunggah", "unggah", "passive prefix di- on a known root"),
    ("memasang", "pasang", "mem- with the swallowed p restored"),
    ("warganya", "warga", "possessive -nya dropped"),
    ("02", "2", "a nomor urut's leading zero"),
    ("003", "3", "two leading zeros"),
    ("000", "000", "all zeros stay"),
    ("2024", "2024", "a year keeps its digits"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "form", "why"), CANONICAL_CASES, ids=[case[2] for case in CANONICAL_CASES]
)
def test_canonical_form(word: str, form: str, why: str) -> None:
    assert canonical(word) == form, why


def test_tokens_keep_the_slice_of_the_original_they_came_from() -> None:
    text = "Pak Camat yg mengunggah foto bangeeet"
    tokens = tokenize(text)
    assert [(t.form, text[t.start : t.end]) for t in tokens] == [
        ("pak", "Pak"),
        ("camat", "Camat"),
        ("yang", "yg"),
        ("unggah", "mengunggah"),
        ("foto", "foto"),
        ("banget", "bangeeet"),
    ]
    assert [t.is_capitalized for t in tokens[:3]] == [True, True, False]


def test_camel_case_hashtag_splits_into_words_with_their_own_offsets() -> None:
    text = "ayo #CoblosNo2 sekarang"
    forms = [(t.form, text[t.start : t.end]) for t in tokenize(text)]
    assert forms == [("ayo", "ayo"), ("coblos", "Coblos"), ("nomor", "No"), ("2", "2"),
                     ("sekarang", "sekarang")]  # fmt: skip


def test_multiword_expansion_gives_tokens_sharing_one_slice() -> None:
    text = "pak kades datang"
    kepala, desa = tokenize(text)[1:3]
    assert (kepala.form, desa.form) == ("kepala", "desa")
    assert (kepala.start, kepala.end) == (desa.start, desa.end) == (4, 9)


def test_sentences_end_at_full_stops_marks_and_line_breaks() -> None:
    tokens = tokenize("Camat hadir. Lalu pulang!\nBaris baru")
    sentence = {t.form: t.sentence for t in tokens}
    assert sentence["camat"] == sentence["hadir"]
    assert sentence["hadir"] < sentence["lalu"] == sentence["pulang"] < sentence["baris"]


@pytest.mark.parametrize(
    "text",
    ["Harga 1.200 naik", "Bupati Kab. Garut hadir", "Dibaca di KOMPAS.com hari ini"],
    ids=["thousands dot", "abbreviation", "domain name"],
)
def test_dots_inside_numbers_abbreviations_and_domains_end_no_sentence(text: str) -> None:
    assert {t.sentence for t in tokenize(text)} == {0}


def test_punctuation_inside_quoted_speech_does_not_end_the_reporting_sentence() -> None:
    text = "“Ayo pilih nomor 2. Pasti menang!” kata camat itu."
    assert {t.sentence for t in tokenize(text)} == {0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("...Camat hadir", [("camat", 3, 1), ("hadir", 9, 1)]),
        (
            "Camat hadir.\n\nLalu! Pulang?! Kab. Garut.",
            [("camat", 0, 0), ("hadir", 6, 0), ("lalu", 14, 2), ("pulang", 20, 3),
             ("kab", 29, 4), ("garut", 34, 4)],
        ),
        (
            'Camat hadir. "Pilih nomor 2. Menang!" katanya. Selesai.',
            [("camat", 0, 0), ("hadir", 6, 0), ("pilih", 14, 1), ("nomor", 20, 1), ("2", 26, 1),
             ("menang", 29, 1), ("kata", 38, 1), ("selesai", 47, 2)],
        ),
        (
            "Kades hadir. Pulang. . .",
            [("kepala", 0, 0), ("desa", 0, 0), ("hadir", 6, 0), ("pulang", 13, 1)],
        ),
    ],
    ids=["leading dots", "several ends between two words", "quoted speech", "trailing dots"],
)  # fmt: skip
def test_sentence_numbers_and_offsets_at_every_kind_of_boundary(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    """Each sentence end between two words counts once ('.' then a line break: two), ends
    before the first word count, quoted punctuation does not, and ends after the last word
    change nothing."""
    assert [(t.form, t.start, t.sentence) for t in tokenize(text)] == expected


def test_passive_prefix_is_remembered() -> None:
    (token,) = tokenize("diunggah")
    assert token.form == "unggah"
    assert token.is_passive
    (active,) = tokenize("mengunggah")
    assert not active.is_passive


def test_reduplication_written_with_two_reads_as_the_root() -> None:
    assert [t.form for t in tokenize("guru2 bagi2in")] == ["guru", "bagi"]


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_every_token_slices_the_original_text(text: str) -> None:
    previous_start = -1
    previous_sentence = 0
    for token in tokenize(text):
        piece = text[token.start : token.end]
        assert piece
        assert 0 <= token.start < token.end <= len(text)
        assert token.start >= previous_start
        assert token.sentence >= previous_sentence
        previous_start, previous_sentence = token.start, token.sentence
