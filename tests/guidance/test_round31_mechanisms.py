"""Round 31: the corpus act-words table (`corpus_words.py`), built from the labelled real corpus,
and its two measured uses, both off (docs/consultation.md, round 31).

Questions here are written for the test, not taken from any labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netra.analysis.lexicon import load_lexicon
from netra.guidance import consult, fallback
from netra.guidance.corpus_words import (
    ACT_WORDS_FILE,
    MIN_COUNT,
    ActWords,
    ActWordsError,
    build,
    load_act_words,
    parse_act_words,
)
from netra.guidance.reading import read_question

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "corpus" / "real" / "corpus.jsonl"
PACKAGED = ROOT / "src" / "netra" / "guidance" / "data" / ACT_WORDS_FILE

# Only words the reader has never seen place this question: a raised index finger and thumb
# before a candidate, with no photo, pose or gesture word the analyzer knows.
GESTURE_QUESTION = "Bolehkah PNS mengangkat telunjuk dan jempol di depan calon bupati?"


def test_the_packaged_table_is_rebuilt_byte_for_byte_from_the_real_corpus():
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    texts = [(item["text"], item["acts"], item["story"]) for item in map(json.loads, lines)]
    rebuilt = build(texts, load_lexicon())
    assert rebuilt.to_json() == PACKAGED.read_text(encoding="utf-8")
    assert rebuilt.texts > 3000  # the act-labelled texts of the corpus


def test_a_word_is_an_acts_only_when_seen_with_it_in_enough_stories_and_mostly_with_it():
    table = ActWords(
        counts={
            "jempol": {"partisan_photo": MIN_COUNT + 2, "social_media_engagement": 1},
            "warga": {"mobilization": 9, "campaign_attendance": 8},  # shared by two acts
            "langka": {"official_rotation": MIN_COUNT - 1},  # too few stories
        },
        sentences=30,
        texts=20,
    )
    assert table.act_of("jempol") == ("partisan_photo", pytest.approx(7 / 8))
    assert table.act_of("warga") is None
    assert table.act_of("langka") is None
    assert table.act_of("tidak ada") is None


def test_a_question_is_placed_only_by_enough_words_of_one_act():
    table = ActWords(
        counts={
            "jempol": {"partisan_photo": 8},
            "telunjuk": {"partisan_photo": 9},
            "pelat": {"state_facility_use": 9},
        },
        sentences=30,
        texts=20,
    )
    assert table.read(["jempol", "telunjuk"]) == ("partisan_photo", ("jempol", "telunjuk"))
    # One word is not enough evidence, and two acts as strong as each other place nothing.
    assert table.read(["jempol"]) is None
    assert table.read(["jempol", "pelat"]) is None


def test_a_malformed_table_is_refused_naming_the_field():
    good = json.loads(PACKAGED.read_text(encoding="utf-8"))
    with pytest.raises(ActWordsError, match="format"):
        parse_act_words({**good, "format": 99}, "t")
    with pytest.raises(ActWordsError, match="unknown act 'dancing'"):
        parse_act_words({**good, "counts": {"joget": {"dancing": 3}}}, "t")
    with pytest.raises(ActWordsError, match=r"counts\['joget'\]\['mobilization'\]"):
        parse_act_words({**good, "counts": {"joget": {"mobilization": 0}}}, "t")
    with pytest.raises(ActWordsError, match="texts"):
        parse_act_words({**good, "texts": -1}, "t")
    assert load_act_words().counts == parse_act_words(good, "t").counts


def test_the_reader_leaves_the_corpus_words_out_as_shipped():
    # Measured and not shipped: no act is read for the question, and the answer is none.
    assert consult.CORPUS_WORDS is False
    assert read_question(GESTURE_QUESTION).acts == ()
    answer = consult.Consultant(use_fallback=False).ask(GESTURE_QUESTION)
    assert not answer.is_answered


def test_with_the_corpus_words_on_the_unseen_words_place_the_question_and_say_so(monkeypatch):
    monkeypatch.setattr(consult, "CORPUS_WORDS", True)
    answer = consult.Consultant(use_fallback=False).ask(GESTURE_QUESTION)
    assert answer.act == "partisan_photo"
    assert answer.allowed is False
    assert any("korpus berita" in caveat and "jempol" in caveat for caveat in answer.caveats)
    # A question about no election is never placed by them.
    assert (
        not consult.Consultant(use_fallback=False)
        .ask("Bolehkah PNS mengangkat telunjuk dan jempol saat upacara?")
        .is_answered
    )


def test_with_the_corpus_features_on_the_fallback_sees_each_words_corpus_act(monkeypatch):
    reading = read_question(GESTURE_QUESTION)
    assert not any(key.startswith("k:") for key in fallback.question_features(reading))
    monkeypatch.setattr(fallback, "CORPUS_FEATURES", True)
    features = fallback.question_features(reading)
    assert features["k:partisan_photo"] == 3  # "mengangkat", "telunjuk", "jempol"


def test_the_command_writes_the_same_table_twice_and_names_a_bad_line(tmp_path):
    from typer.testing import CliRunner

    from netra.cli import app

    runner = CliRunner()
    corpus = tmp_path / "corpus.jsonl"
    sentence = "Seorang PNS berfoto dengan pose jempol bersama calon bupati."
    corpus.write_text(
        "".join(
            json.dumps({"text": sentence, "acts": ["partisan_photo"], "story": f"s{n}"}) + "\n"
            for n in range(MIN_COUNT)
        ),
        encoding="utf-8",
    )
    outputs = [tmp_path / "t1.json", tmp_path / "t2.json"]
    for output in outputs:
        result = runner.invoke(app, ["ask-act-words", str(corpus), "-o", str(output)])
        assert result.exit_code == 0, result.output
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    table = parse_act_words(json.loads(outputs[0].read_text(encoding="utf-8")), "t1")
    assert table.act_of("jempol") == ("partisan_photo", 1.0)
    corpus.write_text('{"text": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["ask-act-words", str(corpus), "-o", str(outputs[0])])
    assert result.exit_code == 2
    assert "line 1" in result.output


# The law's own list of campaign methods names the candidates' debate (UU 10/2016 Pasal 65 ayat
# (1) huruf c, UU 7/2017 Pasal 275 ayat (1) huruf h), and the FAQ's attendance entry already
# reads "debat" as the campaign: being at one is being at a campaign event.
@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah bidan PNS hadir di debat publik pasangan calon bupati?",
        "Bolehkah kepala sekolah PNS hadir dalam debat cagub di hotel?",
        "Bolehkah sekdes ikut meramaikan debat paslon bupati dengan membawa warga?",
        "Bolehkah lurah datang ke debat kandidat pilkada bersama warganya?",
    ],
)
def test_a_candidates_debate_is_a_campaign_event(question):
    answer = consult.Consultant(use_fallback=False).ask(question)
    assert answer.act == "campaign_attendance"
    assert answer.allowed is False


def test_a_debate_about_a_candidate_is_no_campaign_event():
    # Arguing about a candidate in a chat group names no debate of the candidates.
    reading = read_question("Bolehkah PNS berdebat soal calon presiden di grup WhatsApp?")
    assert "campaign_attendance" not in reading.acts
