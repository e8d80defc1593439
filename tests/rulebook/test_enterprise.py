"""Round 18: rule entries that bind one kind of enterprise (BUMN or BUMD) only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netra.rulebook import Enterprise, Rulebook, RulebookError, load_rulebook


def _laws(book: Rulebook, act: str, enterprise: Enterprise | None, election: str) -> set[str]:
    found = book.applicability(act, "bumn_bumd", None, election, enterprise=enterprise)
    return {norm.law for sanction in found.sanctions for norm in sanction.norms}


@pytest.mark.parametrize(
    "act", ["social_media_campaign", "state_facility_use", "partisan_photo", "props_installation"]
)
@pytest.mark.parametrize("election", ["pilkada-2024", "pemilu-2024"])
def test_the_bumn_circular_binds_a_bumn_and_not_a_bumd(book, act, election):
    assert "se_bumn_s560_2023" in _laws(book, act, Enterprise.BUMN, election)
    bumd = _laws(book, act, Enterprise.BUMD, election)
    assert "se_bumn_s560_2023" not in bumd
    expected = "uu_1_2015" if election.startswith("pilkada") else "uu_7_2017"
    assert bumd == {expected}


def test_an_unknown_kind_of_enterprise_is_bound_by_every_entry(book):
    both = book.rule_entries("party_membership", "bumn_bumd")[0]
    assert {entry.enterprise for entry in both} == {Enterprise.BUMN, Enterprise.BUMD}
    only_bumd = book.rule_entries("party_membership", "bumn_bumd", Enterprise.BUMD)[0]
    assert [entry.norms[0].law for entry in only_bumd] == ["pp_54_2017"]


def test_entries_without_a_kind_bind_both(book):
    # Campaign attendance rests on the election laws alone: no entry is marked.
    for enterprise in (Enterprise.BUMN, Enterprise.BUMD, None):
        entries, _ = book.rule_entries("campaign_attendance", "bumn_bumd", enterprise)
        assert len(entries) == 2


def test_a_bumd_party_office_rests_on_a_provisional_law(book):
    law = book.laws["pp_54_2017"]
    assert law.certainty.value == "provisional"
    assert "radarnonstop.co" in law.source


def test_an_unknown_kind_is_refused_at_load_time(
    data_copy: Path, rewrite: Callable[[Path, str, Callable[[dict[str, Any]], None]], None]
) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["templates"]["bumd_campaign_involvement"][0]["enterprise"] = "bumdes"

    rewrite(data_copy, "acts.yaml", mutate)
    with pytest.raises(RulebookError, match="enterprise"):
        load_rulebook(data_copy)


def test_two_entries_of_the_same_kind_and_conditions_overlap(
    data_copy: Path, rewrite: Callable[[Path, str, Callable[[dict[str, Any]], None]], None]
) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["templates"]["bumd_campaign_involvement"][0]["enterprise"] = "bumn"

    rewrite(data_copy, "acts.yaml", mutate)
    with pytest.raises(RulebookError, match="overlapping"):
        load_rulebook(data_copy)
