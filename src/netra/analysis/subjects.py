"""Who is mentioned in a text and whether they act in it.

An office word is an actor only when it names a serving official: "calon bupati" is a candidate,
"pensiunan PNS" no longer serves, "seluruh ASN" is the addressee of a rule, and "para kepala desa"
after "mengumpulkan" is the object of someone else's act.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from netra.analysis.frozen import quick_init
from netra.analysis.lexicon import Cue
from netra.analysis.normalize import Token

SUBJECT_PREFIX = "subject."

# Words before a mention that make it the addressee of a rule or the object of an act.
_GENERIC_BEFORE = frozenset(
    """
    seluruh semua setiap segenap bagi kepada untuk agar sebagai terhadap netralitas
    """.split()
)
_NOMINAL_INSTRUCTIONS = frozenset(
    """
    arahan ajakan imbauan himbauan ancaman tekanan instruksi perintah pesan seruan undangan
    """.split()
)
_PLACE_WORDS = frozenset(
    """
    jalan jl gang gg desa dusun kampung kelurahan kecamatan sungai bukit gunung pulau tanjung
    teluk simpang perumahan komplek kabupaten kab kota provinsi
    """.split()
)
_ONE_PERSON = frozenset({"seorang", "oknum"})
_VICTIM_REACH = 10
_DIRECTIVE_REACH = 6
_JOINER_REACH = 2
_DIRECTIVES = frozenset("ajak arahkan arah kumpul suruh kerah galang himpun undang".split())
_TENURE_REACH = 8
_LAST_PAST_YEAR = 2023  # a tenure that ended by then cannot bind anyone in the 2024 elections
# "pengangkatan PPPK", "seleksi CPNS": the status sought, not a person holding it.
_NOT_AN_OFFICE_HOLDER = frozenset("pengangkatan formasi seleksi rekrutmen penerimaan tes".split())
_RECEIVING_WORDS = frozenset("menerima mendapat mendapatkan menjadi korban merasa mengaku".split())
_CLASS_WORDS = frozenset({"asn", "pns", "pppk", "cpns", "aparatur", "pegawai"})
_GROUP_WORDS = frozenset(
    """
    para seluruh semua kepada sejumlah beberapa
    """.split()
)
_NOT_SERVING_BEFORE = frozenset(
    """
    bukan non eks mantan pensiunan purnawirawan purna pernah sebelumnya semasa bekas
    """.split()
)
# Words before a mention that point at one person or a counted group.
_SPECIFIC_BEFORE = frozenset(
    """
    seorang oknum sang salah satu dua tiga empat lima enam beberapa sejumlah pak bapak ibu
    saudara sdr terlapor si inisial
    """.split()
)
_SPECIFIC_AFTER = frozenset(
    """
    tersebut itu ini kita kami berinisial bernama atas
    """.split()
)
_OFFICE_REACH = 3
# In the Special Region of Yogyakarta a desa is a "kalurahan" and its elected head a "lurah"
# (docs/labelling.md): there a lurah is a village head, not the PNS who heads a kelurahan. The
# region is known by the words of its village administration or by its four regencies (not the
# city of Yogyakarta, whose kelurahan are headed by PNS lurah).
_KALURAHAN_WORDS = frozenset(
    "kalurahan kapanewon panewu sleman bantul kulonprogo gunungkidul".split()
)
_KALURAHAN_PAIRS = frozenset({("kulon", "progo"), ("gunung", "kidul")})
_MASS_COUNT = 50  # "1.200 ASN menandatangani ikrar": a crowd, not a suspect
_MAX_COUNT_DIGITS = 3  # longer digit runs are identifiers (NIP, NIK), not head counts


@quick_init
@dataclass(frozen=True, slots=True)
class Mention:
    """A subject-type phrase at tokens [first, last] and how the sentence uses it."""

    type: str
    first: int
    last: int
    sentence: int
    is_actor: bool
    is_specific: bool
    is_former: bool = False  # "mantan kades", "pensiunan PNS": named, but no longer serving
    is_object: bool = False  # "mengumpulkan para kepala desa": told to act, not acting


def find_mentions(text: str, tokens: Sequence[Token], cues: Sequence[Cue]) -> list[Mention]:
    """Subject mentions, longest phrase first where phrases overlap, in text order.

    A lurah of Yogyakarta's regencies is read as a village head, as the law of the place makes
    him (the analyzer's reading since analyzer round 16, Tanya Aturan's since its fallback was
    retrained on it).
    """
    subject_cues: list[Cue] = []
    candidate_ends: set[int] = set()
    victim_starts: list[int] = []
    object_ends: set[int] = set()
    for cue in cues:  # one pass: a post has a score of cues
        concept, first, last = cue
        if concept.startswith(SUBJECT_PREFIX):
            subject_cues.append(cue)
        elif concept == "candidate_prefix":
            candidate_ends.add(last)
        elif concept == "victim":
            # "diancam" and "mengancam" share a root: only the passive or a receiving verb
            # marks a victim.
            if tokens[first].is_passive or tokens[first].form in _RECEIVING_WORDS:
                victim_starts.append(first)
        elif concept == "mobilize_verb" and tokens[last].form not in _NOMINAL_INSTRUCTIONS:
            # "arahan Bupati": a nominal instruction is followed by its author, not its addressee.
            object_ends.add(last)
    candidates = sorted(subject_cues, key=lambda cue: (cue.first, -(cue.last - cue.first)))
    # "mengumpulkan para ketua RT dan kepala dusun": who is gathered or directed is the object.
    directive_ends = {end for end in object_ends if tokens[end].form in _DIRECTIVES}
    mentions: list[Mention] = []
    lurah: list[int] = []  # the mentions that name a lurah, by position
    covered_until = -1
    for cue in candidates:
        if cue.first <= covered_until:
            continue
        covered_until = cue.last
        subject_type = cue.concept.removeprefix(SUBJECT_PREFIX)
        # The lexicon's lurah phrases ("lurah", "lurahnya", "pak lurah", "bu lurah") end with it.
        if subject_type == "pns" and tokens[cue.last].form == "lurah":
            lurah.append(len(mentions))
        mentions.append(
            _classify_mention(
                text,
                tokens,
                cue,
                subject_type,
                candidate_ends,
                object_ends,
                victim_starts,
                directive_ends,
            )
        )
    mentions = _coordinated_objects(tokens, mentions)  # the same mentions, in the same order
    if lurah and _in_kalurahan_region(tokens):
        _kalurahan_heads(mentions, lurah)
    return mentions


def _kalurahan_heads(mentions: list[Mention], lurah: Sequence[int]) -> None:
    """A "lurah" of a kalurahan in Yogyakarta's regencies is its village head (in place)."""
    for i in lurah:
        mentions[i] = replace(mentions[i], type="village_head")


