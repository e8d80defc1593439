"""Read a question with the analyzer's own cues, subject mentions and act rules.

The analyzer deliberately finds no act in a question ("Bolehkah ASN ...?" alleges nothing), so a
question is read one layer lower: the same tokenizer, lexicon, subject mentions and per-act rules
(`netra.analysis.acts.RULES`), applied to the whole question as one sentence. A question about
attending a campaign or joining a team presumes its object ("ikut kampanye" is someone's
campaign), so there an implied candidate is added when none is named; one about a transfer of
officials presumes the Pasal 71(2) window, which the rulebook then checks against the date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache

from netra.analysis.acts import ACT_TRIGGERS, RULE_TRIGGERS, RULES
from netra.analysis.classify import OUTRANKS
from netra.analysis.lexicon import Cue, Lexicon, load_lexicon
from netra.analysis.normalize import Token, tokenize
from netra.analysis.sentences import Sentence, group_sentences, merge_sentences
from netra.analysis.subjects import SUBJECT_PREFIX, Mention, find_mentions
from netra.guidance.morphology import read_derivations
from netra.guidance.vocabulary import Vocabulary, load_vocabulary

# The subject a question is answered for when it names none ("Bolehkah like postingan paslon?").
DEFAULT_SUBJECT = "asn"

# Words that make a question about the 2024 general election rather than the Pilkada; the same
# split the analyzer makes for texts (analysis/analyzer.py `_PEMILU_WORDS`).
PEMILU_WORDS = frozenset(
    "pemilu pileg pilpres capres cawapres caleg dpr dprd dpd presiden legislatif".split()
)
PILKADA = "pilkada-2024"
PEMILU = "pemilu-2024"

# Concepts that name a campaign setting: with them an act needs no named candidate.
_CAMPAIGN_SETTING = ("event", "team", "props", "election")
_NOT_WHO_ASKS = frozenset({"unknown", "other"})  # the analyzer's implied and non-ASN staff
# Offices a candidate runs for: named in a question, they are the object, not who acts (no one
# runs for Penjabat: a "penjabat bupati" named is who acts).
_CANDIDATE_OFFICES = frozenset({"regional_head"})
# Act words that presume a candidate when none is named. Not a car or office (using one for
# oneself, "mudik pakai mobil dinas", is no partiality) nor a transfer (its own presumption, the
# Pasal 71(2) window, is below).
_PRESUMING_TRIGGERS = tuple(c for c in ACT_TRIGGERS if c not in {"facility", "rotation"})
# Only a kepala daerah (or a Penjabat) replaces officials (UU 10/2016 Pasal 71(2) and (4)).
_ROTATING_SUBJECTS = frozenset({"regional_head", "acting_regional_head"})
# "Berapa honor KPPS?", "Kapan hak pilih TNI dikembalikan?": not a question of what is allowed,
# unless it says so ("Kapan guru boleh memihak?").
_OTHER_QUESTION_WORDS = frozenset({"berapa", "kapan", "siapa", "dimana", "di mana"})
_PERMISSION_WORDS = frozenset(
    {"boleh", "bolehkah", "dilarang", "melanggar", "diperbolehkan", "dibolehkan", "larangan"}
)
# Words that may stand between a relative and the official ("istri seorang polisi").
_KIN_GAP_WORDS = frozenset({"seorang", "para", "dari", "sang", "oknum", "si"})
# "Istri PNS, suami maju pilkada": with a spouse named again, "istri PNS" is the asker herself.
_SPOUSE_WORDS = frozenset({"istri", "isteri", "suami"})
# "Anaknya yang maju pilkada", "suaminya yang caleg": the candidacy is the relative's.
_CANDIDACY_WORDS = frozenset(
    {"maju", "calon", "mencalonkan", "caleg", "capres", "cawapres", "cabup", "cawabup", "cagub",
     "cawagub", "cawalkot", "bacaleg", "nyalon", "nyaleg"}
)  # fmt: skip
_CANDIDACY_GAP_WORDS = frozenset({"yang", "sedang", "akan", "mau", "jadi", "menjadi", "sebagai"})
# Acts of one's own candidacy: with the candidacy a relative's, the question is not about them.
_OWN_CANDIDACY_ACTS = frozenset({"self_declaration", "party_approach", "self_promotion"})
# Round 12: what one must do to run for office ("harus mundur", "wajib mengajukan cuti di luar
# tanggungan negara", "harus menyerahkan SK pemberhentian"): an obligation, a resignation or the
# leave that precedes it, and one's own candidacy (canonical words). Such a question asks about
# the official's candidacy as a whole, not one act of it (registering, approaching a party).
_OBLIGATION_WORDS = frozenset({"harus", "wajib", "perlu", "mesti", "cukup", "kudu"})
_RESIGNATION_WORDS = frozenset(
    {"mundur", "mengundurkan", "undur", "berhenti", "pemberhentian", "diberhentikan",
     # Round 20: a soldier or officer leaves the service to run by resigning or by early
     # retirement ("tanpa pensiun dini", UU 34/2004 Pasal 39 angka 4 with Pasal 53).
     "pensiun",
     # Round 20: the derived noun ("keputusan pengunduran diri"), as "pemberhentian" is.
     "pengunduran"}
)  # fmt: skip
_LEAVE_WORDS = frozenset({"cuti", "cltn"})
# A leave is the candidacy's only while one registers or approaches a party as a would-be
# candidate (SKB 2022 B3); a regional head's leave to campaign is another question.
_REGISTRATION_WORDS = frozenset({"bakal", "daftar", "bacaleg", "seleksi", "dekat", "pendekatan"})
_RUNNING_WORDS = _CANDIDACY_WORDS | {"pilkada", "pemilu", "pileg", "legislatif", "dipilih"}


# Round 13: a resignation or leave denied ("tanpa mengundurkan diri", "tanpa mengajukan cuti")
# asks about the same condition as an obligation word does, stated as broken.
_DENYING_WORDS = frozenset({"tanpa", "tidak", "belum", "tak", "bukan", "jangan"})
_DENIAL_REACH = 2  # "tanpa mengajukan cuti": the resignation or leave at most this far after it
# False for measuring without it.
DENIED_CONDITION_RUNS = True


def _denies_the_condition(words: Sequence[str]) -> bool:
    """Whether a resignation or leave word follows a denial closely ("tanpa cuti")."""
    conditions = _RESIGNATION_WORDS | _LEAVE_WORDS
    for position, word in enumerate(words):
        if word in _DENYING_WORDS:
            following = words[position + 1 : position + 1 + _DENIAL_REACH]
            if conditions.intersection(following):
                return True
    return False


# A declaration or promotion of oneself named with the condition denied ("mendeklarasikan diri
# ... tanpa cuti") is that act's question (its rulebook row); registering or approaching a party
# is the candidacy's path, which the own-candidacy entry answers.
_DECLARING_ACTS = frozenset({"self_declaration", "self_promotion"})
# Round 20: for TNI and Polri a declaring act does not stop a running question (below); False
# for measuring without it.
SERVICE_DECLARING_RUNS = True
_SERVICE = frozenset({"tni", "polri"})


def asks_to_run(words: Sequence[str], *, has_kin: bool, acts: Sequence[str] = ()) -> bool:
    """Whether the question asks what an official must do to run for office: an obligation
    word (or the resignation or leave denied, round 13), a resignation (or the leave a would-be
    candidate takes) and a word of candidacy, with no relative named (a spouse's candidacy is
    the spouse entry's)."""
    present = set(words)
    obliged = bool(present & _OBLIGATION_WORDS) or (
        DENIED_CONDITION_RUNS
        and not _DECLARING_ACTS.intersection(acts)
        and _denies_the_condition(words)
    )
    if has_kin or not obliged or not present & _RUNNING_WORDS:
        return False
    if present & _RESIGNATION_WORDS:
        return True
    return bool(present & _LEAVE_WORDS and present & _REGISTRATION_WORDS)


# A period of the election the question places the act in, in the analyzer's canonical words:
# "selama cuti kampanye" is the campaign stage, "enam bulan sebelum penetapan" the months before
# the candidates are determined. Without a date the rulebook is then asked about that period only
# (consult.py), not every stage of the election. The stage codes are the election calendar's.
_STAGE_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("masa", "kampanye"), "kampanye"),
    (("selama", "kampanye"), "kampanye"),
    (("cuti", "kampanye"), "kampanye"),
    (("periode", "kampanye"), "kampanye"),
    (("masa", "tenang"), "masa_tenang"),
    (("hari", "pemungutan"), "pemungutan_suara"),
    (("hari", "coblos"), "pemungutan_suara"),
    (("sebelum", "penetapan"), "before:penetapan_paslon"),
    (("setelah", "penetapan"), "after:penetapan_paslon"),
    (("sesudah", "penetapan"), "after:penetapan_paslon"),
    (("sejak", "penetapan"), "after:penetapan_paslon"),
)
_MONTH_COUNTS = {"enam": 6, "6": 6, "lima": 5, "5": 5, "empat": 4, "4": 4, "tiga": 3, "3": 3,
                 "dua": 2, "2": 2, "satu": 1, "1": 1, "sebulan": 1}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reading:
    """What a question asks about: acts (best first), who asks, which election, its words."""

    acts: tuple[str, ...]
    subject: str
    is_subject_stated: bool
    election: str
    words: tuple[str, ...]  # canonical forms, for FAQ matching and retrieval
    concepts: frozenset[str]
    raw_words: tuple[str, ...] = ()  # as written, lower-cased ("terpilih" is not "memilih")
    is_permission_question: bool = True  # "boleh?", not "berapa/kapan/siapa?"
    relative_of: str | None = None  # who asks is a relative of this kind of official, not one
    is_role_assumed: bool = False  # the subject was read from a job title ("guru") alone
    is_relative_candidate: bool = False  # a relative is the candidate ("anaknya yang nyaleg")
    outside_reason: str | None = None  # why the question is outside Netra's scope (Pilkades)
    # The period the question places the act in: a stage code of the election calendar, or
    # "before:<stage>" / "after:<stage>", or "months:<n>:<stage>" (n months before it).
    stage: str | None = None
    # The period the act itself presumes when the question names none (round 10): a campaign
    # word puts it in the campaign ("gubernur yang berkampanye menggunakan fasilitas negara"),
    # the official's own candidacy from the registration of candidates on ("petahana ...
    # untuk pencalonannya"). Used only when the verdict would otherwise be left to the date.
    presumed_stage: str | None = None
    # Who asks is named and denied ("dosen yang bukan ASN", "pegawai non-ASN"): that kind.
    denied_subject: str | None = None
    # The last token of the mention of who asks (-1 when none is named): words well after it
    # are what the official acts on ("kepala sekolah mengajak guru honorer ...").
    actor_end: int = -1
    # Where the words that make an act or move others begin ("ajak", "pasang"): a verb between
    # who asks and a person named later makes that person the one acted on.
    verb_starts: tuple[int, ...] = ()
    # The question names no one who acts: it opens with the act ("Bolehkah ikut kampanye?",
    # "Apakah boleh memasang baliho calon?") or puts a thing in the passive ("Bolehkah mobil dinas
    # dipakai untuk kampanye?"), so the act is asked of whoever is bound by it (consult.py).
    names_no_one: bool = False
    # The words read as making an act, with their concept ("kampanye": event, "dekat": approach):
    # what a FAQ entry must cover to answer the question (ranking.py, round 9).
    act_words: tuple[tuple[str, str], ...] = ()
    # The words with what a denial scopes over blanked ("tanpa fasilitas negara" names no
    # facility used), a denied condition's own word kept ("tanpa cuti" is a broken condition).
    undenied_words: tuple[str, ...] = ()
    # Round 12: the question asks what the official must do to run for office (`asks_to_run`).
    asks_to_run: bool = False


@cache
def _lexicon() -> Lexicon:
    return load_lexicon()


# Concepts that say how a text talks (a question, a rule, a negation), not what it is about: a
# word read only as these is not known to the reader for the morphology (morphology.py).
_TALK_CONCEPTS = frozenset(
    {"question", "consultation", "normative", "negation", "denial", "rule_talk", "count_noun",
     "statistics", "allegation", "cleared", "excused", "number_word", "candidate_prefix",
     "neutrality_activity", "coercion", "victim", "other_person", "institution"}
)  # fmt: skip
_CONCEPT_READERS: dict[
    tuple[int, int], tuple[Lexicon, Vocabulary, Callable[[str], frozenset[str]]]
] = {}


def _concepts_reader(lexicon: Lexicon, vocabulary: Vocabulary) -> Callable[[str], frozenset[str]]:
    """What a single word means to the reader (its concepts), cached per lexicon and vocabulary
    (kept with them, so an id is never reused for another pair while cached)."""
    key = (id(lexicon), id(vocabulary))
    cached = _CONCEPT_READERS.get(key)
    if cached is not None and cached[0] is lexicon and cached[1] is vocabulary:
        return cached[2]

    @cache
    def reader(word: str) -> frozenset[str]:
        tokens = tokenize(word)
        found = {c.concept for c in (*vocabulary.find_cues(tokens), *lexicon.find(tokens))}
        return frozenset(found - _TALK_CONCEPTS)

    _CONCEPT_READERS[key] = (lexicon, vocabulary, reader)
    return reader


def canonical_words(text: str) -> tuple[str, ...]:
    """The analyzer's canonical word forms of `text` (slang expanded, verbs stemmed)."""
    return tuple(token.form for token in tokenize(text))


# Round 22: a concessive clause ("meskipun memiliki hak pilih", "walaupun di luar jam kerja") is a
# circumstance the question grants, not the act it asks about: the act and the FAQ entry are read
# from the main clause. The clause runs from its conjunction to the next comma, semicolon, full
# stop, question mark or the end. False to measure without.
CONCESSIVE_CLAUSE = True
_CONCESSIVE = re.compile(
    r"\s*,?\s*\b(?:meskipun|walaupun|walau|meski|biarpun|kendatipun|kendati|sekalipun|padahal)\b"
    r"[^,;.?!]*",
    re.IGNORECASE,
)
# Words before a concessive clause that leave a main clause of its own ("Bolehkah ASN ikut").
_MAIN_CLAUSE_MIN_WORDS = 3


