"""Screening: the prefilter never drops what `analyze` would flag, and bad lines are named."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.analysis import analyze
from netra.analysis.analyzer import MAX_TEXT_CHARS
from netra.analysis.evaluate import Labelled, load_labelled
from netra.analysis.learned.features import VILLAGE
from netra.analysis.screen import (
    _ELONGATION,
    _LETTER_RUN,
    _NON_WORD,
    NOT_A_VIOLATION,
    Screener,
    Verdict,
    _informal_variants,
    _parsed,
    _rendered_line,
    _to_json,
    default_screener,
    screen_chunk,
    screen_json_lines,
    screen_record_chunk,
)
from netra.analysis.vocabulary import SLANG
from netra.rulebook import load_rulebook

CASES_DIR = Path(__file__).parent / "cases"
RULEBOOK = load_rulebook()
DEV_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev.jsonl"


def _labelled() -> list[Labelled]:
    items = [item for path in sorted(CASES_DIR.glob("*.yaml")) for item in load_labelled(path)]
    if DEV_CORPUS.is_file():
        items += load_labelled(DEV_CORPUS)
    return items


LABELLED = _labelled()
POSITIVES = [item for item in LABELLED if item.is_incident]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return default_screener()


def _analyze_verdict(text: str) -> tuple[bool, int | None, str]:
    analysis = analyze(text)
    return (analysis.is_violation, analysis.bawaslu_category, analysis.subject.type)


def _screen_verdict(screener: Screener, text: str) -> tuple[bool, int | None, str]:
    """The verdict, category and subject; the act is checked apart, since screening skips the
    act rules and reports the act the model reads in the decided category."""
    verdict = screener.screen(text)
    if verdict.is_violation:
        assert len(verdict.acts) == 1
        if verdict.subject_type not in VILLAGE:
            assert RULEBOOK.act(verdict.acts[0]).category == verdict.bawaslu_category
    return (verdict.is_violation, verdict.bawaslu_category, verdict.subject_type)


def test_every_labelled_incident_passes_the_prefilter(screener: Screener) -> None:
    dropped = [item.id for item in POSITIVES if not screener.passes_prefilter(item.text)]
    assert len(POSITIVES) >= 100
    assert not dropped, f"prefilter drops labelled incidents: {dropped}"


def test_screen_verdict_equals_analyze_on_every_labelled_text(screener: Screener) -> None:
    differing = [
        f"{item.id}: analyze {_analyze_verdict(item.text)} screen "
        f"{_screen_verdict(screener, item.text)}"
        for item in LABELLED
        if _analyze_verdict(item.text) != _screen_verdict(screener, item.text)
    ]
    assert not differing, "\n".join(differing)


def test_chatter_without_any_official_is_stopped_by_the_prefilter(screener: Screener) -> None:
    text = "Nanti sore nonton bola bareng di warung kopi, jangan lupa bawa payung ya."
    assert not screener.passes_prefilter(text)
    assert screener.screen(text) is NOT_A_VIOLATION


@pytest.mark.parametrize(
    "text",
    [
        "Camaaat Sukamaju mengunggah ajakan memilih paslon nomor urut 2 di Facebook pribadinya.",
        "Pak kadeees memasang baliho paslon nomor urut 1 di depan balai desa.",
        "Seorang poliiisi berfoto dengan pose dua jari bersama paslon nomor urut 2.",
    ],
    ids=["camaaat", "kadeees", "poliiisi"],
)
def test_elongated_official_word_passes_the_prefilter_like_the_tokenizer_reads_it(
    screener: Screener, text: str
) -> None:
    # normalize.canonical collapses letter runs ("camaaat" -> "camat") before matching.
    assert screener.passes_prefilter(text)
    assert _screen_verdict(screener, text) == _analyze_verdict(text)


def test_screen_reports_category_subject_acts_and_score(screener: Screener) -> None:
    text = "Kepala desa Sukamaju memasang baliho paslon nomor urut 1 di depan balai desa."
    verdict = screener.screen(text)
    assert isinstance(verdict, Verdict)
    assert verdict.is_violation
    assert verdict.bawaslu_category == 5
    assert verdict.subject_type == "village_head"
    assert verdict.acts == ("props_installation",)
    assert 0.0 < verdict.score <= 1.0


# Words that make the classifier fire, mixed with noise, so the property covers real findings.
DOMAIN_WORDS = [
    "camat", "Camat", "ASN", "PNS", "guru", "kepala desa", "Kades", "lurah", "sekdes", "bupati",
    "anggota TNI", "polisi", "paslon", "nomor urut 2", "no urut 01", "kampanye", "mengunggah",
    "berfoto", "dukung", "mendukung", "baliho", "memasang", "ajak", "memilih", "Facebook",
    "deklarasi", "hadir", "tim sukses", "caleg", "bakal calon", "pose dua jari", "#Coblos02",
    "mobil dinas", "KTP", "partai", "pada 5 Oktober 2024", "(2/9/2024)", "camaaat", "kadeees",
    ".", ",", "!", "\n", " ",
]  # fmt: skip
noise = st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
free_text = st.lists(st.one_of(st.sampled_from(DOMAIN_WORDS), noise), max_size=30).map(" ".join)
# who + what + for whom, with noise between: about half of these are flagged.
sentence = st.tuples(
    free_text,
    st.sampled_from(["Camat", "Guru PNS", "Kepala desa", "Kadeees", "Anggota TNI", "Polisi"]),
    noise,
    st.sampled_from(["mengunggah ajakan memilih", "berfoto bersama", "memasang baliho"]),
    noise,
    st.sampled_from(["paslon nomor urut 2", "pasangan calon 01", "bakal calon bupati"]),
    free_text,
).map(" ".join)
domain_text = st.one_of(free_text, sentence)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=domain_text)
def test_screen_agrees_with_analyze_on_generated_texts(text: str) -> None:
    screener = default_screener()
    if _analyze_verdict(text)[0]:
        assert screener.passes_prefilter(text)
    assert _screen_verdict(screener, text) == _analyze_verdict(text)


# --- JSONL lines ---

CAMAT = "Camat Sukamaju mengunggah ajakan memilih paslon nomor urut 2 di akun Facebook pribadinya."


def _line(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def test_bad_lines_are_named_and_the_rest_screened_in_order() -> None:
    lines = [
        (1, _line({"id": "a", "text": CAMAT, "source": "fb", "likes": 3})),
        (2, b"{not json"),
        (3, _line({"text": "tanpa id"})),
        (4, _line({"id": "d"})),
        (5, _line({"id": "e", "text": 42})),
        (6, b'{"id": "f", "text": "caf\xff"}'),
        (7, _line(["id", "text"])),
        (8, b"   "),
        (9, _line({"id": "i", "text": "cuaca cerah hari ini"})),
        (10, _line({"id": 10, "text": CAMAT})),
    ]
    results = list(screen_json_lines(lines))

    assert [r.line for r in results] == [1, 2, 3, 4, 5, 6, 7, 9, 10]
    errors = {r.line: r.error for r in results if r.error}
    assert errors == {
        2: "line 2: invalid JSON: Expecting property name enclosed in double quotes",
        3: "line 3: missing field 'id'",
        4: "line 4: missing field 'text'",
        5: "line 5: field 'text' must be a string",
        6: "line 6: not valid UTF-8 at byte 24",
        7: "line 7: expected a JSON object with id and text",
    }
    good = [r.record for r in results if r.record is not None]
    assert [record["id"] for record in good] == ["a", "i", 10]
    assert [record["is_violation"] for record in good] == [True, False, True]


def test_screened_record_keeps_passthrough_fields_and_drops_the_text() -> None:
    (result,) = screen_json_lines(
        [(1, _line({"id": "a", "text": CAMAT, "source": "fb", "meta": {"likes": 3}}))]
    )
    assert result.record == {
        "id": "a",
        "is_violation": True,
        "bawaslu_category": 1,
        "subject": {"type": "pns"},
        "acts": ["social_media_campaign"],
        "score": result.record["score"] if result.record else None,
        "source": "fb",
        "meta": {"likes": 3},
    }
    assert result.is_violation


def test_passthrough_field_cannot_overwrite_the_verdict() -> None:
    (result,) = screen_json_lines(
        [(1, _line({"id": "a", "text": "cuaca cerah", "is_violation": True, "acts": ["x"]}))]
    )
    assert result.record is not None
    assert result.record["is_violation"] is False
    assert result.record["acts"] == []


def test_screen_chunk_matches_line_by_line_screening() -> None:
    chunk = [(n, _line({"id": n, "text": CAMAT if n % 3 else "hujan"})) for n in range(1, 10)]
    # A worker sends each line already rendered as JSON; the lines are the same.
    assert [r.as_json() for r in screen_chunk(chunk)] == [
        r.as_json() for r in screen_json_lines(chunk)
    ]
    assert all(r.record is None and r.rendered for r in screen_chunk(chunk))


def test_prefilter_words_are_ascii_as_its_letter_run_check_assumes(screener: Screener) -> None:
    # passes_prefilter only undoes elongation when it sees an ASCII letter run ("aaa").
    words = list(screener.prefilter.keys())  # an Automaton, not a dict
    assert words
    assert all(str(word).isascii() for word in words)


def test_prefilter_triggers_are_words_joined_by_single_spaces(screener: Screener) -> None:
    # passes_prefilter looks for triggers in the text as written before it collapses runs of
    # non-word characters; that is sound only for triggers of this shape.
    words = list(screener.prefilter.keys())  # an Automaton, not a dict
    assert words
    assert all(re.fullmatch(r"[a-z0-9]+(?: [a-z0-9]+)*", str(word)) for word in words)


def _normalised_only(screener: Screener, text: str) -> bool:
    """The prefilter without its look at the text as written."""
    lowered = " ".join(_NON_WORD.split(text.lower()))
    if screener._matches(lowered):
        return True
    return _LETTER_RUN.search(lowered) is not None and screener._matches(
        _ELONGATION.sub(r"\1", lowered)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kepala  Desa hadir",
        "kepala_desa ikut kampanye",
        "KEPALA-DESA",
        "kepala\ndesa",
        "#KepalaDesa #CamatNetral",
        "camaaat itu",
        "İstanbul kepala desa",
        "kepala\u00a0desa",
        "",
        "hujan deras",
    ],
)
def test_prefilter_reads_as_the_normalised_text_alone_would(screener: Screener, text: str) -> None:
    assert screener.passes_prefilter(text) == _normalised_only(screener, text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["kepala", "desa", "camat", "pns", "asn", "lurah", "guru", "di", "a"])
        | st.text(alphabet=" _-.\n\u00a0#İıAaZ", max_size=3),
        max_size=8,
    )
)
def test_prefilter_agrees_with_the_normalised_reading_on_glued_words(
    screener: Screener, parts: list[str]
) -> None:
    text = "".join(parts)
    assert screener.passes_prefilter(text) == _normalised_only(screener, text)


class _ExplodingScreener(Screener):
    """Fails on one word, as an analyzer bug would on one odd post."""

    def screen(self, text: str) -> Verdict:
        if "meledak" in text:
            raise ValueError("boom")
        return super().screen(text)


def test_an_analyzer_failure_on_one_post_is_a_named_error_and_the_run_goes_on() -> None:
    screener = _ExplodingScreener(default_screener().analyzer)
    lines = [
        (1, _line({"id": "a", "text": "cuaca cerah"})),
        (2, _line({"id": "b", "text": "teks ini meledak"})),
        (3, _line({"id": "c", "text": CAMAT})),
    ]
    results = list(screen_json_lines(lines, screener))
    assert [r.line for r in results] == [1, 2, 3]
    assert results[1].error == "line 2: the analyzer failed on this text: ValueError('boom')"
    assert [r.record["id"] for r in results if r.record] == ["a", "c"]


# --- the memo of verdicts ---


def _plain_verdict(screener: Screener, text: str) -> Verdict:
    """The verdict without the memo: the prefilter, then the classifier."""
    cut = text[:MAX_TEXT_CHARS]
    return screener.classify(cut) if screener.passes_prefilter(cut) else NOT_A_VIOLATION


# Texts a memo keyed on anything but the exact text would confuse: the same words with other
# capitals (a capital after the office makes it specific), punctuation (a new sentence) or
# spacing, which the prefilter reads alike.
NEAR_REPEATS = [
    CAMAT,
    CAMAT.lower(),
    CAMAT.replace("Sukamaju", "sukamaju"),
    CAMAT.replace(" mengunggah", ". Mengunggah"),
    CAMAT.replace("Camat Sukamaju", "Camat-Sukamaju"),
    "Camat  Sukamaju mengunggah ajakan memilih paslon nomor urut 2.",
    "Kepala desa Sukamaju memasang baliho paslon nomor urut 1 di depan balai desa.",
    "Kepala desa sukamaju memasang baliho paslon nomor urut 1 di depan balai desa.",
    "Pensiunan kepala desa Sukamaju memasang baliho paslon nomor urut 1 di depan balai desa.",
    "Seorang guru PNS hadir dalam deklarasi dukungan untuk bakal calon bupati.",
    "Kemarin hujan deras, jalanan banjir sampai lutut.",
]


def test_remembered_verdicts_equal_the_plain_path_on_near_repeats() -> None:
    screener = Screener(default_screener().analyzer)
    plain = [_plain_verdict(screener, text) for text in NEAR_REPEATS]
    assert len({(v.is_violation, v.subject_type, v.score) for v in plain}) > 2  # they differ
    for _ in range(3):  # the first round fills the memo, the others read it
        assert [screener.screen(text) for text in NEAR_REPEATS] == plain
    passing = [text for text in NEAR_REPEATS if screener.passes_prefilter(text)]
    assert set(screener.remembered) == set(passing)  # chatter is not remembered


def test_the_memo_is_emptied_when_full_and_verdicts_stay_the_same() -> None:
    screener = Screener(default_screener().analyzer)
    screener.max_remembered = 3
    plain = [_plain_verdict(screener, text) for text in NEAR_REPEATS]
    for _ in range(4):
        assert [screener.screen(text) for text in NEAR_REPEATS] == plain
        assert len(screener.remembered) <= 3


def test_the_memo_keys_on_the_text_as_cut_for_screening() -> None:
    screener = Screener(default_screener().analyzer)
    long_text = CAMAT + " " + "x" * MAX_TEXT_CHARS
    assert screener.screen(long_text) == _plain_verdict(screener, long_text)
    assert set(map(len, screener.remembered)) == {MAX_TEXT_CHARS}


@cache
def _remembering_and_forgetting() -> tuple[Screener, Screener]:
    """Two screeners of the bundled analyzer, one with a small memo, one without any."""
    remembering = Screener(default_screener().analyzer)
    remembering.max_remembered = 4
    forgetting = Screener(default_screener().analyzer)
    forgetting.max_remembered = 0
    return remembering, forgetting


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(domain_text, min_size=1, max_size=6), repeats=st.integers(1, 3))
def test_screening_with_the_memo_equals_screening_without_it(
    texts: list[str], repeats: int
) -> None:
    remembering, forgetting = _remembering_and_forgetting()
    remembering.remembered.clear()
    stream = texts * repeats
    assert [remembering.screen(t) for t in stream] == [forgetting.screen(t) for t in stream]
    assert [remembering.screen(t) for t in stream] == [
        _plain_verdict(forgetting, t) for t in stream
    ]
    assert not forgetting.remembered


# -- fast paths of the output line, the input line and the prefilter's build ----------------------

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),  # json.loads reads no NaN from a valid line; see below for it
    st.text(max_size=12),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
# Input keys that an output line writes itself (and "text", which it drops) beside free ones.
record_key = st.one_of(
    st.sampled_from(["id", "text", "is_violation", "bawaslu_category", "subject", "acts", "score"]),
    st.text(max_size=8),
)
verdicts = st.one_of(
    st.just(NOT_A_VIOLATION),
    st.builds(
        Verdict,
        st.just(True),
        st.sampled_from([1, 2, 5, 10]),
        st.sampled_from(["pns", "village_head", "regional_head", "tni"]),
        st.lists(
            st.sampled_from(["mobilization", "partisan_photo", "campaign_team"]), max_size=3
        ).map(tuple),
        st.integers(0, 1000).map(lambda n: round(n / 1000, 3)),
    ),
)


def _output_record(record: dict[str, object], verdict: Verdict) -> dict[str, object]:
    """The output dict `screen_record` builds on its plain path."""
    output: dict[str, object] = {
        "id": record["id"],
        "is_violation": verdict.is_violation,
        "bawaslu_category": verdict.bawaslu_category,
        "subject": {"type": verdict.subject_type},
        "acts": list(verdict.acts),
        "score": verdict.score,
    }
    for key, value in record.items():
        if key not in output and key != "text":
            output[key] = value
    return output


@settings(max_examples=300, deadline=None)
@given(
    record=st.dictionaries(record_key, json_value, max_size=6),
    identifier=json_value,
    verdict=verdicts,
)
def test_an_output_line_joined_from_pieces_is_the_encoders_line(
    record: dict[str, object], identifier: object, verdict: Verdict
) -> None:
    record = {"id": identifier, **record}
    for _ in range(2):  # the verdict's fields made, then read back from the table
        joined = _rendered_line(record, verdict)
        assert joined == _to_json(_output_record(record, verdict))
        assert json.loads(joined) == json.loads(_to_json(_output_record(record, verdict)))


def test_an_output_line_with_a_key_that_is_no_string_is_left_to_the_encoder() -> None:
    # csv.DictReader keys the cells past the header with None: the encoder writes "null".
    record: dict[object, object] = {
        "id": "a",
        "text": "hujan",
        None: ["x"],
        3: 4.5,
        "n": float("nan"),
    }
    assert _rendered_line(record, NOT_A_VIOLATION) is None  # type: ignore[arg-type]
    (result,) = screen_record_chunk([(1, record)])
    assert result.as_json() == _to_json(_output_record(record, NOT_A_VIOLATION))  # type: ignore[arg-type]
    assert '"null": ["x"], "3": 4.5, "n": NaN}' in result.as_json()


def test_rendered_lines_equal_the_plain_records_of_a_stream() -> None:
    records = [
        {"id": f"p{n}", "text": text, "kind": n % 3, "score": "kept out", "text2": [n]}
        for n, text in enumerate([CAMAT, "hujan deras", *NEAR_REPEATS])
    ]
    lines = [(n, _line(record)) for n, record in enumerate(records, start=1)]
    rendered = list(screen_json_lines(lines, rendered=True))
    plain = list(screen_json_lines(lines))
    assert [r.as_json() for r in rendered] == [_to_json(r.record) for r in plain]
    assert all(r.record is None for r in rendered)


spacing = st.text(alphabet=" \t\r\n", max_size=3)


@settings(max_examples=300, deadline=None)
@given(value=json_value, before=spacing, after=spacing)
def test_a_line_is_parsed_as_json_loads_parses_it(value: object, before: str, after: str) -> None:
    line = before + json.dumps({"id": value}, ensure_ascii=False) + after
    assert _parsed(line) == json.loads(line)


@settings(max_examples=300, deadline=None)
@given(line=st.one_of(st.text(max_size=20), st.text(max_size=20).map(lambda s: "{" + s)))
def test_a_bad_line_raises_what_json_loads_raises(line: str) -> None:
    def outcome(parse: object) -> object:
        try:
            return ("value", parse(line))  # type: ignore[operator]
        except json.JSONDecodeError as error:
            return ("error", error.msg, error.pos)

    assert outcome(_parsed) == outcome(json.loads)


@pytest.mark.parametrize(
    "line",
    [
        '{"id": 1, "text": "a"}\n',
        '{"id": 1, "text": "a"} \v',  # \v is not JSON whitespace: extra data
        '{"id": 1, "text": "a"} {"id": 2}',
        '{"id": 1, "text": "a"}\u00a0',
        '\ufeff{"id": 1}',
        '{"id": NaN, "text": "a"}',
        '{"id": 1, "text": "a"',
        "{}",
        "{",
    ],
)
def test_edge_lines_are_parsed_or_refused_as_json_loads_does(line: str) -> None:
    def outcome(parse: object) -> object:
        try:
            found = parse(line)  # type: ignore[operator]
        except json.JSONDecodeError as error:
            return ("error", error.msg, error.pos)
        return ("value", json.dumps(found))

    assert outcome(_parsed) == outcome(json.loads)


def _informal_variants_by_scan(phrase: str) -> set[str]:
    """The variants as first written: every entry of the slang table tried on the phrase."""
    variants = {phrase}
    padded = f" {phrase} "
    for informal, canonical in SLANG.items():
        if f" {canonical} " in padded:
            variants.add(padded.replace(f" {canonical} ", f" {informal} ", 1).strip())
    return variants


def test_informal_variants_by_runs_of_words_equal_the_scan_of_the_slang_table() -> None:
    lexicon = default_screener().analyzer.lexicon
    phrases = sorted({phrase for found in lexicon.phrases.values() for phrase in found})
    assert len(phrases) > 1000
    odd = ["", " kades", "kepala desa ", "kepala  desa", "pj bupati pj bupati", "x kepala desa"]
    changed = 0
    for phrase in [*phrases, *odd]:
        variants = _informal_variants(phrase)
        assert variants == _informal_variants_by_scan(phrase), phrase
        changed += len(variants) > 1
    assert changed > 100  # many phrases have informal spellings
