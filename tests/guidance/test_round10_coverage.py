"""Round 10: who asks, by category (who_asks.yaml); a denied subject; verdicts the act's own
period settles. Synthetic questions built from the categories, not from the labelled sets."""

from __future__ import annotations

import pytest

from netra.guidance.reading import presumed_stage, read_question
from netra.guidance.vocabulary import VocabularyError, load_vocabulary
from netra.guidance.who_asks import Kind, load_who_asks, parse_who_asks
from netra.rulebook import load_rulebook

ASN_FAMILY = {"asn", "pns", "pppk"}
SUBJECTS = load_rulebook().subjects.keys()
KINDS = load_who_asks(SUBJECTS)


def _titles(status: str) -> list[tuple[Kind, str]]:
    return [(k, " ".join(p)) for k in KINDS if k.status == status for p in k.phrases]


def test_the_categories_cover_every_kind_of_official_and_non_officials():
    covered = {k.subject for k in KINDS}
    assert {"pns", "asn", "tni", "polri", "village_head", "village_official", "bumn_bumd"} <= (
        covered
    )
    assert {k.status for k in KINDS} == {"stated", "assumed", "none"}
    # Generated from heads x bodies, not listed one by one.
    titles = {t for _, t in _titles("stated")}
    assert {"anggota satpol pp", "petugas satpol pp", "komisaris pln", "dirut pertamina"} <= titles


@pytest.mark.parametrize(("kind", "title"), _titles("stated"), ids=lambda v: str(v)[:40])
def test_a_title_held_by_law_is_read_as_its_subject_without_a_caveat(kind, title):
    reading = read_question(f"Bolehkah {title} ikut kampanye?")
    assert reading.is_subject_stated
    assert reading.subject == kind.subject or (
        kind.subject == "asn" and reading.subject in ASN_FAMILY
    )
    assert not reading.is_role_assumed


@pytest.mark.parametrize(("kind", "title"), _titles("assumed"), ids=lambda v: str(v)[:40])
def test_a_title_usually_held_by_asn_is_read_as_asn(kind, title):
    reading = read_question(f"Bolehkah {title} ikut kampanye?")
    assert reading.is_subject_stated
    assert reading.subject in ASN_FAMILY


@pytest.mark.parametrize(("kind", "title"), _titles("none"), ids=lambda v: str(v)[:40])
def test_a_non_official_who_asks_is_outside_the_scope(kind, title):
    reading = read_question(f"Bolehkah {title} ikut kampanye?")
    assert reading.outside_reason == kind.reason
    assert not reading.is_permission_question


def test_satpol_pp_is_a_civil_servant_not_the_police(rules_consultant):
    reading = read_question("Bolehkah anggota polisi pamong praja ikut kampanye pilkada?")
    assert reading.subject == "pns"
    answer = rules_consultant.ask("Bolehkah Satpol PP ikut kampanye pemilu?")
    assert answer.subject == "pns"
    assert answer.allowed is False
    assert answer.basis == "rulebook"


def test_an_assumed_status_keeps_its_caveat(rules_consultant):
    answer = rules_consultant.ask("Bolehkah aparatur menjadi anggota tim sukses paslon?")
    assert answer.subject == "asn"
    assert answer.allowed is False
    assert any("tanpa status kepegawaian" in c for c in answer.caveats)


def test_an_official_named_before_a_non_official_is_who_asks():
    reading = read_question("Bolehkah dosen PNS meminta mahasiswa mendukung capres tertentu?")
    assert reading.outside_reason is None
    assert reading.subject == "pns"


def test_honorary_staff_at_a_private_school_stay_with_the_honorary_entry(rules_consultant):
    answer = rules_consultant.ask("Apakah guru honorer sekolah swasta boleh jadi pengurus partai?")
    assert answer.basis == "faq"


def test_a_bumn_company_named_is_bumn_staff():
    assert read_question("Bolehkah karyawan PLN ikut kampanye?").subject == "bumn_bumd"
    assert read_question("Bolehkah pegawai Pertamina jadi tim sukses?").subject == "bumn_bumd"


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah dosen yang bukan ASN menghadiri kampanye di kampus?",
        "Bolehkah guru yang tidak berstatus PNS menjadi tim sukses caleg?",
        "Apakah bidan yang bukan PNS boleh memasang baliho calon bupati?",
    ],
)
def test_a_denied_subject_is_not_answered_as_that_subject(rules_consultant, question):
    reading = read_question(question)
    assert reading.denied_subject in ASN_FAMILY
    assert reading.outside_reason is not None
    answer = rules_consultant.ask(question)
    assert answer.allowed is None
    assert answer.basis == "none"
    assert any("di luar cakupan" in c for c in answer.caveats)


