"""The learned fallback: rebuilt byte for byte, validated on load, used where rules read no act."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from netra.guidance.consult import Basis, Consultant
from netra.guidance.evaluate import load_questions
from netra.guidance.fallback import (
    FALLBACK_FILE,
    NONE_LABEL,
    FallbackError,
    load_fallback,
    parse_fallback,
)
from netra.guidance.fallback_training import (
    Example,
    FallbackTrainingError,
    examples_from,
    train,
)
from netra.guidance.generalise import TEMPLATES, cross_validate, totals, unseen_words
from netra.guidance.reading import read_question

HERE = Path(__file__).parent
PACKAGED = Path(__file__).parents[2] / "src" / "netra" / "guidance" / "data" / FALLBACK_FILE


def test_the_packaged_model_is_rebuilt_byte_for_byte_from_the_sets_it_names():
    model = load_fallback()
    assert model.trained_on, "the model names the development sets it was trained on"
    # Round 18: check 20 is development data too; round 20: so is check 21 (run once in round 19);
    # round 22: so is check 22 (run once in round 21), which the model is now trained on
    # (deliberately changed: round 21 asserted it was not); round 23: so is check 23 (run once
    # in round 22; deliberately changed: round 22 asserted it was not); round 24: so is check 24
    # (run once in round 23; deliberately changed: round 23 asserted it was not); round 25: so is
    # check 25 (run once in round 24; deliberately changed: round 24 asserted it was not); round
    # 26: so is check 26 (run once in round 25; deliberately changed: round 25 asserted it was
    # not); round 27: so is check 27 (run once in round 26; deliberately changed: round 26
    # asserted it was not); round 29: so is check 28 (run once in round 27; deliberately
    # changed: rounds 27 and 28 asserted it was not); round 30: so is check 29 (run once in
    # round 29; deliberately changed: round 29 asserted it was not); round 31: so is check 30
    # (run once in round 30; deliberately changed: round 30 asserted it was not); round 32: so is
    # check 31 (run once in round 31; deliberately changed: round 31 asserted it was not), with
    # the development labels of round 32's conventions; round 34: so are checks 32 and 33 (run
    # once in rounds 32 and 33; deliberately changed: round 32 asserted check 32 was not); round
    # 35: so is check 34 (run once in round 34; deliberately changed: round 34 asserted it was
    # not), retrained after round 35's readings changed the features. Check 35 stays held out.
    assert "questions_heldout_34.yaml" in model.trained_on
    assert "questions_heldout_33.yaml" in model.trained_on
    assert "questions_heldout_32.yaml" in model.trained_on
    assert "questions_heldout_31.yaml" in model.trained_on
    assert "questions_heldout_30.yaml" in model.trained_on
    assert "questions_heldout_29.yaml" in model.trained_on
    assert "questions_heldout_28.yaml" in model.trained_on
    assert "questions_heldout_27.yaml" in model.trained_on
    assert "questions_heldout_26.yaml" in model.trained_on
    assert "questions_heldout_25.yaml" in model.trained_on
    assert "questions_heldout_24.yaml" in model.trained_on
    assert "questions_heldout_23.yaml" in model.trained_on
    assert "questions_heldout_22.yaml" in model.trained_on
    assert "questions_heldout_21.yaml" in model.trained_on
    assert "questions_heldout_20.yaml" in model.trained_on
    assert "questions_heldout_19.yaml" in model.trained_on
    assert not any("heldout_35" in name for name in model.trained_on)
    items = [item for name in model.trained_on for item in load_questions(HERE / name)]
    rules = Consultant(use_fallback=False)
    rebuilt = train(
        examples_from(items, rules.rulebook, rules.faq),
        trained_on=model.trained_on,
    )
    assert rebuilt.to_json() == PACKAGED.read_text(encoding="utf-8")


def test_the_model_file_round_trips_and_its_labels_name_acts_and_faq_entries():
    model = load_fallback()
    again = parse_fallback(json.loads(model.to_json()), source="again")
    assert again.to_json() == model.to_json()
    rules = Consultant(use_fallback=False)
    known = [f"act:{code}" for code in rules.rulebook.acts] + [f"faq:{e.id}" for e in rules.faq]
    parse_fallback(json.loads(model.to_json()), source="x", known_labels=known)
    assert NONE_LABEL in model.labels


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"threshold": 1.5}, "'threshold' must be a number"),
        ({"labels": ["act:a", "act:a"]}, "'labels' holds a duplicate"),
        ({"labels": ["act:a", "maybe"]}, "label 'maybe' is not"),
        ({"idf": [1.0]}, "'idf' must be a list of 2 numbers"),
        ({"weights": [[0.0, 0.0]]}, "'weights' must hold one row per label"),
        ({"format": 9}, "'format' must be 1"),
    ],
)
def test_a_malformed_model_is_refused_naming_the_field(change, message):
    good = {
        "format": 1,
        "threshold": 0.5,
        "labels": ["act:a", "none"],
        "vocabulary": ["w:a", "w:b"],
        "idf": [1.0, 1.0],
        "intercepts": [0.0, 0.0],
        "weights": [[1.0, 0.0], [0.0, 1.0]],
    }
    with pytest.raises(FallbackError, match=message):
        parse_fallback({**good, **change}, source="m.json")


def test_a_label_naming_no_act_or_entry_is_refused():
    data = json.loads(load_fallback().to_json())
    data["labels"][0] = "act:no_such_act"
    with pytest.raises(FallbackError, match="names no act or FAQ entry"):
        parse_fallback(data, source="m.json", known_labels=["act:props_installation"])


def test_training_needs_two_labels():
    with pytest.raises(FallbackTrainingError, match="at least two labels"):
        train([Example("Bolehkah ASN?", "none")])


def _toy_model(threshold: float):
    examples = [
        Example("Bolehkah ASN zorblat kertasnya paslon?", "act:props_installation"),
        Example("Bolehkah PNS zorblat kertasnya calon?", "act:props_installation"),
        Example("Bolehkah ASN zorblat kertasnya caleg?", "act:props_installation"),
        Example("Berapa gaji PNS golongan tiga?", NONE_LABEL),
        Example("Berapa tunjangan guru?", NONE_LABEL),
    ]
    return train(examples, c=50.0, threshold=threshold)


def test_a_sure_guess_answers_where_the_rules_read_no_act_and_says_so():
    question = "Bolehkah ASN zorblat kertasnya paslon?"
    assert read_question(question).acts == ()
    assert not Consultant(use_fallback=False).ask(question).is_answered
    answer = Consultant(fallback=_toy_model(0.3)).ask(question)
    assert answer.basis is Basis.RULEBOOK
    assert answer.act == "props_installation"
    assert answer.allowed is False
    assert "model cadangan" in answer.caveats[0]


def test_an_unsure_guess_answers_nothing_and_names_the_guess_first():
    answer = Consultant(fallback=_toy_model(0.999)).ask("Bolehkah ASN zorblat kertasnya paslon?")
    assert not answer.is_answered
    assert answer.text.startswith("Netra tidak yakin")
    assert answer.related[0].key == "act:props_installation"


def test_the_fallback_does_not_override_an_act_the_rules_read():
    model = replace(_toy_model(0.01), labels=("act:props_installation", NONE_LABEL))
    answer = Consultant(fallback=model).ask("Bolehkah ASN like postingan paslon?")
    assert answer.act == "social_media_engagement"
    assert not any("model cadangan" in caveat for caveat in answer.caveats)


def test_a_question_naming_an_act_word_presumes_a_candidate():
    assert read_question("Bolehkah ASN memasang baliho?").acts[:1] == ("props_installation",)
    # Using a car for oneself is no partiality; a transfer keeps its own presumption.
    assert read_question("Bolehkah ASN mudik pakai mobil dinas?").acts == ()
    rotation = read_question("Bolehkah penjabat gubernur memutasi kepala dinas?")
    assert rotation.acts[:1] == ("official_rotation",)


def test_cross_validation_holds_each_set_out_once(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        "questions:\n"
        "  - {id: a1, q: 'Bolehkah ASN like postingan paslon?', src: 'https://a', scope: in,"
        " allowed: false, act: social_media_engagement}\n"
        "  - {id: a2, q: 'Berapa gaji PNS?', src: 'https://b', scope: out}\n",
        encoding="utf-8",
    )
    other = tmp_path / "b.yaml"
    other.write_text(
        "questions:\n"
        "  - {id: b1, q: 'Bolehkah PNS memasang baliho calon?', src: 'https://c', scope: in,"
        " allowed: false, act: props_installation}\n",
        encoding="utf-8",
    )
    folds = cross_validate({"a": load_questions(path), "b": load_questions(other)})
    assert [fold.name for fold in folds] == ["a", "b"]
    assert totals([fold.rules for fold in folds]) == (2, 2, 1, 1)


def test_the_unseen_words_check_reads_every_act_s_cue_phrases():
    checks = {check.act: check for check in unseen_words()}
    assert "props_installation" in checks
    assert "partisan_photo" in checks
    for check in checks.values():
        assert len(check.read) == len(TEMPLATES)
        assert all(0 <= hits <= check.phrases for hits in check.read)
    # A phrase the rules read as the act in every template is never listed as missed.
    assert "foto bersama" not in checks["partisan_photo"].missed