# A clause that states a condition the rules read ("padahal izin Mendagri belum terbit", "meskipun
# sudah cuti") is kept: the conditions, exceptions and FAQ resolutions answer it.
_CONDITION_STATED = frozenset(
    {"cuti", "cltn", "izin", "ijin", "seizin", "persetujuan", "mundur", "mengundurkan", "undur",
     "pensiun", "pengunduran"}
)  # fmt: skip


def without_concession(text: str) -> str:
    """`text` without its concessive clauses, when a main clause of at least
    `_MAIN_CLAUSE_MIN_WORDS` words stands before the first and no clause states a condition
    (`_CONDITION_STATED`); otherwise `text` unchanged."""
    first = _CONCESSIVE.search(text)
    if first is None or len(text[: first.start()].split()) < _MAIN_CLAUSE_MIN_WORDS:
        return text
    for clause in _CONCESSIVE.finditer(text):
        if _CONDITION_STATED & set(re.findall(r"\w+", clause.group().lower())):
            return text
    return " ".join(_CONCESSIVE.sub("", text).split())


def read_question(
    text: str, *, lexicon: Lexicon | None = None, vocabulary: Vocabulary | None = None
) -> Reading:
    """The acts and the subject a question is about: the analyzer's detection, with the
    consultation's own question vocabulary (`vocabulary.yaml`) added to its cues.

    A concessive clause is read as a circumstance (round 22): the reading of the main clause
    alone answers when it finds an act and the same asker as the whole question; otherwise (the
    clause names who asks, or the main clause holds no act) the whole question is read."""
    full = _read_question(text, lexicon=lexicon, vocabulary=vocabulary)
    if CONCESSIVE_CLAUSE:
        main_text = without_concession(text)
        if main_text != text:
            main = _read_question(main_text, lexicon=lexicon, vocabulary=vocabulary)
            if main.acts and main.subject == full.subject and main.is_permission_question:
                full = main
    if OTHERS_CLAUSE:
        full = _others_clause_after(full, lexicon=lexicon, vocabulary=vocabulary)
    if MAIN_CLAUSE_FIRST:
        full = _main_clause_first(full, lexicon=lexicon, vocabulary=vocabulary)
    return full


# Round 35, the question's frame: a question asks about one act, told by its main clause (who
# acts, then the predicate after the modal); what follows a subordinator (a "yang" clause after
# the predicate, a purpose, a time, a reason, a condition, a setting "dalam acara ...", a medium)
# is a circumstance of that act. The reading of the main clause alone, when it finds an act for
# the same asker, goes first; the acts read only in the circumstances follow, and reach the
# answer only where the main clause reads none or through the written conventions
# (conventions.py). Round 34 sorted 34 of the 122 first-run misses of checks 17-33 into this
# frame class; per-pair rules had fixed 19 of them (docs/history/consultation-35.md).
MAIN_CLAUSE_FIRST = True
# Words that end the main clause once its predicate has begun: a reason, a condition, or what is
# said ("bahwa"). Purposes, media and clauses on the object are not among them: "untuk
# kepentingan kampanye", "lewat status WhatsApp", "baliho yang mempromosikan dirinya" make the act
# (measured: reading them as circumstances lost 21 questions of checks 1-34 and gained 4).
_SUBORDINATORS = frozenset(
    {"karena", "sebab", "jika", "kalau", "apabila", "bila", "bahwa"}
)  # fmt: skip
# A time ("saat ...", "menjelang ...") or a setting ("dalam acara ...") ends it too when it names no
# candidate, party or campaign: a campaign's time or a party's event makes a gesture or a speech
# there the campaign act ("meneriakkan salam dua jari saat kampanye capres", "narasumber dalam
# acara parpol"); a government's or anyone's neutral event does not ("dalam acara pembagian
# bansos", "menjelang pemilu").
_TIME_WORDS = frozenset(
    {"saat", "ketika", "sewaktu", "selama", "setelah", "sesudah", "sebelum", "menjelang"}
)  # fmt: skip
_SETTING_OPENERS = frozenset({"dalam", "pada"})
_PARTISAN_SETTING = frozenset(
    {"partai", "parpol", "kampanye", "deklarasi", "pemenangan", "relawan", "timses", "politik",
     "caleg", "calon", "paslon", "capres", "cawapres", "cagub", "cabup", "petahana", "kandidat"}
)  # fmt: skip
# The predicate needs this many of its own words before a subordinator ends it.
_PREDICATE_MIN_WORDS = 2


def _ends_the_main_clause(i: int, raw: Sequence[str]) -> bool:
    if raw[i] in _SUBORDINATORS:
        return True
    is_time = raw[i] in _TIME_WORDS
    is_setting = raw[i] in _SETTING_OPENERS and i + 1 < len(raw) and raw[i + 1] in _SETTING_NOUNS
    return (is_time or is_setting) and not _PARTISAN_SETTING & set(raw[i + 1 :])


def _predicate_start(full: Reading) -> int:
    """Where the main clause's predicate begins: the first verb after who acts that is not in a
    clause describing them, or -1."""
    raw = full.raw_words
    described = describing_clause(full.actor_end, raw, raw)
    for i in range(full.actor_end + 1, len(raw)):
        if i in described:
            continue
        word = raw[i]
        if (word.startswith((*_MAIN_VERB_PREFIXES, "di")) and len(word) > 5) or (
            word in _MAIN_VERB_WORDS or i in full.verb_starts
        ):
            return i
    return -1


def _main_clause_first(
    full: Reading, *, lexicon: Lexicon | None, vocabulary: Vocabulary | None
) -> Reading:
    raw = full.raw_words
    if full.actor_end < 0 or not full.is_permission_question:
        return full
    start = _predicate_start(full)
    if start < 0:
        return full
    cut = next(
        (i for i in range(start + _PREDICATE_MIN_WORDS, len(raw)) if _ends_the_main_clause(i, raw)),
        -1,
    )
    if cut < 0:
        return full
    main = _read_question(" ".join(raw[:cut]) + "?", lexicon=lexicon, vocabulary=vocabulary)
    if not main.acts or main.subject != full.subject or not main.is_permission_question:
        return full
    acts = (*main.acts, *(act for act in full.acts if act not in main.acts))
    return full if acts == full.acts else replace(full, acts=acts)


# Round 24: a clause after "yang" that describes someone or something other than who acts ("caleg
# yang membagikan kaos", "pengobatan gratis yang digelar tim pemenangan") says what that other one
# does; the act asked about is who acts' own, read from the question without the clause. Its acts
# go first when it names one and the same asker; the clause's own acts follow.
OTHERS_CLAUSE = True
# Who the clause may describe: a candidate, a party or a team, named right before "yang"; or
# anything the clause's passive verb says others do to it ("yang digelar", "yang dibagikan").
_OTHERS = frozenset(
    {"caleg", "calon", "paslon", "capres", "cawapres", "cagub", "cawagub", "cabup", "cawabup",
     "cawalkot", "kandidat", "partai", "parpol", "tim", "timses", "relawan", "petahana"}
)  # fmt: skip
# Words that end such a clause and open another part of the question.
_CLAUSE_ENDS = frozenset(
    {"meskipun", "walaupun", "walau", "meski", "padahal", "sambil", "seraya", "asalkan", "asal",
     "tetapi", "namun", "tanpa", "dengan", "untuk", "agar", "supaya", "saat", "ketika", "di"}
)  # fmt: skip


def _others_clause_after(
    full: Reading, *, lexicon: Lexicon | None, vocabulary: Vocabulary | None
) -> Reading:
    raw = full.raw_words
    if full.actor_end < 0 or len(full.acts) == 0:
        return full
    start = next(
        (
            i
            for i in range(full.actor_end + 1 + _DESCRIBING_REACH, len(raw) - 1)
            if raw[i] == _RELATIVE
            and (raw[i - 1] in _OTHERS or (raw[i + 1].startswith("di") and len(raw[i + 1]) > 4))
        ),
        -1,
    )
    if start < 0:
        return full
    end = next((i for i in range(start + 1, len(raw)) if raw[i] in _CLAUSE_ENDS), len(raw))
    main_text = " ".join((*raw[:start], *raw[end:])) + "?"
    main = _read_question(main_text, lexicon=lexicon, vocabulary=vocabulary)
    if not main.acts or main.subject != full.subject or not main.is_permission_question:
        return full
    acts = (*main.acts, *(act for act in full.acts if act not in main.acts))
    return replace(full, acts=acts)


