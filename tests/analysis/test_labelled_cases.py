"""The rules' quality on our labelled YAML cases and on the shared development corpus.

These texts were written in-house: they are unit tests of the rule engine, not evidence of the
analyzer's quality on real text (tests/analysis/test_real_corpus.py holds that), and the learned
scorer trains on them. So they are scored with the rules alone.

The YAML cases (tests/analysis/cases/, one file per act plus hard negatives) are scored as one
set: a single wrong answer does not fail the build, a drop in the aggregate does. Hard negatives
are the exception: each must stay a non-violation, so a regression names the case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netra.analysis import Analyzer
from netra.analysis.evaluate import LabelFileError, Labelled, Report, evaluate, load_labelled

CASES_DIR = Path(__file__).parent / "cases"
HARD_NEGATIVES = CASES_DIR / "hard_negatives.yaml"
# The shared corpus lives beside the repository (../shared), in a clone as on the dev machines.
DEV_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev.jsonl"

# Floors from issue #2. Measured while writing them (YAML cases, 233 items: precision 1.000,
# F1 0.919 -> 0.958, category 0.789 -> 0.888, subject 0.826 -> 0.919 as the lexicon was tuned;
# dev.jsonl, 45 items: F1, category and subject accuracy all 1.000). Raise them as it improves.
CASES_MIN_PRECISION = 0.97
CASES_MIN_F1 = 0.93
CASES_MIN_CATEGORY = 0.85
CASES_MIN_SUBJECT = 0.88
# The holdout set (tests/analysis/holdout/, 160 news-heavy items written by a second author who
# never saw the analyzer) measured precision 1.000, F1 0.977, category 0.878, subject 0.933.
HOLDOUT_DIR = Path(__file__).parent / "holdout"
HOLDOUT_MIN_PRECISION = 0.95
HOLDOUT_MIN_F1 = 0.93
HOLDOUT_MIN_CATEGORY = 0.83
HOLDOUT_MIN_SUBJECT = 0.88
# The hard set (tests/analysis/hard/, 130 items by a third author, aimed at what trips
# analyzers: indirect accounts, slang, regional titles, victims, rule lists, ex-officials)
# measured precision 0.955, F1 0.948, category 0.838, subject 0.912.
HARD_DIR = Path(__file__).parent / "hard"
HARD_MIN_PRECISION = 0.92
HARD_MIN_F1 = 0.88
HARD_MIN_CATEGORY = 0.75
HARD_MIN_SUBJECT = 0.80
DEV_MIN_F1 = 0.90
DEV_MIN_CATEGORY = 0.85
DEV_MIN_SUBJECT = 0.85


RULES = Analyzer.default().configured(engine="rules")


def _run(items: list[Labelled]) -> Report:
    return evaluate(items, lambda item: RULES.analyze(item.text, date=item.date))


def _errors(report: Report) -> str:
    """The wrong answers, one per line, so a failed floor says which cases moved."""
    return "\n".join(
        f"  {o.item.id}: gold {o.item.is_incident}/{o.item.category}/{o.item.subject} "
        f"got {o.predicted}/{o.category}/{o.subject} {list(o.acts)}"
        for o in report.errors()
    )


def all_case_items() -> list[Labelled]:
    return [item for path in sorted(CASES_DIR.glob("*.yaml")) for item in load_labelled(path)]


@pytest.fixture(scope="module")
def cases_report() -> Report:
    return _run(all_case_items())


def test_case_files_are_many_and_have_unique_ids() -> None:
    items = all_case_items()
    ids = [item.id for item in items]
    duplicates = sorted({case_id for case_id in ids if ids.count(case_id) > 1})
    assert len(items) >= 100
    assert not duplicates, f"duplicate case ids: {duplicates}"
    assert any(item.is_incident for item in items)
    assert any(not item.is_incident for item in items)


def test_cases_incident_precision_stays_high(cases_report: Report) -> None:
    assert cases_report.precision >= CASES_MIN_PRECISION, _errors(cases_report)


def test_cases_incident_f1_stays_high(cases_report: Report) -> None:
    assert cases_report.f1 >= CASES_MIN_F1, _errors(cases_report)


def test_cases_category_accuracy_stays_high(cases_report: Report) -> None:
    assert cases_report.category_accuracy >= CASES_MIN_CATEGORY, _errors(cases_report)


def test_cases_subject_accuracy_stays_high(cases_report: Report) -> None:
    assert cases_report.subject_accuracy >= CASES_MIN_SUBJECT, _errors(cases_report)


_NEGATIVES = load_labelled(HARD_NEGATIVES)


@pytest.mark.parametrize("item", _NEGATIVES, ids=[item.id for item in _NEGATIVES])
def test_hard_negative_is_not_a_violation(item: Labelled) -> None:
    assert not item.is_incident, f"{item.id} is labelled as an incident in hard_negatives.yaml"
    analysis = RULES.analyze(item.text, date=item.date)
    assert not analysis.is_violation, f"flagged {list(analysis.acts)} by {analysis.subject}"


@pytest.fixture(scope="module")
def dev_report() -> Report:
    if not DEV_CORPUS.is_file():
        pytest.skip(f"shared development corpus not found at {DEV_CORPUS}")
    return _run(load_labelled(DEV_CORPUS))


def test_dev_corpus_incident_f1_stays_high(dev_report: Report) -> None:
    assert dev_report.f1 >= DEV_MIN_F1, _errors(dev_report)


def test_dev_corpus_category_accuracy_stays_high(dev_report: Report) -> None:
    assert dev_report.category_accuracy >= DEV_MIN_CATEGORY, _errors(dev_report)


def test_dev_corpus_subject_accuracy_stays_high(dev_report: Report) -> None:
    assert dev_report.subject_accuracy >= DEV_MIN_SUBJECT, _errors(dev_report)


# --- malformed label files: the error names the file and the line or case ---

GOOD_CASE = """\
- id: good
  text: "Camat memasang baliho paslon."
  expect: {is_violation: true, acts: [props_installation], subject: pns, category: 7}
