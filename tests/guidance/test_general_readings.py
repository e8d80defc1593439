"""General readings of round 7 (docs/history/consultation-rounds.md, "Round 7"): the period a
question names, a kepala daerah's transfer word, meetings of others, negated conditions,
person-status entries and questions with no election in them. The questions here are written for the
tests, not taken from any labelled set."""

from __future__ import annotations

import pytest

from netra.guidance.consult import Basis, Consultant
from netra.guidance.fallback import Guess
from netra.guidance.faq import FaqError, parse_faq
from netra.guidance.reading import read_question, stated_stage


@pytest.mark.parametrize(
    ("words", "stage"),
    [
        ("pakai mobil dinas selama masa kampanye", "kampanye"),
        ("yang sedang cuti kampanye", "kampanye"),
        ("pada masa tenang", "masa_tenang"),
        ("enam bulan sebelum penetapan paslon", "months:6:penetapan_paslon"),
        ("sebelum penetapan paslon", "before:penetapan_paslon"),
        ("setelah penetapan paslon", "after:penetapan_paslon"),
        ("ikut kampanye paslon", None),
    ],
)
def test_the_period_a_question_names_is_read(words: str, stage: str | None) -> None:
    assert stated_stage(read_question(f"Bolehkah ASN {words}?").words) == stage


def test_a_named_period_settles_what_the_whole_election_leaves_to_the_date(
    consultant: Consultant,
) -> None:
    # Round 10: "... untuk kampanye paslon" now presumes the campaign period by itself (the act's
    # own period, test_round10_coverage.py), so the open-ended question names no campaign.
    # Round 21: nor a candidate, whom the act would favour (CANDIDATE_DEFINED_TAIL): "untuk
    # kepentingan paslon" is now answered for the time there is a pair to favour.
    with_pair = consultant.ask(
        "Bolehkah wali kota memakai kendaraan dinas untuk kepentingan paslon?"
    )
    assert with_pair.allowed is False
    assert any("calon yang diuntungkan" in caveat for caveat in with_pair.caveats)
    question = "Bolehkah wali kota memakai kendaraan dinas untuk kegiatan partai"
    open_ended = consultant.ask(f"{question}?")
    assert open_ended.act == "state_facility_use"
    assert open_ended.allowed is None
    assert open_ended.depends_on
    during = consultant.ask(f"{question} selama masa kampanye?")
    assert during.act == "state_facility_use"
    assert during.allowed is False
    assert not during.depends_on
    assert any("dijawab untuk periode itu" in caveat for caveat in during.caveats)


def test_a_kepala_daerah_s_transfer_word_is_the_transfer_not_a_threat(
    consultant: Consultant,
) -> None:
    reading = read_question("Bolehkah gubernur melakukan mutasi pegawai menjelang pilkada?")
    assert reading.acts == ("official_rotation",)
    answer = consultant.ask(
        "Bolehkah wali kota memutasi pegawai tiga bulan sebelum penetapan paslon?"
    )
    assert answer.basis is Basis.RULEBOOK
    assert answer.act == "official_rotation"
    assert answer.allowed is False


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah camat mengatur pertemuan para lurah dengan calon bupati?",
        "Bolehkah kepala sekolah memperkenalkan caleg dalam rapat orang tua murid?",
    ],
)
def test_a_meeting_of_others_with_a_candidate_is_mobilisation(
    consultant: Consultant, question: str
) -> None:
    answer = consultant.ask(question)
    assert answer.act == "mobilization"
    assert answer.allowed is False


def test_a_campaign_is_the_candidate_s_event_not_a_meeting_the_official_holds() -> None:
    assert read_question(
        "Bolehkah kepala desa menjadi bagian dari tim kampanye peserta pemilu?"
    ).acts[0] == ("campaign_team")