def _read_question(
    text: str, *, lexicon: Lexicon | None = None, vocabulary: Vocabulary | None = None
) -> Reading:
    """`read_question` on the text as written."""
    vocabulary = vocabulary or load_vocabulary()
    lexicon = lexicon or _lexicon()
    text = vocabulary.respell(text)
    # Derived words the shared normaliser leaves whole ("berpartai", "berswafoto",
    # "pemasangan"), read as the root the reader knows (morphology.py, round 9).
    text = read_derivations(text, _concepts_reader(lexicon, vocabulary), ACT_TRIGGERS)
    tokens = tokenize(text)
    # The question vocabulary first: where it names the same words as the lexicon ("penjabat
    # bupati" against "bupati"), its reading is the one a question means.
    role_cues = vocabulary.role_cues(tokens)
    cues = [*vocabulary.find_cues(tokens), *lexicon.find(tokens), *role_cues]
    mentions = find_mentions(text, tokens, cues)
    words = tuple(token.form for token in tokens)
    # "foto bersama calon bupati": the office of a candidate is not who acts; "istri polisi" is
    # a relative of one, not the officer.
    # A state vehicle named ("mobil dinas") implies some official to the analyzer, and honorary
    # or contract staff are its `other`: neither is read as who asks, so honorary staff still
    # reach their FAQ entry and a vehicle's question says whose use it does not know.
    serving = [m for m in mentions if not m.is_former and m.type not in _NOT_WHO_ASKS]
    # "Purnawirawan TNI memakai atribut TNI": after a retiree, their own corps named again is
    # the retiree's attributes or uniform, not a serving officer who acts (round 8).
    retired = [m for m in mentions if m.is_former]
    if retired:
        first = min(retired, key=lambda m: m.first)
        serving = [m for m in serving if m.first < first.first or m.type != first.type]
    kin = vocabulary.kin_spans(words)
    relatives = [m for m in serving if _is_relative(m.first, kin, words)]
    serving = [m for m in serving if m not in relatives]
    # "Dosen yang bukan ASN", "pegawai non-ASN", "tidak berstatus PNS": the kind named after a
    # denial is what who asks is not (round 10). The denied mention is dropped, and so is a job
    # title whose status was only assumed from it ("dosen" read as ASN).
    # (The analyzer marks "bukan ASN" as no longer one, `is_former`; a retiree is not denied.)
    denied_mentions = [
        m
        for m in mentions
        if m.type not in _NOT_WHO_ASKS and _is_subject_denied(m.first, m.last, words)
    ]
    denied_subject = denied_mentions[0].type if denied_mentions else None
    if denied_mentions:
        role_spans_now = {(c.first, c.last) for c in role_cues}
        serving = [
            m
            for m in serving
            if m not in denied_mentions and (m.first, m.last) not in role_spans_now
        ]
    actors = [m for m in serving if m.is_actor] or [
        m for m in serving if m.type not in _CANDIDATE_OFFICES
    ]
    if INCUMBENT_ACTS and not actors:
        actors = _incumbent_who_acts(serving, vocabulary.find_cues(tokens), cues)
    subject = actors[0].type if actors else DEFAULT_SUBJECT
    relative_of = None
    if not actors:
        named = [m.type for m in relatives] + [of for _, _, of in kin if of is not None]
        relative_of = named[0] if named else None
    role_spans = {(cue.first, cue.last) for cue in role_cues}
    is_role_assumed = bool(actors) and (actors[0].first, actors[0].last) in role_spans
    raw_words = tuple(text[token.start : token.end].lower() for token in tokens)
    # "Wali kota yang tidak maju pilkada", "asal tidak ikut kampanye", "tanpa menggunakan
    # atribut partai", "tidak memakai pakaian dinas": what a negator scopes over (an act word, or
    # the attribute or facility it is done with) is not what the question asks about; the rest
    # of it is (round 9: the scope of a denial, not only the word right after it).
    verbs = {c.first for c in cues if c.concept in _VERB_CONCEPTS}
    denied = denied_positions(tokens, text, verbs=verbs)
    cues = [
        c
        for c in cues
        if not (c.concept in ACT_TRIGGERS and _is_denied(c.first, words))
        and not (c.concept in _DENIABLE and c.first in denied)
    ]
    first_named = min(mentions, key=lambda m: m.first) if mentions else None
    described: frozenset[int] = frozenset()
    if DESCRIBING_CLAUSE and first_named is not None:
        # Round 11: "guru honor yang digaji dari APBD menjadi timses", "ASN yang maju pilkada
        # boleh mendekati partai": the clause after "yang" describes who asks, and the main verb
        # after it says what is asked; its act words neither make the act asked about nor keep a
        # FAQ entry about who asks away.
        described = describing_clause(first_named.last, words, raw_words)
        cues = [c for c in cues if not (c.concept in _DESCRIBABLE and c.first in described)]
    if subject in _ROTATING_SUBJECTS:
        # "Bupati melakukan mutasi pegawai": a kepala daerah's transfer word is the transfer
        # (Pasal 71(2)), not a threat of one to sway staff, which the analyzer's lexicon also
        # reads it as ("akan dimutasi"); that reading needs a word of its own ("mengancam").
        rotations = {(c.first, c.last) for c in cues if c.concept == "rotation"}
        cues = [
            c for c in cues if c.concept != "mobilize_verb" or (c.first, c.last) not in rotations
        ]
    if MADE_NOT_POSTED:
        cues = _made_not_posted(cues, raw_words)
    # "Acara politik anaknya yang maju pilkada": the relative who runs is the candidate.
    running = [Cue("candidate", end, end) for _, end, _ in kin if _runs(end, words)]
    sentences = group_sentences(tokens, [*cues, *running], text)
    doc = merge_sentences(sentences, -1) if sentences else Sentence(-1, {}, False, tokens)
    concepts = frozenset(cue.concept for cue in cues if not cue.concept.startswith(SUBJECT_PREFIX))
    # A paraphrase's words inside a denial do not name its act ("tanpa atribut partai").
    undenied = tuple(
        "" if index in denied and word not in _CONDITION_WORDS else word
        for index, word in enumerate(words)
    )
    # Round 19: a photo read from a finger gesture alone (no photograph named) is no photo
    # (round 17), so it does not outrank the acts read beside it either.
    photo_outranks = not (GESTURE_OUTRANKS_NOTHING and not _names_a_photograph(raw_words))
    acts = vocabulary.order(
        (
            *vocabulary.named_acts(undenied, concepts),
            *_acts(
                doc,
                tokens,
                may_rotate=subject in _ROTATING_SUBJECTS,
                photo_outranks=photo_outranks,
            ),
        )
    )
    if HEAD_VERB_CHOOSER:
        acts = head_verb_order(acts, doc, words)
    if DESCRIBED_NAMES_NOTHING and described and len(acts) > 1:
        # Round 24: an act named only by words of the clause that describes who acts ("PNS yang
        # menjadi tim sukses memakai truk pelat merah") goes after the acts the rest of the
        # question names: the act asked about is the main verb's.
        main_words = tuple(
            "" if index in described else word for index, word in enumerate(undenied)
        )
        kept = set(vocabulary.named_acts(main_words, concepts)) | set(
            _acts(
                doc, tokens, may_rotate=subject in _ROTATING_SUBJECTS, photo_outranks=photo_outranks
            )
        )
        if any(act in kept for act in acts):
            acts = (*(a for a in acts if a in kept), *(a for a in acts if a not in kept))
    if PURPOSE_VOTE and _invites_to_vote(doc, words, acts):
        # "Mengajak ibu-ibu penerima PKH di kantor desa untuk memilih paslon nomor urut 2": the
        # invitation is what the official does; the vote is its purpose (mobilisation, SKB 2022
        # B8-B9; UU 6/2014 Pasal 29), not the official's own support.
        acts = ("mobilization", *(act for act in acts if act != "mobilization"))
    if _is_meeting_of_others(doc, actors[0].last if actors else -1) and "mobilization" not in acts:
        # "Mengatur pertemuan para guru dengan calon", "mengenalkan caleg saat rapat wali
        # murid": a meeting of others the official brings a candidate to is SKB 2022 B8
        # (mengadakan kegiatan ... pertemuan ... kepada ASN dalam lingkungan unit kerjanya,
        # anggota keluarga, dan masyarakat), whatever verb says how.
        acts = vocabulary.order(("mobilization", *acts))
    if GESTURE_NOT_PHOTO:
        acts = _gesture_not_photo(acts, raw_words, concepts)
    if UPLOADED_NOT_POSED and _uploads_content_not_a_pose(acts, raw_words):
        acts = ("social_media_campaign", *(a for a in acts if a != "social_media_campaign"))
    if MOBILISED_NOT_MOBILISING and _is_mobilised(acts, cues, raw_words):
        # Round 23: "Bolehkah pegawai BUMN dikumpulkan untuk ikut acara ... kampanye akbar": a
        # passive gathering verb makes who asks the one gathered, who takes part in what they
        # are gathered for; mobilising others needs an active verb (CV: b19, once BUMN leaders'
        # mobilisation has a rule).
        acts = ("campaign_attendance", *(act for act in acts if act != "campaign_attendance"))
    if ESCORTED_ACTS and _gives_only_as_the_escorted(acts, cues, raw_words):
        # Round 23: "camat mendampingi bakal calon bupati memberikan bantuan": what follows the
        # candidate an official escorts is the candidate's doing; the official's is the escort,
        # taking part in the candidate's activity (CV: l15).
        acts = ("campaign_attendance", *(act for act in acts if act != "campaign_attendance"))
    if WORN_NOT_FACILITY and _facility_only_worn(acts, cues, raw_words):
        # Round 23: "berfoto bersama bakal calon ... dengan mengenakan seragam dinas": a uniform
        # worn is how the official looks while doing the other act read, not a facility of office
        # put to a campaign's use; that act answers, the facility after it (CV: i08).
        acts = (*(a for a in acts if a != "state_facility_use"), "state_facility_use")
    if OTHERS_VOTE and _others_vote(acts, doc, cues, words, actors[0].last if actors else -1):
        # Round 23: "mensyaratkan pencairan dana desa dengan kesediaan warga memilih calon
        # tertentu": a vote that others named after who asks are to cast for a candidate is what
        # the official gets them to do (SKB 2022 B8; UU 6/2014 Pasal 29), whatever the means
        # (the funds, a facility) or a bare support read (CV: i13).
        acts = ("mobilization", *(act for act in acts if act != "mobilization"))
    if CAMPAIGNING_SUPPORT and _campaigns_for_support(acts, raw_words, words):
        # "Dokter PNS berkampanye mendukung calon gubernur", "turut berkampanye memenangkan":
        # the verb is taking part in a campaign; the support is what the campaign is for.
        acts = ("campaign_attendance", *(act for act in acts if act != "campaign_attendance"))
    if (
        HEAD_URGES_AUDIENCE
        and actors
        and subject == "regional_head"
        and _urges_no_official(
            acts,
            doc,
            serving,
            actors[0].last,
            frozenset(c.last for c in cues if c.concept == "candidate_prefix"),
            raw_words,
        )
    ):
        # "Bupati mengajak hadirin memilih caleg ... saat memberi sambutan di acara OPD": a kepala
        # daerah may campaign on conditions (UU 10/2016 Pasal 70(2)-(3), UU 7/2017 Pasal 281(1));
        # urging an audience to vote is campaigning, answered on those conditions (an official
        # event or being on duty is a broken one: vocabulary.yaml). Urging ASN, camat or kepala
        # desa stays mobilisation.
        acts = ("campaign_attendance", *(act for act in acts if act != "campaign_attendance"))
    if MEDIUM_CIRCUMSTANCE and _through_a_social_medium(acts, cues, raw_words):
        # Round 35, the frame: taking part or support told with the medium it went through
        # ("menyosialisasikan paslon lewat akun media sosialnya", "berjoget mendukung capres
        # dalam video yang diunggahnya ke TikTok") is campaigning on social media: the medium
        # is the circumstance that says where the act was done (SKB 2022 A2/B2).
        acts = ("social_media_campaign", *(act for act in acts if act != "social_media_campaign"))
    if CAMPAIGN_THROUGH_MATERIAL and _campaigns_through_material(acts, cues, raw_words):
        # Round 23: "berkampanye lewat baliho agar bupati terpilih untuk dua periode": the
        # campaign's medium is its material, whose own act is putting it up (SKB 2022 A1/B1),
        # as a campaign "lewat media sosial" is campaigning there (CV: d32).
        acts = ("props_installation", *(act for act in acts if act != "props_installation"))
    if (
        HEAD_GIVES_PROGRAMME
        and subject in _ROTATING_SUBJECTS
        and "gift" in concepts
        and acts
        and acts[0] in _HEAD_GIFT_DISPLACES
        # "Membagikan sembako sambil mengajak warga memilih": an invitation to vote is the
        # head's act, the goods its means (round 19); only aid with no one urged is the programme.
        and not any(cue.concept == "mobilize_verb" for cue in cues)
    ):
        # Round 23: a kepala daerah (or a Pj/Plt) handing out aid ("membagikan sembako",
        # "memakai bantuan dari APBD") uses the programmes and authority of the office, which
        # UU 10/2016 Pasal 71(3) names for the window before penetapan; every set labels it so
        # (u48, g45, j19, l33 ...), so the programme's rule answers, not a rally or a facility
        # (CV: l34, j18).
        acts = ("partisan_decision", *(act for act in acts if act != "partisan_decision"))
    if (
        VOTE_URGED_LEADS
        and "mobilization" in acts
        and acts[0] != "mobilization"
        and actors
        and subject not in _ROTATING_SUBJECTS
        and _urges_a_vote(cues, raw_words, words, actors[0].last)
    ):
        # Round 25: "membagikan uang dan kaos bergambar pasangan calon kepada warga sambil
        # mengarahkan mereka memilih pasangan itu": directing others to vote is what the official
        # does to them (SKB 2022 B8-B9), whatever is handed out beside it or in which clause; the
        # goods are its means. A kepala daerah urging an audience stays round 19's campaigning.
        acts = ("mobilization", *(act for act in acts if act != "mobilization"))
    if TREATED_FOR_CHOICE and actors:
        treatment = _treated_for_choice(raw_words, words, actors[0].last)
        if treatment == "mobilization":
            # Round 26: "mengancam mencabut bansos penerima yang tidak memilih caleg tertentu",
            # "menekan PNS agar mendukung pencalonannya dengan ancaman mutasi": a threat or
            # pressure on people over their vote moves them to it (SKB 2022 B8-B9, UU 7/2017
            # Pasal 280(2)); what the threat names (aid cut, a transfer) is its means.
            acts = ("mobilization", *(act for act in acts if act != "mobilization"))
        elif treatment == "partisan_decision" and set(acts) <= _CHOICE_ACTS:
            # Round 26: "mempersulit pelayanan bagi ketua RT yang wilayahnya dimenangkan calon
            # lain", "memberhentikan guru honorer yang tidak mendukung petahana": what the
            # official does to people described by their vote or support is a decision or
            # action of office for or against a candidate (PP 94/2021 Pasal 5 huruf n angka 5,
            # UU 10/2016 Pasal 71(1), UU 7/2017 Pasal 282); the support named is theirs, so a
            # support read from it alone ("memecat pegawai yang memilih caleg lain") yields.
            acts = ("partisan_decision",)
    if (
        PRESENCE_AT_EVENT
        and not acts
        and actors
        and _at_an_event_of_others(
            cues, concepts, words, actors[0].last, denied=denied, described=described
        )
    ):
        # Round 25: "menjadi MC dalam kegiatan partai politik", "mengisi tausiyah dalam perayaan
        # maulid yang digelar calon wali kota", "terlibat kampanye pilpres": the question names
        # who acts and an event of a candidate, a party or a campaign, and no act. What the
        # official does there (a role, a service, a speech) is how they take part in it: the
        # setting stands for the act (PP 94/2021 Pasal 5 huruf n angka 1, "ikut kampanye"; SKB
        # 2022 Lampiran II A/B: "hadir", "terlibat" in a candidate's activities). An official
        # who moves others to it or invites a candidate to it ("membuat kegiatan dan mengundang
        # salah satu calon") holds it: a meeting toward partiality, SKB 2022 B8 (mobilisation).
        # Only an active verb ("mengundang", "mengajak") is something the official does; a noun
        # ("surat perintah tugas") names a thing.
        acts = (
            ("mobilization",)
            if any(
                c.concept == "mobilize_verb"
                and c.first > actors[0].last
                and raw_words[c.first].startswith(_ACTIVE_PREFIXES)
                for c in cues
            )
            else ("campaign_attendance",)
        )
    if (
        LETTING_LENDS
        and actors
        and acts
        and acts[0] == "campaign_attendance"
        and _lets_others(raw_words, words, actors[0].last)
        and concepts.intersection(_HOLDERS)
    ):
        # Round 26: "kepala lapas mengizinkan caleg berkampanye di dalam lapas", "membiarkan
        # posko pemenangan caleg berdiri di pelataran rumahnya dengan baliho caleg terpajang":
        # the official lets a candidate's, party's or team's campaign happen and takes no part
        # in it; what the official gives it is what they control: the campaign material put up
        # at their place (SKB 2022 B1), or else the place or office itself (UU 7/2017 Pasal
        # 280(1)h, SKB 2022 A5).
        lent = "props_installation" if "props" in concepts else "state_facility_use"
        acts = (lent, *(act for act in acts if act not in {lent, "campaign_attendance"}))
    if (
        THROUGH_A_MEDIUM
        and actors
        and not acts
        and concepts.intersection(_PARTISAN_CONTENT)
        and any(c.concept == "social_media" and c.first > actors[0].last for c in cues)
    ):
        # Round 27: the medium names the act. "Menunjukkan keberpihakan kepada bakal calon lewat
        # media sosial", "mengirim stiker WhatsApp bergambar caleg ke grup percakapan": nothing
        # else is read, and what the official does is done on a social medium named after them
        # with a candidate, party or partiality as its content: campaigning there (SKB 2022
        # Lampiran II B6; PP 94/2021 Pasal 5 huruf n).
        acts = ("social_media_campaign",)
    if (
        MASSING_VERBS
        and actors
        and not acts
        and _masses_for_a_candidate(cues, concepts, raw_words, tokens, actors[0].last)
    ):
        # Round 29: a verb that itself means moving people in numbers ("memobilisasi organisasi
        # keagamaan untuk kepentingan calon", "mengerahkan massa", "menggalang ... untuk calon")
        # needs no addressee from the list of people acted on: what it moves is whatever
        # follows (an organisation, a network, a crowd), toward the candidate or party the
        # question names. Nothing else is read, so it is mobilisation (SKB 2022 Lampiran II B8;
        # PP 94/2021 Pasal 5 huruf n; for TNI/Polri their own neutrality laws).
        acts = ("mobilization",)
    if (
        OWN_BODY_CARRIES
        and actors
        and subject == "bumn_bumd"
        and acts
        and acts[0] in _CARRIED_ACTS
        and _own_body_carries(mentions, cues, actors[0])
    ):
        # Round 30: the company named again names the company's means. A BUMN or BUMD employee's
        # question names the company after the act, as what the act goes with, goes to or
        # happens in ("membagikan stiker capres bersama kalender PDAM", "memajang kartu nama caleg
        # di loket pelayanan PLN", "kepada pelanggan PDAM", "mendeklarasikan dukungan ... di
        # kantor pusat perusahaan BUMN"): the company's things, counters, customers or premises
        # carry the candidate's cause, so the act asked about is putting the company's means to a
        # candidate's use (UU 7/2017 Pasal 280(1)h and (2); the company's assets and premises, as
        # s09, o18 and ab08 are labelled), not the material, promotion or support alone, for
        # several of which the rulebook binds no BUMN/BUMD staff (CV: s09, o18, ab08, ab09). Only
        # companies: TNI's own prohibitions list attributes stuck on TNI property as putting up
        # material (q26), and a teacher's colleague is a person (x20).
        acts = ("state_facility_use", *(act for act in acts if act != "state_facility_use"))
    is_relative_candidate = bool(running)
    if is_relative_candidate:
        acts = tuple(act for act in acts if act not in _OWN_CANDIDACY_ACTS)
    election = PEMILU if PEMILU_WORDS.intersection(words) else PILKADA
    asks_other = bool(raw_words) and raw_words[0] in _OTHER_QUESTION_WORDS
    running_question = RUNNING_QUESTION and asks_to_run(
        words, has_kin=bool(kin) or is_relative_candidate, acts=acts
    )
    # "Bolehkah paslon melibatkan kepala desa?" asks what a candidate may do, not the official.
    outside = vocabulary.outside_entry(words, concepts)
    outside_reason = outside.reason if outside is not None else None
    named_others = {m.first for m in mentions if m.type == "other" and not m.is_former}
    honorary = bool(named_others)
    # "Bolehkah mahasiswa mengampanyekan ...", "dosen swasta", "ketua RT": the first person the
    # question names is someone the neutrality rules do not bind (who_asks.yaml, status `none`,
    # round 10); an official named before them is who asks ("dosen PNS meminta mahasiswa").
    lay = vocabulary.non_official_spans(words)
    # Honorary staff named ("guru honorer sekolah swasta") are the honorary-staff FAQ's.
    # A relative named ("anak ASN ... ") is who asks, whatever else follows.
    if (
        outside is None
        and lay
        and not honorary
        and not relatives
        and (not actors or lay[0][0] <= actors[0].first)
    ):
        outside_reason = lay[0][2]
        actors = [m for m in actors if m.last < lay[0][0] or m.first > lay[0][1]]
        subject = actors[0].type if actors else DEFAULT_SUBJECT
    elif (
        outside is None
        and denied_mentions
        and not actors
        and not honorary
        # "Istri atau anak ASN yang bukan ASN": the denial describes the relative named, who is
        # asked about as a relative (round 12), not someone outside every rule.
        and not (RELATIVES_OWN_ACTIVITY and relatives)
        and words[denied_mentions[0].first - 1] != "non"
        # Round 23: "tidak lagi berstatus ASN", "bukan lagi PNS": a status no longer held is a
        # former official's, whom the retirees' FAQ entry answers (CV: b45), not someone the
        # rules never bound.
        and not (NO_LONGER_IS_FORMER and _no_longer(denied_mentions[0].first, words))
    ):
        # Who asks is only named as not being an official ("dosen yang bukan ASN"): no rule of
        # the named kind binds them, and none other is named. ("Tenaga non-ASN" names the kind
        # UU 20/2023 Pasal 66 calls non-ASN staff, which the honorary-staff FAQ answers.)
        denied_kind = denied_mentions[0].type.upper().replace("_", " ")
        outside_reason = (
            f"yang ditanyakan bukan {denied_kind}: larangan "
            "netralitas ASN, TNI/Polri, kepala/perangkat desa dan BUMN/BUMD tidak mengikat "
            "orang yang bukan pejabat itu (tenaga honorer: lihat FAQ tenaga honorer)"
        )
    if (
        CANDIDATE_ACTS
        and outside is None
        and outside_reason is None
        and actors
        and not relatives
        and not kin
        and (
            _candidate_acts_first(cues, mentions, actors[0].first, raw_words)
            or (ACTED_ON_BY_OTHERS and _acted_on_by_others(tokens, raw_words, actors[0].last))
        )
    ):
        # Round 29: the passive voice names the same actor. "Kepala desa boleh ditandai di
        # postingan kampanye ... oleh tim sukses": the official is what a passive verb right after
        # them acts on, and its agent, named after "oleh", is a candidate, a party or a team; the
        # act asked about is theirs, which the neutrality rules do not govern (as round 17's
        # "paslon melibatkan kepala desa").
        outside_reason = _CANDIDATE_REASON
    if (
        HEALTH_TITLE_ALONE
        and outside is None
        and outside_reason is None
        and is_role_assumed
        and not relatives
        and not honorary
        and _health_title_alone(
            raw_words,
            actors[0].first,
            actors[0].last,
            min(
                (c.first for c in cues if c.concept in ACT_TRIGGERS and c.first > actors[0].last),
                default=len(raw_words),
            ),
        )
    ):
        outside_reason = _HEALTH_TITLE_REASON
        subject = DEFAULT_SUBJECT
    about_others = outside is not None or outside_reason is not None
    if SERVICE_DECLARING_RUNS and RUNNING_QUESTION and not running_question and subject in _SERVICE:
        # Round 20: an active soldier's or officer's candidacy declared ("maju sebagai calon
        # kepala daerah tanpa mengundurkan diri") is their candidacy, which needs resignation or
        # retirement first (UU 7/2017 Pasal 240 ayat (1) huruf k, UU 34/2004 Pasal 39, UU 2/2002
        # Pasal 28): for them a declaring act does not stop a running question as it does for
        # ASN, for whom the SKB makes declaring an act of its own.
        running_question = asks_to_run(words, has_kin=bool(kin) or is_relative_candidate, acts=())
    return Reading(
        undenied_words=undenied,
        act_words=tuple(
            dict.fromkeys(
                (words[c.first], c.concept) for c in cues if c.concept in _ACT_WORD_CONCEPTS
            )
        ),
        names_no_one=not actors
        and not relatives
        and not asks_other
        and _opens_with_the_act(tokens, raw_words, cues, named_others),
        actor_end=actors[0].last if actors else -1,
        verb_starts=tuple(
            sorted({c.first for c in cues if c.concept in ACT_TRIGGERS and c.concept != "facility"})
        ),
        stage=stated_stage(words),
        outside_reason=outside_reason,
        presumed_stage=presumed_stage(undenied),
        denied_subject=denied_subject,
        relative_of=relative_of,
        is_role_assumed=is_role_assumed,
        is_relative_candidate=is_relative_candidate,
        raw_words=raw_words,
        is_permission_question=not about_others
        and (
            not asks_other
            or bool(_PERMISSION_WORDS.intersection(raw_words))
            # "Kapan ASN yang ingin maju jadi caleg harus mengundurkan diri?" asks what the
            # candidacy requires: the own-candidacy entry answers when (round 12).
            or running_question
        ),
        asks_to_run=running_question,
        acts=acts,
        subject=subject,
        is_subject_stated=bool(actors),
        election=election,
        words=words,
        concepts=concepts,
    )


