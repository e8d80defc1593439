"""What the reporter is told, and when: a notice at every public step of their report.

The notice goes to the contact the reporter gave (e-mail now; a phone number waits in the outbox
until an SMS or WhatsApp sender is configured), only if they asked for notices. It names the
report by number and step, never the terlapor or the reporter, and is written in Indonesian.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from netra.accounts.models import User
from netra.cases.models import Case, CaseTransition, Report
from netra.cases.scope import can_act_on_case
from netra.cases.selectors import (
    bkn_staff,
    deadlines_due_by_assignee,
    ppk_overdue_cases,
    supervisors_of,
)
from netra.notifications import texts
from netra.notifications.services import channel_for, notify_staff, queue_message
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

# What runs when a case reaches a public step, inside the step's transaction: apps that build on
# the case system register here (the letters app queues the step's pemberitahuan status
# laporan), so the case services need not import them.
PublicStepHook = Callable[[CaseTransition], None]
_public_step_hooks: list[PublicStepHook] = []


def on_public_step(hook: PublicStepHook) -> None:
    """Run `hook(step)` for every public step recorded from now on (once, however often asked)."""
    if hook not in _public_step_hooks:
        _public_step_hooks.append(hook)


def public_step_recorded(step: CaseTransition) -> None:
    """Tell the registered hooks of `step` if it is one the reporter hears of."""
    if CaseState(step.to_state) in PUBLIC_STEPS:
        for hook in _public_step_hooks:
            hook(step)


def tell_reporter(
    report: Report, *, state: CaseState, payload: Mapping[str, object], now: datetime
) -> bool:
    """Queue the notice for `state` to the reporter if they asked for one; True if queued."""
    if state not in PUBLIC_STEPS:
        return False

    def compose(case: Case) -> tuple[str, list[str]]:
        names = {"number": case.number, "step": state.label_id}
        return _("Report %(number)s: %(step)s") % names, [
            _("Your report %(number)s has a new status: %(step)s.") % names,
            *step_details(report, state=state, payload=payload),
        ]

    return _queue_for_reporter(report, compose, kind=f"reporter.{state.value}", now=now)


def _queue_for_reporter(
    report: Report,
    compose: Callable[[Case], tuple[str, list[str]]],
    *,
    kind: str,
    now: datetime,
) -> bool:
    """Queue a notice to the reporter's contact if they asked for notices; True if queued.

    `compose` gives the subject and the paragraphs, called in the notice language; every notice
    ends with the same closing paragraph.
    """
    if not report.notify_contact:
        return False
    target = channel_for(report.reporter_contact)
    if target is None:
        return False
    channel, address = target
    case = report.case
    with translation.override(NOTICE_LANGUAGE):
        subject, lines = compose(case)
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
        kind=kind,
        case_id=case.pk,
        now=now,
    )
    return True


def _long(day: object) -> str:
    return date_format(day, "j F Y") if isinstance(day, date) else str(day)


def step_details(report: Report, *, state: CaseState, payload: Mapping[str, object]) -> list[str]:
    """The step's particulars the reporter may know: the code, the request, the reason.

    In the active language; the notices and the status letter ask for Indonesian.
    """
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

    def compose(case: Case) -> tuple[str, list[str]]:
        return _("Report %(number)s has been reopened") % {"number": case.number}, [
            _("Your report %(number)s has been reopened and is being handled again.")
            % {"number": case.number},
            _("Reason: %(reason)s") % {"reason": reason},
        ]

    return _queue_for_reporter(report, compose, kind="reporter.reopened", now=now)


def _staff_message(
    users: list[User],
    *,
    kind: str,
    subject: texts.Message,
    lines: list[texts.Message],
    case_id: int | None,
    now: datetime,
) -> int:
    """Queue the notice as templates and values: each reader sees it in their desk's language."""
    content = texts.content(subject, lines)
    for user in users:
        notify_staff(user, content=content, kind=kind, case_id=case_id, now=now)
    return len(users)


def _handlers(case: Case) -> list[User]:
    """Who hears of a case's news: its assignee, else the supervisors of its region's office."""
    if case.assigned_to is not None:
        # An assignee who can no longer see the case (a BKN or PPK account after the case was
        # reopened before their step) is not told about it (UU PDP: least privilege).
        return [case.assigned_to] if can_act_on_case(case.assigned_to, case) else []
    return supervisors_of(case.region, case.kecamatan)


