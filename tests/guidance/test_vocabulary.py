"""The consultation's question vocabulary: validated on load, read on top of the analyzer."""

from __future__ import annotations

from datetime import date

import pytest

from netra.guidance.reading import read_question
from netra.guidance.vocabulary import VocabularyError, load_vocabulary, parse_vocabulary

CODES = {
    "concepts": {"candidate", "engage_verb"},
    "acts": {"social_media_engagement", "social_media_campaign", "campaign_attendance"},
    "subjects": {"pns", "regional_head"},
    "sanctions": {"moral"},
}


def parse(data: object):
    return parse_vocabulary(data, source="v.yaml", **CODES)


def test_the_shipped_vocabulary_loads_and_every_section_has_entries():
    vocabulary = load_vocabulary()
    assert all((vocabulary.cues, vocabulary.phrases, vocabulary.prefer, vocabulary.conditional))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"cues": [{"concept": "nope", "words": ["x"], "why": "w"}]},
            "cues entry 1: concept 'nope'",
        ),
        ({"cues": [{"concept": "subject.nope", "words": ["x"], "why": "w"}]}, "subject 'nope'"),
        ({"cues": [{"concept": "candidate", "words": ["x"]}]}, "cues entry 1: field 'why'"),
        ({"cues": [{"concept": "candidate", "words": [], "why": "w"}]}, "field 'words' must"),
        ({"phrases": [{"act": "flying", "all": [["x"]], "why": "w"}]}, "act 'flying'"),
        ({"phrases": [{"act": "campaign_attendance", "all": [["@nope"]], "why": "w"}]}, "'@nope'"),
        ({"prefer": [{"act": "campaign_attendance", "over": ["x"], "why": "w"}]}, "act 'x'"),
        ({"extra": []}, r"unknown sections \['extra'\]"),
        (
            {
                "conditional": [
                    {
                        "subjects": ["pns"],
                        "acts": ["campaign_attendance"],
                        "sanction": "fine",
                        "conditions": ["c"],
                        "norms": ["n"],
                        "source": "s",
                        "why": "w",
                    }
                ]
            },
            "conditional entry 1: sanction 'fine'",
        ),
        ({"kin": [{"words": ["istri"], "of": "nope", "why": "w"}]}, "kin entry 1: subject 'nope'"),
        ({"roles": [{"subject": "pns", "words": ["guru"]}]}, "roles entry 1: field 'why'"),
        (
            {"spellings": [{"words": ["gak", "GAK"], "read": "tidak", "why": "w"}]},
            "spellings entry 1: 'GAK' is respelled twice",
        ),
        (
            {
                "exceptions": [
                    {
                        "subjects": ["regional_head"],
                        "acts": ["flying"],
                        "condition": "c",
                        "granted": ["izin"],
                        "refused": ["tanpa izin"],
                        "norms": ["n"],
                        "source": "s",
                        "why": "w",
                    }
                ]
            },
            "exceptions entry 1: act 'flying'",
        ),
        (
            {
                "settled": [
                    {
                        "subjects": ["pns"],
                        "acts": ["campaign_attendance"],
                        "decision": "an official said so",
                        "norms": ["n"],
                        "caveats": ["c"],
                        "source": "s",
                        "why": "w",
                    }
                ]
            },
            "settled entry 1: decision 'an official said so' must name an ADR",
        ),
        (
            {
                "settled": [
                    {
                        "subjects": ["pns"],
                        "acts": ["campaign_attendance"],
                        "decision": "docs/decisions/0006-x.md",
                        "norms": ["n"],
                        "source": "s",
                        "why": "w",
                    }
                ]
            },
            "settled entry 1: field 'caveats'",
        ),
    ],
)
def test_invalid_data_is_refused_naming_the_section_entry_and_field(data, message):
    with pytest.raises(VocabularyError, match=message):
        parse(data)


def test_phrase_words_may_have_two_words_between_them_but_not_more():
    vocabulary = parse(
        {"phrases": [{"act": "campaign_attendance", "all": [["antar calon"]], "why": "w"}]}
    )
    assert vocabulary.named_acts(["antar", "para", "calon"], set()) == ("campaign_attendance",)
    assert vocabulary.named_acts(["antar", "a", "b", "c", "calon"], set()) == ()


def test_a_preferred_act_goes_before_the_one_it_outranks_and_others_keep_their_order():
    vocabulary = parse(
        {
            "prefer": [
                {"act": "social_media_engagement", "over": ["social_media_campaign"], "why": "w"}
            ]
        }
    )
    order = vocabulary.order(
        ["campaign_attendance", "social_media_campaign", "social_media_engagement"]
    )
    assert order == ("campaign_attendance", "social_media_engagement", "social_media_campaign")