# Round 25: a vote urged leads. An active verb of moving others after who acts ("mengarahkan",
# "mengajak"), followed within a few words by a vote ("mereka memilih", "warga mencoblos"), makes
# mobilisation the act asked about when it is read at all.
VOTE_URGED_LEADS = True
_URGED_VOTE_REACH = 4  # words from the verb to the vote ("mengarahkan mereka memilih")


def _urges_a_vote(
    cues: Sequence[Cue], raw_words: Sequence[str], words: Sequence[str], actor_end: int
) -> bool:
    verbs = [
        c
        for c in cues
        if c.concept == "mobilize_verb"
        and c.first > actor_end
        and raw_words[c.first].startswith(_ACTIVE_PREFIXES)
    ]
    return any(
        word in _VOTE_FORMS
        for verb in verbs
        for word in words[verb.last + 1 : verb.last + 1 + _URGED_VOTE_REACH]
    )


# Round 26: what is done to people for whom they back. An active verb after who acts, then people
# described by their vote or support ("yang tidak mendukung ...", "yang wilayahnya dimenangkan
# pasangan calon lain") or pressed toward it ("agar mendukung ..."): the official acts on them by
# their political choice. With a threat or pressure named ("mengancam", "menekan", "dengan
# ancaman"), that moves them to a vote (mobilisation, which leads whatever else is read); without
# one, and with no act read but the support the clause names, it is a decision of office for or
# against a candidate. The support words in the clause are the others' choice, not the official's.
TREATED_FOR_CHOICE = True
_CHOICE_FORMS = frozenset(
    "memilih pilih mencoblos coblos nyoblos dicoblos dukung mendukung didukung menang dimenangkan "
    "memenangkan".split()
)
_PRESSURE_WORDS = frozenset(
    "ancam ancaman mengancam tekan menekan tekanan intimidasi mengintimidasi paksa memaksa "
    "paksaan".split()
)
_PRESSED_TOWARD = frozenset({"agar", "supaya"})
_CHOICE_ACTS = frozenset({"candidate_support"})  # what the others' vote or support reads as
_DESCRIBED_BY_CHOICE_REACH = 4  # "yang wilayahnya dimenangkan", "yang diduga tidak mendukung"
_PRESSED_TOWARD_REACH = 2  # "agar mendukung", "agar mereka memilih"


def _treated_for_choice(
    raw_words: Sequence[str], words: Sequence[str], actor_end: int
) -> str | None:
    verbs = [
        index
        for index in range(actor_end + 1, len(raw_words))
        if raw_words[index].startswith(_ACTIVE_PREFIXES) and words[index] not in _CHOICE_FORMS
    ]
    if not verbs:
        return None

    def choice_within(start: int, reach: int) -> bool:
        return any(word in _CHOICE_FORMS for word in words[start + 1 : start + 1 + reach])

    after = range(verbs[0] + 1, len(words))
    described = any(
        words[i] == "yang" and choice_within(i, _DESCRIBED_BY_CHOICE_REACH) for i in after
    )
    pressed = any(
        words[i] in _PRESSED_TOWARD and choice_within(i, _PRESSED_TOWARD_REACH) for i in after
    )
    pressure = any(
        words[i] in _PRESSURE_WORDS or raw_words[i] in _PRESSURE_WORDS
        for i in range(actor_end + 1, len(words))
    )
    if pressure and (described or pressed):
        return "mobilization"
    if described:
        return "partisan_decision"
    return None


# Round 25: the setting stands for the act. When no act is read and the question names, after
# who acts, an event of a candidate, a party or a campaign (an event word with a candidate or party
# named, or a campaign itself), the official's presence there is what is asked: taking part in it.
# An event inside a denial ("tanpa menghadiri kampanye") or the clause describing who acts ("PNS
# yang pernah ikut kampanye") sets nothing.
PRESENCE_AT_EVENT = True
_CAMPAIGN_EVENT_WORDS = frozenset({"kampanye", "deklarasi"})
_PERIOD_WORDS = frozenset(
    "selama masa menjelang jelang sebelum sesudah setelah usai hingga sampai tahapan tahap "
    "periode jadwal".split()
)


def _at_an_event_of_others(
    cues: Sequence[Cue],
    concepts: frozenset[str],
    words: Sequence[str],
    actor_end: int,
    *,
    denied: Collection[int],
    described: Collection[int],
) -> bool:
    # A thing named by the event word ("alat peraga kampanye", "tim kampanye", "dana kampanye":
    # the event word inside another concept's words) is that thing, and a period named by it
    # ("selama kampanye", "masa kampanye") is a time: neither is an event attended.
    things = [(c.first, c.last) for c in cues if c.concept != "event" and c.last > c.first]
    events = [
        cue
        for cue in cues
        if cue.concept == "event"
        and cue.first > actor_end
        and cue.first not in denied
        and cue.first not in described
        and not _is_denied(cue.first, words)
        and not (cue.first > 0 and words[cue.first - 1] in _PERIOD_WORDS)
        and not any(first < cue.first <= last for first, last in things)
    ]
    if any(_held_by_others(index, cues) for index in _holding_verbs(words, actor_end, denied)):
        # "pengobatan gratis yang digelar tim pemenangan", "perayaan maulid yang digelar calon
        # wali kota": an activity named as held by a candidate, a party or a team is their event,
        # whatever it is called.
        return True
    if not events:
        return False
    return bool(concepts.intersection(("candidate", "party"))) or any(
        words[cue.first] in _CAMPAIGN_EVENT_WORDS for cue in events
    )


# Round 26: letting is lending. A verb of letting right after who acts ("mengizinkan",
# "membiarkan", "mempersilakan") makes the event that follows the others' own; the official's act
# is what they lend it (see PRESENCE_AT_EVENT).
LETTING_LENDS = True
# Round 27: a social medium named after who acts, with partisan content and no act read, names the
# act: campaigning on social media (`read_question`).
THROUGH_A_MEDIUM = True
_PARTISAN_CONTENT = frozenset({"candidate", "party", "partiality", "partisan_symbol", "support"})
_LETTING_VERBS = frozenset(
    "mengizinkan izinkan mengijinkan membiarkan biarkan mempersilakan persilakan memperbolehkan "
    "membolehkan".split()
)
_LETTING_REACH = 2  # words from who acts to the verb ("kepala lapas tidak pernah mengizinkan")