def test_non_asn_staff_are_the_honorary_entry(rules_consultant):
    answer = rules_consultant.ask("Apakah pegawai non-ASN boleh ikut kampanye?")
    assert answer.basis == "faq"


@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah PNS yang tidak ikut kampanye memasang baliho calon?",
        "Bolehkah pensiunan PNS ikut kampanye?",
        "Bolehkah ASN ikut kampanye?",
    ],
)
def test_a_denial_elsewhere_denies_no_subject(question):
    assert read_question(question).denied_subject is None


def test_a_campaign_word_presumes_the_campaign_period():
    assert presumed_stage(("gubernur", "kampanye", "guna", "fasilitas")) == "kampanye"
    assert presumed_stage(("bupati", "guna", "bansos", "untuk", "pencalonan")) == (
        "after:pendaftaran_paslon"
    )
    assert presumed_stage(("incumbent", "laku", "mutasi")) is None


def test_a_verdict_the_act_settles_needs_no_date(rules_consultant):
    question = "Bolehkah gubernur yang berkampanye menggunakan fasilitas negara?"
    answer = rules_consultant.ask(question)
    assert answer.allowed is False
    assert not answer.depends_on
    assert any("mengandaikan periode" in c for c in answer.caveats)
    # Denied, the campaign word presumes nothing, and the verdict is left to the date again.
    plain = rules_consultant.ask("Bolehkah gubernur menggunakan fasilitas negara?")
    assert plain.allowed is None


def test_a_stated_date_still_decides(rules_consultant):
    from datetime import date

    question = "Bolehkah gubernur yang berkampanye menggunakan fasilitas negara?"
    before = rules_consultant.ask(question, on=date(2024, 1, 10))  # before the Pilkada window
    during = rules_consultant.ask(question, on=date(2024, 10, 1))
    assert before.allowed is True
    assert during.allowed is False
    assert not any("mengandaikan periode" in c for c in before.caveats + during.caveats)


def test_an_incumbents_transfer_still_depends_on_the_date(rules_consultant):
    assert rules_consultant.ask("Incumbent boleh lakukan mutasi pejabat daerah?").allowed is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {
                "kinds": [
                    {
                        "category": "x",
                        "subject": "nobody",
                        "status": "stated",
                        "basis": "b",
                        "titles": ["a"],
                    }
                ]
            },
            "subject 'nobody'",
        ),
        (
            {
                "kinds": [
                    {
                        "category": "x",
                        "subject": "asn",
                        "status": "maybe",
                        "basis": "b",
                        "titles": ["a"],
                    }
                ]
            },
            "status 'maybe'",
        ),
        (
            {"kinds": [{"category": "x", "subject": "asn", "status": "stated", "titles": ["a"]}]},
            "field 'basis'",
        ),
        (
            {
                "kinds": [
                    {
                        "category": "x",
                        "subject": "other",
                        "status": "none",
                        "basis": "b",
                        "titles": ["a"],
                    }
                ]
            },
            "field 'reason'",
        ),
        (
            {
                "kinds": [
                    {
                        "category": "x",
                        "subject": "asn",
                        "status": "stated",
                        "basis": "b",
                        "titles": ["a"],
                        "heads": ["b"],
                    }
                ]
            },
            "go together",
        ),
        (
            {
                "kinds": [
                    {
                        "category": "x",
                        "subject": "asn",
                        "status": "stated",
                        "basis": "b",
                        "titles": ["guru"],
                    },
                    {
                        "category": "y",
                        "subject": "pns",
                        "status": "stated",
                        "basis": "b",
                        "titles": ["satpol pp"],
                        "heads": ["guru"],
                        "bodies": ["x"],
                    },
                    {
                        "category": "z",
                        "subject": "pns",
                        "status": "assumed",
                        "basis": "b",
                        "titles": ["guru"],
                    },
                ]
            },
            "also in category 'x'",
        ),
    ],
)
def test_bad_categories_are_refused_naming_the_entry_and_field(data, message):
    with pytest.raises(VocabularyError, match=message):
        parse_who_asks(data, source="who_asks.yaml", subjects=SUBJECTS)


def test_the_vocabulary_keeps_its_own_reading_of_a_title_it_names():
    vocabulary = load_vocabulary()
    roles = {" ".join(p) for entry in vocabulary.roles for p in entry.phrases}
    cues = [" ".join(p) for entry in vocabulary.cues for p in entry.phrases]
    # "pegawai kelurahan" is the vocabulary's (a PNS cue), not added again as an assumed role.
    assert "pegawai kelurahan" in cues
    assert "pegawai kelurahan" not in roles
    assert len(cues) == len(set(cues)) or cues.count("pegawai kelurahan") == 1