# Question words the analyzer's lexicon does not read, and the act they make (docs/consultation.md).
READINGS = [
    ("Kalau ASN kasih emoticon di postingan kandidat?", "social_media_engagement", "asn"),
    ("Bolehkah ASN bergabung di grup WhatsApp pemenangan calon?", "social_media_engagement", "asn"),
    ("Bolehkah ASN membagikan sembako dari calon kepada warga?", "mobilization", "asn"),
    (
        "Bolehkah kepala desa memakai dana desa untuk kampanye?",
        "state_facility_use",
        "village_head",
    ),
    ("Incumbent boleh lakukan mutasi pejabat daerah?", "official_rotation", "regional_head"),
    ("Bolehkah ASN jadi pembicara di pertemuan partai politik?", "campaign_attendance", "asn"),
    ("Bolehkah PNS memakai mobil dinas untuk mengantar calon?", "state_facility_use", "pns"),
]


@pytest.mark.parametrize(("question", "act", "subject"), READINGS)
def test_question_words_are_read_as_the_act_they_name(question, act, subject):
    reading = read_question(question)
    assert reading.acts[0] == act
    assert reading.subject == subject


def test_a_regional_head_may_campaign_on_leave_and_the_answer_names_the_conditions(consultant):
    answer = consultant.ask("Bolehkah bupati ikut kampanye?", on=date(2024, 10, 10))
    assert answer.allowed is True
    assert answer.act == "campaign_attendance"
    assert "UU 10/2016 Pasal 70 ayat (2)" in answer.norms
    assert answer.text.startswith("Boleh pada 2024-10-10: hanya dengan syarat: cuti di luar")


def test_the_conditions_do_not_free_an_asn_from_the_same_act(consultant):
    answer = consultant.ask("Bolehkah PNS ikut kampanye?", on=date(2024, 10, 10))
    assert answer.allowed is False
    assert "dengan syarat" not in answer.text


def test_a_regional_head_campaigning_without_leave_is_not_allowed(consultant):
    answer = consultant.ask("Bolehkah bupati ikut kampanye pada hari kerja tanpa cuti?")
    assert answer.allowed is False
    assert answer.act == "campaign_attendance"
    assert any("'tanpa cuti'" in caveat for caveat in answer.caveats)


def test_a_question_about_a_candidates_act_is_not_answered_for_the_official(consultant):
    answer = consultant.ask("Bolehkah paslon melibatkan kepala desa dalam kampanye?")
    assert not answer.is_answered


def test_chat_spellings_are_rewritten_as_whole_words_before_reading():
    vocabulary = parse(
        {
            "spellings": [
                {"words": ["nge-like"], "read": "like", "why": "w"},
                {"words": ["boleh gak"], "read": "boleh", "why": "w"},
            ]
        }
    )
    assert vocabulary.respell("Boleh gak ASN nge-like foto?") == "boleh ASN like foto?"
    assert vocabulary.respell("bolehgak nge-liked") == "bolehgak nge-liked"


@pytest.mark.parametrize(
    ("question", "act", "subject"),
    [
        # The tag "boleh gak" asks; "gak boleh" asks whether it is forbidden.
        ("Boleh gak ASN like postingan cagub?", "social_media_engagement", "asn"),
        ("Emang PNS gak boleh ikut kampanye?", "campaign_attendance", "pns"),
        ("PNS ikutan kampanye cabup, boleh?", "campaign_attendance", "pns"),
        # A speech at a campaign or party event is taking part in it.
        ("Camat boleh kasih sambutan di acara kampanye?", "campaign_attendance", "pns"),
        # Joining a team is the team role, not attending; money for a campaign is support.
        ("Bolehkah komisaris BUMN ikut dalam tim kampanye capres?", "campaign_team", "bumn_bumd"),
        ("Bolehkah ASN menyumbang dana untuk kampanye caleg?", "candidate_support", "asn"),
        # A banner of oneself is self-promotion, not declaring oneself a candidate.
        (
            "Bolehkah PNS memasang spanduk bergambar dirinya sebagai bakal calon?",
            "self_promotion",
            "pns",
        ),
    ],
)
def test_colloquial_and_paraphrased_questions_read_as_their_act(question, act, subject):
    reading = read_question(question)
    assert reading.acts[0] == act
    assert (reading.subject, reading.is_subject_stated) == (subject, True)