def _lets_others(raw_words: Sequence[str], words: Sequence[str], actor_end: int) -> bool:
    return any(
        words[index] in _LETTING_VERBS or raw_words[index] in _LETTING_VERBS
        for index in range(actor_end + 1, min(len(words), actor_end + 1 + _LETTING_REACH))
    )


_HOLDING_VERBS = frozenset("digelar diadakan diselenggarakan dihelat dilaksanakan".split())
_HOLDERS = frozenset({"candidate", "party", "team"})
_HOLDER_REACH = 3  # "digelar oleh tim pemenangan": the holder at most this far after the verb


def _holding_verbs(words: Sequence[str], actor_end: int, denied: Collection[int]) -> list[int]:
    return [
        index
        for index, word in enumerate(words)
        if word in _HOLDING_VERBS and index > actor_end + 1 and index not in denied
    ]


def _held_by_others(index: int, cues: Sequence[Cue]) -> bool:
    return any(
        cue.concept in _HOLDERS and index < cue.first <= index + _HOLDER_REACH for cue in cues
    )


# Concepts whose words make an act: its triggers, and a campaign or declaration attended.
_ACT_WORD_CONCEPTS = frozenset(ACT_TRIGGERS) | {"event"}


# What a question may open with before what it asks about ("Apakah boleh ...", "Bolehkah ...").
_OPENING_WORDS = frozenset(
    {"apakah", "apa", "bolehkah", "boleh", "bisakah", "bisa", "dapatkah", "benarkah", "kalau",
     "kalo", "jika", "sebenarnya", "sih", "ya", "dong", "kah"}
)  # fmt: skip
# A predicate of permission, not an act: "Apakah kampanye di kampus diperbolehkan?" asks about
# the campaign (a venue question), not about an official's act.
_PERMISSION_FORMS = frozenset({"boleh", "larang", "dilarang", "diperbolehkan", "dibolehkan"})
# Prefixes of an active verb written out ("memasang", "berkampanye", "terlibat"), recognised when
# the analyzer's stemmer reduced the word ("menteri" is a noun: it stems to itself).
_ACTIVE_PREFIXES = ("me", "be", "te")
# Verbs the stemmer keeps whole: intransitive ber-/ter- words ("berfoto", "berpose", "bertemu";
# "berita" is too short to be one) and the copula ("menjadi anggota partai").
_UNSTEMMED_PREFIXES = ("ber", "ter")
_UNSTEMMED_MIN_LENGTH = 7
_COPULAS = frozenset({"menjadi", "jadi"})
# Concepts whose cue is itself a verb ("ikut", "like", "ajak", "unggah", "pasang").
_VERB_CONCEPTS = frozenset(c for c in ACT_TRIGGERS if c.endswith("_verb"))
# Who a passive act is done by ("disewa partai", "dipakai oleh tim"): someone is named.
_AGENT_CONCEPTS = frozenset({"candidate", "party"})


# Round 35: see `_opens_with_the_act` (measured in docs/history/consultation-35.md).
THING_FIRST_NAMES_NO_ONE = True
# What a ber- word that is someone's doing reads as: a verb, an event, a role, a pose or a photo.
_DOINGS = _VERB_CONCEPTS | {"event", "team_role", "photo", "partisan_symbol", "support"}


def _opens_with_the_act(
    tokens: Sequence[Token], raw: Sequence[str], cues: Sequence[Cue], named: set[int]
) -> bool:
    """Whether the question asks about an act without naming who does it: after its opening
    words it starts with an active verb, or with a thing followed by a passive verb that no one
    is named as doing. A person or body named first ("caleg berkampanye", "partai
    mengkampanyekan", "kampanye di kampus diperbolehkan") is not such a question."""
    at = {c.first: c.concept for c in cues}
    position = 0
    while position < len(tokens) and tokens[position].form in _OPENING_WORDS:
        position += 1
    # The modal placed before a passive verb, anywhere after a thing ("mobil dinas berplat merah
    # boleh dibawa untuk kampanye", round 9): "boleh dibawa" is the predicate, and what comes
    # before it is what is acted on, unless a person or body is named there or acts.
    for index in range(position + 1, len(tokens)):
        if tokens[index].form in _PERMISSION_FORMS and _is_passive_at(index + 1, tokens, raw):
            before = range(position, index)
            if any(i in named or at.get(i) in _VERB_CONCEPTS for i in before):
                return False
            after = at.get(index + 2, "")
            nxt = tokens[index + 2].form if index + 2 < len(tokens) else ""
            return nxt != "oleh" and after not in _AGENT_CONCEPTS
    for index in range(position, len(tokens)):
        token = tokens[index]
        if index in named or token.form in _PERMISSION_FORMS:
            return False
        if token.is_passive:
            after = at.get(index + 1, "")
            nxt = tokens[index + 1].form if index + 1 < len(tokens) else ""
            return index > position and nxt != "oleh" and after not in _AGENT_CONCEPTS
        word = raw[index]
        is_derived = (word != token.form and word.startswith(_ACTIVE_PREFIXES)) or (
            word.startswith(_UNSTEMMED_PREFIXES) and len(word) >= _UNSTEMMED_MIN_LENGTH
        )
        if is_derived or word in _COPULAS or at.get(index) in _VERB_CONCEPTS:
            # An active verb: the question opens with it, or someone named before it acts.
            if index == position:
                return True
            # Round 35, the frame: a thing named first and described by a stative ber- word
            # ("mobil dinas berpelat merah dipakai ...", "ambulans desa ... tetap bergambar
            # calon") is what the question is about; no one is named acting on it unless a
            # candidate, party or team stands before the word. A ber- word the reader reads as
            # an act or event ("berkampanye", "berpose", "bergabung") is someone's doing: the
            # one named before it acts, even when the reader does not know them as a person
            # ("peserta pemilu berkampanye", "petugas KPPS berpose").
            return (
                THING_FIRST_NAMES_NO_ONE
                and word.startswith("ber")
                and at.get(index) not in _DOINGS
                and not any(at.get(i) in _AGENT_CONCEPTS for i in range(position, index))
            )
    return False


def _is_passive_at(index: int, tokens: Sequence[Token], raw: Sequence[str]) -> bool:
    """Whether the word at `index` is a passive verb: the analyzer marks it, or, right after a
    modal ("boleh dibawa", "dilarang dipakai"), it is written with the passive prefix di- (a
    modal is followed by a verb, so "di" there is not the start of a noun such as "dinas")."""
    if index >= len(tokens):
        return False
    word = raw[index]
    return tokens[index].is_passive or (word.startswith("di") and len(word) >= 5)


# Words that deny what follows them ("tidak maju", "asal tidak ikut kampanye", "tanpa atribut").
_DENIALS = frozenset({"tidak", "bukan", "belum", "tak", "tanpa"})
# A denial of a modal denies the permission, not the act: "tidak boleh ikut kampanye" still asks
# about the campaign.
_MODALS = frozenset(
    {"boleh", "bisa", "dapat", "perlu", "harus", "usah", "wajib", "mau", "akan", "pernah",
     "diperbolehkan", "dibolehkan", "diizinkan", "dilarang", "larang", "diwajibkan", "cukup"}
)  # fmt: skip
# A denied condition ("tanpa cuti", "tanpa izin Mendagri", "tidak mengundurkan diri") is read by
# the conditions, exceptions and FAQ resolutions, which look for the denial themselves: the
# denial covers the condition's word only.
_CONDITION_WORDS = frozenset(
    {"cuti", "izin", "ijin", "persetujuan", "mengundurkan", "undur", "mundur", "seizin"}
)
# Where a denial's scope ends: a conjunction, a relative or a new clause ("tanpa atribut, lalu
# mengajak ..."), or the question's own words.
_SCOPE_ENDS = frozenset(
    {"dan", "atau", "serta", "tetapi", "tapi", "namun", "melainkan", "lalu", "kemudian",
     "sambil", "sembari", "untuk", "agar", "supaya", "saat", "ketika", "selama", "yang",
     "hanya", "asal", "asalkan", "meskipun", "walaupun", "padahal", "apakah", "bolehkah"}
)  # fmt: skip
# A denial in what someone is urged or directed to do ("mengarahkan siswa agar tidak memilih
# capres tertentu") is the content of that act, not a denial of it: it scopes over nothing more
# than the word after it.
_PURPOSE_WORDS = frozenset({"agar", "supaya", "biar", "untuk", "jangan"})
# Verbs that only carry the act named after them ("tanpa memberi like"): the act word after one
# is still in the denial.
_LIGHT_VERBS = frozenset({"beri", "kasih", "lakukan", "laku", "buat", "bikin"})
# Round 17: a denial reaches an object coordinated with the denied one ("tidak memakai patwal
# dan fasilitas negara"), at most this many words after the conjunction. False to measure without.
DENIAL_COORDINATION = True
_COORDINATORS = frozenset({"dan", "atau", "serta"})
_COORDINATED_REACH = 2
# How many words a denial reaches: the verb and its object ("tidak memakai pakaian dinas",
# "tanpa menggunakan atribut partai", "tidak menyebut nama calon").
_DENIAL_REACH = 3
# What a denial removes from the reading: act words and what an act is done with or in
# (attributes, symbols, facilities). Not the candidate or party an act is about: "mengarahkan
# siswa agar tidak memilih capres tertentu" still names the candidate it is about.
_DENIABLE = frozenset(ACT_TRIGGERS) | {"props", "partisan_symbol", "social_media"}


def _is_denied(first: int, words: Sequence[str]) -> bool:
    """Whether the word at `first` follows a denial ("tidak ikut")."""
    return first > 0 and words[first - 1] in _DENIALS


def denied_positions(
    tokens: Sequence[Token], text: str = "", *, verbs: Collection[int] = ()
) -> frozenset[int]:
    """The positions of the words a negator scopes over: up to `_DENIAL_REACH` words after it,
    stopping at a conjunction, a comma, another clause or a second verb (`verbs`: "yang tidak
    maju pilkada ikut kampanye" denies the candidacy, not the attendance); none after a modal
    ("tidak boleh") and only the condition's own word after a denied condition ("tanpa cuti")."""
    denied: set[int] = set()
    for index, token in enumerate(tokens):
        if token.form not in _DENIALS or (index and tokens[index - 1].form in _PURPOSE_WORDS):
            continue
        limit = min(index + 1 + _DENIAL_REACH, len(tokens))
        position = index
        while position + 1 < limit:
            position += 1
            word = tokens[position]
            gap = text[tokens[position - 1].end : word.start] if text else " "
            if (
                DENIAL_COORDINATION
                and word.form in _COORDINATORS
                and position >= index + 3
                and position + 1 < len(tokens)
                and position + 1 not in verbs
                and tokens[position + 1].form not in _SCOPE_ENDS | _DENIALS | _MODALS
                and not any(mark in gap for mark in ",.;:!?()")
            ):
                # "Asal tidak memakai patwal dan fasilitas negara": after a denied verb and its
                # object, an object coordinated with it is denied too (round 17).
                limit = min(position + 1 + _COORDINATED_REACH, len(tokens))
                continue
            if word.form in _MODALS or word.form in _SCOPE_ENDS or word.form in _DENIALS:
                break
            if any(mark in gap for mark in ",.;:!?()"):
                break
            if (
                position > index + 1
                and position in verbs
                and tokens[index + 1].form not in _LIGHT_VERBS
            ):
                break
            denied.add(position)
            if word.form in _CONDITION_WORDS:
                break
    return frozenset(denied)


# Words that may stand between a meeting and the people it gathers ("pertemuan para guru").
_MEETING_GAP = 2
# A campaign or a declaration is the candidate's own event ("kampanye peserta pemilu"), not a
# meeting of others the official holds.
_CANDIDATES_OWN_EVENTS = frozenset({"kampanye", "deklarasi"})


def _is_meeting_of_others(doc: Sentence, actor_end: int) -> bool:
    """Whether the question names a gathering of other people (an event followed by a group of
    people, after who asks) together with a candidate or party, and not the official's own
    attendance of it."""
    if not doc.has("candidate", "party") or doc.has("attend_verb"):
        return False
    targets = [cue for cue in doc.get("mobilize_target") if cue.first > actor_end]
    meetings = [
        event
        for event in doc.get("event")
        if event.first > actor_end
        and not _CANDIDATES_OWN_EVENTS.intersection(
            token.form for token in doc.tokens[event.first : event.last + 1]
        )
    ]
    return any(
        0 < target.first - meeting.last <= _MEETING_GAP
        for meeting in meetings
        for target in targets
    )


# Words that may stand between a denial and the kind it denies ("tidak berstatus ASN", "bukan
# seorang PNS", "non-ASN" is read as "non asn").
_SUBJECT_DENIALS = frozenset({"bukan", "non", "tidak", "belum"})
_SUBJECT_DENIAL_GAP = frozenset({"berstatus", "status", "sebagai", "seorang", "lagi", "menjadi",
                                 "jadi", "termasuk", "pegawai"})  # fmt: skip


def _is_subject_denied(first: int, last: int, words: Sequence[str]) -> bool:
    """Whether the kind named from `first` to `last` follows a denial of it ("yang bukan ASN",
    "non-PNS", "tidak berstatus ASN"), up to two gap words between, or holds one: a phrase read
    with gaps ("dosen ... asn" in "dosen yang bukan ASN") is the title and its denied status."""
    if _SUBJECT_DENIALS.intersection(words[first + 1 : last + 1]):
        return True
    position = first - 1
    while position >= 0 and first - position <= 3 and words[position] in _SUBJECT_DENIAL_GAP:
        position -= 1
    return position >= 0 and words[position] in _SUBJECT_DENIALS


# Round 23: a kind denied with "lagi" ("tidak lagi berstatus ASN") is a status that ended.
NO_LONGER_IS_FORMER = True
_NO_LONGER_REACH = 3  # words from "lagi" to the kind named


def _no_longer(first: int, words: Sequence[str]) -> bool:
    """Whether the denial before the kind named at `first` says "no longer"."""
    return "lagi" in words[max(0, first - _NO_LONGER_REACH) : first]