def _in_kalurahan_region(tokens: Sequence[Token]) -> bool:
    previous = ""
    for token in tokens:
        form = token.form
        if form in _KALURAHAN_WORDS or (previous, form) in _KALURAHAN_PAIRS:
            return True
        previous = form
    return False


def _coordinated_objects(tokens: Sequence[Token], mentions: list[Mention]) -> list[Mention]:
    """'para ketua RT dan kepala dusun': a mention joined by 'dan' to an object is one too."""
    result: list[Mention] = []
    for mention in mentions:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.is_object
            and mention.is_actor
            and mention.sentence == previous.sentence
            and _only_joiners(tokens[previous.last + 1 : mention.first])
        ):
            mention = replace(mention, is_actor=False, is_object=True)
        result.append(mention)
    return result


def _only_joiners(between: Sequence[Token]) -> bool:
    return len(between) <= _JOINER_REACH and all(
        token.form in {"dan", "serta", "atau", "maupun", "para"} for token in between
    )


def _classify_mention(
    text: str,
    tokens: Sequence[Token],
    cue: Cue,
    subject_type: str,
    candidate_ends: set[int],
    object_ends: set[int],
    victim_starts: Sequence[int],
    directive_ends: set[int],
) -> Mention:
    before = tokens[cue.first - 1].form if cue.first > 0 else ""
    before2 = tokens[cue.first - 2].form if cue.first > 1 else ""
    after = tokens[cue.last + 1] if cue.last + 1 < len(tokens) else None
    sentence = tokens[cue.first].sentence
    same_sentence_before = cue.first > 0 and tokens[cue.first - 1].sentence == sentence

    # "calon bupati", and "pasangan calon perseorangan Wali Kota": offices a candidate runs for.
    reach = _OFFICE_REACH if subject_type == "regional_head" else 1
    is_candidate = (
        bool(candidate_ends)
        and same_sentence_before
        and any(
            (cue.first - distance) in candidate_ends
            and tokens[cue.first - distance].sentence == sentence
            and _no_punctuation_between(text, tokens[cue.first - distance], tokens[cue.first])
            for distance in range(1, reach + 1)
        )
    )
    # "meminta camat ...", "mengumpulkan para kepala desa": the official is told, not telling.
    is_object = (
        (cue.first - 1) in object_ends
        or ((cue.first - 2) in object_ends and before in _GROUP_WORDS)
        or (
            bool(directive_ends)
            and any(
                0 < cue.first - end <= _DIRECTIVE_REACH and tokens[end].sentence == sentence
                for end in directive_ends
            )
        )
    )
    is_class_word = tokens[cue.first].form in _CLASS_WORDS
    # "pensiunan PNS", "tidak lagi berstatus ASN": no longer bound by the neutrality rules.
    lookback = {tokens[i].form for i in range(max(0, cue.first - 3), cue.first)}
    lookahead = [t.form for t in tokens[cue.last + 1 : cue.last + 1 + _TENURE_REACH]]
    not_serving = (
        bool(lookback & _NOT_SERVING_BEFORE)
        or (is_class_word and "tidak" in lookback)
        or before in _NOT_AN_OFFICE_HOLDER
        # "(Purn.)", "... hingga 2023": retired, or a tenure that has ended
        or bool(set(lookahead[:2]) & {"purn", "purnawirawan", "pensiun"})
        or _tenure_ended(lookahead)
    )
    # What follows counts only when it follows directly: "Camat Cikarang", not "camat, Selasa".
    joined = after is not None and after.sentence == sentence and _adjacent(text, cue, tokens)
    is_specific = (
        before in _SPECIFIC_BEFORE
        or before2 in _SPECIFIC_BEFORE
        # "seorang guru berstatus PNS": one person, described before the status word
        or bool(lookback & _ONE_PERSON)
        or (before.isdecimal() and not _is_mass_count(before))
        # "2 orang ASN": a head count with its classifier
        or (before == "orang" and before2.isdecimal() and not _is_mass_count(before2))
        or (joined and after is not None and after.form in _SPECIFIC_AFTER)
        or (
            joined
            and after is not None
            and (
                (after.is_capitalized and not _in_title(tokens, sentence)) or after.form.isdecimal()
            )
        )
    )
    # "kepada ASN", "bagi PNS": the addressee of a rule, unless named ("kepada Kepala Desa X").
    is_generic = same_sentence_before and (
        (before in _GENERIC_BEFORE and not is_specific)
        or _is_mass_count(before)
        or before2 in {"seluruh", "semua"}
        or before in {"seluruh", "semua", "setiap", "segenap"}
    )
    # "ASN yang terbukti ... dikenai sanksi": a class of people under a rule, not a suspect.
    # "ASN yang bersangkutan", "dua orang ASN yang ...": the one in question, a counted group.
    if is_class_word and after is not None and after.sentence == sentence and after.form == "yang":
        in_question = cue.last + 2 < len(tokens) and tokens[cue.last + 2].form == "bersangkutan"
        is_generic = is_generic or not (is_specific or in_question)
    # "Jalan Camat", "Desa Kepala Sungai": a place named after an office.
    is_place = before in _PLACE_WORDS and same_sentence_before
    # "seorang guru PNS ... menerima pesan ancaman": the official is the victim.
    is_victim = bool(victim_starts) and any(
        0 < start - cue.last <= _VICTIM_REACH and tokens[start].sentence == sentence
        for start in victim_starts
    )
    is_actor = not (is_candidate or not_serving or is_generic or is_object or is_place or is_victim)

    return Mention(
        subject_type,
        cue.first,
        cue.last,
        sentence,
        is_actor,
        is_specific,
        is_former=not_serving,
        is_object=is_object,
    )


TITLE_CASE_SHARE = 0.6


def _in_title(tokens: Sequence[Token], sentence: int) -> bool:
    """A headline in Title Case: its capitals say nothing about names."""
    words = [token for token in tokens if token.sentence == sentence]
    if not words:
        return False
    capitals = sum(1 for token in words if token.is_capitalized)
    return capitals / len(words) >= TITLE_CASE_SHARE


def _tenure_ended(following: Sequence[str]) -> bool:
    for word, year in pairwise(following):
        if word in {"hingga", "sampai"} and year.isdecimal() and len(year) == 4:
            return int(year) <= _LAST_PAST_YEAR
    return False


def _no_punctuation_between(text: str, left: Token, right: Token) -> bool:
    """'paslon, Kades di Sumenep': a comma ends the candidate's title."""
    return not any(char in ",;:()" for char in text[left.end : right.start])


def _adjacent(text: str, cue: Cue, tokens: Sequence[Token]) -> bool:
    gap = text[tokens[cue.last].end : tokens[cue.last + 1].start]
    return gap.strip() == "" or gap.strip() in {"(", "."}


def _is_mass_count(word: str) -> bool:
    return word.isdecimal() and len(word) <= _MAX_COUNT_DIGITS and int(word) >= _MASS_COUNT