"""


@pytest.mark.parametrize(
    ("second_case", "expected"),
    [
        (
            "- id: no-text\n  expect: {is_violation: false}\n",
            "cases.yaml: case 2: missing field 'text'",
        ),
        ('- id: no-expect\n  text: "hujan deras"\n', "cases.yaml: case 2: missing field 'expect'"),
        (
            "- id: text-number\n  text: 12\n  expect: {is_violation: false}\n",
            "cases.yaml: case 2: field 'text' must be a string",
        ),
        (
            '- id: bad-category\n  text: "x"\n  expect: {is_violation: true, category: "lima"}\n',
            "cases.yaml: case 2: bawaslu category must be an integer",
        ),
        (
            '- id: bad-date\n  text: "x"\n  expect: {is_violation: true, date: "2024-13-45"}\n',
            "cases.yaml: case 2:",
        ),
    ],
    ids=["missing text", "missing expect", "text not a string", "category word", "bad date"],
)
def test_malformed_yaml_case_names_the_case(
    tmp_path: Path, second_case: str, expected: str
) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(GOOD_CASE + second_case, encoding="utf-8")
    with pytest.raises(LabelFileError) as caught:
        load_labelled(path)
    assert expected in str(caught.value)


def test_yaml_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("id: lonely\ntext: x\n", encoding="utf-8")
    with pytest.raises(LabelFileError, match=r"cases\.yaml: expected a list of cases"):
        load_labelled(path)


def test_broken_yaml_syntax_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("- id: a\n  text: [unclosed\n", encoding="utf-8")
    with pytest.raises(LabelFileError, match=r"cases\.yaml: not valid YAML"):
        load_labelled(path)


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        ("{not json", "labels.jsonl: line 3:"),
        ('{"id": "c", "is_incident": false}', "labels.jsonl: line 3: missing field 'text'"),
        ('{"id": "c", "text": "hujan"}', "labels.jsonl: line 3: missing field 'is_violation'"),
        (
            '{"id": "c", "text": ["a"], "is_incident": false}',
            "labels.jsonl: line 3: field 'text' must be a string",
        ),
    ],
    ids=["invalid json", "missing text", "missing label", "text not a string"],
)
def test_malformed_jsonl_line_is_named(tmp_path: Path, bad_line: str, expected: str) -> None:
    path = tmp_path / "labels.jsonl"
    good = '{"id": "a", "text": "cuaca cerah", "is_incident": false}'
    path.write_text(f"{good}\n\n{bad_line}\n{good}\n", encoding="utf-8")
    with pytest.raises(LabelFileError) as caught:
        load_labelled(path)
    assert expected in str(caught.value)


def test_jsonl_labels_load_with_dates_and_categories(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text(
        '{"id": "p1", "text": "t", "is_incident": true, "subject": "pns", '
        '"acts": ["props_installation"], "bawaslu_category": 7, "date": "2024-10-02"}\n'
        '{"id": "n1", "text": "u", "is_incident": false, "bawaslu_category": 0}\n',
        encoding="utf-8",
    )
    positive, negative = load_labelled(path)
    assert (positive.subject, positive.acts, positive.category) == (
        "pns",
        ("props_installation",),
        7,
    )
    assert positive.date is not None
    assert positive.date.isoformat() == "2024-10-02"
    assert (negative.subject, negative.category, negative.date) == ("none", None, None)


@pytest.mark.parametrize(
    ("folder", "floors"),
    [
        (
            HOLDOUT_DIR,
            (HOLDOUT_MIN_PRECISION, HOLDOUT_MIN_F1, HOLDOUT_MIN_CATEGORY, HOLDOUT_MIN_SUBJECT),
        ),
        (HARD_DIR, (HARD_MIN_PRECISION, HARD_MIN_F1, HARD_MIN_CATEGORY, HARD_MIN_SUBJECT)),
    ],
    ids=["holdout", "hard"],
)
def test_independent_sets_stay_above_their_floors(
    folder: Path, floors: tuple[float, float, float, float]
) -> None:
    items = [item for path in sorted(folder.glob("*.yaml")) for item in load_labelled(path)]
    assert len(items) >= 100
    report = _run(items)
    measured = (report.precision, report.f1, report.category_accuracy, report.subject_accuracy)
    assert all(value >= floor for value, floor in zip(measured, floors, strict=True)), (
        f"precision/F1/category/subject {measured} below {floors}\n" + _errors(report)
    )