# What an act presumes about its period when the question names none (round 10): a campaign is
# held in the campaign period, and an official's own candidacy runs from the registration of
# candidates. Checked on the words outside a denial ("tanpa ikut kampanye" presumes nothing).
_CAMPAIGN_WORDS = frozenset({"kampanye"})
# Not "petahana" or "incumbent" alone: a sitting head who will run again may act before the
# registration ("Incumbent boleh lakukan mutasi pejabat?" still depends on the date).
_OWN_CANDIDACY_PRESUMING = (("pencalonan",), ("mencalonkan",), ("calon", "petahana"))
# Round 13: "bupati incumbent yang sedang cuti": a leave the question places the official in,
# in an election question, is the campaign leave (cuti di luar tanggungan negara).
_ON_LEAVE = (("sedang", "cuti"), ("saat", "cuti"), ("masa", "cuti"))


# Round 13: "menjelang pilkada", "jelang pencoblosan": the run-up to the vote, read as the six
# months before voting day (the length of the statutory pre-election windows of UU 10/2016 Pasal
# 71, which run from six months before the candidates are determined). The words must name the
# election or the vote right after "menjelang"/"jelang".
_RUN_UP_WORDS = frozenset({"menjelang", "jelang"})
_RUN_UP_OF = frozenset(
    {"pilkada", "pemilu", "pilpres", "pileg", "pemilihan", "pilgub", "pilbup", "pilwali",
     "pilwalkot", "pencoblosan", "coblos", "pemungutan", "hari"}
)  # fmt: skip
RUN_UP_STAGE = "months:6:pemungutan_suara"
# False for measuring without the run-up reading.
RUN_UP_PERIOD = True


def presumed_stage(words: Sequence[str]) -> str | None:
    """The period an act presumes (`Reading.presumed_stage`), from the undenied words."""
    if _CAMPAIGN_WORDS.intersection(words):
        return "kampanye"
    for position in range(len(words)):
        if RUN_UP_PERIOD and tuple(words[position : position + 2]) in _ON_LEAVE:
            return "kampanye"
    for position in range(len(words)):
        for phrase in _OWN_CANDIDACY_PRESUMING:
            if tuple(words[position : position + len(phrase)]) == phrase:
                return "after:pendaftaran_paslon"
    if RUN_UP_PERIOD:
        for position, word in enumerate(words[:-1]):
            if word in _RUN_UP_WORDS and words[position + 1] in _RUN_UP_OF:
                return RUN_UP_STAGE
    return None


def stated_stage(words: Sequence[str]) -> str | None:
    """The period of the election the question's words place it in, if they name one."""
    for position in range(len(words)):
        for phrase, stage in _STAGE_PHRASES:
            if tuple(words[position : position + len(phrase)]) != phrase:
                continue
            if stage.startswith("before:") and position >= 2 and words[position - 1] == "bulan":
                months = _MONTH_COUNTS.get(words[position - 2])
                if months is not None:
                    return f"months:{months}:{stage.partition(':')[2]}"
            return stage
    return None


def _is_relative(
    first: int, kin: Sequence[tuple[int, int, str | None]], words: Sequence[str]
) -> bool:
    """Whether the official mentioned at `first` follows a word naming a relative ("istri polisi"),
    unless a spouse named again makes "istri PNS" the asker ("istri PNS, suami maju pilkada")."""
    before = first - 1
    while before >= 0 and words[before] in _KIN_GAP_WORDS:
        before -= 1
    span = next(((start, end) for start, end, _ in kin if end == before), None)
    if span is None:
        return False
    if words[span[0]] in _SPOUSE_WORDS:
        others = [
            start for start, _, _ in kin if start != span[0] and words[start] in _SPOUSE_WORDS
        ]
        if others:
            return False
    return True


def _runs(end: int, words: Sequence[str]) -> bool:
    """Whether the relative named up to `end` is the one who runs ("anaknya yang maju")."""
    position = end + 1
    while position < len(words) and words[position] in _CANDIDACY_GAP_WORDS:
        position += 1
    return position < len(words) and words[position] in _CANDIDACY_WORDS


# Round 28: who is bound. A health worker named by the title alone ("para dokter spesialis",
# "tenaga kesehatan muda"), with no public health body (RSUD, puskesmas, dinas kesehatan, ...)
# and no civil-service status (ASN, PNS, PPPK), names no official of the subject list: doctors,
# nurses and midwives work in private practice and private hospitals as much as in public
# services (UU 17/2023 covers both), so unlike a teacher or an extension worker (whose offices
# are mostly or only public) the title alone does not say that a neutrality rule binds them.
# The question is out of scope and says why, instead of answering it as an ASN's act.
HEALTH_TITLE_ALONE = True
_HEALTH_TITLES = frozenset(
    {"dokter", "perawat", "bidan", "nakes", "tenaga kesehatan", "tenaga medis", "apoteker"}
)
# Words that place the worker in a public service or state a status; any of them keeps the
# assumed ASN reading ("dokter RSUD", "perawat puskesmas", "dokter spesialis ASN").
_PUBLIC_HEALTH_WORDS = frozenset(
    {
        "rsud", "rsup", "rsu", "puskesmas", "pustu", "dinkes", "dinas", "polindes", "poskesdes",
        "pemerintah", "pemda", "pemkab", "pemkot", "pemprov", "negeri", "daerah", "provinsi",
        "kabupaten", "kota",
    }
)  # fmt: skip
# A public body is named with the worker: after the title, before the first act word and within
# this many words ("dokter di RSUD", "perawat yang bertugas di puskesmas"), not in "calon kepala
# daerah" or "calon wali kota" further on.
_PUBLIC_HEALTH_WINDOW = 6
# Titles that are themselves a public post: a "bidan desa" is placed in the village by the
# district health office under the puskesmas (the Bidan di Desa programme), so it stays an
# assumed ASN as in round 10 (test_vocabulary).
_PUBLIC_HEALTH_TITLES = frozenset({"bidan desa"})
# A status stated anywhere ("dokter yang berstatus PPPK") keeps the reading too.
_STATUS_WORDS = frozenset({"asn", "pns", "pppk", "aparatur", "cpns"})
_HEALTH_TITLE_REASON = (
    "tenaga kesehatan yang disebut hanya dengan profesinya, tanpa instansi pemerintah (RSUD, "
    "puskesmas, dinas kesehatan) atau status ASN/PNS/PPPK, belum tentu pejabat yang terikat "
    "larangan netralitas: dokter, perawat dan bidan juga bekerja di praktik dan rumah sakit "
    "swasta. Sebutkan instansi atau status kepegawaiannya"
)


def _health_title_alone(raw_words: Sequence[str], first: int, last: int, verb: int) -> bool:
    """Round 28: the actor's title (words first..last) is a health worker's, no public body is
    named in it or after it (before the first act word, `verb`, and within the window), and no
    status is stated anywhere in the question."""
    title = " ".join(raw_words[first : last + 1])
    named = any(title == t or title.startswith(t + " ") for t in _HEALTH_TITLES)
    if any(title == t or title.startswith(t + " ") for t in _PUBLIC_HEALTH_TITLES):
        return False
    after = raw_words[first : min(verb, last + 1 + _PUBLIC_HEALTH_WINDOW)]
    return (
        named
        and not _STATUS_WORDS.intersection(raw_words)
        and not _PUBLIC_HEALTH_WORDS.intersection(after)
    )


# Round 11, reaching the FAQ: a relative clause right after who asks ("yang digaji dari APBD",
# "yang maju pilkada") describes them when an active main verb follows it ("... menjadi timses",
# "... boleh mendekati partai"). With no main verb after it the clause is the predicate ("ASN
# yang ikut kampanye dipecat?") and is read as before.
DESCRIBING_CLAUSE = True
# Round 24: what the clause after "yang" says of who acts describes them, so its words name no act
# either, whether read as the analyzer's cues or as a paraphrase of the question vocabulary ("PNS
# yang menjadi tim sukses memakai truk pelat merah": the truck, not the team, is asked about; the
# act asked about is the main verb's).
DESCRIBED_NAMES_NOTHING = True
# Round 12: a question of what one must do to run (`asks_to_run`); False for measuring without it.
RUNNING_QUESTION = True
# Round 12: a relative's own election activity named without an act the rules read ("istri
# Kapolsek maju sebagai caleg", "istri prajurit bergabung dengan partai") is the relative's
# (consult.py); False for measuring without it.
RELATIVES_OWN_ACTIVITY = True
_DESCRIBING_REACH = 3  # "yang" at most this many words after who asks ("guru honorer yang")
_MAIN_VERB_PREFIXES = ("me", "ber", "ter")
_MAIN_VERB_WORDS = frozenset({"jadi", "ikut", "hadir", "datang", "pasang", "pakai", "gunakan"})
_DESCRIBABLE = frozenset(ACT_TRIGGERS) | {"props", "social_media", "team"}


def describing_clause(actor_end: int, words: Sequence[str], raw: Sequence[str]) -> frozenset[int]:
    """Positions of a clause after "yang" that describes who asks, ended by a main verb."""
    start = next(
        (
            i
            for i in range(actor_end + 1, min(actor_end + 1 + _DESCRIBING_REACH, len(words)))
            if words[i] == "yang"
        ),
        -1,
    )
    if start < 0:
        return frozenset()
    # The clause's own verb is its first word after "yang" (and the words it takes); the next
    # active verb or bare predicate word is the main clause's.
    for end in range(start + 2, len(words)):
        word = raw[end]
        if (word.startswith(_MAIN_VERB_PREFIXES) and len(word) > 5) or word in _MAIN_VERB_WORDS:
            return frozenset(range(start, end))
    return frozenset()


# Round 11, choosing among acts that fit. Words that open a modifier of the question's main verb
# and object: an act read from words right after one ("sambil berpose dua jari", "melalui
# spanduk", "untuk mengarahkan dukungan") says how or why, and the act of the main clause before
# it is what is asked. A candidacy read after "yang" ("kandidat yang maju", "bupati yang
# mencalonkan diri lagi") describes who runs, not an act asked about.
_MODIFIER_OPENERS = frozenset({"sambil", "seraya", "melalui", "lewat", "untuk"})
_RELATIVE = "yang"
# What is done "sambil" attending a campaign is that act (round 9: "menghadiri kampanye sambil
# memasang baliho" is putting up props), so attendance does not keep it behind.
_WHILE = frozenset({"sambil", "seraya"})
_DONE_WHILE_ATTENDING = frozenset({"campaign_attendance"})
_DESCRIBED_ACTS = frozenset({"self_declaration"})
# Words that may stand between the opener and the act's word ("yang sedang maju", "untuk ikut").
_MODIFIER_GAP = frozenset({"sedang", "akan", "mau", "ikut", "turut", "sudah", "telah", "juga"})
# Switched off to measure the order without it (netra ask-generalise, round 11).
HEAD_VERB_CHOOSER = True


# Round 19: the event a purpose names ("untuk acara pengukuhan pengurus partai") is the setting
# of the act before it, not an act of its own: event nouns may stand between the opener and the
# act's word (CV over checks 1-20: d20, a village car used for a party's installation).
SETTING_EVENTS = True
_SETTING_NOUNS = frozenset(
    {"acara", "kegiatan", "pengukuhan", "kukuh", "pelantikan", "lantik", "peresmian", "resmi"}
)


def _opener_before(first: int, words: Sequence[str]) -> int:
    """The position of the modifier's opener right before `first` (gap words between), or -1."""
    gap = _MODIFIER_GAP | _SETTING_NOUNS if SETTING_EVENTS else _MODIFIER_GAP
    position = first - 1
    while position >= 0 and words[position] in gap:
        position -= 1
    if position >= 0 and (words[position] in _MODIFIER_OPENERS or words[position] == _RELATIVE):
        return position
    return -1


# Round 14: "membuat video dukungan untuk bakal calon": the analyzer's lexicon reads a video as
# a social medium, but a video made (or its message: "video dukungan", "video yel-yel") is not yet
# posted anywhere. With no medium named beside it (medsos, Facebook, grup WhatsApp, ...) and no
# word of posting or sharing, the question asks about the support the video expresses (SKB 2022
# B3, PP 94/2021 Pasal 5 huruf n), not about campaigning on social media.
MADE_NOT_POSTED = True
_MEDIA_FORMATS = frozenset({"video"})
_POSTING_STEMS = (
    "unggah",
    "mengunggah",
    "diunggah",
    "upload",
    "posting",
    "memposting",
    "diposting",
    "bagikan",
    "membagikan",
    "dibagikan",
    "sebar",
    "menyebar",
    "disebar",
    "share",
    "viral",
    "tayang",
    "siarkan",
    "kirim",
    "mengirim",
    "dikirim",
)


def _made_not_posted(cues: list[Cue], raw_words: tuple[str, ...]) -> list[Cue]:
    """The cues without a video's social-medium reading when no medium and no posting is named."""
    media = [c for c in cues if c.concept == "social_media"]
    formats = [c for c in media if " ".join(raw_words[c.first : c.last + 1]) in _MEDIA_FORMATS]
    if not formats or len(formats) != len(media):
        return cues
    if any(word.startswith(_POSTING_STEMS) for word in raw_words):
        return cues
    return [c for c in cues if c not in formats]


# Round 14: "mengunggah foto yang berkaitan dengan pemilu ... ke media sosial", "memposting foto
# calon bupati di Facebook": a photo put on social media that is not of the official with a
# candidate or in a pose (no "berfoto", "foto bersama", "selfie", "swafoto", "pose", "bareng") is
# content spread there, campaigning on social media (SKB 2022 A2/B2); a photo of oneself with a
# candidate or a gesture stays the photo act (SKB 2022 A5/B5) even when it is uploaded.
UPLOADED_NOT_POSED = True
_POSED_WORDS = (
    "berfoto",
    "bersama",
    "bareng",
    "selfie",
    "swafoto",
    "berswafoto",
    "pose",
    "berpose",
    "gaya",
    "jari",
)