def tell_staff_new_case(case: Case, *, now: datetime, actor: User | None) -> int:
    """A new case in the office's region (not told to the staff member who entered it)."""
    users = [
        user
        for user in supervisors_of(case.region, case.kecamatan)
        if actor is None or user.pk != actor.pk
    ]
    subject = texts.message(gettext_noop("New case %(number)s in your region"), number=case.number)
    line = texts.message(
        gettext_noop("%(number)s (%(place)s) has arrived; its deadline is %(day)s."),
        number=case.number,
        place=case.place,
        day=case.deadline_on,
    )
    return _staff_message(
        users, kind="staff.new_case", subject=subject, lines=[line], case_id=case.pk, now=now
    )


def tell_assignee(case: Case, *, now: datetime) -> int:
    """The staff member a case was just assigned to."""
    if case.assigned_to is None or not can_act_on_case(case.assigned_to, case):
        return 0
    subject = texts.message(gettext_noop("Case %(number)s is assigned to you"), number=case.number)
    line = texts.message(
        gettext_noop("%(number)s (%(place)s) is now yours; its deadline is %(day)s."),
        number=case.number,
        place=case.place,
        day=case.deadline_on,
    )
    return _staff_message(
        [case.assigned_to],
        kind="staff.assigned",
        subject=subject,
        lines=[line],
        case_id=case.pk,
        now=now,
    )


def tell_completion_reply(case: Case, *, now: datetime) -> int:
    """The reporter answered a request for completion: the handlers should look."""
    subject = texts.message(gettext_noop("The reporter completed %(number)s"), number=case.number)
    line = texts.message(
        gettext_noop("The reporter of %(number)s answered the request for completion."),
        number=case.number,
    )
    return _staff_message(
        _handlers(case),
        kind="staff.completion_reply",
        subject=subject,
        lines=[line],
        case_id=case.pk,
        now=now,
    )


def send_deadline_digest(*, today: date, now: datetime) -> int:
    """One message per staff member: their cases overdue, due today and due tomorrow."""
    tomorrow = today + timedelta(days=1)
    sent = 0
    for user, due in deadlines_due_by_assignee(until=tomorrow).items():
        # Only the cases the assignee may open: a digest names no case outside their scope.
        cases = [case for case in due if can_act_on_case(user, case)]
        if not cases:
            continue
        lines = []
        for case in cases:
            assert case.deadline_on is not None  # noqa: S101 -- selected on it
            if case.deadline_on < today:
                when = texts.message(gettext_noop("overdue since %(day)s"), day=case.deadline_on)
            elif case.deadline_on == today:
                when = texts.message(gettext_noop("due today"))
            else:
                when = texts.message(gettext_noop("due tomorrow"))
            lines.append(texts.message("%(number)s: %(when)s", number=case.number, when=when))
        subject = texts.message(
            gettext_noop("Deadlines: %(n)s of your cases need action"), n=len(cases)
        )
        _staff_message(
            [user],
            kind="staff.deadline_digest",
            subject=subject,
            lines=lines,
            case_id=None,
            now=now,
        )
        sent += 1
    return sent


def send_ppk_overdue_notices(*, today: date, now: datetime) -> int:
    """One message per staff member concerned: the cases whose PPK is past its deadline.

    Told to each case's handlers (its assignee, else the supervisors of its office) and to the
    BKN analysts whose scope covers it, who may take the control action (pengendalian). Run
    daily with the deadline digest; returns how many staff members were told.
    """
    concerned: dict[User, list[Case]] = {}
    analysts = bkn_staff()
    for case in ppk_overdue_cases(today=today):
        for user in [*_handlers(case), *analysts]:
            if can_act_on_case(user, case) and case not in concerned.setdefault(user, []):
                concerned[user].append(case)
    for user, cases in concerned.items():
        subject = texts.message(gettext_noop("The PPK is overdue on %(n)s case(s)"), n=len(cases))
        lines = [
            texts.message(
                gettext_noop("%(number)s: the PPK's decision was due on %(day)s (%(step)s)"),
                number=case.number,
                day=case.deadline_on,
                step=texts.state(case.state),
            )
            for case in cases
        ]
        lines.append(
            texts.message(
                gettext_noop("BKN may now take its control action (pengendalian) on these cases.")
            )
        )
        _staff_message(
            [user],
            kind="staff.ppk_overdue",
            subject=subject,
            lines=lines,
            case_id=cases[0].pk if len(cases) == 1 else None,
            now=now,
        )
    return len(concerned)
