"""The shipped rulebook loads and holds exactly the taxonomy's vocabulary."""

from __future__ import annotations

import pytest

from netra.rulebook import (
    Certainty,
    Rulebook,
    SanctionType,
    UnknownCodeError,
    load_rulebook,
)

# taxonomy.md v1, "Acts" table: act code → Bawaslu recap category.
TAXONOMY_ACT_CATEGORIES = {
    "social_media_campaign": 1,
    "social_media_engagement": 1,
    "partisan_photo": 1,
    "campaign_attendance": 2,
    # Issue 8 item 4: attending with party or PNS attributes (PP 94/2021 Pasal 5 huruf n angka 2,
    # Pasal 13 huruf g) is a fact pattern of its own, not a parallel outcome of attendance.
    "campaign_attendance_with_attributes": 2,
    "campaign_team": 4,
    "party_approach": 3,
    "party_membership": 3,
    "self_declaration": 6,
    "self_promotion": 8,
    "props_installation": 7,
    "mobilization": 10,
    "ktp_support": 4,
    "partisan_decision": 9,
    "state_facility_use": 9,
    "official_rotation": 9,
    "candidate_support": 4,
    "other_partiality": 9,
}

TAXONOMY_SUBJECTS = {
    "pns",
    "pppk",
    "asn",
    "tni",
    "polri",
    "village_head",
    "village_official",
    "regional_head",
    # Issue 8 item 11: a Penjabat is an ASN without the right to campaign of an elected head.
    "acting_regional_head",
    "bumn_bumd",
    "other",
    "unknown",
}


def test_default_rulebook_is_loaded_once_and_cached() -> None:
    assert load_rulebook() is load_rulebook()


def test_rulebook_has_a_version(book: Rulebook) -> None:
    assert book.version
    assert book.version[0].isdigit()


def test_acts_are_exactly_the_taxonomy_codes(book: Rulebook) -> None:
    assert set(book.acts) == set(TAXONOMY_ACT_CATEGORIES)


def test_subjects_are_exactly_the_taxonomy_codes(book: Rulebook) -> None:
    assert set(book.subjects) == TAXONOMY_SUBJECTS


@pytest.mark.parametrize(("act", "category"), sorted(TAXONOMY_ACT_CATEGORIES.items()))
def test_act_carries_the_taxonomy_bawaslu_category(book: Rulebook, act: str, category: int) -> None:
    assert book.category_for(act, "pns") == category


@pytest.mark.parametrize("act", sorted(TAXONOMY_ACT_CATEGORIES))
@pytest.mark.parametrize("subject", ["village_head", "village_official"])
def test_any_act_by_a_village_subject_counts_in_category_five(
    book: Rulebook, act: str, subject: str
) -> None:
    assert book.category_for(act, subject) == 5


def test_category_five_is_not_used_by_non_village_subjects(book: Rulebook) -> None:
    for act in book.acts:
        for subject in TAXONOMY_SUBJECTS - {"village_head", "village_official"}:
            assert book.category_for(act, subject) != 5, (act, subject)


def test_ten_bawaslu_categories_with_indonesian_labels(book: Rulebook) -> None:
    assert list(book.categories) == list(range(1, 11))
    assert book.categories[5].label_id.startswith("Kepala desa/aparat desa")
    assert book.categories[1].label_id == "ASN memberikan dukungan melalui media sosial/massa"


def test_every_act_and_subject_has_both_labels(book: Rulebook) -> None:
    for act in book.acts.values():
        assert act.label_id, act.code
        assert act.label_en, act.code
        assert act.description, act.code
    for subject in book.subjects.values():
        assert subject.label_id, subject.code
        assert subject.label_en, subject.code
        assert subject.description, subject.code


def test_every_sanction_type_is_used_by_some_sanction(book: Rulebook) -> None:
    assert {s.type for s in book.sanctions.values()} == set(SanctionType)


def test_disciplinary_levels_say_what_they_consist_of(book: Rulebook) -> None:
    # PP 94/2021 Pasal 8 ayat (2)-(4): three kinds per level.
    for code in ("hd_ringan", "hd_sedang", "hd_berat"):
        assert len(book.sanctions[code].consists_of) == 3, code
    assert "teguran lisan" in book.sanctions["hd_ringan"].consists_of
    assert book.sanctions["hd_berat"].norms[0].citation == "PP 94/2021 Pasal 8 ayat (4)"


def test_norm_citation_reads_like_the_law(book: Rulebook) -> None:
    entries, _ = book.rule_entries("ktp_support", "pns")
    citations = [norm.citation for norm in entries[0].norms]
    assert "PP 94/2021 Pasal 5 huruf n angka 7" in citations


def test_unknown_act_lists_the_valid_codes(book: Rulebook) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        book.category_for("kampanye", "pns")
    assert caught.value.kind == "act"
    assert "social_media_campaign" in caught.value.choices
    assert "unknown act 'kampanye'" in str(caught.value)


def test_provisional_facts_of_legal_md_stay_marked(book: Rulebook) -> None:
    # legal.md marks B8 (mobilization level) as conflicting and the PPPK path as N1.
    mobilization = book.applicability("mobilization", "pns", None)
    assert all(s.certainty is Certainty.PROVISIONAL for s in mobilization.sanctions)
    assert book.subjects["pppk"].certainty is Certainty.PROVISIONAL
    assert book.clock("ppk.follow_up").certainty is Certainty.PROVISIONAL