def _uploads_content_not_a_pose(acts: tuple[str, ...], raw_words: tuple[str, ...]) -> bool:
    """Whether the photo act read first is content put on social media, not a posed photo."""
    if len(acts) < 2 or acts[0] != "partisan_photo" or "social_media_campaign" not in acts:
        return False
    return not any(word.startswith(_POSED_WORDS) for word in raw_words)


# Round 17: "perangkat desa menggemakan salam dua jari di acara deklarasi", "wali kota
# mengacungkan simbol satu jari saat menemui cawapres", "meminta murid membuat simbol jari
# nomor urut": the analyzer's lexicon reads a finger gesture as a photo; with no word of a
# photograph in the question (foto, swafoto, selfie, pose, gaya, potret, kamera) the gesture is
# not a photo. Made at a campaign or declaration the question names, it is taking part in that
# event (SKB 2022 A6/B4: "ikut ... dengan memberi tindakan/dukungan secara aktif"); otherwise the
# other act read is what is asked (urging pupils to make it is mobilisation). A gesture alone,
# with nothing else read, stays the photo rule's (SKB 2022 A5/B5 name the gesture).
GESTURE_NOT_PHOTO = True
_PHOTOGRAPH_STEMS = ("foto", "selfi", "pose", "gaya", "potret", "jepret", "kamera", "wefie")


def _gesture_not_photo(
    acts: tuple[str, ...], raw_words: tuple[str, ...], concepts: frozenset[str]
) -> tuple[str, ...]:
    """The acts read, without the photo act when it was read from a gesture and no photograph."""
    if "partisan_photo" not in acts:
        return acts
    if _names_a_photograph(raw_words):
        return acts
    rest = tuple(act for act in acts if act != "partisan_photo")
    if "event" in concepts:
        # Round 18: attending in a party's attributes, when read, is how the question takes part
        # ("hadir di kampanye dengan kaus warna partai sambil mengacungkan jari").
        attending = next((a for a in _ATTENDING if a in rest), "campaign_attendance")
        return (attending, *(act for act in rest if act != attending))
    return rest or acts


_ATTENDING = ("campaign_attendance_with_attributes", "campaign_attendance")


def _names_a_photograph(raw_words: Sequence[str]) -> bool:
    """Whether the question names a photograph (foto, swafoto, selfie, pose, ...)."""
    return any(
        stem in word and not word.startswith("fotokop")
        for word in raw_words
        for stem in _PHOTOGRAPH_STEMS
    )


# Round 19: the photo act read from a finger gesture with no photograph named does not drop the
# acts it outranks in the analyzer (social media): "membuat video TikTok yang mendukung calon
# sambil mengacungkan jari" is campaigning on social media (CV over checks 1-20: d12).
GESTURE_OUTRANKS_NOTHING = True

# Round 19: an invitation whose purpose is a vote ("mengajak <anyone> untuk memilih <calon>") is
# mobilisation even when the ones invited are no word of the analyzer's targets (CV: c37).
PURPOSE_VOTE = True
_PURPOSE_OPENERS = frozenset({"untuk", "agar", "supaya", "biar"})
_VOTE_STEMS = frozenset({"pilih", "coblos", "menang", "menangkan", "memenangkan", "dukung"})
_INVITATION_REACH = 12  # words from the invitation's verb to its purpose
_PURPOSE_GAP = 1  # words between the purpose word and the vote ("untuk ikut memilih")


def _invites_to_vote(doc: Sentence, words: Sequence[str], acts: Sequence[str]) -> bool:
    """Whether an invitation read first as bare support (or nothing) is to vote for someone."""
    if acts and acts[0] != "candidate_support":
        return False
    if not doc.has("candidate", "party"):
        return False
    for verb in doc.get("mobilize_verb"):
        end = min(len(words), verb.last + 1 + _INVITATION_REACH)
        for at in range(verb.last + 1, end):
            if words[at] not in _PURPOSE_OPENERS:
                continue
            following = words[at + 1 : at + 2 + _PURPOSE_GAP]
            if any(word in _VOTE_STEMS for word in following):
                return True
    return False


# Round 23: gifts read after a candidate whom the official escorts are the candidate's
# (`_gives_only_as_the_escorted`).
ESCORTED_ACTS = True
_ESCORT_FORMS = frozenset(
    {
        "antar",
        "mengantar",
        "mengantarkan",
        "jemput",
        "menjemput",
        "kawal",
        "mengawal",
        "dampingi",
        "mendampingi",
    }
)
_ESCORT_REACH = 2  # words from the escort verb to the candidate named


def _gives_only_as_the_escorted(
    acts: Sequence[str], cues: Sequence[Cue], raw_words: Sequence[str]
) -> bool:
    """Whether mobilisation, read first from gifts alone, is what an escorted candidate gives."""
    if not acts or acts[0] != "mobilization" or "campaign_attendance" not in acts:
        return False
    if any(cue.concept == "mobilize_verb" for cue in cues):
        return False
    gifts = [cue for cue in cues if cue.concept == "gift"]
    escorts = [at for at, word in enumerate(raw_words) if word in _ESCORT_FORMS]
    candidates = [cue for cue in cues if cue.concept == "candidate"]
    for at in escorts:
        escorted = [c for c in candidates if at < c.first <= at + 1 + _ESCORT_REACH]
        if escorted and gifts and all(g.first > max(c.last for c in escorted) for g in gifts):
            return True
    return False


# Round 23: words that name the official's own candidacy ("yang akan maju lagi", "calon
# petahana", "pencalonannya", "mencalonkan diri kembali"): `names_own_candidacy`.
_OWN_RUN_WORDS = frozenset(
    {"petahana", "incumbent", "pencalonan", "pencalonannya", "mencalonkan", "nyalon", "bacalon"}
)
_RUN_VERBS = frozenset({"maju", "mencalonkan", "nyalon"})
_RUN_AGAIN = frozenset({"lagi", "kembali", "pilkada", "pemilu", "periode"})


def names_own_candidacy(raw_words: Sequence[str]) -> bool:
    """Whether the question names a candidacy of the official who acts."""
    if _OWN_RUN_WORDS.intersection(raw_words):
        return True
    return any(
        word in _RUN_VERBS and _RUN_AGAIN.intersection(raw_words[at + 1 : at + 3])
        for at, word in enumerate(raw_words)
    )


# Round 23: campaigning through campaign material ("berkampanye lewat baliho") is the material's
# act (`_campaigns_through_material`).
CAMPAIGN_THROUGH_MATERIAL = True
_CAMPAIGN_VERBS = frozenset(
    {"kampanye", "berkampanye", "mengkampanyekan", "mengampanyekan", "kampanyekan"}
)
_MEDIUM_WORDS = frozenset({"lewat", "melalui", "via"})
_MEDIUM_REACH = 3  # words from the campaign verb to "lewat", and from it to the material


def _campaigns_through_material(
    acts: Sequence[str], cues: Sequence[Cue], raw_words: Sequence[str]
) -> bool:
    """Whether taking part, read first, is a campaign through campaign material."""
    if not acts or acts[0] != "campaign_attendance":
        return False
    material = {cue.first for cue in cues if cue.concept == "props"}
    for at, word in enumerate(raw_words):
        if word not in _CAMPAIGN_VERBS:
            continue
        for medium in range(at + 1, min(len(raw_words), at + 1 + _MEDIUM_REACH)):
            if raw_words[medium] in _MEDIUM_WORDS and any(
                medium < first <= medium + _MEDIUM_REACH for first in material
            ):
                return True
    return False


MEDIUM_CIRCUMSTANCE = True
_MEDIUM_OPENERS = frozenset({"lewat", "melalui", "via", "dalam", "ke"})
_ONLINE_REACH = 2  # words from the opener to the medium ("lewat akun media sosialnya")
_OFFLINE_FIRST = frozenset({"campaign_attendance", "candidate_support"})


def _through_a_social_medium(
    acts: Sequence[str], cues: Sequence[Cue], raw_words: Sequence[str]
) -> bool:
    """Whether taking part or support, read first, went through a social medium named after a
    medium's opener (`_MEDIUM_OPENERS`)."""
    if not acts or acts[0] not in _OFFLINE_FIRST:
        return False
    media = {cue.first for cue in cues if cue.concept == "social_media"}
    return any(
        raw_words[at] in _MEDIUM_OPENERS
        and any(at < first <= at + _ONLINE_REACH for first in media)
        for at in range(len(raw_words))
    )


# Round 23: aid a kepala daerah hands out is the office's programme (Pasal 71(3)).
HEAD_GIVES_PROGRAMME = True
_HEAD_GIFT_DISPLACES = frozenset({"mobilization", "state_facility_use"})


# Round 23: every mobilising verb read in the passive ("dikumpulkan", "dikerahkan") with taking
# part read too: who asks is the one mobilised (`_is_mobilised`).
MOBILISED_NOT_MOBILISING = True


def _is_mobilised(acts: Sequence[str], cues: Sequence[Cue], raw_words: Sequence[str]) -> bool:
    """Whether mobilisation, read first, comes only from passive verbs, taking part read too."""
    if not acts or acts[0] != "mobilization" or "campaign_attendance" not in acts:
        return False
    verbs = [cue for cue in cues if cue.concept == "mobilize_verb"]
    return bool(verbs) and all(raw_words[cue.first].startswith("di") for cue in verbs)


# Round 23: what an official wears ("seragam dinas", "pakaian dinas") while doing another act read
# is a circumstance of that act, not the use of a facility of office (`_facility_only_worn`).
WORN_NOT_FACILITY = True
_WORN = frozenset({"seragam", "pakaian", "baju", "kemeja", "rompi", "kostum"})


def _facility_only_worn(acts: Sequence[str], cues: Sequence[Cue], raw_words: Sequence[str]) -> bool:
    """Whether facility use, read first beside another act, is read from clothing words only."""
    if len(acts) < 2 or acts[0] != "state_facility_use":
        return False
    facilities = [cue for cue in cues if cue.concept == "facility"]
    return bool(facilities) and all(raw_words[cue.first] in _WORN for cue in facilities)


# Round 23: others named after who asks, right before a vote for a candidate ("kesediaan warga
# memilih calon tertentu", "agar pegawai mencoblos"), are the ones the official gets to vote:
# mobilisation, whatever else is read first (`_others_vote`).
OTHERS_VOTE = True
_VOTE_FORMS = frozenset({"memilih", "pilih", "mencoblos", "coblos", "nyoblos", "dicoblos"})
_OTHERS_VOTE_GAP = 1  # words between the others named and the vote ("warga untuk memilih")
_OTHERS_VOTE_DISPLACES = frozenset({"state_facility_use", "candidate_support"})


def _others_vote(
    acts: Sequence[str], doc: Sentence, cues: Sequence[Cue], words: Sequence[str], actor_end: int
) -> bool:
    """Whether a vote for a candidate is cast by others named after who asks, while facility use
    or bare support is read first."""
    if not acts or acts[0] not in _OTHERS_VOTE_DISPLACES or not doc.has("candidate", "party"):
        return False
    targets = [cue for cue in cues if cue.concept == "mobilize_target" and cue.first > actor_end]
    for cue in targets:
        following = words[cue.last + 1 : cue.last + 2 + _OTHERS_VOTE_GAP]
        if any(word in _VOTE_FORMS for word in following):
            return True
    return False


# Round 19: a kepala daerah (an elected politician the law lets campaign on conditions) urging an
# audience to vote, with no official named as the ones urged and nothing handed out, is taking
# part in a campaign (CV: e29, b42), not mobilisation; see `_urges_no_official`.
HEAD_URGES_AUDIENCE = True
# Round 34: the people a kepala daerah directs by their place under him are officials urged, so
# urging them is mobilising the bureaucracy (UU 10/2016 Pasal 71(1); UU 7/2017 Pasal 282-283),
# not campaigning before an audience. A kind, not the words of one check: any word naming the
# head's own staff, bureaucracy or subordinates.
SUBORDINATES_URGED = True
_SUBORDINATES = frozenset(
    "birokrat birokrasi jajaran jajarannya bawahan bawahannya staf stafnya pegawainya".split()
)


_CANDIDATE_OFFICE_REACH = 3  # "calon wakil bupati": words from the prefix to the office


def _urges_no_official(
    acts: Sequence[str],
    doc: Sentence,
    serving: Sequence[Mention],
    actor_end: int,
    prefix_ends: frozenset[int],
    raw_words: Sequence[str] = (),
) -> bool:
    """Whether mobilisation, read first, urges no official named after who asks (the office
    a candidate runs for, "calon gubernur", is no official urged; round 34: nor are the head's
    own bureaucracy, staff or subordinates named by their place, `SUBORDINATES`)."""
    if not acts or acts[0] != "mobilization" or doc.has("gift"):
        return False
    verbs = [cue.first for cue in doc.get("mobilize_verb") if cue.first > actor_end]
    if not verbs:
        return False
    if SUBORDINATES_URGED and any(
        word.strip(".,;:!?") in _SUBORDINATES for word in raw_words[min(verbs) + 1 :]
    ):
        return False
    return not any(
        mention.first > min(verbs)
        and not any(0 < mention.first - end <= _CANDIDATE_OFFICE_REACH for end in prefix_ends)
        for mention in serving
    )


