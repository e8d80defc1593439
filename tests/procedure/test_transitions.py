"""The transition table: who may move a case where, and what each move must carry."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from netra.procedure import (
    TRANSITIONS,
    CaseState,
    Certainty,
    ForwardRecipient,
    InvalidRequirement,
    MissingRequirement,
    ProcedurePolicy,
    Regime,
    Role,
    Transition,
    TransitionNotAllowed,
    UnknownCodeError,
    allowed_transitions,
    asn_authority_on,
    check_opening,
    check_transition,
    forwarding_warning,
    parse_role,
    parse_state,
    transition_between,
)
from netra.procedure.states import (
    OPENING_STATES,
    TERMINAL_STATES,
    asn_authority_subjects,
    recipient_for,
    recipients_for,
    refused_recipient,
)

S = CaseState

# One valid value for every field any transition can require.
VALID: dict[str, object] = {
    "reason": "Laporan dicabut oleh pelapor sebelum registrasi",
    "found_on": date(2024, 9, 2),
    "missing_items": "bukti foto unggahan",
    "completion_note": "tangkapan layar unggahan dilampirkan",
    "registration_number": "001/Reg/LP/PB/Kab/11.01/IX/2024",
    "study": "Kajian: unggahan terbukti dibuat oleh terlapor",
    "decision": "Pleno memutuskan terdapat pelanggaran",
    "violation_type": "peraturan_perundangan_lainnya",
    "recipient": "bkn",
    "letter_number": "123/PP.01.02/K.AC-01/09/2024",
    "letter_date": date(2024, 9, 2),
    "outcome": "Kodim menjatuhkan hukuman disiplin militer",
    "recommendation_number": "R-45/BKN/2024",
    "recommendation_date": date(2024, 9, 10),
    "control_action": "blokir_data",
    "sanction_level": "berat",
    "sk_number": "800/123/BKPSDM/2024",
    "sk_date": date(2024, 10, 1),
    "appeal_kind": "keberatan",
    "appeal_outcome": "keberatan ditolak",
    "referred_to": "kpu",
}


def payload_for(transition: Transition) -> dict[str, object]:
    return {req.field: VALID[req.field] for req in transition.requires}


def tid(transition: Transition) -> str:
    return f"{transition.source}->{transition.target}"


# --- the whole table, every role -------------------------------------------------------------

TABLE_BY_ROLE = [(t, role) for t in TRANSITIONS for role in Role]


@pytest.mark.parametrize(
    ("transition", "role"),
    TABLE_BY_ROLE,
    ids=[f"{tid(t)}-{role}" for t, role in TABLE_BY_ROLE],
)
def test_each_move_is_allowed_exactly_for_its_roles(transition: Transition, role: Role) -> None:
    offered = transition in allowed_transitions(transition.source, role)
    if role in transition.roles:
        assert offered
        result = check_transition(
            transition.source, transition.target, role, payload_for(transition)
        )
        assert result is transition
    else:
        assert not offered
        with pytest.raises(TransitionNotAllowed, match=f"role '{role.value}' may not"):
            check_transition(transition.source, transition.target, role, payload_for(transition))


@dataclass(frozen=True)
class Claim:
    source: CaseState
    target: CaseState
    role: Role
    allowed: bool
    why: str


# Policy pinned as data: if the table changes one of these, the change must be deliberate.
CLAIMS = [
    Claim(S.RECEIVED, S.FORMAL_MATERIAL_CHECK, Role.PANWASCAM, True,
          "every supervisor tier runs the kajian awal of a report it received"),
    Claim(S.RECEIVED, S.FORMAL_MATERIAL_CHECK, Role.PUBLIC, False,
          "the reporter does not check their own report"),
    Claim(S.NEEDS_COMPLETION, S.FORMAL_MATERIAL_CHECK, Role.PUBLIC, True,
          "the reporter hands in the missing items"),
    Claim(S.FORMAL_MATERIAL_CHECK, S.REGISTERED, Role.PUBLIC, False,
          "only supervisors register"),
    Claim(S.FORMAL_MATERIAL_CHECK, S.REGISTERED, Role.PANWASCAM, True,
          "a Panwaslu Kecamatan may register a report it received"),
    Claim(S.CLARIFICATION_STUDY, S.DECIDED_VIOLATION, Role.PANWASCAM, False,
          "Panwascam passes results up; Bawaslu Kab/Kota and above decide"),
    Claim(S.CLARIFICATION_STUDY, S.DECIDED_VIOLATION, Role.BAWASLU_KABKOTA, True,
          "Bawaslu Kab/Kota decides in pleno"),
    Claim(S.DECIDED_VIOLATION, S.FORWARDED, Role.BAWASLU_RI, True,
          "Bawaslu RI may forward its own recommendations"),
    Claim(S.DECIDED_VIOLATION, S.FORWARDED, Role.BKN_ANALYST, False,
          "BKN receives recommendations, it does not send them"),
    Claim(S.FORWARDED, S.BKN_VERIFICATION, Role.BKN_ANALYST, True,
          "BKN Deputi Wasdal verifies neutrality recommendations"),
    Claim(S.FORWARDED, S.BKN_VERIFICATION, Role.BAWASLU_RI, False,
          "Bawaslu cannot verify on BKN's behalf"),
    Claim(S.BKN_VERIFICATION, S.BKN_NOT_PROVEN, Role.PPK_OFFICER, False,
          "the verification outcome is BKN's"),
    Claim(S.AWAITING_PPK, S.PPK_EXAMINATION, Role.PPK_OFFICER, True,
          "the PPK examines under PP 94/2021 Pasal 26"),
    Claim(S.PPK_EXAMINATION, S.SANCTION_IMPOSED, Role.PPK_OFFICER, True,
          "only the PPK imposes the sanction"),
    Claim(S.PPK_EXAMINATION, S.SANCTION_IMPOSED, Role.BKN_ANALYST, False,
          "BKN controls the PPK but does not impose discipline"),
    Claim(S.AWAITING_PPK, S.BKN_CONTROL_ACTION, Role.BKN_ANALYST, True,
          "BKN acts when the PPK lets 14 hari kerja pass"),
    Claim(S.AWAITING_PPK, S.BKN_CONTROL_ACTION, Role.PPK_OFFICER, False,
          "a PPK cannot put itself under control"),
    Claim(S.BKN_CONTROL_ACTION, S.BKN_CONTROL_ACTION, Role.BKN_ANALYST, True,
          "peringatan escalates to teguran and blokir data"),
    Claim(S.SANCTION_IMPOSED, S.BKN_CONTROL_ACTION, Role.BKN_ANALYST, True,
          "BKN may annul a PPK decision that breaks the rules"),
    Claim(S.SANCTION_IMPOSED, S.APPEAL, Role.PPK_OFFICER, True,
          "the PPK records an upaya administratif"),
    Claim(S.REGISTERED, S.CLARIFICATION_STUDY, Role.ADMIN, False,
          "legal acts are attributed to officials, never to the system administrator"),
    Claim(S.SANCTION_IMPOSED, S.CLOSED, Role.VIEWER, False, "viewers only read"),
    Claim(S.RECEIVED, S.REGISTERED, Role.BAWASLU_RI, False,
          "a report is checked (kajian awal) before it is registered"),
    Claim(S.FINDING_RECORDED, S.REGISTERED, Role.BAWASLU_KABKOTA, True,
          "a supervisor's own finding needs no formal check"),
    Claim(S.DECIDED_NOT_VIOLATION, S.FORWARDED, Role.BAWASLU_RI, False,
          "nothing is forwarded when there is no violation"),
    Claim(S.BKN_VERIFICATION, S.SANCTION_IMPOSED, Role.PPK_OFFICER, False,
          "the PPK acts only on BKN's recommendation"),
]  # fmt: skip


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.why for c in CLAIMS])
def test_policy_claims_hold(claim: Claim) -> None:
    transition = transition_between(claim.source, claim.target)
    if claim.allowed:
        assert transition is not None
        assert check_transition(claim.source, claim.target, claim.role, payload_for(transition))
    else:
        payload = VALID if transition is None else payload_for(transition)
        with pytest.raises(TransitionNotAllowed):
            check_transition(claim.source, claim.target, claim.role, payload)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ADMIN])
@pytest.mark.parametrize("state", list(CaseState))
def test_viewer_and_admin_can_move_no_case(state: CaseState, role: Role) -> None:
    assert allowed_transitions(state, role) == ()


def test_public_may_only_complete_its_own_report() -> None:
    moves = [(t.source, t.target) for s in CaseState for t in allowed_transitions(s, Role.PUBLIC)]
    assert moves == [(S.NEEDS_COMPLETION, S.FORMAL_MATERIAL_CHECK)]


# --- shape of the table ----------------------------------------------------------------------


@pytest.mark.parametrize("state", sorted(TERMINAL_STATES))
def test_no_transition_leaves_a_terminal_state(state: CaseState) -> None:
    assert all(t.source is not state for t in TRANSITIONS)
    with pytest.raises(TransitionNotAllowed, match="final state"):
        check_transition(state, S.REGISTERED, Role.BAWASLU_RI, VALID)


@pytest.mark.parametrize("state", sorted(set(CaseState) - TERMINAL_STATES))
def test_every_open_state_has_a_way_out(state: CaseState) -> None:
    assert any(t.source is state for t in TRANSITIONS)


def test_every_state_is_reachable_from_an_opening_state() -> None:
    seen = set(OPENING_STATES)
    queue = deque(OPENING_STATES)
    while queue:
        state = queue.popleft()
        for t in TRANSITIONS:
            if t.source is state and t.target not in seen:
                seen.add(t.target)
                queue.append(t.target)
    assert seen == set(CaseState)


def test_every_move_is_unique_and_cites_its_basis() -> None:
    pairs = [(t.source, t.target) for t in TRANSITIONS]
    assert len(pairs) == len(set(pairs))
    assert all(t.basis.strip() and t.roles for t in TRANSITIONS)


@pytest.mark.parametrize("state", list(CaseState))
def test_every_state_has_indonesian_and_english_labels(state: CaseState) -> None:
    assert state.label_id.strip()
    assert state.label_en.strip()
    assert state.label_id != state.label_en


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_labels(role: Role) -> None:
    assert role.label_id.strip()
    assert role.label_en.strip()


# --- requirements ----------------------------------------------------------------------------

REQUIRED = [(t, req.field) for t in TRANSITIONS for req in t.requires]


@pytest.mark.parametrize(
    ("transition", "field"), REQUIRED, ids=[f"{tid(t)}-{f}" for t, f in REQUIRED]
)
def test_a_move_without_a_required_field_names_the_field(
    transition: Transition, field: str
) -> None:
    role = sorted(transition.roles)[0]
    payload = payload_for(transition)
    del payload[field]
    with pytest.raises(MissingRequirement, match=f"requires '{field}'") as raised:
        check_transition(transition.source, transition.target, role, payload)
    assert raised.value.code == "transition_requirement_missing"
    assert raised.value.details["field"] == field


@pytest.mark.parametrize(
    ("source", "target", "field", "why"),
    [
        (S.FORMAL_MATERIAL_CHECK, S.NOT_REGISTERED, "reason",
         "the reporter must be told why the report was not registered"),
        (S.CLARIFICATION_STUDY, S.DECIDED_NOT_VIOLATION, "study",
         "a decision rests on a written kajian"),
        (S.CLARIFICATION_STUDY, S.DECIDED_VIOLATION, "violation_type",
         "the type of violation decides where the case goes"),
        (S.DECIDED_VIOLATION, S.FORWARDED, "letter_number", "the forwarding letter is cited"),
        (S.DECIDED_VIOLATION, S.FORWARDED, "letter_date", "the letter date picks KASN or BKN"),
        (S.PPK_EXAMINATION, S.SANCTION_IMPOSED, "sanction_level", "the level is recorded"),
        (S.PPK_EXAMINATION, S.SANCTION_IMPOSED, "sk_number", "the SK is cited"),
        (S.PPK_EXAMINATION, S.SANCTION_IMPOSED, "sk_date", "the SK date is recorded"),
        (S.AWAITING_PPK, S.BKN_CONTROL_ACTION, "control_action", "the kind of control is named"),
    ],
)  # fmt: skip
def test_key_moves_require_their_documents(
    source: CaseState, target: CaseState, field: str, why: str
) -> None:
    transition = transition_between(source, target)
    assert transition is not None
    assert field in [req.field for req in transition.requires], why


def test_blank_text_counts_as_missing() -> None:
    with pytest.raises(MissingRequirement, match="'reason'"):
        check_transition(S.FORMAL_MATERIAL_CHECK, S.NOT_REGISTERED, Role.PANWASCAM, {"reason": " "})


def test_missing_requirement_lists_every_missing_field() -> None:
    with pytest.raises(MissingRequirement) as raised:
        check_transition(S.PPK_EXAMINATION, S.SANCTION_IMPOSED, Role.PPK_OFFICER, {})
    assert raised.value.details["missing"] == ["sanction_level", "sk_number", "sk_date"]


@pytest.mark.parametrize(
    ("source", "target", "role", "field", "value"),
    [
        (S.CLARIFICATION_STUDY, S.DECIDED_VIOLATION, Role.BAWASLU_KABKOTA, "violation_type",
         "netralitas"),
        (S.PPK_EXAMINATION, S.SANCTION_IMPOSED, Role.PPK_OFFICER, "sanction_level", "berat2"),
        (S.PPK_EXAMINATION, S.SANCTION_IMPOSED, Role.PPK_OFFICER, "sk_date", "2024-10-01"),
        (S.PPK_EXAMINATION, S.SANCTION_IMPOSED, Role.PPK_OFFICER, "sk_date",
         datetime(2024, 10, 1, 9, 0)),  # noqa: DTZ001 -- the point is that a datetime is refused
        (S.AWAITING_PPK, S.BKN_CONTROL_ACTION, Role.BKN_ANALYST, "control_action", "ancaman"),
        (S.FORMAL_MATERIAL_CHECK, S.NOT_REGISTERED, Role.PANWASCAM, "reason", 42),
    ],
)  # fmt: skip
def test_a_wrong_value_is_refused_naming_the_field(
    source: CaseState, target: CaseState, role: Role, field: str, value: object
) -> None:
    transition = transition_between(source, target)
    assert transition is not None
    payload = {**payload_for(transition), field: value}
    with pytest.raises(InvalidRequirement, match=f"'{field}'") as raised:
        check_transition(source, target, role, payload)
    assert raised.value.code == "transition_requirement_invalid"


def test_choices_accept_enum_members() -> None:
    transition = transition_between(S.PPK_EXAMINATION, S.SANCTION_IMPOSED)
    assert transition is not None
    payload = {**payload_for(transition), "sanction_level": "ptdh"}
    assert check_transition(S.PPK_EXAMINATION, S.SANCTION_IMPOSED, Role.PPK_OFFICER, payload)


# --- KASN until 23 Aug 2024, BKN from 24 Aug 2024 -------------------------------------------


@pytest.mark.parametrize(
    ("recipient", "letter_date", "ok", "warned"),
    [
        ("kasn", date(2024, 8, 23), True, False),
        # Issue 8 item 12: SE MenPANRB 4/2024 on KASN's pending files was signed only on 4 Sep
        # 2024, so a letter to KASN from 24 Aug to 4 Sep is warned about, not refused.
        ("kasn", date(2024, 8, 24), True, True),
        ("kasn", date(2024, 9, 4), True, True),
        ("kasn", date(2024, 9, 5), False, False),
        ("bkn", date(2024, 8, 24), True, False),
        ("bkn", date(2024, 8, 23), False, False),
        # Files KASN had already processed go to KemenPANRB (SE MenPANRB 4/2024).
        ("kemenpanrb", date(2024, 9, 10), True, False),
        ("kemenpanrb", date(2024, 8, 23), False, False),
        ("polri", date(2023, 1, 5), True, False),  # non-ASN recipients do not depend on the date
        ("regional_government", date(2024, 11, 28), True, False),
    ],
)
def test_asn_recommendation_goes_to_the_authority_of_its_date(
    recipient: str, letter_date: date, ok: bool, warned: bool
) -> None:
    payload = {
        "recipient": recipient,
        "letter_number": "1/REK/2024",
        "letter_date": letter_date,
    }
    move = (S.DECIDED_VIOLATION, S.FORWARDED, Role.BAWASLU_PROVINSI, payload)
    if ok:
        assert check_transition(*move).target is S.FORWARDED
    else:
        with pytest.raises(InvalidRequirement, match="'recipient'"):
            check_transition(*move)
    assert (forwarding_warning(payload) is not None) is warned


def test_asn_authority_changes_on_24_august_2024() -> None:
    assert asn_authority_on(date(2024, 8, 23)) is ForwardRecipient.KASN
    assert asn_authority_on(date(2024, 8, 24)) is ForwardRecipient.BKN


def test_the_asn_bodies_judge_civil_servants_and_a_pj_not_elected_heads() -> None:
    assert asn_authority_subjects() == {"pns", "pppk", "asn", "acting_regional_head"}


@pytest.mark.parametrize(
    ("subject", "on", "expected"),
    [
        ("pns", date(2024, 8, 23), ForwardRecipient.KASN),
        ("acting_regional_head", date(2024, 10, 1), ForwardRecipient.BKN),
        ("regional_head", date(2024, 10, 1), ForwardRecipient.KEMENDAGRI),
        ("village_official", date(2024, 10, 1), ForwardRecipient.REGIONAL_GOVERNMENT),
        ("tni", date(2024, 10, 1), ForwardRecipient.TNI),
        ("bumn_bumd", date(2024, 10, 1), ForwardRecipient.OTHER_AUTHORITY),
        # Nobody knows who acted: the letter goes to the ASN body, and nothing is refused.
        ("unknown", date(2024, 10, 1), ForwardRecipient.BKN),
    ],
)
def test_every_subject_has_its_recipient_from_the_rulebook(subject, on, expected) -> None:
    assert recipient_for(subject, on) is expected
    assert not refused_recipient(subject, expected)


def test_every_subject_of_the_shipped_rulebook_names_a_body_the_procedure_knows() -> None:
    from netra.rulebook import load_rulebook

    for code in load_rulebook().subjects:
        assert recipient_for(code, date(2024, 10, 1)) in ForwardRecipient


def test_an_unknown_subject_may_be_sent_to_any_body() -> None:
    assert recipients_for("unknown") is None
    assert not any(refused_recipient("unknown", recipient) for recipient in ForwardRecipient)


# --- moves that do not exist, openings, parsing ----------------------------------------------


def test_a_move_that_does_not_exist_lists_where_the_case_can_go() -> None:
    with pytest.raises(TransitionNotAllowed, match="cannot move from 'received' to 'closed'") as e:
        check_transition(S.RECEIVED, S.CLOSED, Role.BAWASLU_RI, VALID)
    assert "'formal_material_check'" in str(e.value)
    assert e.value.code == "transition_not_allowed"


@pytest.mark.parametrize(
    ("state", "role", "ok"),
    [
        (S.RECEIVED, Role.PUBLIC, True),
        (S.RECEIVED, Role.PANWASCAM, True),
        (S.FINDING_RECORDED, Role.BAWASLU_KABKOTA, True),
        (S.FINDING_RECORDED, Role.PUBLIC, False),
        (S.INITIAL_INFORMATION, Role.PUBLIC, False),
        (S.REGISTERED, Role.BAWASLU_RI, False),
        (S.RECEIVED, Role.BKN_ANALYST, False),
    ],
)
def test_who_may_open_a_case(state: CaseState, role: Role, ok: bool) -> None:
    if ok:
        check_opening(state, role)
    else:
        with pytest.raises(TransitionNotAllowed):
            check_opening(state, role)


def test_unknown_codes_are_named() -> None:
    assert parse_state("awaiting_ppk") is S.AWAITING_PPK
    assert parse_role("ppk_officer") is Role.PPK_OFFICER
    with pytest.raises(UnknownCodeError, match="unknown case state 'diregistrasi'"):
        parse_state("diregistrasi")
    with pytest.raises(UnknownCodeError, match="unknown role 'kasn'"):
        parse_role("kasn")


# --- docs/procedure.md draws the same table ---------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "procedure.md"


def test_the_documented_state_diagram_matches_the_table() -> None:
    text = DOCS.read_text(encoding="utf-8")
    diagram = text.split("```mermaid", 1)[1].split("```", 1)[0]
    edges = {
        tuple(part.strip() for part in line.split("-->"))
        for line in diagram.splitlines()
        if "-->" in line and "[*]" not in line
    }
    assert edges == {(t.source.value, t.target.value) for t in TRANSITIONS}


def test_stored_string_codes_work_like_the_enums() -> None:
    state, role = "awaiting_ppk", "ppk_officer"
    moves = allowed_transitions(state, role)  # type: ignore[arg-type]
    assert [t.target for t in moves] == [S.PPK_EXAMINATION, S.ASN_ALREADY_SEPARATED]
    with pytest.raises(UnknownCodeError, match="unknown case state 'menunggu_ppk'"):
        allowed_transitions("menunggu_ppk", role)  # type: ignore[arg-type]


# --- Pilkada steps borrowed from the Pemilu Perbawaslu (issue 8 item 13) ---------------------


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.source}-{t.target}")
def test_a_pilkada_step_resting_only_on_perbawaslu_7_2022_is_provisional(
    transition: Transition,
) -> None:
    # Perbawaslu 7/2022 governs the Pemilu; the Pilkada rules (Perbawaslu 8/2020 as amended by
    # 9/2024) were not read, so a Pilkada step taken from the Pemilu rules is provisional.
    borrowed = transition.basis.startswith("Perbawaslu 7/2022")
    assert (transition.certainty_for(Regime.PILKADA) is Certainty.PROVISIONAL) is borrowed
    assert transition.certainty_for(Regime.PEMILU) is Certainty.CONFIRMED
    if borrowed:
        assert "Perbawaslu 8/2020" in transition.basis_for(Regime.PILKADA)
    assert transition.basis_for(Regime.PEMILU) == transition.basis


def test_the_kajian_awal_step_is_among_the_borrowed_ones() -> None:
    step = transition_between(S.RECEIVED, S.FORMAL_MATERIAL_CHECK)
    assert step is not None
    assert step.certainty_for(Regime.PILKADA) is Certainty.PROVISIONAL


# --- Panwaslu Kecamatan deciding is configuration (issue 8 item 18) --------------------------


def test_by_default_a_panwascam_may_not_decide() -> None:
    # Bawaslu practice: the Panwaslu Kecamatan passes its results up to Bawaslu Kab/Kota.
    targets = {t.target for t in allowed_transitions(S.CLARIFICATION_STUDY, Role.PANWASCAM)}
    assert S.DECIDED_VIOLATION not in targets
    with pytest.raises(TransitionNotAllowed):
        check_transition(
            S.REGISTERED, S.DECIDED_NOT_VIOLATION, Role.PANWASCAM,
            {"study": "kajian", "decision": "bukan pelanggaran"},
        )  # fmt: skip


def test_a_deployment_may_let_the_panwascam_decide_and_forward() -> None:
    # UU 10/2016 Pasal 134 and UU 7/2017 Pasal 454(7) name Panwaslu Kecamatan among the bodies
    # that follow reports up, so the wider reading is a policy switch.
    policy = ProcedurePolicy(panwascam_decides=True)
    targets = {t.target for t in allowed_transitions(S.CLARIFICATION_STUDY, Role.PANWASCAM, policy)}
    assert S.DECIDED_VIOLATION in targets
    forwarded = {t.target for t in allowed_transitions(S.DECIDED_VIOLATION, Role.PANWASCAM, policy)}
    assert S.FORWARDED in forwarded
    step = check_transition(
        S.REGISTERED, S.DECIDED_NOT_VIOLATION, Role.PANWASCAM,
        {"study": "kajian", "decision": "bukan pelanggaran"}, policy,
    )  # fmt: skip
    assert step.target is S.DECIDED_NOT_VIOLATION


def test_the_policy_never_opens_steps_of_other_tiers_to_the_panwascam() -> None:
    policy = ProcedurePolicy(panwascam_decides=True)
    assert not allowed_transitions(S.AWAITING_PPK, Role.PANWASCAM, policy)


def test_every_step_of_the_table_has_its_basis_in_indonesian():
    from netra.procedure.transitions import BASES_ID

    missing = sorted({t.basis for t in TRANSITIONS if t.basis not in BASES_ID})
    assert missing == []
    assert set(BASES_ID) == {t.basis for t in TRANSITIONS}  # no stale entries
    assert all(t.basis_id != "" for t in TRANSITIONS)
