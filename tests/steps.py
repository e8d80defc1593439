"""The steps a case takes in the tests, with the fields each needs, written once.

`payload_for(source, target, day)` gives the fields a move requires (dates set to `day`);
`step(case, target, actor, day, **overrides)` makes one move with them (a keyword replaces or
adds a field); `walk(case, path, cast=..., day=...)` makes the moves in turn, each by a cast
member whose role may make it, confirming the classification before a violation is decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from netra.cases.services import confirm_classification, move_case
from netra.procedure import CaseState, Role
from netra.procedure.transitions import FieldKind, transition_between

JAKARTA = ZoneInfo("Asia/Jakarta")
S = CaseState

# The text and choice fields of each step; date fields are filled with the day of the move.
FIELDS: Mapping[CaseState, Mapping[str, object]] = {
    S.NEEDS_COMPLETION: {"missing_items": "Kirim tangkapan layar unggahan."},
    S.NOT_REGISTERED: {"reason": "Tidak memenuhi syarat materiel."},
    S.REGISTERED: {"registration_number": "001/LP/PB/Kab/13.01/X/2024"},
    S.DECIDED_VIOLATION: {
        "study": "Kajian: fakta, bukti dan analisis hukum.",
        "decision": "Pleno menyatakan terbukti melanggar netralitas.",
        "violation_type": "peraturan_perundangan_lainnya",
    },
    S.DECIDED_NOT_VIOLATION: {
        "study": "Kajian: fakta, bukti dan analisis hukum.",
        "decision": "Pleno menyatakan tidak terbukti.",
    },
    S.FORWARDED: {"recipient": "bkn", "letter_number": "12/PP.01/K.JB-01/X/2024"},
    S.AWAITING_PPK: {"recommendation_number": "R-1/BKN/2024"},
    S.SANCTION_IMPOSED: {"sanction_level": "moral_terbuka", "sk_number": "800/1/BKPSDM/2024"},
    S.CLOSED: {"reason": "Selesai.", "outcome": "Sanksi dijatuhkan."},
}
# Fields that read the same whichever step asks for them.
COMMON: Mapping[str, object] = {"reason": "Alasan dicatat untuk berkas perkara."}
# Who makes a step, by the role the procedure names: the cast of tests/conftest.py (Kab. Bogor).
ACTOR_BY_ROLE = {
    Role.BAWASLU_KABKOTA: "panwas_bogor",
    Role.BKN_ANALYST: "bkn_analyst",
    Role.PPK_OFFICER: "ppk_bogor",
}
# The road of a violation from receipt to the sanction, one step at a time.
TO_SANCTION: tuple[CaseState, ...] = (
    S.FORMAL_MATERIAL_CHECK,
    S.REGISTERED,
    S.CLARIFICATION_STUDY,
    S.DECIDED_VIOLATION,
    S.FORWARDED,
    S.AWAITING_PPK,
    S.PPK_EXAMINATION,
    S.SANCTION_IMPOSED,
)


def at(day: date) -> dict[str, Any]:
    """The `now` and `today` keywords of a service call at 10:00 WIB on `day`."""
    return {"now": datetime(day.year, day.month, day.day, 10, 0, tzinfo=JAKARTA), "today": day}


def payload_for(source: CaseState, target: CaseState, day: date) -> dict[str, object]:
    """The fields the move from `source` to `target` requires, with its dates on `day`."""
    transition = transition_between(source, target)
    assert transition is not None, f"no move {source} -> {target}"
    fields = {**COMMON, **FIELDS.get(target, {})}
    return {
        req.field: day if req.kind is FieldKind.DATE else fields[req.field]
        for req in transition.requires
    }


def step(case: Any, target: CaseState, actor: Any, day: date, **overrides: object) -> Any:
    """Move `case` to `target` by `actor` on `day` with the step's fields (`overrides` win)."""
    payload = payload_for(CaseState(case.state), target, day) | overrides
    move_case(case, target=target, actor=actor, payload=payload, **at(day))
    case.refresh_from_db()
    return case


def walk(
    case: Any,
    path: Sequence[CaseState],
    *,
    cast: Mapping[str, Any],
    day: date,
    actor: Any = None,
) -> Any:
    """Move `case` along `path` on `day`, each step by `actor` or else by a cast member allowed
    to make it; a violation is decided on a confirmed classification (pns, category 4)."""
    for target in path:
        source = CaseState(case.state)
        transition = transition_between(source, target)
        assert transition is not None, f"no move {source} -> {target}"
        role = next(role for role in ACTOR_BY_ROLE if role in transition.roles)
        by = actor or cast[ACTOR_BY_ROLE[role]]
        if target is S.DECIDED_VIOLATION and not case.is_classification_confirmed:
            confirm_classification(
                case, category=4, acts=["campaign_attendance"], subject_type="pns", actor=by
            )
        step(case, target, by, day)
    return case


def hand_to_ppk(case: Any) -> Any:
    """Put `case` where BKN and the PPK see it: an ASN's case awaiting the PPK.

    For tests about what those roles see or may do once a case is theirs; the walk there, and
    that they see nothing before it, is tested in tests/security/test_least_privilege.py.
    """
    from netra.cases.models import Case

    Case.objects.filter(pk=case.pk).update(state=S.AWAITING_PPK.value, subject_type="pns")
    case.refresh_from_db()
    return case
