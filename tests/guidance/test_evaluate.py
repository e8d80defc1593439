"""The labelled question set and the Tanya Aturan evaluation."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from netra.guidance.evaluate import QuestionSetError, evaluate, load_questions

QUESTIONS = Path(__file__).parent / "questions.yaml"
# Held-out checks 1-5 were each run once and then joined the development set
# (docs/history/consultation-rounds.md); they keep their files so that each check's figure can be
# traced.
EARLIER_CHECKS = tuple(
    Path(__file__).parent / name
    for name in (
        "questions_heldout.yaml",
        "questions_heldout_3.yaml",
        "questions_heldout_4.yaml",
        "questions_heldout_5.yaml",
    )
)
HELD_OUT = (
    *EARLIER_CHECKS,
    *(Path(__file__).parent / f"questions_heldout_{check}.yaml" for check in range(6, 36)),
)
# The sixth held-out set was frozen before this round's changes
# (docs/history/consultation-rounds.md): its bytes may not change, so its one run stays a run on
# unseen questions.
HELD_OUT_6 = Path(__file__).parent / "questions_heldout_6.yaml"
# Re-pinned after the ADR 0006 relabels of w13, w38, w69 and w75
# (docs/history/consultation-rounds.md, "Round 4"). Re-pinned in round 32 after the label-convention
# relabels (docs/history/consultation-rounds.md).
HELD_OUT_6_SHA256 = "72effe5253e6db8ca39fb4b740526a2088856a642a8c07ea5b23e6ff57d2211f"
# The seventh held-out set was gathered and labelled after ADR 0006 and before this round's other
# changes, and frozen before Netra answered any of its questions.
HELD_OUT_7 = Path(__file__).parent / "questions_heldout_7.yaml"
HELD_OUT_7_SHA256 = "379a8678b1f9e19cefedf83054d22ead9c0157358dbedcd3efb8b26ce7401fd3"
# The eighth held-out set (round 5) was gathered and labelled before any code of the round changed,
# and frozen before Netra answered any of its questions.
HELD_OUT_8 = Path(__file__).parent / "questions_heldout_8.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_8_SHA256 = "d37d93b4f1e65bb8b87b73b78d1a170a1477133f7dce65f4bea99863851de8f9"
# The ninth held-out set (round 6) was gathered and labelled after the chooser between readings
# was measured on the development sets, and frozen before Netra answered any of its questions.
HELD_OUT_9 = Path(__file__).parent / "questions_heldout_9.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_9_SHA256 = "cc752e2fab6f34eb02e7808eb1d6ef05a56e0f565a5b8e9cae28a1502bff4575"
# The tenth held-out set (round 7) was gathered and labelled before any code of the round changed,
# and frozen before Netra answered any of its questions.
HELD_OUT_10 = Path(__file__).parent / "questions_heldout_10.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_10_SHA256 = "6f39d015dcbaea9c92863cd8db577597766be7cd09d64e212442d831e59d9009"
# The eleventh held-out set (round 8) was gathered and labelled before any code of the round
# changed, and frozen before Netra answered any of its questions.
HELD_OUT_11 = Path(__file__).parent / "questions_heldout_11.yaml"
HELD_OUT_11_SHA256 = "6c9fb1edf68286409828bf8c98b5899f4f41e69759f5dcd60365c5aa71289474"
# The twelfth held-out set (round 9) was gathered and labelled before any code of the round
# changed, and frozen before Netra answered any of its questions.
HELD_OUT_12 = Path(__file__).parent / "questions_heldout_12.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_12_SHA256 = "cefda7d2ba936e3c5a1f1f3d165cac7fdfe48dbefd7bb61de8834e3773a13652"
# The thirteenth held-out set (round 10) was gathered and labelled before any code of the round
# changed, and frozen before Netra answered any of its questions; check 14 (round 11) likewise.
# Each is run once, by hand (docs/consultation.md).
HELD_OUT_13 = Path(__file__).parent / "questions_heldout_13.yaml"
HELD_OUT_13_SHA256 = "a5bb6c5fa3a556ada5d4940af792ef54a5b69f4fdb45bc0272f9661174eb4469"
HELD_OUT_14 = Path(__file__).parent / "questions_heldout_14.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_14_SHA256 = "3af63c53d7a309bafa2c00e70d96111bb885e5b4809e201e09d498bcddf67f9a"
# Check 15 (round 12) likewise: gathered and labelled before any code of the round changed.
HELD_OUT_15 = Path(__file__).parent / "questions_heldout_15.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_15_SHA256 = "b379c641fb19bb991e2a15fa3ceb559eb500ed9bc69a6d81d156575979e23e6a"
# Check 16 (round 13) likewise: gathered and labelled before any code of the round changed.
HELD_OUT_16 = Path(__file__).parent / "questions_heldout_16.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_16_SHA256 = "490d02e1aa5095e365258d9429bcf34ea830c83b9e2c8f4cc84594f696529792"
# Check 17 (round 14) likewise: gathered and labelled before any code of the round changed.
HELD_OUT_17 = Path(__file__).parent / "questions_heldout_17.yaml"
HELD_OUT_17_SHA256 = "da52480b75570e0fdcad5b7f18a1ec1a638fb4eb71a3d7e7575c4b4fa6cfaa9f"
# Check 18 (round 15) likewise: gathered and labelled before any code of the round changed.
HELD_OUT_18 = Path(__file__).parent / "questions_heldout_18.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_18_SHA256 = "e684a85b9f72ce537924028a55662bf4b10cfc2277f67260ce074947cd7773eb"
# Check 19 (round 16) likewise: gathered and labelled before any code of the round changed.
HELD_OUT_19 = Path(__file__).parent / "questions_heldout_19.yaml"
HELD_OUT_19_SHA256 = "b59d753897263fecf4cf9c76cbee93c80603954617ea28cbb2dd5051c99381e2"
# Check 20 (round 17) likewise: gathered and labelled before any code of the round changed.
HELD_OUT_20 = Path(__file__).parent / "questions_heldout_20.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_20_SHA256 = "996e9096a3cbf2513af113bffc5ef1abe7f2f5a19dd2acffb0a44ad9dd472d3e"
# Check 21 (round 19) likewise: gathered and labelled before any code of the round changed.
HELD_OUT_21 = Path(__file__).parent / "questions_heldout_21.yaml"
HELD_OUT_21_SHA256 = "34c947d660999260becd35f684dc8ea9a101fb97ff959c80fd77aa79cc10d224"
HELD_OUT_22 = Path(__file__).parent / "questions_heldout_22.yaml"
HELD_OUT_22_SHA256 = "bafa8d44762bdcfc630e42ce1741900f236ba1d6d868f3a6ff82c768bb6e28da"
HELD_OUT_23 = Path(__file__).parent / "questions_heldout_23.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_23_SHA256 = "8a494b0de4ec19085d38079c001d73303fefc879bfcb02868ff9d85b13906677"
HELD_OUT_24 = Path(__file__).parent / "questions_heldout_24.yaml"
# Re-pinned in round 32 after the label-convention relabels (docs/history/consultation-rounds.md).
HELD_OUT_24_SHA256 = "3444b23312f818fd3dd0ebf36d9b72e941913c34015232ea61a3e6d986941ad2"
HELD_OUT_25 = Path(__file__).parent / "questions_heldout_25.yaml"
HELD_OUT_25_SHA256 = "896354c35c0bd37adac3fed84c6be2a37760777961f5038b6eafab5704d8fd7f"
HELD_OUT_26 = Path(__file__).parent / "questions_heldout_26.yaml"
HELD_OUT_26_SHA256 = "0a095c97fb4528c159d3f9689e5b205e38f65f4253aaa5e10bb1a0aaff3e4f70"
HELD_OUT_27 = Path(__file__).parent / "questions_heldout_27.yaml"
HELD_OUT_27_SHA256 = "24e0423ec32cfd0d0808c6f8d62d57d29e2e6b7b5497d0b8aaeeac9980deee4a"
HELD_OUT_28 = Path(__file__).parent / "questions_heldout_28.yaml"
HELD_OUT_28_SHA256 = "23460c3a6cc7f8072aea4ef76b2d169bcad38bb02c7942d50b2ad6f9a1557177"
HELD_OUT_29 = Path(__file__).parent / "questions_heldout_29.yaml"
HELD_OUT_29_SHA256 = "bc9f9416e12421346536f0743bbb4f95ae9b5fec91a91b32f837a286d270bd95"
HELD_OUT_30 = Path(__file__).parent / "questions_heldout_30.yaml"
HELD_OUT_30_SHA256 = "42f6346f311dc33708b8b190caf7affc5b4ed85208fae03167fc62247d157716"
HELD_OUT_31 = Path(__file__).parent / "questions_heldout_31.yaml"
HELD_OUT_31_SHA256 = "c2fb096de487c76394646a1928f38fd496f846796148a507c48b00bac17bd9a5"
HELD_OUT_32 = Path(__file__).parent / "questions_heldout_32.yaml"
HELD_OUT_32_SHA256 = "3654643e2839b64c3d4e0a9a2bdb0bce3cda58d9c6f18faacb98da7be968d3fd"
# Check 33 (round 33) holds 7 in scope, under the 10 asked: the 40-search cap was reached with
# 78% of the candidate addresses already cited (docs/history/consultation-rounds.md, "Round 33").
HELD_OUT_33 = Path(__file__).parent / "questions_heldout_33.yaml"
HELD_OUT_33_SHA256 = "d48716b3326ccdd2ddaa2c4f64dc3546e3886c95de2c7d6d1dbece0c6ca98db2"
# Check 34 (round 34) holds 3 in scope, far under the 10 asked: the 40-search cap was reached with
# 67% of the candidate addresses already cited and most new pages retelling a development story
# (docs/history/consultation-34.md).
HELD_OUT_34 = Path(__file__).parent / "questions_heldout_34.yaml"
HELD_OUT_34_SHA256 = "095a68500ca7680c8d2cf4d426dcf8f3377a8a39f6af17e9c074b1828921c100"
# Check 35 (round 35) holds 8 in scope, under the 10 asked: 36 searches found 18 uncited pages among
# 87 candidate addresses (79% already cited) (docs/history/consultation-35.md).
HELD_OUT_35 = Path(__file__).parent / "questions_heldout_35.yaml"
HELD_OUT_35_SHA256 = "1332a2507baad37c6c0d9ce4575dd94fac40506d3cd7d46aa795e9f477f254f1"

# The development figures docs/consultation.md reports: a change that lowers them below these
# floors must say why in the docs. The first set alone (98.4% and 92.0% when written) and the
# pooled development set (the first set and checks 1-5 joined: 95.6% and 88.2% when written).
ACCURACY_FLOOR = 0.93
ABSTENTION_FLOOR = 0.9
POOLED_ACCURACY_FLOOR = 0.93
POOLED_ABSTENTION_FLOOR = 0.85


@pytest.fixture(scope="module")
def items():
    return load_questions(QUESTIONS)


def test_the_set_holds_at_least_150_real_questions_each_with_its_page(items):
    assert len(items) >= 150
    assert all(item.source.startswith(("http://", "https://")) for item in items)
    assert sum(item.is_in_scope for item in items) >= 150


def test_the_held_out_sets_hold_real_questions_from_pages_no_other_set_uses(items):
    held_out = [load_questions(path) for path in HELD_OUT]
    assert sum(item.is_in_scope for item in held_out[0]) >= 40
    groups = [items, *held_out]
    assert all(item.source.startswith(("http://", "https://")) for g in groups for item in g)
    pages = [{item.source for item in group} for group in groups]
    for index, group in enumerate(pages):
        for other in pages[index + 1 :]:
            assert not group & other


def test_the_sixth_held_out_set_is_frozen_and_holds_at_least_60_questions():
    assert hashlib.sha256(HELD_OUT_6.read_bytes()).hexdigest() == HELD_OUT_6_SHA256
    items = load_questions(HELD_OUT_6)
    assert len(items) >= 60
    assert sum(item.is_in_scope for item in items) >= 50


# Checks 7-35: each frozen before Netra answered any of its questions, and the least number of
# in-scope questions it was gathered to hold (every question names who asks).
FROZEN_CHECKS = [
    (HELD_OUT_7, HELD_OUT_7_SHA256, 40),
    (HELD_OUT_8, HELD_OUT_8_SHA256, 40),
    (HELD_OUT_9, HELD_OUT_9_SHA256, 40),
    (HELD_OUT_10, HELD_OUT_10_SHA256, 40),
    (HELD_OUT_11, HELD_OUT_11_SHA256, 45),
    (HELD_OUT_12, HELD_OUT_12_SHA256, 45),
    (HELD_OUT_13, HELD_OUT_13_SHA256, 45),
    (HELD_OUT_14, HELD_OUT_14_SHA256, 45),
    (HELD_OUT_15, HELD_OUT_15_SHA256, 45),
    (HELD_OUT_16, HELD_OUT_16_SHA256, 45),
    (HELD_OUT_17, HELD_OUT_17_SHA256, 45),
    (HELD_OUT_18, HELD_OUT_18_SHA256, 45),
    (HELD_OUT_19, HELD_OUT_19_SHA256, 45),
    (HELD_OUT_20, HELD_OUT_20_SHA256, 45),
    (HELD_OUT_21, HELD_OUT_21_SHA256, 38),
    (HELD_OUT_22, HELD_OUT_22_SHA256, 41),
    (HELD_OUT_23, HELD_OUT_23_SHA256, 12),
    (HELD_OUT_24, HELD_OUT_24_SHA256, 30),
    (HELD_OUT_25, HELD_OUT_25_SHA256, 20),
    (HELD_OUT_26, HELD_OUT_26_SHA256, 21),
    (HELD_OUT_27, HELD_OUT_27_SHA256, 22),
    (HELD_OUT_28, HELD_OUT_28_SHA256, 15),
    (HELD_OUT_29, HELD_OUT_29_SHA256, 10),
    (HELD_OUT_30, HELD_OUT_30_SHA256, 10),
    (HELD_OUT_31, HELD_OUT_31_SHA256, 10),
    (HELD_OUT_32, HELD_OUT_32_SHA256, 10),
    (HELD_OUT_33, HELD_OUT_33_SHA256, 7),
    (HELD_OUT_34, HELD_OUT_34_SHA256, 3),
    (HELD_OUT_35, HELD_OUT_35_SHA256, 8),
]


@pytest.mark.parametrize(
    ("path", "digest", "in_scope"), FROZEN_CHECKS, ids=[path.stem for path, _, _ in FROZEN_CHECKS]
)
def test_a_held_out_check_is_frozen_and_holds_its_questions(
    path: Path, digest: str, in_scope: int
) -> None:
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    items = load_questions(path)
    assert sum(item.is_in_scope for item in items) >= in_scope
    assert all(item.who for item in items)


def test_in_scope_answers_stay_above_the_documented_floor(items):
    report = evaluate(items)
    assert report.accuracy >= ACCURACY_FLOOR
    assert report.abstention >= ABSTENTION_FLOOR


def test_the_pooled_development_set_stays_above_its_documented_floor(items):
    pooled = [*items, *(item for path in EARLIER_CHECKS for item in load_questions(path))]
    report = evaluate(pooled)
    assert len(report.in_scope) >= 270
    assert report.accuracy >= POOLED_ACCURACY_FLOOR
    assert report.abstention >= POOLED_ABSTENTION_FLOOR


def test_the_asker_kind_is_optional_text(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(
        "questions:\n"
        "  - {id: a, q: 'Bolehkah ASN?', src: 'https://a', scope: out, who: asn}\n"
        "  - {id: b, q: 'Bolehkah ASN?', src: 'https://b', scope: out, who: 3}\n",
        encoding="utf-8",
    )
    with pytest.raises(QuestionSetError, match="item 'b': who must be"):
        load_questions(path)


def test_an_in_scope_item_without_an_expected_answer_is_rejected(tmp_path):
    bad = tmp_path / "q.yaml"
    bad.write_text(
        "questions:\n  - {id: x1, q: 'Bolehkah ASN?', src: 'https://a', scope: in}\n",
        encoding="utf-8",
    )
    with pytest.raises(QuestionSetError, match="item 'x1': an in-scope question names"):
        load_questions(bad)


def test_a_guess_on_an_out_of_scope_question_counts_against_it(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(
        "questions:\n"
        "  - {id: o1, q: 'Berapa gaji PNS golongan III?', src: 'https://a', scope: out}\n"
        "  - {id: o2, q: 'Apakah ASN boleh memilih?', src: 'https://b', scope: out}\n",
        encoding="utf-8",
    )
    report = evaluate(load_questions(path))
    assert report.abstention == 0.5
