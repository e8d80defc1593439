"""Broken data is refused at load time with a message naming file, entry and field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from netra.errors import NetraError
from netra.rulebook import RulebookError, load_rulebook


def _rules(data: dict[str, Any], act: str, subject: str) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = data["acts"][act]["rules"][subject]
    return rules


def _set_sanction(data: dict[str, Any]) -> None:
    _rules(data, "ktp_support", "pns")[0]["sanction"] = "berat2"


def _bad_law(data: dict[str, Any]) -> None:
    _rules(data, "partisan_photo", "pns")[1]["norms"][1]["law"] = "pp_94_2012"


def _no_norms(data: dict[str, Any]) -> None:
    del _rules(data, "ktp_support", "pns")[0]["norms"]


def _unknown_subject(data: dict[str, Any]) -> None:
    data["acts"]["ktp_support"]["rules"]["pnss"] = data["acts"]["ktp_support"]["rules"]["pns"]


def _unknown_category(data: dict[str, Any]) -> None:
    data["acts"]["mobilization"]["category"] = 11


def _typo_field(data: dict[str, Any]) -> None:
    entry = _rules(data, "ktp_support", "pns")[0]
    entry["sanctoin"] = entry["sanction"]


def _overlapping_versions(data: dict[str, Any]) -> None:
    del _rules(data, "party_membership", "pns")[0]["valid_until"]


def _unknown_template(data: dict[str, Any]) -> None:
    data["acts"]["ktp_support"]["rules"]["tni"] = [{"use": "tni_typo"}]


def _unknown_window(data: dict[str, Any]) -> None:
    _rules(data, "official_rotation", "regional_head")[0]["window"] = "pasal_71_9"


def _sanction_without_source(data: dict[str, Any]) -> None:
    del data["sanctions"]["hd_berat"]["source"]


def _level_on_criminal(data: dict[str, Any]) -> None:
    data["sanctions"]["pidana_188"]["level"] = "berat"


def _bad_stage_date(data: dict[str, Any]) -> None:
    data["elections"]["pilkada-2024"]["stages"]["kampanye"]["start"] = "2024-13-01"


def _stage_ends_before_start(data: dict[str, Any]) -> None:
    data["elections"]["pilkada-2024"]["stages"]["kampanye"]["end"] = "2024-09-01"


def _caution_without_text(data: dict[str, Any]) -> None:
    del data["windows"]["pasal_71_3"]["caution"]


def _no_penetapan(data: dict[str, Any]) -> None:
    del data["elections"]["pemilu-2024"]["stages"]["penetapan_paslon"]


def _overlapping_recipients(data: dict[str, Any]) -> None:
    data["recommendation_recipients"][1]["start"] = "2024-08-20"


def _window_for_unknown_election(data: dict[str, Any]) -> None:
    data["windows"]["pasal_71_2"]["election"] = "pilkada-2029"


def _family_of_unknown_window(data: dict[str, Any]) -> None:
    data["windows"]["pasal_71_2_pilkada_2020"]["family"] = "pasal_71_9"


def _two_windows_for_one_election(data: dict[str, Any]) -> None:
    data["windows"]["pasal_71_2_pilkada_2020"]["election"] = "pilkada-2024"


def _election_note_without_indonesian(data: dict[str, Any]) -> None:
    del data["elections"]["pilkada-2020"]["note_id"]


def _clock_without_source(data: dict[str, Any]) -> None:
    del data["clocks"]["pilkada.decision"]["source"]


def _clock_bad_unit(data: dict[str, Any]) -> None:
    data["clocks"]["pemilu.decision_extension"]["unit"] = "weekdays"


def _clock_zero_days(data: dict[str, Any]) -> None:
    data["clocks"]["pemilu.kajian_awal"]["days"] = 0


def _rules_from_unknown(data: dict[str, Any]) -> None:
    data["subjects"]["asn"]["rules_from"] = "civil_servant"


def _bad_override(data: dict[str, Any]) -> None:
    data["subjects"]["village_head"]["category_override"] = 50


def _recipient_without_source(data: dict[str, Any]) -> None:
    del data["subjects"]["regional_head"]["recommendation_source"]


def _law_without_source(data: dict[str, Any]) -> None:
    del data["laws"]["pp_94_2021"]["source"]


Mutator = Callable[[dict[str, Any]], None]
Rewrite = Callable[[Path, str, Mutator], None]


@dataclass(frozen=True)
class BrokenCase:
    file: str
    mutate: Mutator
    message: str
    reason: str


CASES = [
    BrokenCase(
        "acts.yaml",
        _set_sanction,
        "acts.yaml: act 'ktp_support': sanction 'berat2' is not defined",
        "a rule may only use sanctions defined in sanctions.yaml",
    ),
    BrokenCase(
        "acts.yaml",
        _bad_law,
        "acts.yaml: act 'partisan_photo': law 'pp_94_2012' is not defined in laws.yaml",
        "norms cite laws by code; a typo in the code must not pass",
    ),
    BrokenCase(
        "acts.yaml",
        _no_norms,
        "acts.yaml: act 'ktp_support': field 'norms' is missing",
        "every rule must cite the norm it rests on",
    ),
    BrokenCase(
        "acts.yaml",
        _unknown_subject,
        "acts.yaml: act 'ktp_support': subject 'pnss' is not defined in subjects.yaml",
        "rules are keyed by taxonomy subject codes",
    ),
    BrokenCase(
        "acts.yaml",
        _unknown_category,
        "acts.yaml: act 'mobilization': category 11 is not defined in categories.yaml",
        "Bawaslu has ten categories",
    ),
    BrokenCase(
        "acts.yaml",
        _typo_field,
        "acts.yaml: act 'ktp_support': unknown field 'sanctoin'",
        "a misspelt field would otherwise be silently ignored",
    ),
    BrokenCase(
        "acts.yaml",
        _overlapping_versions,
        "acts.yaml: act 'party_membership': entries 0 and 1 for sanction 'ptdh' have overlapping",
        "two versions of a law must not be in force on the same day",
    ),
    BrokenCase(
        "acts.yaml",
        _unknown_template,
        "acts.yaml: act 'ktp_support': template 'tni_typo' is not defined",
        "templates are referenced by name",
    ),
    BrokenCase(
        "acts.yaml",
        _unknown_window,
        "acts.yaml: act 'official_rotation': window 'pasal_71_9' is not defined in dated.yaml",
        "dated windows are defined once in dated.yaml",
    ),
    BrokenCase(
        "sanctions.yaml",
        _sanction_without_source,
        "sanctions.yaml: sanction 'hd_berat': field 'source' is missing",
        "every sanction keeps the source it was researched from",
    ),
    BrokenCase(
        "sanctions.yaml",
        _level_on_criminal,
        "sanctions.yaml: sanction 'pidana_188': field 'level' is only allowed for disciplinary",
        "ringan/sedang/berat are PP 94/2021 levels",
    ),
    BrokenCase(
        "elections.yaml",
        _bad_stage_date,
        "elections.yaml: election 'pilkada-2024': field 'start' has bad date '2024-13-01'",
        "a month 13 must not become a traceback or a wrong date",
    ),
    BrokenCase(
        "elections.yaml",
        _stage_ends_before_start,
        "elections.yaml: election 'pilkada-2024': field 'end' is before 'start' "
        "(at stages.kampanye)",
        "an inverted stage would never contain any date",
    ),
    BrokenCase(
        "dated.yaml",
        _caution_without_text,
        "dated.yaml: window 'pasal_71_3': fields 'caution_from' and 'caution' go together",
        "a doubtful window must say why",
    ),
    BrokenCase(
        "elections.yaml",
        _no_penetapan,
        "elections.yaml: election 'pemilu-2024': stage 'penetapan_paslon' is not defined in "
        "this election (at penetapan.presidential)",
        "SKB part A/B switch on penetapan of each kind of candidate",
    ),
    BrokenCase(
        "dated.yaml",
        _overlapping_recipients,
        "dated.yaml: recommendation_recipients ('BKN'): field 'start' overlaps the period "
        "of 'KASN'",
        "only one body receives recommendations on a given day",
    ),
    BrokenCase(
        "dated.yaml",
        _window_for_unknown_election,
        "dated.yaml: window 'pasal_71_2': election 'pilkada-2029' is not defined",
        "windows belong to a defined election",
    ),
    BrokenCase(
        "dated.yaml",
        _family_of_unknown_window,
        "dated.yaml: window 'pasal_71_2_pilkada_2020': field 'family' must name a window "
        "defined without a family, not 'pasal_71_9'",
        "an earlier election's window stands for a provision's window rule entries cite",
    ),
    BrokenCase(
        "dated.yaml",
        _two_windows_for_one_election,
        "dated.yaml: window 'pasal_71_2_pilkada_2020': window 'pasal_71_2' already stands for "
        "'pasal_71_2' in election 'pilkada-2024'",
        "one provision has one window per election, or a date would hang on file order",
    ),
    BrokenCase(
        "elections.yaml",
        _election_note_without_indonesian,
        "elections.yaml: election 'pilkada-2020': fields 'note' and 'note_id' go together",
        "an earlier election's caveat is shown in Indonesian",
    ),
    BrokenCase(
        "clocks.yaml",
        _clock_without_source,
        "clocks.yaml: clock 'pilkada.decision': field 'source' is missing",
        "a deadline without its article cannot be checked",
    ),
    BrokenCase(
        "clocks.yaml",
        _clock_bad_unit,
        "clocks.yaml: clock 'pemilu.decision_extension': field 'unit' has invalid value 'weekdays'",
        "hari vs hari kerja must be explicit",
    ),
    BrokenCase(
        "clocks.yaml",
        _clock_zero_days,
        "clocks.yaml: clock 'pemilu.kajian_awal': field 'days' must be a positive whole number",
        "a zero-day clock is a data error",
    ),
    BrokenCase(
        "subjects.yaml",
        _rules_from_unknown,
        "subjects.yaml: subject 'asn': rules_from 'civil_servant' is not defined",
        "inheritance must point at a defined subject",
    ),
    BrokenCase(
        "subjects.yaml",
        _bad_override,
        "subjects.yaml: subject 'village_head': category_override 50 is not defined",
        "the category override must be a Bawaslu category",
    ),
    BrokenCase(
        "subjects.yaml",
        _recipient_without_source,
        "subjects.yaml: subject 'regional_head': recommendation_to and recommendation_source go "
        "together",
        "where a recommendation goes keeps its authority",
    ),
    BrokenCase(
        "laws.yaml",
        _law_without_source,
        "laws.yaml: law 'pp_94_2021': field 'source' is missing",
        "every law keeps its source",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.mutate.__name__.strip("_") for c in CASES])
def test_broken_data_is_refused_naming_file_entry_and_field(
    data_copy: Path, rewrite: Rewrite, case: BrokenCase
) -> None:
    rewrite(data_copy, case.file, case.mutate)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(data_copy)
    assert case.message in str(caught.value), case.reason


def test_unbroken_copy_loads(data_copy: Path, rewrite: Rewrite) -> None:
    # Guards the cases above: the round trip through yaml.safe_dump alone must not break anything.
    rewrite(data_copy, "acts.yaml", lambda data: None)
    assert set(load_rulebook(data_copy).acts) == set(load_rulebook().acts)


def test_rulebook_error_is_a_netra_error_with_its_code(data_copy: Path, rewrite: Rewrite) -> None:
    rewrite(data_copy, "acts.yaml", _set_sanction)
    with pytest.raises(NetraError) as caught:
        load_rulebook(data_copy)
    assert caught.value.code == "rulebook_invalid"


def test_invalid_yaml_names_the_file_and_line(data_copy: Path) -> None:
    path = data_copy / "clocks.yaml"
    path.write_text("clocks:\n  a.b: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulebookError, match=r"^clocks\.yaml: line \d+: not valid YAML"):
        load_rulebook(data_copy)


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "sanctions.yaml").unlink()
    with pytest.raises(RulebookError, match=r"^sanctions\.yaml: file is missing"):
        load_rulebook(data_copy)


def test_missing_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(RulebookError, match="does not exist"):
        load_rulebook(tmp_path / "nowhere")


def test_duplicate_key_is_refused_not_silently_overwritten(data_copy: Path) -> None:
    path = data_copy / "clocks.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  pilkada.decision:\n    days: 4\n", encoding="utf-8"
    )
    with pytest.raises(RulebookError, match=r"^clocks\.yaml: line \d+: .*duplicate key"):
        load_rulebook(data_copy)