@pytest.mark.parametrize(
    ("question", "relative_of"),
    [
        ("Bolehkah istri kepala desa ikut kampanye caleg?", "village_head"),
        ("Bolehkah anak seorang polisi jadi tim sukses?", "polri"),
        ("Bolehkah anggota Persit menjadi pengurus partai?", "tni"),
    ],
)
def test_a_relative_of_an_official_is_not_read_as_the_official(question, relative_of):
    reading = read_question(question)
    assert not reading.is_subject_stated
    assert reading.relative_of == relative_of


def test_a_spouse_named_again_makes_the_first_the_asker():
    reading = read_question("Istri PNS, suami maju pilkada, boleh ikut kampanye suami?")
    assert (reading.subject, reading.is_subject_stated, reading.relative_of) == ("pns", True, None)


def test_a_relative_without_office_is_answered_by_the_family_entry(consultant):
    answer = consultant.ask("Bolehkah istri kepala desa ikut kampanye caleg?")
    assert answer.entry_id == "faq:family-of-asn"
    assert answer.allowed is True
    assert any("kerabat 'village_head'" in caveat for caveat in answer.caveats)


def test_a_relative_using_the_officials_car_is_answered_from_the_officials_rules(consultant):
    answer = consultant.ask("Bolehkah istri prajurit TNI memakai mobil dinas untuk kampanye?")
    assert (answer.act, answer.subject, answer.allowed) == ("state_facility_use", "tni", False)


def test_a_relatives_vote_is_not_answered_as_the_officials(consultant):
    answer = consultant.ask("Apakah istri polisi boleh menggunakan hak pilih?")
    assert not answer.is_answered
    assert answer.text.startswith("Netra tidak yakin")


def test_a_job_title_is_read_as_asn_and_the_answer_says_the_status_was_assumed(consultant):
    answer = consultant.ask("Bolehkah bidan desa ikut kampanye caleg?")
    assert (answer.subject, answer.allowed) == ("asn", False)
    assert any("tanpa status kepegawaian" in caveat for caveat in answer.caveats)
    honorary = consultant.ask("Bolehkah guru honorer jadi pengurus partai politik?")
    assert honorary.entry_id == "faq:honorary-staff"


@pytest.mark.parametrize(
    ("question", "allowed"),
    [
        ("Bolehkah bupati memutasi pejabat menjelang pilkada tanpa izin Mendagri?", False),
        (
            "Bolehkah bupati memutasi pejabat menjelang pilkada setelah mendapat izin Mendagri?",
            True,
        ),
        ("Bolehkah penjabat bupati memutasi pegawai?", False),
        ("Bolehkah penjabat bupati memutasi pegawai dengan persetujuan tertulis Mendagri?", True),
    ],
)
def test_a_transfer_is_allowed_only_with_the_ministers_approval(consultant, question, allowed):
    answer = consultant.ask(question)
    assert (answer.act, answer.allowed) == ("official_rotation", allowed)


def test_a_penjabats_transfer_outside_the_pasal_71_window_is_still_bound(consultant):
    answer = consultant.ask(
        "Bolehkah penjabat gubernur memutasi kepala dinas?", on=date(2023, 6, 1)
    )
    assert answer.allowed is False
    assert "PP 49/2008 Pasal 132A ayat (1) huruf a" in answer.norms


def test_a_stated_condition_settles_what_the_spouse_answer_depends_on(consultant):
    on_leave = consultant.ask("ASN boleh dampingi istri kampanye pilkada asal sudah cuti?")
    assert (on_leave.entry_id, on_leave.allowed, on_leave.depends_on) == (
        "faq:spouse-candidate",
        True,
        (),
    )
    without = consultant.ask("Bolehkah PNS ikut kampanye suaminya yang caleg tanpa cuti?")
    assert (without.entry_id, without.allowed) == ("faq:spouse-candidate", False)


def test_bumn_staff_may_not_join_a_pemilu_campaign(consultant):
    answer = consultant.ask("Apakah karyawan BUMN boleh ikut kampanye pemilu?")
    assert (answer.subject, answer.allowed) == ("bumn_bumd", False)
    assert "UU 7/2017 Pasal 280 ayat (2) huruf d" in answer.norms


def test_rules_of_the_other_kind_of_election_are_no_permission(consultant):
    # BUMN staff are bound for liking a post nowhere in the rulebook's Pilkada or Pemilu
    # entries: the answer is "ask Bawaslu", never "allowed". (Round 18 gave BUMN/BUMD staff a
    # rule for putting up props, this test's earlier example.)
    answer = consultant.ask("Bolehkah karyawan BUMN like postingan caleg?")
    assert (answer.act, answer.allowed) == ("social_media_engagement", None)


