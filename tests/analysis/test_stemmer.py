"""The Indonesian stemmer: derived forms reach their root, roots and look-alikes stay whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.analysis.stemmer import (
    FUNCTION_WORDS,
    LEXICALISED,
    MIN_WORD,
    known_words,
    stem,
    stem_with,
)

# A small list of known words of our own, so these cases do not depend on the shipped list.
KNOWN = frozenset(
    """
    pasang tulis ajak sebar pengaruh kampanye hadir dukung sebut periksa bantu beri pakai
    maka kirim kenal menang tangan libat pilih langgar arah bagi guna unggah ikan jadi
    """.split()
)


@pytest.mark.parametrize(
    ("word", "root"),
    [
        # me(N)- with the nasal rules: the root's first sound restored where the nasal took it
        ("menulis", "tulis"),
        ("memasang", "pasang"),
        ("mengajak", "ajak"),
        ("menyebar", "sebar"),
        ("mempengaruhi", "pengaruh"),
        ("mengirim", "kirim"),
        ("mengenal", "kenal"),
        # di-, ke-, ter-, ber-, pe(N)- and the suffixes -kan, -an, -i
        ("dipasang", "pasang"),
        ("pemasangan", "pasang"),
        ("mengkampanyekan", "kampanye"),
        ("berkampanye", "kampanye"),
        ("menghadiri", "hadir"),
        ("kehadiran", "hadir"),
        ("dukungan", "dukung"),
        ("mendukung", "dukung"),
        ("didukung", "dukung"),
        ("tersebut", "sebut"),
        ("diperiksa", "periksa"),
        ("pemeriksaan", "periksa"),
        ("bantuan", "bantu"),
        ("pelanggaran", "langgar"),
        ("pengarahan", "arah"),
        ("penggunaan", "guna"),
        ("keterlibatan", "libat"),  # ke- ... -an around "terlibat"
        # particles and possessives, outside the suffixes
        ("dukungannya", "dukung"),
        ("kampanyelah", "kampanye"),
        ("dipasangkah", "pasang"),
        ("unggahanmu", "unggah"),
        ("ajakanku", "ajak"),
        ("hadirpun", "hadir"),
        # a suffix before a prefix among readings of one depth: mem- + "beri" + -kan, not "ikan"
        ("memberikan", "beri"),
        # a root that begins with a nasal is kept whole after me-
        ("memenangkan", "menang"),
        ("kemenangan", "menang"),
        # a function word is never a root: "memakai" is "pakai", not "maka" + -i
        ("memakai", "pakai"),
    ],
)
def test_derived_forms_reach_their_root(word: str, root: str) -> None:
    assert stem_with(word, KNOWN) == root


@pytest.mark.parametrize(
    "word",
    [
        # roots themselves
        "pasang",
        "hadir",
        "kampanye",
        "menang",
        # words that only look affixed: what remains is no known word
        "berita",
        "sekolah",
        "menteri",
        "kantor",
        # words shorter than MIN_WORD
        "bagi",
        "dia",
        # lexicalised words: the affix is part of the meaning
        "pemerintah",
        "perangkat",
        "pengawas",
        "kepala",
        # not a word of letters
        "2024",
        "pns2",
        "",
    ],
)
def test_roots_and_look_alikes_stay_whole(word: str) -> None:
    assert stem_with(word, KNOWN | {"rita", "kolah", "ikut"}) == word


def test_a_restored_root_of_four_letters_is_not_trusted() -> None:
    # "menang" is a root, not me- + "tang"; "menemui" stays unless "temu" is read directly
    assert stem_with("menang", KNOWN | {"tang"}) == "menang"
    assert stem_with("kemenangan", KNOWN | {"tang"}) == "menang"


def test_the_descent_stops_at_a_lexicalised_word() -> None:
    # "pemerintahan" is the government's, not the order's ("perintah")
    assert "pemerintah" in LEXICALISED
    assert stem_with("pemerintahan", KNOWN | {"perintah"}) == "pemerintah"


def test_excluded_prefix_and_suffix_pairs_are_not_read() -> None:
    # di- ... -an is no word: "dibantuan" is not di- + "bantu" + -an (only -an is removed)
    assert stem_with("dibantuan", KNOWN) == "dibantuan"


def test_the_shipped_list_reads_the_examples_of_the_task() -> None:
    known = known_words()
    assert {"pasang", "tulis", "ajak", "sebar", "hadir", "dukung"} <= known
    assert not FUNCTION_WORDS & {w for w in known if stem(w) != w and stem(w) in FUNCTION_WORDS}
    for word, root in [
        ("menulis", "tulis"),
        ("memasang", "pasang"),
        ("mengajak", "ajak"),
        ("menyebar", "sebar"),
        ("mempengaruhi", "pengaruh"),
        ("pemasangan", "pasang"),
        ("kehadiran", "hadir"),
        ("menghadiri", "hadir"),
        ("mengkampanyekan", "kampanye"),
        ("berkampanye", "kampanye"),
        ("didukung", "dukung"),
    ]:
        assert stem(word) == root


def test_the_shipped_list_is_of_lower_case_words() -> None:
    known = known_words()
    assert len(known) > 5_000
    assert all(w.isalpha() and w.islower() and len(w) >= 3 for w in known)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30))
def test_any_string_gives_a_string_no_longer_than_itself(word: str) -> None:
    root = stem(word)
    assert isinstance(root, str)
    assert len(root) <= len(word) or root == word
    assert stem(word) == root  # deterministic, and the cache gives the same


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcdegikmnprstuy", min_size=1, max_size=16))
def test_a_stem_is_a_known_word_or_the_word_itself(word: str) -> None:
    root = stem_with(word, KNOWN)
    assert root == word or root in KNOWN or root in LEXICALISED
    if len(word) < MIN_WORD:
        assert root == word
