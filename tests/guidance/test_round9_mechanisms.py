"""Round 9: general readings (denial scope, a modal before a passive verb, derived words, FAQ
coverage), tested on synthetic variations of many act phrases, not only on the questions that
prompted them (docs/history/consultation-rounds.md, "Round 9")."""

from __future__ import annotations

import pytest

from netra.analysis.acts import ACT_TRIGGERS
from netra.analysis.normalize import tokenize
from netra.guidance import reading as reading_module
from netra.guidance.consult import Consultant
from netra.guidance.morphology import derive, roots
from netra.guidance.reading import denied_positions, read_question

# What an attended campaign is done with or in: affirmed, each reads as its own act; denied
# ("tanpa ...", "asalkan tidak ..."), the question is about plain attendance.
DONE_WITH = [
    ("memakai atribut partai", "campaign_attendance_with_attributes"),
    ("memakai kaos partai", "campaign_attendance_with_attributes"),
    ("memakai seragam PNS", "campaign_attendance_with_attributes"),
    ("mengenakan atribut PNS", "campaign_attendance_with_attributes"),
    ("memakai seragam dinas", "campaign_attendance_with_attributes"),
    ("menggunakan mobil dinas", "state_facility_use"),
    ("menggunakan kendaraan dinas", "state_facility_use"),
    ("menggunakan fasilitas negara", "state_facility_use"),
    ("memakai pakaian dinas", "state_facility_use"),
    ("memasang baliho calon", "props_installation"),
    ("mengajak warga memilih calon", "mobilization"),
    ("membagikan sembako", "mobilization"),
    ("berfoto dengan pose jari", "partisan_photo"),
    # Round 17: a gesture with no photograph named, made at the campaign attended, is taking
    # part in it (test_round17_mechanisms.py); photographed, it is the photo act.
    ("berswafoto mengacungkan dua jari", "partisan_photo"),
    ("memberi like postingan calon", "social_media_engagement"),
]
FRAME = "Bolehkah ASN menghadiri kampanye calon bupati {} {}?"


@pytest.mark.parametrize(("phrase", "act"), DONE_WITH)
def test_what_an_act_is_done_with_is_its_own_act_when_affirmed(phrase, act):
    assert read_question(FRAME.format("sambil", phrase)).acts[0] == act


@pytest.mark.parametrize(("phrase", "act"), DONE_WITH)
@pytest.mark.parametrize("negator", ["tanpa", "asalkan tidak", "dengan tidak"])
def test_a_denial_scopes_over_the_verb_and_its_object(phrase, act, negator):
    acts = read_question(FRAME.format(negator, phrase)).acts
    assert act not in acts
    assert acts[0] == "campaign_attendance"


def test_a_denied_modal_denies_the_permission_not_the_act():
    reading = read_question("Apakah benar ASN tidak boleh ikut kampanye calon bupati?")
    assert reading.acts[0] == "campaign_attendance"


def test_a_denial_stops_at_a_second_verb():
    # "yang tidak maju pilkada" denies the candidacy, not the attendance after it.
    reading = read_question("Bolehkah wali kota yang tidak maju pilkada ikut kampanye?")
    assert reading.acts[0] == "campaign_attendance"


def test_a_denial_stops_at_a_conjunction_and_a_comma():
    words = tokenize("tanpa atribut, lalu memasang baliho dan spanduk")
    denied = denied_positions(words, "tanpa atribut, lalu memasang baliho dan spanduk")
    assert [words[i].form for i in sorted(denied)] == ["atribut"]


def test_a_denied_condition_covers_the_condition_only():
    text = "bupati kampanye tanpa cuti memakai mobil dinas"
    words = tokenize(text)
    assert [words[i].form for i in sorted(denied_positions(words, text))] == ["cuti"]
    assert read_question(f"Bolehkah {text}?").acts[0] == "state_facility_use"


def test_a_denial_in_what_others_are_urged_to_do_is_the_content_of_the_act():
    reading = read_question("Bolehkah guru mengarahkan siswa agar tidak memilih capres tertentu?")
    assert reading.acts[0] == "mobilization"


def test_a_regional_head_campaigning_without_state_facilities_is_on_conditions():
    answer = Consultant().ask("Bolehkah bupati ikut kampanye tanpa menggunakan fasilitas negara?")
    assert answer.act == "campaign_attendance"
    assert answer.allowed is not False


@pytest.mark.parametrize(
    "question",
    [
        "Apakah mobil dinas berplat merah boleh dibawa untuk kendaraan kampanye?",
        "Apakah rumah dinas boleh dipakai untuk posko pemenangan calon?",
        "Apakah gedung sekolah negeri dilarang dipinjamkan untuk kampanye?",
    ],
)
def test_a_modal_before_a_passive_verb_asks_of_whoever_acts(question):
    assert read_question(question).names_no_one


@pytest.mark.parametrize(
    "question",
    [
        "Apakah mobil dinas boleh dipakai oleh tim kampanye?",
        "Apakah caleg boleh dibantu kepala desa?",
        "Apakah kampanye di kampus diperbolehkan?",
    ],
)
def test_a_modal_before_a_passive_verb_with_someone_named_is_not_such_a_question(question):
    assert not read_question(question).names_no_one


