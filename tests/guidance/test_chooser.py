"""The chooser between readings: built byte for byte the same, validated on load, and (when a
Consultant is given one) overriding an answer only when confident, never an unanswered one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from netra.guidance.chooser import (
    FEATURES,
    Chooser,
    ChooserError,
    candidates,
    parse_chooser,
    read_chooser,
)
from netra.guidance.chooser_training import Rows, held_out_rows, train_chooser
from netra.guidance.consult import Basis, Consultant
from netra.guidance.evaluate import load_questions
from netra.guidance.reading import read_question

HERE = Path(__file__).parent
SMALL_SETS = ("questions_heldout_4.yaml", "questions_heldout_5.yaml", "questions_heldout_3.yaml")


def _always(score: float) -> Chooser:
    """A chooser whose every candidate scores `score` (weights zero)."""
    logit = float(np.log(score / (1 - score)))
    return Chooser(weights=np.zeros(len(FEATURES)), intercept=logit, threshold=0.5)


def test_the_chooser_is_built_byte_for_byte_the_same_from_the_same_sets():
    sets = {name: load_questions(HERE / name) for name in SMALL_SETS}
    rules = Consultant(use_fallback=False)
    built = [
        train_chooser(held_out_rows(sets, rules.rulebook, rules.faq), trained_on=list(sets))
        for _ in range(2)
    ]
    assert built[0].to_json() == built[1].to_json()
    again = parse_chooser(json.loads(built[0].to_json()), source="again")
    assert again.to_json() == built[0].to_json()
    assert again.trained_on == SMALL_SETS


def test_rows_hold_one_row_per_other_candidate_with_the_features_in_order():
    sets = {name: load_questions(HERE / name) for name in SMALL_SETS[:2]}
    rules = Consultant(use_fallback=False)
    rows = held_out_rows(sets, rules.rulebook, rules.faq)
    assert rows.features
    assert len(rows.features) == len(rows.targets)
    assert all(len(row) == len(FEATURES) for row in rows.features)
    assert set(rows.targets) <= {0, 1}


def test_candidates_start_with_the_answers_reading_and_take_the_models_best_three():
    reading = read_question("Bolehkah ASN hadir kampanye?")
    probabilities = {"act:a": 0.5, "faq:b": 0.3, "none": 0.9, "act:c": 0.1, "act:d": 0.05}
    labels = candidates("act:campaign_attendance", ("campaign_attendance",), probabilities)
    assert labels == ("act:campaign_attendance", "act:a", "faq:b", "act:c")
    assert reading.acts  # the rules read an act in it


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": 2}, "'format' must be 1"),
        ({"features": ["kept"]}, "'features' must be"),
        ({"weights": [0.0]}, "'weights' must be a list of"),
        ({"intercept": "x"}, "'intercept' must be a finite number"),
        ({"threshold": 0}, "'threshold' must be a number in"),
        ({"trained_on": [1]}, "'trained_on' must be a list"),
    ],
)
def test_a_malformed_chooser_is_refused_naming_the_field(change, message):
    good = json.loads(_always(0.5).to_json())
    with pytest.raises(ChooserError, match=message):
        parse_chooser({**good, **change}, source="c.json")


def test_a_chooser_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "c.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ChooserError, match=r"c\.json: not JSON"):
        read_chooser(path)


def test_no_chooser_is_used_unless_one_is_given():
    assert Consultant().chooser is None
    assert Consultant(use_fallback=False, chooser=_always(0.99)).chooser is None


def test_a_confident_chooser_answers_from_another_reading_and_says_so():
    question = "Bolehkah ASN hadir kampanye lalu mengajak warga memilih paslon?"
    plain = Consultant().ask(question)
    chosen = Consultant(chooser=_always(0.99)).ask(question)
    assert plain.is_answered
    assert chosen.is_answered
    assert (chosen.act, chosen.entry_id) != (plain.act, plain.entry_id)
    assert any("model pemilih" in caveat for caveat in chosen.caveats)


def test_an_unsure_chooser_keeps_the_answer():
    question = "Bolehkah ASN hadir kampanye lalu mengajak warga memilih paslon?"
    assert Consultant(chooser=_always(0.3)).ask(question) == Consultant().ask(question)


def test_the_chooser_never_answers_what_was_left_unanswered():
    for question in ("Berapa gaji PNS golongan III?", "Bolehkah paslon melibatkan kepala desa?"):
        answer = Consultant(chooser=_always(0.99)).ask(question)
        assert answer.basis is Basis.NONE


def test_a_chooser_trained_on_rows_of_one_kind_never_overrides():
    chooser = train_chooser(Rows([[0.0] * len(FEATURES)] * 3, [0, 0, 0]))
    question = "Bolehkah ASN hadir kampanye lalu mengajak warga memilih paslon?"
    assert Consultant(chooser=chooser).ask(question) == Consultant().ask(question)