def test_swaying_others_against_a_candidate_is_mobilisation_not_a_vote_question(
    consultant: Consultant,
) -> None:
    answer = consultant.ask("Bolehkah kepala dinas mengajak pegawai agar tidak memilih caleg itu?")
    assert answer.basis is Basis.RULEBOOK
    assert answer.act == "mobilization"
    assert answer.allowed is False


def test_a_person_status_entry_answers_the_asker_not_whom_the_official_acts_on(
    consultant: Consultant,
) -> None:
    acted_on = consultant.ask("Bolehkah camat menyuruh tenaga honorer memasang baliho paslon?")
    assert acted_on.entry_id != "faq:honorary-staff"
    assert acted_on.allowed is False
    asker = consultant.ask("Bolehkah guru honorer memasang baliho paslon?")
    assert asker.entry_id == "faq:honorary-staff"


def test_a_met_condition_negated_settles_the_entry_the_other_way(consultant: Consultant) -> None:
    without = consultant.ask("Bolehkah PNS maju pilkada tidak mengundurkan diri?")
    assert without.entry_id == "faq:asn-runs-for-office"
    assert without.allowed is False
    assert not without.depends_on
    after = consultant.ask("Bolehkah PNS maju pilkada setelah mengundurkan diri?")
    assert after.allowed is True
    unsaid = consultant.ask("Bolehkah PNS maju pilkada?")
    assert unsaid.allowed is None
    assert unsaid.depends_on


def test_an_action_favouring_a_candidate_is_a_partisan_decision(consultant: Consultant) -> None:
    answer = consultant.ask(
        "Bolehkah lurah mengambil tindakan yang merugikan salah satu paslon selama masa kampanye?"
    )
    assert answer.act == "partisan_decision"
    assert answer.allowed is False


class _SureOfFacilityUse:
    """A stand-in fallback that always guesses the use of state facilities, and is sure."""

    threshold = 0.2
    labels = ("act:state_facility_use",)

    def guess(self, reading: object) -> Guess:
        return Guess("act:state_facility_use", 0.99, self.threshold)


def test_the_fallback_guesses_nothing_for_a_question_with_no_election_in_it() -> None:
    consultant = Consultant(fallback=_SureOfFacilityUse())  # type: ignore[arg-type]
    private = consultant.ask("Bolehkah ASN mudik lebaran pakai mobil dinas?")
    assert not private.is_answered
    election = consultant.ask("Bolehkah ASN memakai mobil dinas menjelang pilkada?")
    assert election.is_answered
    assert election.act == "state_facility_use"


def test_an_office_s_facility_lent_to_a_campaign_is_facility_use(consultant: Consultant) -> None:
    answer = consultant.ask("Bolehkah anggota Polri memakai fasilitas Polri untuk kampanye paslon?")
    assert answer.act == "state_facility_use"
    assert answer.allowed is False


def test_a_denied_act_word_is_not_what_the_question_asks_about() -> None:
    assert read_question("Bolehkah bupati yang tidak maju pilkada ikut kampanye capres?").acts[
        :1
    ] == ("campaign_attendance",)
    assert (
        "campaign_attendance"
        not in read_question(
            "Bolehkah camat menyatakan dukungan kepada caleg asal tidak ikut kampanye?"
        ).acts
    )


def test_what_is_worn_at_a_campaign_is_an_attribute() -> None:
    reading = read_question("Bolehkah PNS memakai jaket atau rompi PNS saat hadir di kampanye?")
    assert reading.acts[0] == "campaign_attendance_with_attributes"


def test_what_is_put_up_for_a_campaign_is_campaign_material() -> None:
    reading = read_question("Bolehkah PNS memasang papan kampanye paslon di depan rumahnya?")
    assert reading.acts[0] == "props_installation"


def test_about_who_asks_must_be_true_or_false() -> None:
    entry = {
        "id": "x",
        "kind": "information",
        "question": "q?",
        "answer": "a",
        "source": "s",
        "about_who_asks": "yes",
    }
    with pytest.raises(FaqError, match="'about_who_asks' must be true or false"):
        parse_faq({"faq": [entry]}, source="faq.yaml")