# Round 17: "Bolehkah calon presiden mengirim surat permintaan dukungan kepada guru?", "caleg
# memasang spanduk di depan rumah ASN": when the first person a question names is a candidate
# and an act word follows before any official is named, the candidate is who acts; the official
# is only whom the act reaches, and the neutrality rules bind no candidate. Not when the
# candidate is an incumbent ("calon bupati petahana", round 14) or described by a status ("calon
# bupati yang berstatus PNS": the PNS is who asks).
CANDIDATE_ACTS = True
_INCUMBENT_WORDS = frozenset({"petahana", "pejawat", "incumbent", "inkumben"})
_CANDIDATE_REASON = (
    "yang ditanyakan perbuatan calon atau peserta pemilu, bukan pejabat: larangan netralitas "
    "ASN, TNI/Polri, kepala/perangkat desa dan BUMN/BUMD mengikat pejabat itu, bukan calon"
)


# Round 29: see `_acted_on_by_others` (the passive of CANDIDATE_ACTS).
ACTED_ON_BY_OTHERS = True
# Words that may stand between the official and the passive verb ("kepala desa boleh ditandai").
_MODAL_WORDS = frozenset(
    "boleh bolehkah dapat bisa akan sudah pernah tetap jika kalau apabila".split()
)
_PASSIVE_REACH = 2  # modal words skipped between the official and the passive verb
# Words by which the question says the official joins in what is done to them ("difoto bersama
# caleg", "diajak tim sukses untuk ikut kampanye"): then something is the official's own act.
_TAKING_PART = frozenset(
    "bersama ikut turut hadir menghadiri menjadi jadi mendukung memilih mencoblos berkampanye "
    "bergabung berpose".split()
)
_AGENT_REACH = 3  # words after "oleh" in which the candidate, party or team is named


# Words written with "di" that are no passive verb ("dinas", "direktur"); the shared normaliser
# marks a passive only when it strips the prefix, and keeps "ditandai", "dilibatkan" whole.
_DI_NOUNS = frozenset("dinas direktur direksi dirut diri dirinya distrik digital diam dini".split())


def _is_passive_verb(token: Token, raw: str) -> bool:
    """A di- verb as written, whether or not the normaliser stripped its prefix."""
    return token.is_passive or (raw.startswith("di") and len(raw) >= 6 and raw not in _DI_NOUNS)


def _acted_on_by_others(tokens: Sequence[Token], raw_words: Sequence[str], official: int) -> bool:
    """Whether a passive verb right after the official (the official's last token) acts on
    them, with its agent, after "oleh", a candidate, a party or a team: then the act is theirs."""
    index = official + 1
    while index < len(raw_words) and raw_words[index] in _MODAL_WORDS:
        if index - official > _PASSIVE_REACH:
            return False
        index += 1
    if index >= len(raw_words) or not _is_passive_verb(tokens[index], raw_words[index]):
        return False
    agent = next((i for i in range(index + 1, len(raw_words)) if raw_words[i] == "oleh"), -1)
    if agent < 0 or _TAKING_PART.intersection(raw_words[index + 1 :]):
        return False
    return any(word in _OTHERS for word in raw_words[agent + 1 : agent + 1 + _AGENT_REACH])


# Round 30: see `_own_body_carries`.
OWN_BODY_CARRIES = True
# What a company's place or channel can carry: its employee's material, promotion, support or
# taking part in a campaign.
_CARRIED_ACTS = frozenset(
    {"props_installation", "self_promotion", "candidate_support", "campaign_attendance"}
)
# The words that make those acts: the material and its verbs, promotion, support, declaring,
# attending and the event attended.
_CARRIED_CONCEPTS = frozenset(
    {"props", "props_verb", "promo", "support", "declare", "attend_verb", "event"}
)


def _own_body_carries(mentions: Sequence[Mention], cues: Sequence[Cue], actor: Mention) -> bool:
    """Whether the body of who acts is named again after the act word (its calendar, counter,
    customers or office): where the act goes or happens is the body's, not the official's own.

    A second mention of the same kind of official after who acts and after the first word of the
    act ("stiker", "memajang", "mendeklarasikan"), by the body's name alone ("PDAM", "Bank
    Jatim"): people of that kind named there ("pegawai PDAM", a word the analyzer reads as people
    moved) are someone acted on, not a thing of the body."""
    act_start = min(
        (c.first for c in cues if c.concept in _CARRIED_CONCEPTS and c.first > actor.last),
        default=None,
    )
    if act_start is None:
        return False
    people = {
        index
        for c in cues
        if c.concept == "mobilize_target"
        for index in range(c.first, c.last + 1)
    }
    return any(
        m.type == actor.type
        and m.first > act_start
        and not m.is_former
        and not people.intersection(range(m.first, m.last + 1))
        for m in mentions
    )


# Round 29: see `_masses_for_a_candidate`.
MASSING_VERBS = True
# Verbs (as written) whose meaning is moving people in numbers, not speaking to someone.
_MASSING_WORDS = frozenset(
    "memobilisasi mobilisasi memobilisir mengerahkan kerahkan menggerakkan gerakkan menggalang "
    "galang".split()
)
_MASS_FOR = frozenset({"candidate", "party"})  # whom the massing serves, named in the question


def _masses_for_a_candidate(
    cues: Sequence[Cue],
    concepts: Collection[str],
    raw_words: Sequence[str],
    tokens: Sequence[Token],
    official: int,
) -> bool:
    """Whether who acts moves people in numbers for a candidate or party the question names: an
    active massing verb is their own verb, right after them (modal words aside), not the
    purpose of something else they do ("berkumpul ... untuk menggalang kemenangan")."""
    if not _MASS_FOR.intersection(concepts):
        return False
    return any(
        c.concept == "mobilize_verb"
        and c.first > official
        and raw_words[c.first] in _MASSING_WORDS
        and not tokens[c.first].is_passive
        and all(word in _MODAL_WORDS for word in raw_words[official + 1 : c.first])
        for c in cues
    )


def _candidate_acts_first(
    cues: Sequence[Cue], mentions: Sequence[Mention], official: int, raw_words: Sequence[str]
) -> bool:
    """Whether a candidate is named first and acts before the official is named."""
    if _INCUMBENT_WORDS.intersection(raw_words):
        return False
    candidates = [c.first for c in cues if c.concept == "candidate"]
    if not candidates:
        return False
    first = min(candidates)
    named = [m.first for m in mentions]
    if first >= official or (named and first > min(named)):
        return False
    if "yang" in raw_words[first:official]:
        return False
    return any(
        first < c.first < official
        for c in cues
        if c.concept in ACT_TRIGGERS and c.concept not in {"facility", "candidate"}
    )


# Round 14: "Bolehkah calon petahana menggunakan fasilitas negara ...": the analyzer reads the
# office after "calon" as a candidate's, not who acts; but the question vocabulary's "petahana"
# (incumbent, pejawat) is the sitting kepala daerah (UU 10/2016 Pasal 71), and named first,
# before any act word, it is who the question asks about, running again or not.
INCUMBENT_ACTS = True


def _incumbent_who_acts(
    serving: list[Mention], vocabulary_cues: list[Cue], cues: list[Cue]
) -> list[Mention]:
    """The sitting head the question's vocabulary names first, before any act word, if any."""
    spans = {
        (c.first, c.last) for c in vocabulary_cues if c.concept == f"{SUBJECT_PREFIX}regional_head"
    }
    named = [m for m in serving if (m.first, m.last) in spans and m.type == "regional_head"]
    if not named:
        return []
    first = min(named, key=lambda m: m.first)
    acting = [c.first for c in cues if c.concept in ACT_TRIGGERS]
    others = [m for m in serving if m.first < first.first and m not in named]
    if others or any(at < first.first for at in acting):
        return []
    return [first]


# Round 13: campaigning as the verb ("berkampanye", "ikut/turut kampanye") with support read
# from the words after it is taking part in a campaign (PP 94/2021 Pasal 5 huruf n angka 1), not
# bare support; "sumbangan dana kampanye" names no campaigning. False for measuring without it.
CAMPAIGNING_SUPPORT = True
_CAMPAIGN_VERBS = frozenset({"berkampanye", "kampanye"})
_JOINING_WORDS = frozenset({"ikut", "turut", "serta"})


def _campaigns_for_support(
    acts: Sequence[str], raw_words: Sequence[str], words: Sequence[str]
) -> bool:
    """Whether the question's verb is campaigning and the support it reads is the campaign's."""
    if not acts or acts[0] != "candidate_support":
        return False

    def affirmed(position: int) -> bool:
        # "asal tidak ikut kampanye", "tidak aktif berkampanye": the campaigning is denied.
        return _DENYING_WORDS.isdisjoint(raw_words[max(0, position - 3) : position])

    if any(word == "berkampanye" and affirmed(i) for i, word in enumerate(raw_words)):
        return True
    return len(words) == len(raw_words) and any(
        word in _CAMPAIGN_VERBS and i > 0 and words[i - 1] in _JOINING_WORDS and affirmed(i)
        for i, word in enumerate(words)
    )


def head_verb_order(acts: tuple[str, ...], doc: Sentence, words: Sequence[str]) -> tuple[str, ...]:
    """`acts` ordered by what the question's main clause says (round 11).

    - An act read only after a modifier's opener goes after the acts read before that opener
      ("menyatakan dukungan ... sambil berpose": support, not the photo); a candidacy after
      "yang" goes after the rest ("mendukung kandidat yang maju").
    - An act whose words are part of another act's words goes after it: "menyebarkan konten"
      is posting content (the verb and its object), not only the verb's engagement reading.
    An act with no word of its own (a paraphrase's, or one presumed) keeps its place."""
    if len(acts) < 2:
        return acts
    evidence: dict[str, frozenset[int]] = {}
    for act in acts:
        cues = doc.get(*RULE_TRIGGERS.get(act, ()))
        if cues:
            evidence[act] = frozenset(cue.first for cue in cues)
    if len(evidence) < 2:
        return acts
    starts = {act: min(positions) for act, positions in evidence.items()}
    modifying = set()
    for act, first in starts.items():
        opener = _opener_before(first, words)
        if opener < 0:
            continue
        if words[opener] == _RELATIVE:
            if act in _DESCRIBED_ACTS:
                modifying.add(act)
        elif any(
            other != act
            and start < opener
            and not (other in _DONE_WHILE_ATTENDING and words[opener] in _WHILE)
            for other, start in starts.items()
        ):
            modifying.add(act)
    ordered = [act for act in acts if act not in modifying]
    ordered += [act for act in acts if act in modifying]
    # The wider reading first: swap an act whose words are a proper part of a later act's words.
    changed = True
    while changed:
        changed = False
        for i in range(len(ordered) - 1):
            for j in range(i + 1, len(ordered)):
                a, b = ordered[i], ordered[j]
                if a in evidence and b in evidence and evidence[a] < evidence[b]:
                    ordered.insert(i, ordered.pop(j))
                    changed = True
                    break
            if changed:
                break
    return tuple(ordered)


def _acts(
    doc: Sentence, tokens: Sequence[Token], *, may_rotate: bool, photo_outranks: bool = True
) -> tuple[str, ...]:
    found = _matching_acts(doc, tokens, photo_outranks=photo_outranks)
    if found or not tokens:
        return found
    # What a question presumes without saying: whose campaign, that "berkampanye" is taking part
    # in one, and that a transfer falls in the Pasal 71(2) window (the rulebook then answers by
    # date whether it does).
    implied: dict[str, list[Cue]] = {}
    last = len(tokens) - 1
    if doc.has(*_CAMPAIGN_SETTING) and not doc.has("candidate", "party"):
        # At the setting's own word: "kampanye" is someone's campaign ("... tanpa cuti" at the
        # end of the question must not read as "without a candidate").
        # The campaign's own word before the election's name: "yang tidak maju pilkada ikut
        # kampanye" is someone's campaign, whatever is denied about the Pilkada.
        settings = doc.get(*_CAMPAIGN_SETTING[:-1]) or doc.get(*_CAMPAIGN_SETTING)
        setting = min(settings, key=lambda cue: cue.first)
        implied["candidate"] = [Cue("candidate", setting.first, setting.first)]
    elif not doc.has("candidate", "party", "rotation") and doc.has(*_PRESUMING_TRIGGERS):
        # Any act's own word presumes its object too: "Bolehkah ASN memasang baliho?" is about
        # someone's baliho. The candidate is implied at the first act word, so the analyzer's
        # act rules (not a word list) decide which act the words make.
        trigger = min(doc.get(*_PRESUMING_TRIGGERS), key=lambda cue: cue.first)
        implied["candidate"] = [Cue("candidate", trigger.last, trigger.last)]
    events = doc.get("event")
    if events and events[0].first > 0 and not doc.has(*ACT_TRIGGERS):
        implied["attend_verb"] = [Cue("attend_verb", events[0].first - 1, events[0].first - 1)]
    if may_rotate and doc.has("rotation") and not doc.has("rotation_context"):
        implied["rotation_context"] = [Cue("rotation_context", last, last)]
    if not implied:
        return found
    cues = {**doc.cues, **implied}
    return _matching_acts(
        Sentence(doc.index, cues, doc.has_question_mark, tokens),
        tokens,
        photo_outranks=photo_outranks,
    )


def _matching_acts(
    doc: Sentence, tokens: Sequence[Token], *, photo_outranks: bool = True
) -> tuple[str, ...]:
    scored: list[tuple[float, str]] = []
    for act, rule in RULES.items():
        if not doc.has(*RULE_TRIGGERS[act]):
            continue
        result = rule(doc, tokens, doc, doc)
        if result is not None:
            scored.append((result[0], act))
    # The analyzer's own precedence: a specific act drops the generic one it outranks (a state
    # car over "attending", a team role over "attending", KTP support over mobilisation).
    found = {act for _, act in scored}
    dropped = {
        weaker
        for act in found
        if photo_outranks or act != "partisan_photo"
        for weaker in OUTRANKS.get(act, frozenset())
    }
    scored = [(score, act) for score, act in scored if act not in dropped]
    # The most specific reading first (higher base score), then the rulebook's order of acts.
    order = list(RULES)
    scored.sort(key=lambda pair: (-pair[0], order.index(pair[1])))
    return tuple(act for _, act in scored)
