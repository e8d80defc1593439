"""What the reporter is told, and when: a notice at every public step of their report.

The notice goes to the contact the reporter gave (e-mail now; a phone number waits in the outbox
until an SMS or WhatsApp sender is configured), only if they asked for notices. It names the
report by number and step, never the terlapor or the reporter, and is written in Indonesian.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netra.cases.models import Report
from netra.notifications.services import channel_for, queue_message
from netra.procedure.states import CaseState

# The steps a reporter hears of (Perbawaslu 7/2022 Pasal 15-21 require telling the reporter of
# registration or its refusal and of the decision); the rest are internal to the offices.
PUBLIC_STEPS: frozenset[CaseState] = frozenset(
    {
        CaseState.RECEIVED,
        CaseState.NEEDS_COMPLETION,
        CaseState.NOT_REGISTERED,
        CaseState.INITIAL_INFORMATION,
        CaseState.REGISTERED,
        CaseState.DECIDED_NOT_VIOLATION,
        CaseState.DECIDED_VIOLATION,
        CaseState.FORWARDED,
        CaseState.SANCTION_IMPOSED,
        CaseState.CLOSED,
        CaseState.INVALID,
        CaseState.OUT_OF_SCOPE,
    }
)
NOTICE_LANGUAGE = "id"


def tell_reporter(
    report: Report, *, state: CaseState, payload: Mapping[str, object], now: datetime
) -> bool:
    """Queue the notice for `state` to the reporter if they asked for one; True if queued."""
    if state not in PUBLIC_STEPS or not report.notify_contact:
        return False
    target = channel_for(report.reporter_contact)
    if target is None:
        return False
    channel, address = target
    case = report.case
    with translation.override(NOTICE_LANGUAGE):
        subject = _("Report %(number)s: %(step)s") % {
            "number": case.number,
            "step": state.label_id,
        }
        lines = [
            _("Your report %(number)s has a new status: %(step)s.")
            % {"number": case.number, "step": state.label_id}
        ]
        lines.extend(_details(report, state=state, payload=payload))
        lines.append(
            _(
                "You can follow the report on Netra's status page with your tracking code. "
                "This message was sent automatically; please do not reply to it."
            )
        )
    queue_message(
        channel=channel,
        recipient=address,
        subject=subject,
        body="\n\n".join(lines),
        kind=f"reporter.{state.value}",
        case_id=case.pk,
        now=now,
    )
    return True


def _long(day: object) -> str:
    return date_format(day, "j F Y") if isinstance(day, date) else str(day)


def _details(report: Report, *, state: CaseState, payload: Mapping[str, object]) -> list[str]:
    """The step's particulars the reporter may know: the code, the request, the reason."""
    if state is CaseState.RECEIVED:
        return [
            _("Your tracking code: %(code)s. Keep it: it is the only way to follow the report.")
            % {"code": report.tracking_code}
        ]
    if state is CaseState.NEEDS_COMPLETION:
        lines = [
            _("The supervisors ask you to complete the report:")
            + "\n"
            + str(payload.get("missing_items", ""))
        ]
        due = payload.get("completion_due_on")
        if due:
            lines.append(_("Please answer on the status page by %(day)s.") % {"day": _long(due)})
        return lines
    if state is CaseState.OUT_OF_SCOPE:
        lines = [_("Reason: %(reason)s") % {"reason": payload.get("reason", "")}]
        referred = payload.get("referred_to")
        if referred:
            lines.append(
                _("The matter has been referred to: %(body)s") % {"body": _body_name(referred)}
            )
        return lines
    if state in {
        CaseState.NOT_REGISTERED,
        CaseState.INITIAL_INFORMATION,
        CaseState.CLOSED,
        CaseState.INVALID,
    }:
        reason = payload.get("reason") or payload.get("outcome")
        return [_("Reason: %(reason)s") % {"reason": reason}] if reason else []
    if state is CaseState.REGISTERED and payload.get("registration_number"):
        return [_("Registration number: %(number)s") % {"number": payload["registration_number"]}]
    return []


_BODY_NAMES = {
    "kpu": "KPU",
    "dkpp": "DKPP",
    "polri": "Polri (Sentra Gakkumdu)",
    "regional_government": "Pemerintah daerah (bupati/wali kota)",
    "other_authority": "instansi lain yang berwenang",
}


def _body_name(code: object) -> str:
    return _BODY_NAMES.get(str(code), str(code))


def tell_reopened(report: Report, *, reason: str, now: datetime) -> bool:
    """Tell the reporter their report was reopened, and why; True if queued."""
    if not report.notify_contact:
        return False
    target = channel_for(report.reporter_contact)
    if target is None:
        return False
    channel, address = target
    case = report.case
    with translation.override(NOTICE_LANGUAGE):
        subject = _("Report %(number)s has been reopened") % {"number": case.number}
        body = "\n\n".join(
            [
                _("Your report %(number)s has been reopened and is being handled again.")
                % {"number": case.number},
                _("Reason: %(reason)s") % {"reason": reason},
                _(
                    "You can follow the report on Netra's status page with your tracking code. "
                    "This message was sent automatically; please do not reply to it."
                ),
            ]
        )
    queue_message(
        channel=channel,
        recipient=address,
        subject=subject,
        body=body,
        kind="reporter.reopened",
        case_id=case.pk,
        now=now,
    )
    return True