def test_a_relatives_candidacy_is_not_read_as_the_officials_own(consultant):
    reading = read_question("Bolehkah PNS datang ke acara politik keluarganya yang maju pilkada?")
    assert reading.is_relative_candidate
    assert "self_declaration" not in reading.acts
    answer = consultant.ask("Bolehkah PNS datang ke acara politik keluarganya yang maju pilkada?")
    assert (answer.act, answer.subject) == ("campaign_attendance", "pns")


def test_an_official_who_asks_is_not_answered_by_the_family_entry(consultant):
    answer = consultant.ask("ASN hadir di acara politik adiknya yang nyaleg, boleh?")
    assert answer.entry_id != "faq:family-of-asn"
    assert answer.subject == "asn"


@pytest.mark.parametrize(
    ("question", "act"),
    [
        ("Bolehkah kepala dinas menyuruh stafnya memilih paslon tertentu?", "mobilization"),
        ("Bolehkah ASN jadi panitia kampanye akbar capres?", "campaign_team"),
        ("Bolehkah camat menjadi pembicara di pertemuan politik?", "campaign_attendance"),
    ],
)
def test_telling_others_whom_to_choose_running_a_campaign_and_speaking_at_a_political_meeting(
    question, act
):
    assert read_question(question).acts[0] == act


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah ASN hadir di kampanye paslon?",
        "PNS boleh hadiri kampanye Pilkada 2024?",
        "Apakah PPPK boleh datang ke kampanye calon bupati?",
    ],
)
def test_plain_attendance_by_a_civil_servant_is_not_allowed_under_the_settled_reading(
    consultant, question
):
    # ADR 0006: PP 94/2021 Pasal 5 huruf n angka 1, with the other reading and the level stated.
    answer = consultant.ask(question)
    assert answer.allowed is False
    assert answer.act == "campaign_attendance"
    assert "PP 94/2021 Pasal 5 huruf n angka 1" in answer.norms
    assert any("hadir pasif" in caveat for caveat in answer.caveats)
    assert any("tidak menetapkan tingkat hukuman" in caveat for caveat in answer.caveats)


@pytest.mark.parametrize(
    "question",
    [
        "PNS boleh nonton kampanye?",
        "Apakah ASN boleh hadir dalam kampanye asalkan pasif?",
        "PNS ikut kampanye asalkan tidak pakai seragam PNS, boleh?",
    ],
)
def test_attendance_said_to_be_passive_is_answered_by_the_faq_with_the_same_reading(
    consultant, question
):
    answer = consultant.ask(question)
    assert answer.entry_id == "faq:passive-attendance"
    assert answer.allowed is False
    assert "PP 94/2021 Pasal 5 huruf n angka 1" in answer.norms


def test_the_settled_reading_leaves_other_subjects_and_official_duty_alone(consultant):
    police = consultant.ask("Apakah anggota Polri boleh hadir di kampanye?")
    assert police.allowed is False
    assert "PP 94/2021 Pasal 5 huruf n angka 1" not in police.norms
    duty = consultant.ask("Bolehkah PNS hadir di kampanye dalam rangka tugas kedinasan?")
    assert duty.allowed is True


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Bolehkah PNS menjadi tim sukses calon kepala desa di pilkades?", "pemilihan kepala desa"),
        ("Kades terpilih yang belum dilantik boleh ikut kampanye caleg?", "belum dilantik"),
    ],
)
def test_a_question_outside_the_pemilu_and_pilkada_says_so_instead_of_guessing(
    consultant, question, reason
):
    answer = consultant.ask(question)
    assert not answer.is_answered
    assert answer.allowed is None
    assert any(c.startswith("di luar cakupan") and reason in c for c in answer.caveats)


def test_an_act_no_rule_binds_the_subject_for_is_sent_to_bawaslu_not_answered(consultant):
    # A BUMD employee's own candidacy: the rulebook holds no rule for it.
    answer = consultant.ask("Bolehkah karyawan BUMD yang nyaleg tetap bekerja?")
    assert not answer.is_answered
    assert answer.act == "self_declaration"
    assert any("tanyakan ke Bawaslu" in d for d in answer.depends_on)


def test_putting_up_a_candidates_number_is_installing_campaign_material(consultant):
    answer = consultant.ask("Bolehkah ASN memasang nomor urut calon bupati di rumahnya?")
    assert answer.act == "props_installation"
    assert answer.allowed is False
