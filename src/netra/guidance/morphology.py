"""Indonesian derivations the shared normaliser leaves whole, read as the root it knows.

The analyzer's tokenizer stems verbs ("memasang" -> "pasang", "berkampanye" -> "kampanye") but
leaves many derived words whole: ber- + noun ("berpartai", "berswafoto", "bermedsos"), ke-...-an
and per-...-an nouns ("kepartaian", "perkampanyean"), peN-...-an nouns of action ("pemasangan"),
-nya on an underived word, reduplicated words. A question is read here, inside the consultation,
with such a word replaced by the root the analyzer's lexicon or the question vocabulary knows;
the analyzer's own normaliser (owned by the analyzer, and tuned for reports) is not changed.

A word is rewritten only when it means nothing to the reader as written (no concept) and one of
its roots does: "berita" (news) is not "ber-" + "ita", since no root of it is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator

# What a root read as an organisation means after ber-: being in it ("berpartai politik" is
# being a member of a party, UU 5/2014 Pasal 9(2) and PP 37/2004's "menjadi anggota"); any other
# ber- + root is doing or having the root ("berswafoto", "bermedsos", "berbaliho").
_MEMBERSHIP_OF = frozenset({"party"})
_MEMBERSHIP_WORD = "anggota"
_MIN_ROOT = 3
# The nasal of peN- and the initial it replaced ("pemasangan" -> "pasang", "penempelan" ->
# "tempel", "pengerahan" -> "kerah"/"erah", "penyebaran" -> "sebar").
_NASALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("peny", ("s",)),
    ("peng", ("k", "")),
    ("pem", ("p", "b", "")),
    ("pen", ("t", "")),
    ("pe", ("",)),
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def roots(word: str) -> Iterator[tuple[str, str]]:
    """Candidate roots of `word` with the affix that was taken off, most specific first."""
    lower = word.lower()
    if "-" in lower:
        first, _, rest = lower.partition("-")
        if rest in (first, first + "nya") or rest.startswith(first):
            yield first, "redup"  # "calon-calon", "kampanye-kampanyenya"
        return
    stems = [lower]
    if lower.endswith("nya") and len(lower) - 3 >= _MIN_ROOT:
        yield lower[:-3], "nya"
        stems.append(lower[:-3])
    for stem in stems:
        if stem.startswith("ber") and stem.endswith("an") and len(stem) - 5 >= _MIN_ROOT:
            yield stem[3:-2], "ber-an"
        if stem.startswith("ber") and len(stem) - 3 >= _MIN_ROOT:
            yield stem[3:], "ber"
        if stem.startswith("be") and stem[2:3] == "r" and len(stem) - 2 >= _MIN_ROOT:
            yield stem[2:], "ber"  # "beramai" is ber- + "ramai"
        if stem.startswith("ke") and stem.endswith("an") and len(stem) - 4 >= _MIN_ROOT:
            yield stem[2:-2], "ke-an"
        if stem.startswith("per") and stem.endswith("an") and len(stem) - 5 >= _MIN_ROOT:
            yield stem[3:-2], "per-an"
        if stem.startswith("pe") and stem.endswith("an"):
            for nasal, initials in _NASALS:
                if stem.startswith(nasal) and len(stem) - len(nasal) - 2 >= _MIN_ROOT - 1:
                    body = stem[len(nasal) : -2]
                    for initial in initials:
                        yield initial + body, "peN-an"
                    break


# Affixes that only inflect (the word means its root); the others derive a new word (a place, an
# institution, a state, having something), which is read as its root only when the root is an
# act word: "pemasangan" is the act of "pasang", but "kelurahan" is an office, not the lurah, and
# "perguruan" a school, not a guru.
_INFLECTING = frozenset({"nya", "redup"})


def derive(
    word: str, concepts_of: Callable[[str], Collection[str]], actions: Collection[str]
) -> str | None:
    """The reading of a derived word the reader does not know: its known root (with
    "anggota" before an organisation after ber-), or None when the word is known as written or
    no root of it is. `actions` are the concepts that make an act (the act words)."""
    if concepts_of(word):
        return None
    for root, affix in roots(word):
        found = set(concepts_of(root))
        if not found:
            continue
        if affix in {"ber", "ber-an"} and _MEMBERSHIP_OF.intersection(found):
            return f"{_MEMBERSHIP_WORD} {root}"
        if affix in _INFLECTING or found.intersection(actions):
            return root
    return None


def read_derivations(
    text: str, concepts_of: Callable[[str], Collection[str]], actions: Collection[str]
) -> str:
    """`text` with every derived word the reader does not know replaced by its known root."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        return derive(word, concepts_of, actions) or word

    return _WORD.sub(replace, text)
