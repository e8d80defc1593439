"""Round 19: which of two acts a question asks about, read by general rules (CV over checks 1-20).

Each rule has its flag in `reading.py`; the questions below are written for the test, in the
shapes the development sets showed, not copied from a held-out check.
"""

from __future__ import annotations

import pytest

from netra.guidance import reading
from netra.guidance.reading import read_question


def _first_act(text: str) -> str | None:
    acts = read_question(text).acts
    return acts[0] if acts else None


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # A gesture with no photograph named outranks nothing: the social-media act stays.
        ("Bolehkah guru PNS membuat video TikTok yang mendukung calon gubernur sambil "
         "mengacungkan dua jari?", "social_media_campaign"),
        ("Bolehkah camat mengunggah video Instagram mendukung calon bupati sambil mengacungkan "
         "jari telunjuk?", "social_media_campaign"),
        # A photograph named keeps the photo act first.
        ("Bolehkah guru PNS berfoto bersama calon gubernur sambil mengacungkan dua jari lalu "
         "mengunggahnya ke TikTok?", "partisan_photo"),
    ],
)  # fmt: skip
def test_a_gesture_without_a_photograph_does_not_outrank_social_media(text, act):
    assert _first_act(text) == act


def test_the_gesture_rule_can_be_switched_off_to_measure_it(monkeypatch):
    text = (
        "Bolehkah guru PNS membuat video TikTok yang mendukung calon gubernur sambil "
        "mengacungkan dua jari?"
    )
    assert _first_act(text) == "social_media_campaign"
    monkeypatch.setattr(reading, "GESTURE_OUTRANKS_NOTHING", False)
    assert _first_act(text) == "partisan_photo"


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # An invitation whose purpose is the vote is mobilisation, whoever is invited.
        ("Bolehkah kepala desa mengajak para lansia penerima bantuan di balai desa untuk memilih "
         "calon bupati nomor urut 1?", "mobilization"),
        ("Bolehkah lurah meminta jamaah pengajian agar mencoblos caleg tertentu?", "mobilization"),
        # Support with no invitation stays support.
        ("Bolehkah kepala desa mendukung calon bupati nomor urut 1?", "candidate_support"),
    ],
)  # fmt: skip
def test_an_invitation_to_vote_is_mobilisation(text, act):
    assert _first_act(text) == act


@pytest.mark.parametrize(
    ("text", "act", "allowed"),
    [
        # A kepala daerah urging an audience campaigns: not allowed at a government event ...
        ("Bolehkah wali kota mengajak hadirin memilih capres dari partainya saat upacara HUT "
         "kota?", "campaign_attendance", False),
        ("Bolehkah bupati mengajak warga memilih calon gubernur saat kunjungan kerja ke desa?",
         "campaign_attendance", False),
        # ... allowed on its conditions otherwise,
        ("Bolehkah bupati mengajak warga memilih calon gubernur di panggung kampanye pada hari "
         "Minggu?", "campaign_attendance", True),
    ],
)  # fmt: skip
def test_a_regional_head_urging_an_audience_campaigns_on_conditions(
    rules_consultant, text, act, allowed
):
    answer = rules_consultant.ask(text)
    assert (answer.act, answer.allowed) == (act, allowed)


@pytest.mark.parametrize(
    "text",
    [
        "Bolehkah bupati mengajak para camat dan kepala desa memilih calon gubernur tertentu?",
        "Bolehkah wali kota mengarahkan ASN untuk memilih capres tertentu?",
        "Bolehkah gubernur membagikan sembako sambil mengajak warga memilih calon bupati?",
    ],
)
def test_a_regional_head_urging_officials_or_handing_out_goods_mobilises(text):
    assert _first_act(text) == "mobilization"


def test_an_acting_head_urging_an_audience_stays_mobilisation():
    # A Pj kepala daerah is an ASN, who may not campaign on any condition.
    text = "Bolehkah Pj bupati mengajak warga memilih calon gubernur tertentu?"
    assert _first_act(text) == "mobilization"


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # The event a purpose names is the setting of the act before it.
        ("Bolehkah mobil dinas kecamatan dipakai untuk acara pelantikan pengurus partai?",
         "state_facility_use"),
        ("Bolehkah kepala desa memakai ambulans desa untuk kegiatan pengukuhan pengurus partai "
         "politik?", "state_facility_use"),
        # A party office asked about directly is still one.
        ("Bolehkah kepala desa menjadi pengurus partai politik?", "party_membership"),
    ],
)  # fmt: skip
def test_an_event_named_as_a_purpose_is_the_setting(text, act):
    assert _first_act(text) == act


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Bolehkah ASN datang ke syukuran kemenangan calon bupati?", "other_partiality"),
        ("Bolehkah PNS ikut perayaan kemenangan caleg di rumahnya?", "other_partiality"),
        ("Bolehkah perangkat desa terlibat dalam tim sukses calon bupati?", "campaign_team"),
        ("Bolehkah ASN mendekati partai politik agar dicalonkan sebagai wakil bupati?",
         "party_approach"),
        ("Bolehkah anggota Polri membantu salah satu pasangan calon di Pilkada?",
         "candidate_support"),
        ("Bolehkah Pj wali kota menonjobkan kepala dinas menjelang pendaftaran calon?",
         "official_rotation"),
        # "mendekati" the vote's day names no party: no party approach.
        ("Bolehkah ASN memasang baliho calon bupati mendekati hari pemungutan suara?",
         "props_installation"),
    ],
)  # fmt: skip
def test_the_question_vocabulary_of_round_19(text, act):
    assert _first_act(text) == act


@pytest.mark.parametrize(
    ("text", "entry", "allowed"),
    [
        # A soldier's or officer's question of what running requires is the TNI/Polri entry's.
        ("Apakah anggota Polri yang maju sebagai calon bupati harus mengundurkan diri?",
         "faq:tni-polri-vote", False),
        ("Apakah prajurit TNI yang maju di Pilkada wajib mengundurkan diri?",
         "faq:tni-polri-vote", False),
        # An ASN's reaches the own-candidacy entry, as before.
        ("Apakah camat yang maju sebagai calon wakil bupati wajib mengundurkan diri?",
         "faq:asn-runs-for-office", None),
    ],
)  # fmt: skip
def test_a_running_question_reaches_the_entry_of_ones_own_candidacy(
    rules_consultant, text, entry, allowed
):
    answer = rules_consultant.ask(text)
    assert (answer.entry_id, answer.allowed) == (entry, allowed)


def test_the_service_entry_rule_can_be_switched_off_to_measure_it(monkeypatch):
    from netra.guidance import consult

    text = "Apakah perwira Polri aktif yang maju di Pilkada wajib mengundurkan diri?"
    assert consult.Consultant(use_fallback=False).ask(text).entry_id == "faq:tni-polri-vote"
    monkeypatch.setattr(consult, "SERVICE_RUNNING_REACHES_ENTRY", False)
    assert consult.Consultant(use_fallback=False).ask(text).entry_id != "faq:tni-polri-vote"


@pytest.mark.parametrize(
    "text",
    [
        "Bolehkah ASN membantu korban banjir menjelang pilkada?",
        "Bolehkah ASN membantu KPU menyortir surat suara?",
    ],
)
def test_helping_no_candidate_makes_no_act(text):
    assert read_question(text).acts == ()
