"""Reading across sentences: speakers, the officials an act's sentence is about, village heads
of Yogyakarta's kalurahan, and officials whose office is not told (analyzer round 16)."""

from __future__ import annotations

import pytest

from netra.analysis import Analyzer
from netra.analysis.hybrid import _subject
from netra.analysis.learned import Observation
from netra.analysis.linking import act_actors, speakers
from netra.analysis.normalize import tokenize
from netra.analysis.subjects import Mention, find_mentions
from netra.guidance.reading import read_question

RULES = Analyzer.rules_only()


def observe(text: str) -> Observation:
    return RULES.observe(text, tokenize(text))


# (sentence, the kinds named in it, why)
KALURAHAN_CASES = [
    ("Lurah Genjahan, Kapanewon Ponjong, berfoto dengan paslon.", ["village_head"], "a kapanewon"),
    ("Seorang lurah di Sleman hadir di kampanye paslon.", ["village_head"], "a DIY regency"),
    ("Lurah di Kulon Progo itu hadir di kampanye.", ["village_head"], "a regency in two words"),
    ("Pak Lurah Kalurahan Sumberadi mengajak warga memilih.", ["village_head"], "a kalurahan"),
    ("Lurah Sukajadi di Kota Bandung hadir di kampanye paslon.", ["pns"], "a kelurahan's PNS head"),
    ("Lurah di Kota Yogyakarta hadir di kampanye paslon.", ["pns"], "the city keeps PNS lurah"),
    ("Camat di Sleman hadir di kampanye paslon.", ["pns"], "only the lurah changes"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kinds", "why"), KALURAHAN_CASES, ids=[case[2] for case in KALURAHAN_CASES]
)
def test_a_lurah_of_a_kalurahan_is_a_village_head(text: str, kinds: list[str], why: str) -> None:
    assert [mention.type for mention in observe(text).mentions] == kinds, why


# (text, whether each official named speaks there, why)
SPEAKER_CASES = [
    ("Kepala BKD Sulsel mengatakan seorang ASN mengunggah foto paslon.", [True, False],
     "the verb of saying follows the speaker"),
    ("Seorang ASN mengunggah foto paslon, kata Kepala BKD Sulsel.", [False, True],
     "a quote's attribution before the speaker"),
    ("Menurut Kepala Dinas, camat itu hadir di kampanye.", [True, False], "menurut"),
    ("Camat itu mengajak warga memilih paslon.", [False], "an official who acts"),
    ("Gubernur menegaskan akan menindak Kepala Sekolah SMPN 1 yang berkampanye.", [False, False],
     "the accused after the speaker's verb is not a speaker"),
    ("Camat itu membantah hadir di kampanye paslon.", [False], "the accused denies: no speaker"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "flags", "why"), SPEAKER_CASES, ids=[case[2] for case in SPEAKER_CASES]
)
def test_an_official_who_only_speaks_is_told_apart(text: str, flags: list[bool], why: str) -> None:
    observation = observe(text)
    assert speakers(observation.tokens, observation.mentions) == flags, why


def test_an_act_told_after_the_official_is_linked_back_to_them() -> None:
    observation = observe(
        "Seorang camat dilaporkan ke Bawaslu. Ia mengunggah foto dukungan untuk paslon di Facebook."
    )
    linked = act_actors(observation.tokens, observation.cues, observation.mentions)
    assert [(m.type, m.sentence) for m in linked] == [("pns", 0)]


def test_a_speaker_is_not_the_one_the_act_is_about() -> None:
    observation = observe("Kepala BKD Sulsel mengatakan seorang ASN mengunggah foto paslon.")
    linked = act_actors(observation.tokens, observation.cues, observation.mentions)
    assert [m.type for m in linked] == ["asn"]


def test_an_act_further_back_than_the_carry_over_links_no_one() -> None:
    observation = observe(
        "Seorang camat dilaporkan ke Bawaslu. Berkas dibaca. Hakim membaca berkas. Sidang ditunda. "
        "Ia mengunggah foto paslon."
    )
    assert act_actors(observation.tokens, observation.cues, observation.mentions) == []


def test_a_window_counts_its_tokens_from_its_offset() -> None:
    text = "Rapat digelar pagi. Seorang camat mengunggah foto paslon."
    whole = observe(text)
    offset = next(i for i, token in enumerate(whole.tokens) if token.sentence == 1)
    cues = [cue for cue in whole.cues if cue.first >= offset]
    linked = act_actors(whole.tokens[offset:], cues, whole.mentions, offset)
    assert [m.type for m in linked] == ["pns"]


def _mention(kind: str, first: int, *, actor: bool = True) -> Mention:
    return Mention(kind, first, first, 0, is_actor=actor, is_specific=False)


def test_an_official_whose_office_is_not_told_yields_to_a_named_office() -> None:
    """A state car's user ("mobil dinas ... oknum ASN") is the ASN the text names."""
    mentions = [_mention("unknown", 0), _mention("asn", 4)]
    assert _subject(mentions, {"unknown": 0.7, "asn": 0.2, "pns": 0.1}) == "asn"


def test_an_official_whose_office_is_not_told_is_the_subject_when_none_is_named() -> None:
    assert _subject([_mention("unknown", 0)], {"unknown": 0.6, "asn": 0.4}) == "unknown"


def test_tanya_aturan_reads_a_kalurahan_s_lurah_as_the_analyzer_does() -> None:
    text = "Lurah di Sleman hadir di kampanye paslon."
    tokens = tokenize(text)
    cues = RULES.lexicon.find(tokens)
    assert [m.type for m in find_mentions(text, tokens, cues)] == ["village_head"]
    question = read_question("Bolehkah lurah di Sleman hadir di kampanye paslon?")
    assert question.subject == "village_head"
