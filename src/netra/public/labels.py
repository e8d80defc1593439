"""Human labels for the core's codes in the language of the current request.

The core carries its own Indonesian and English labels (states, roles, rulebook categories,
subjects and acts); the web layer only picks the one matching the active language, so a label is
written once, next to the law it names.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from netra.procedure import CaseState, Deadline, Role
from netra.rulebook import load_rulebook


def is_indonesian() -> bool:
    return (get_language() or "id").startswith("id")


def _pick(label_id: str, label_en: str) -> str:
    return label_id if is_indonesian() else (label_en or label_id)


def state_label(code: str) -> str:
    try:
        state = CaseState(code)
    except ValueError:
        return code
    return _pick(state.label_id, state.label_en)


def role_label(code: str) -> str:
    try:
        role = Role(code)
    except ValueError:
        return code
    return _pick(role.label_id, role.label_en)


def category_label(number: int | None) -> str:
    if number is None:
        return str(_("Not classified"))
    category = load_rulebook().categories.get(int(number))
    if category is None:
        return str(number)
    return _pick(category.label_id, category.label_en)


# The analyzer's subject code for a text in which it recognised no one acting
# (netra.analysis.analyzer.NO_SUBJECT); it is stored on cases as their suggested subject but is
# no rulebook subject, so it has its label here rather than a bare "none" on the page.
NO_SUBJECT = "none"


def subject_label(code: str) -> str:
    if code == NO_SUBJECT:
        return str(_("No subject recognised"))
    subject = load_rulebook().subjects.get(code)
    return _pick(subject.label_id, subject.label_en) if subject else code


def stage_label(label_id: str) -> str:
    """An election stage's label in the reader's language, from the Indonesian label the recap
    rows carry. The label, not the code, is the key: one code names different stages in the
    Pilkada and the Pemilu (`rekapitulasi`), and each has its own English label."""
    if is_indonesian():
        return label_id
    return _english_stage_labels().get(label_id, label_id)


@functools.cache
def _english_stage_labels() -> dict[str, str]:
    return {
        stage.label_id: stage.label_en
        for election in load_rulebook().elections.values()
        for stage in election.stages
        if stage.label_en
    }


def act_label(code: str) -> str:
    act = load_rulebook().acts.get(code)
    return _pick(act.label_id, act.label_en) if act else code


def category_choices() -> list[tuple[int, str]]:
    return [(number, f"{number}. {category_label(number)}") for number in range(1, 11)]


def subject_choices() -> list[tuple[str, str]]:
    return [(code, subject_label(code)) for code in load_rulebook().subjects]


def act_choices() -> list[tuple[str, str]]:
    return [(code, act_label(code)) for code in load_rulebook().acts]


# Codes of the procedure core that have no label of their own there: shown in forms and timelines.
CHOICE_LABELS: dict[str, object] = {
    # ViolationType
    "administrasi": _("Administrative violation"),
    "pidana": _("Criminal offence"),
    "kode_etik": _("Code of ethics violation"),
    "peraturan_perundangan_lainnya": _("Violation of other laws (incl. ASN neutrality)"),
    # ForwardRecipient
    "kasn": _("KASN (until 23 August 2024)"),
    "bkn": _("BKN (from 24 August 2024)"),
    "kemenpanrb": _("KemenPANRB (files KASN had already processed, from 24 August 2024)"),
    "tni": _("TNI"),
    "polri": _("Polri"),
    "regional_government": _("Regional government (Bupati/Wali Kota)"),
    "kemendagri": _("Kemendagri (Minister of Home Affairs)"),
    "kpu": _("KPU"),
    "dkpp": _("DKPP"),
    "other_authority": _("Another authority"),
    # ControlAction
    "peringatan": _("Warning"),
    "teguran": _("Reprimand"),
    "blokir_data": _("Personnel data blocked"),
    "pembatalan_keputusan": _("Decision annulled"),
    # SanctionLevel
    "moral_tertutup": _("Moral sanction, closed statement"),
    "moral_terbuka": _("Moral sanction, open statement"),
    "ringan": _("Light disciplinary sanction"),
    "sedang": _("Moderate disciplinary sanction"),
    "berat": _("Severe disciplinary sanction"),
    "ptdh": _("Dishonourable dismissal (PTDH)"),
    # AppealKind
    "keberatan": _("Objection (keberatan)"),
    "banding": _("Administrative appeal (banding)"),
}


# How each field of the procedure table (a step's payload) is named to people: the table's own
# description is English, for developers. The desk asks for them and the case history shows them.
FIELD_LABELS: dict[str, Any] = {
    "reason": _("Reason"),
    "warning": _("Warning"),
    "found_on": _("Date the violation was found"),
    "missing_items": _("What the reporter must complete"),
    "completion_note": _("What the reporter supplied"),
    "registration_number": _("Registration number"),
    "study": _("Study (facts, evidence and legal analysis)"),
    "decision": _("Text of the plenary decision"),
    "violation_type": _("Type of violation"),
    "recipient": _("Recommendation goes to"),
    "letter_number": _("Letter number"),
    "letter_date": _("Letter date"),
    "outcome": _("What the receiving authority did"),
    "recommendation_number": _("Recommendation number"),
    "recommendation_date": _("Recommendation date"),
    "control_action": _("Control action"),
    "sanction_level": _("Sanction imposed"),
    "sk_number": _("SK number"),
    "sk_date": _("SK date"),
    "appeal_kind": _("Kind of appeal"),
    "appeal_outcome": _("Decision on the appeal"),
    "referred_to": _("Referred to"),
    "completion_due_on": _("The reporter must answer by"),
}


def field_label(code: str) -> str:
    """The label of a step's payload field; the code itself if it has none."""
    label = FIELD_LABELS.get(code)
    return str(label) if label is not None else code


def choice_label(code: str) -> str:
    label = CHOICE_LABELS.get(code)
    return str(label) if label is not None else code


def choice_labels(codes: list[str]) -> str:
    """Several choices in one phrase, e.g. the bodies a recommendation may go to."""
    return " / ".join(choice_label(code) for code in codes)


NO_DEADLINE = "none"


def deadline_status(due_on: date | None, today: date | None = None) -> str:
    """`overdue`, `due_soon` (due today or tomorrow), `ok`, or `none` when no clock runs."""
    if due_on is None:
        return NO_DEADLINE
    # The procedure core owns the thresholds; a Deadline built from the stored day applies them.
    deadline = Deadline(
        clock_id="", due_on=due_on, unit="", source="", certainty="", started_on=due_on
    )
    return deadline.status(today or timezone.localdate()).value


def days_left(due_on: date | None, today: date | None = None) -> int | None:
    if due_on is None:
        return None
    return (due_on - (today or timezone.localdate())).days
