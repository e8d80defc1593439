"""An Indonesian stemmer for the learned scorer's features: one act, one feature.

Indonesian builds its words from roots with prefixes, suffixes and clitics: "pasang" (to put up)
gives "memasang", "dipasang", "pemasangan", "terpasang"; "hadir" gives "menghadiri" and
"kehadiran". The tokenizer's canonical forms already merge the verbs of a short list of roots
(`vocabulary.ROOTS`); this stemmer takes any word the rest of the way, so a word-bag model can
see "pemasangan baliho" and "memasang baliho" as the same act.

It is guarded by a list of known words (`data/roots.txt`, built by `scripts/build_roots.py`
from the corpus's own train and dev vocabulary and the cue lexicon): an affix is removed only
when what remains is a known word of four letters or more, so a word that merely looks
affixed ("berita", "sekolah", "menteri") stays as it is. Where several readings are known, the
one that removes the most affixes wins ("pemasangan" -> "pasang", not "pemasang"), but the
descent stops at the words of `LEXICALISED`: words built with an affix whose meaning has left
the root ("pemerintah" is the government, not "perintah", an order; "perangkat desa" are village
officials, not "angkat").

Pure Python, no data from the network, deterministic, and cached per word type: screening
meets the same few thousand words in millions of posts.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Final

ROOTS_FILE = "roots.txt"
MIN_STEM = 4  # shorter remainders are too often another word ("tani" -> "tan")
# A root restored after a nasal ("menulis" -> "tulis") is guessed, not read: four letters are
# too often another word ("menang" is no me- + "tang", "kemenangan" no ke- + "tangan").
MIN_RESTORED = 5
MIN_WORD = 5  # shorter words are left whole: no affix plus a root of four letters fits
MAX_PREFIXES = 2  # "diperlihatkan": di- + per-; three stacked prefixes are not written

# Clitics and inflectional suffixes, removed from the end in this order (outermost first).
PARTICLES: Final = ("lah", "kah", "tah", "pun")
POSSESSIVES: Final = ("nya", "ku", "mu")
SUFFIXES: Final = ("kan", "an", "i")

# A prefix -> the suffixes it is never written with (Nazief and Adriani's excluded pairs): "di-
# ... -an" is no word, so "dijadikan" is never read as di- + "jadik" + -an.
_EXCLUDED: Final[dict[str, frozenset[str]]] = {
    "be": frozenset({"i"}),
    "di": frozenset({"an"}),
    "ke": frozenset({"i", "kan"}),
    "me": frozenset({"an"}),
    "se": frozenset({"i", "kan"}),
    "te": frozenset({"an"}),
}

# Words whose affix is part of the word's meaning: reached, the descent stops here.
LEXICALISED: Final[frozenset[str]] = frozenset(
    """
    pemerintah perangkat pegawai pemilu penduduk pendapat peraturan perusahaan pejabat
    pengadilan penjara pertanian perempuan pelajar pelajaran penjabat pemuda pemudi
    kepala kepolisian keluarga kelurahan kecamatan kabupaten kesehatan kementerian keamanan
    berita bersama tersangka terdakwa sekolah sekretaris sekretariat selamat sejarah senjata
    pengaruh perusahaan penyelenggara pengawas pengawasan pendidikan bendahara
    penghulu pemuka pengurus pelaksana pendamping penyuluh perwakilan persatuan
    menteri permainan pertama kedua ketiga keempat kelima terakhir tertinggi
    anggota agama dinas desa daerah
    """.split()
)


# Words of grammar that are no root of the words that look like them ("memakai" is no me- +
# "maka" + -i, "bersama" is "sama" but "mempersamakan" is rare enough).
FUNCTION_WORDS: Final[frozenset[str]] = frozenset(
    "maka pada para saja juga yang akan atau bila jika kala lagi sana sini situ itu".split()
)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """The words an affix may be stripped down to: the shipped list, read once."""
    text = resources.files("netra.analysis").joinpath("data", ROOTS_FILE).read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """The root of one lower-cased word, or the word itself when no known root is found."""
    return stem_with(word, known_words())


def stem_with(word: str, known: frozenset[str]) -> str:
    """`stem` against another list of known words (the tests give their own)."""
    if len(word) < MIN_WORD or word in LEXICALISED or not word.isalpha():
        return word
    best = word
    best_depth = 0
    for candidate, depth, restored in _readings(word):
        if candidate in LEXICALISED:
            return candidate  # never past a lexicalised word, even where a deeper one is known
        shortest = MIN_RESTORED if restored else MIN_STEM
        if (
            depth > best_depth
            and len(candidate) >= shortest
            and candidate in known
            and candidate not in FUNCTION_WORDS
        ):
            best, best_depth = candidate, depth
    return best


def _readings(word: str) -> Iterator[tuple[str, int, bool]]:
    """Every way of removing affixes, with how many were removed and whether a root's first
    sound was restored; those that remove a suffix come first, so that among readings of one
    depth a suffix goes before a prefix ("memberikan" is mem- + "beri" + -kan, not mem- + ber-
    + "ikan")."""
    peeled = sorted(_without_suffixes(word), key=lambda reading: -reading[1])
    for base, removed, suffix in peeled:
        yield from _without_prefixes(base, removed, suffix, MAX_PREFIXES, None, False)


def _without_suffixes(word: str) -> Iterator[tuple[str, int, str | None]]:
    """(remainder, affixes removed, derivational suffix removed) for each way of peeling the
    end: a particle, then a possessive, then a derivational suffix, each optional."""
    ends: list[tuple[str, int]] = [(word, 0)]
    for group in (PARTICLES, POSSESSIVES):
        ends += [
            (base[: -len(ending)], removed + 1)
            for base, removed in ends
            for ending in group
            if base.endswith(ending) and len(base) - len(ending) >= MIN_STEM
        ]
    for base, removed in ends:
        yield base, removed, None
        for suffix in SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= MIN_STEM:
                yield base[: -len(suffix)], removed + 1, suffix


def _without_prefixes(
    base: str, removed: int, suffix: str | None, left: int, previous: str | None, restored: bool
) -> Iterator[tuple[str, int, bool]]:
    yield base, removed, restored
    if left == 0:
        return
    for prefix, rest, guessed in _prefixes(base):
        # The excluded pairs bind the outermost prefix: "keterlibatan" is ke- ... -an around
        # "terlibat", and ter- never meets the -an.
        outermost = previous is None and suffix is not None
        if previous == prefix or (outermost and suffix in _EXCLUDED.get(prefix, ())):
            continue
        if len(rest) >= MIN_STEM:
            yield from _without_prefixes(rest, removed + 1, suffix, left - 1, prefix, guessed)


def _prefixes(word: str) -> Iterator[tuple[str, str, bool]]:
    """(prefix family, remainder) for each prefix `word` may begin with, the nasal prefixes
    me(N)- and pe(N)- with the root's first sound restored where the nasal took its place:
    "menulis" -> "tulis", "memasang" -> "pasang", "mengajak" -> "ajak" (or "kajak"),
    "menyebar" -> "sebar", "mempengaruhi" -> "pengaruh" (the p kept, as written)."""
    for simple in ("di", "ke", "se"):
        if word.startswith(simple):
            yield simple, word[2:], False
    for family in ("be", "te"):
        if word.startswith(family + "r"):
            yield family, word[3:], False  # ber-, ter-
        if word.startswith(family):
            yield family, word[2:], False  # "bekerja"
        if family == "be" and word.startswith("bel"):
            yield family, word[3:], False  # "belajar"
    for family in ("me", "pe"):
        if word.startswith(family):
            yield from _nasal(family, word[2:])
    if word.startswith("per"):
        yield "per", word[3:], False  # "perbaiki", "pertemuan"
    if word.startswith("pel"):
        yield "pe", word[3:], False  # "pelajar"


def _nasal(family: str, rest: str) -> Iterator[tuple[str, str, bool]]:
    """The root after me-/pe-, as the nasal that joins them was written; a root that begins
    with a nasal itself is kept whole first ("memenangkan" -> "menang", "menikmati")."""
    if rest[:1] in _NASALS:
        yield family, rest, False
    if rest.startswith("ng"):
        after = rest[2:]
        yield family, after, False  # "menggunakan", "menghadiri", "mengajak"
        if after[:1] in _VOWELS:
            yield family, "k" + after, True  # "mengirim" -> "kirim"
    elif rest.startswith("ny"):
        yield family, "s" + rest[2:], True  # "menyebar" -> "sebar"
    elif rest.startswith("m"):
        after = rest[1:]
        yield family, after, False  # "membantu", "mempengaruhi"
        if after[:1] in _VOWELS:
            yield family, "p" + after, True  # "memasang" -> "pasang"
    elif rest.startswith("n"):
        after = rest[1:]
        yield family, after, False  # "mendukung", "mencari"
        if after[:1] in _VOWELS:
            yield family, "t" + after, True  # "menulis" -> "tulis"
    else:
        yield family, rest, False  # "melihat", "merusak", "pelapor"


_NASALS: Final = frozenset("mn")
_VOWELS: Final = frozenset("aeiou")