def _knows(words: dict[str, set[str]]):
    return lambda word: words.get(word, set())


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("berswafoto", "swafoto"),
        ("pemasangan", "pasang"),
        ("penempelan", "tempel"),
        ("penyebaran", "sebar"),
        ("keanggotaan", "anggota"),
        ("kampanyenya", "kampanye"),
        ("calon-calon", "calon"),
    ],
)
def test_derived_words_are_read_as_a_known_act_root(word, root):
    known = {
        "swafoto": {"photo"},
        "pasang": {"props_verb"},
        "tempel": {"props_verb"},
        "sebar": {"post_verb"},
        "anggota": {"membership_role"},
        "kampanye": {"event"},
        "calon": {"candidate"},
    }
    assert derive(word, _knows(known), ACT_TRIGGERS) == root


def test_ber_and_an_organisation_is_membership():
    assert derive("berpartai", _knows({"partai": {"party"}}), ACT_TRIGGERS) == "anggota partai"


def test_a_derived_word_is_left_when_its_root_is_no_act_word_or_it_is_known():
    known = {"lurah": {"subject.village_head"}, "guru": {"subject.asn"}, "berita": {"news"}}
    assert derive("kelurahan", _knows(known), ACT_TRIGGERS) is None
    assert derive("perguruan", _knows(known), ACT_TRIGGERS) is None
    assert derive("berita", _knows(known), ACT_TRIGGERS) is None
    assert derive("berkas", _knows(known), ACT_TRIGGERS) is None


def test_roots_are_tried_most_specific_first():
    assert next(roots("bersosialisasian"))[1] == "ber-an"
    assert ("kerah", "peN-an") in list(roots("pengerahan"))


@pytest.mark.parametrize(
    ("question", "act"),
    [
        ("Bolehkah perangkat desa berpartai politik?", "party_membership"),
        ("Bolehkah anggota polisi berswafoto bersama caleg?", "partisan_photo"),
        ("Bolehkah ASN berselfie bersama calon bupati?", "partisan_photo"),
        ("Bolehkah PNS ikut pemasangan baliho calon bupati?", "props_installation"),
    ],
)
def test_questions_with_derived_words_read_the_act(question, act):
    assert read_question(question).acts[0] == act


def test_an_office_named_by_a_derivation_is_not_who_acts():
    reading = read_question("Bolehkah ASN memasang baliho calon di kantor kelurahan?")
    assert reading.subject == "asn"


def test_a_faq_entry_sharing_a_word_with_a_question_about_an_act_does_not_answer_it():
    consultant = Consultant(use_fallback=False)
    question = "Bolehkah camat menghadiri pelantikan pengurus partai politik pada hari libur?"
    coverage = consultant.ranker.coverage("faq:off-duty-hours", read_question(question))
    assert coverage.share < 0.3
    assert "pengurus" in coverage.uncovered_act_words
    answer = consultant.ask(question)
    assert answer.entry_id is None
    assert answer.act == "campaign_attendance"
    assert answer.allowed is False


def test_an_entry_covering_enough_of_the_question_still_answers_with_act_words_left(monkeypatch):
    # 0.44 of "berkampanye meskipun memiliki hak pilih" is the voting entry's: over the
    # threshold chosen by cross-validation (0.3), so it still answers (docs, round 9). Round 22
    # reads a concessive clause as a circumstance, so the question no longer reaches the ranker
    # whole (deliberately changed); the ranker's coverage is measured on the whole reading.
    monkeypatch.setattr(reading_module, "CONCESSIVE_CLAUSE", False)
    consultant = Consultant(use_fallback=False)
    reading = read_question("Apakah ASN boleh berkampanye meskipun memiliki hak pilih?")
    coverage = consultant.ranker.coverage("faq:asn-vote", reading)
    assert "kampanye" in coverage.uncovered_act_words
    assert coverage.share >= 0.3
    assert consultant.ranker.answers("faq:asn-vote", reading)
    assert not consultant.ranker.answers("faq:asn-vote", reading, minimum=0.5)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Bolehkah PNS mencoblos di TPS?", "faq:asn-vote"),
        ("Apakah polisi boleh memilih dalam pemilu?", "faq:tni-polri-vote"),
        ("Bolehkah ASN hadir kampanye pada hari libur?", "faq:off-duty-hours"),
    ],
)
def test_a_faq_entry_that_covers_the_question_still_answers(question, entry):
    assert Consultant(use_fallback=False).ask(question).entry_id == entry


def test_coverage_weighs_rare_words_over_common_ones():
    consultant = Consultant(use_fallback=False)
    covered = consultant.ranker.coverage(
        "faq:asn-vote", read_question("Bolehkah PNS mencoblos di TPS?")
    )
    assert covered.share == pytest.approx(1.0)
    partial = consultant.ranker.coverage(
        "faq:asn-vote", read_question("Bolehkah camat menghadiri pelantikan pengurus partai?")
    )
    assert partial.share < 0.3
