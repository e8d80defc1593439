"""Round 23: a uniform worn, material made, a vote others are to cast (questions written for the
test, not taken from any labelled set)."""

from __future__ import annotations

from datetime import date

import pytest

from netra.guidance import consult, reading
from netra.guidance.consult import Consultant
from netra.guidance.faq import FaqError, parse_faq
from netra.guidance.reading import names_own_candidacy, read_question


@pytest.fixture(scope="module")
def consultant() -> Consultant:
    return Consultant()


def test_a_uniform_worn_in_a_photo_is_the_photo_not_a_facility(
    consultant: Consultant, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "Bolehkah camat berswafoto dengan calon bupati sambil memakai pakaian dinas?"
    answer = consultant.ask(question)
    assert answer.act == "partisan_photo"
    assert answer.allowed is False
    monkeypatch.setattr(reading, "WORN_NOT_FACILITY", False)
    assert read_question(question).acts[0] == "state_facility_use"


def test_a_facility_that_is_no_clothing_still_comes_first() -> None:
    question = "Bolehkah lurah memakai mobil dinas untuk berfoto dengan calon bupati?"
    assert read_question(question).acts[0] == "state_facility_use"


def test_a_uniform_alone_stays_the_facility_read() -> None:
    assert read_question("Bolehkah PNS memakai seragam dinas di acara partai?").acts[0] != (
        "partisan_photo"
    )


def test_making_a_candidates_material_is_props(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah guru PNS mencetak stiker pasangan calon wali kota?")
    assert answer.act == "props_installation"
    assert answer.allowed is False


def test_making_a_poster_of_oneself_stays_self_promotion() -> None:
    question = "Bolehkah ASN membuat baliho yang mempromosikan dirinya sebagai bakal calon?"
    assert read_question(question).acts[0] == "self_promotion"


def test_making_material_with_no_candidate_or_party_named_is_not_props() -> None:
    assert (
        "props_installation"
        not in read_question("Bolehkah ASN membuat poster imbauan agar warga datang ke TPS?").acts
    )


def test_others_named_before_a_vote_for_a_candidate_are_mobilised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = (
        "Bolehkah kepala desa mengaitkan pencairan dana desa dengan kesediaan warga memilih calon "
        "bupati tertentu?"
    )
    assert read_question(question).acts[0] == "mobilization"
    monkeypatch.setattr(reading, "OTHERS_VOTE", False)
    assert read_question(question).acts[0] == "state_facility_use"


def test_who_asks_voting_is_no_mobilisation() -> None:
    assert read_question("Bolehkah ASN memilih calon bupati tertentu?").acts[:1] != (
        "mobilization",
    )


def test_bumn_leaders_mobilising_staff_have_a_rule_now(consultant: Consultant) -> None:
    answer = consultant.ask(
        "Bolehkah direksi BUMN memerintahkan karyawannya ikut kampanye akbar pasangan capres?"
    )
    assert answer.act == "mobilization"
    assert answer.allowed is False
    assert any("S-560" in norm for norm in answer.norms)


def test_who_is_gathered_takes_part_rather_than_mobilises(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = "Bolehkah pegawai PDAM dikumpulkan untuk ikut acara kampanye calon bupati?"
    assert read_question(question).acts[0] == "campaign_attendance"
    monkeypatch.setattr(reading, "MOBILISED_NOT_MOBILISING", False)
    assert read_question(question).acts[0] == "mobilization"


def test_an_active_mobilising_verb_stays_mobilisation() -> None:
    question = "Bolehkah camat diminta mengerahkan warga untuk ikut kampanye calon bupati?"
    assert read_question(question).acts[0] == "mobilization"


def test_what_an_escorted_candidate_gives_is_the_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = "Bolehkah lurah mengantar calon wali kota membagikan sembako kepada warga?"
    assert read_question(question).acts[0] == "campaign_attendance"
    monkeypatch.setattr(reading, "ESCORTED_ACTS", False)
    assert read_question(question).acts[0] == "mobilization"


def test_an_official_who_gives_while_escorting_still_mobilises() -> None:
    question = "Bolehkah lurah membagikan sembako saat mengantar calon wali kota?"
    assert read_question(question).acts[0] == "mobilization"


def test_an_act_for_ones_own_candidacy_is_forbidden_over_the_rules_tail(
    consultant: Consultant, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = (
        "Bolehkah bupati yang akan maju lagi menggunakan program bantuan dari APBD untuk "
        "menguntungkan dirinya?"
    )
    answer = consultant.ask(question)
    assert answer.act == "partisan_decision"
    assert answer.allowed is False
    monkeypatch.setattr(consult, "OWN_CANDIDACY_FAVOURED", False)
    assert Consultant().ask(question).allowed is None


def test_own_candidacy_words() -> None:
    assert names_own_candidacy(("bupati", "yang", "akan", "maju", "lagi"))
    assert names_own_candidacy(
        (
            "calon",
            "petahana",
        )
    )
    assert not names_own_candidacy(("bupati", "maju", "ke", "depan"))


def _entry(**extra: object) -> dict[str, object]:
    return {
        "id": "x",
        "kind": "permission",
        "question": "Bolehkah ASN menonton kampanye?",
        "answer": "Tidak.",
        "source": "https://example.org",
        "allowed": False,
        "match": [["menonton"], ["kampanye"]],
        **extra,
    }


def test_an_unless_word_keeps_an_entry_from_matching() -> None:
    (entry,) = parse_faq({"faq": [_entry(unless=["yel"])]}, source="t.yaml")
    assert entry.matches(("menonton", "kampanye"), "asn")
    assert not entry.matches(("menonton", "kampanye", "yel"), "asn")


def test_unless_must_be_a_list_of_words() -> None:
    with pytest.raises(FaqError, match=r"entry 'x'.*'unless' must be a list of words"):
        parse_faq({"faq": [_entry(unless="yel")]}, source="t.yaml")


def test_a_sign_of_support_at_a_campaign_is_no_passive_attendance(consultant: Consultant) -> None:
    answer = consultant.ask(
        "Bolehkah PNS yang menonton kampanye ikut meneriakkan yel-yel calon bupati?"
    )
    assert answer.entry_id != "faq:passive-attendance"
    assert answer.allowed is False


def test_running_for_kepala_desa_is_the_pilkades_outside_the_rules(
    consultant: Consultant,
) -> None:
    answer = consultant.ask("Bolehkah bidan PNS mendaftar sebagai kepala desa?")
    assert not answer.is_answered
    assert read_question("Bolehkah bidan PNS mendaftar sebagai kepala desa?").outside_reason


def test_a_kepala_desa_who_runs_for_the_dprd_is_not_the_pilkades() -> None:
    assert read_question("Bolehkah kepala desa mendaftar sebagai caleg?").outside_reason is None


def test_a_minister_who_acts_is_outside_the_rulebook(consultant: Consultant) -> None:
    question = "Bolehkah wakil menteri ikut kampanye akbar pasangan capres?"
    assert not consultant.ask(question).is_answered
    assert "menteri" in (read_question(question).outside_reason or "")


def test_a_ministers_approval_named_after_the_official_keeps_the_question(
    consultant: Consultant,
) -> None:
    answer = consultant.ask(
        "Bolehkah bupati mengganti pejabat tanpa persetujuan tertulis Menteri pada 1 Oktober 2024?"
    )
    assert answer.act == "official_rotation"
    assert answer.allowed is False


def test_campaigning_through_banners_is_putting_them_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = "Bolehkah camat berkampanye lewat spanduk untuk calon bupati petahana?"
    assert read_question(question).acts[0] == "props_installation"
    monkeypatch.setattr(reading, "CAMPAIGN_THROUGH_MATERIAL", False)
    assert read_question(question).acts[0] == "campaign_attendance"


def test_an_office_holder_to_be_re_elected_is_a_candidate() -> None:
    assert (
        "candidate"
        in read_question("Bolehkah lurah mengajak warga agar wali kota terpilih kembali?").concepts
    )


def test_a_status_no_longer_held_is_a_former_officials(
    consultant: Consultant, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "Bolehkah guru yang tidak lagi berstatus PNS menjadi pengurus partai politik?"
    answer = consultant.ask(question)
    assert answer.entry_id == "faq:retired-asn"
    assert answer.allowed is True
    monkeypatch.setattr(reading, "NO_LONGER_IS_FORMER", False)
    assert read_question(question).outside_reason is not None


def test_a_status_never_held_stays_outside() -> None:
    assert read_question("Bolehkah dosen yang bukan ASN ikut kampanye?").outside_reason


def test_aid_a_kepala_daerah_hands_out_is_the_offices_programme(
    consultant: Consultant, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = (
        "Bolehkah wali kota yang akan maju lagi membagikan beras kepada warga dalam enam bulan "
        "sebelum penetapan pasangan calon?"
    )
    answer = consultant.ask(question)
    assert answer.act == "partisan_decision"
    assert answer.allowed is False
    monkeypatch.setattr(reading, "HEAD_GIVES_PROGRAMME", False)
    assert read_question(question).acts[0] != "partisan_decision"


def test_aid_an_asn_hands_out_is_not_turned_into_a_decision() -> None:
    question = "Bolehkah camat membagikan sembako sambil mengajak warga memilih calon bupati?"
    assert read_question(question).acts[0] == "mobilization"


def test_bumn_staff_gathered_for_a_rally_take_part(consultant: Consultant) -> None:
    answer = consultant.ask(
        "Bolehkah pegawai BUMN dikumpulkan untuk ikut kampanye akbar calon presiden?"
    )
    assert answer.act == "campaign_attendance"
    assert answer.allowed is False


def test_a_dated_stage_picks_the_election_whose_stage_holds_the_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = "Bolehkah ASN berswafoto dengan gaya dua jari selama masa kampanye?"
    on = date(2024, 1, 10)  # the Pemilu's campaign; the Pilkada's began in September
    assert Consultant().ask(question, on=on).election == "pemilu-2024"
    monkeypatch.setattr(consult, "STAGE_PICKS_ELECTION", False)
    assert Consultant().ask(question, on=on).election == "pilkada-2024"


def test_a_stage_the_default_election_holds_keeps_it() -> None:
    question = "Bolehkah ASN berswafoto dengan gaya dua jari selama masa kampanye?"
    assert Consultant().ask(question, on=date(2024, 10, 15)).election == "pilkada-2024"


def test_a_named_kind_of_election_is_not_overridden() -> None:
    question = "Bolehkah ASN berswafoto dengan calon bupati selama masa kampanye?"
    assert Consultant().ask(question, on=date(2024, 1, 10)).election == "pilkada-2024"
