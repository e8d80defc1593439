"""Generating letters from case data: tanda terima, formulir kajian, surat penerusan.

Each letter is rendered to PDF, stored with its SHA-256 and audited in the case's trail, so the
copy sent out can later be proven to be the one the system produced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from netra.accounts.models import User
from netra.audit.services import record
from netra.cases.findings import SuggestedFinding, confirmed_findings, suggested_findings
from netra.cases.models import Case, CaseTransition, Report
from netra.cases.notices import NOTICE_LANGUAGE, PUBLIC_STEPS, step_details
from netra.cases.scope import can_see_reporter
from netra.cases.selectors import case_detail_for
from netra.documents.models import GeneratedDocument, Letterhead
from netra.documents.pdf import render_pdf
from netra.documents.tasks import store_status_notice_task
from netra.errors import NetraError
from netra.procedure import CaseState, ForwardRecipient, Role
from netra.procedure.roles import DECIDING_SUPERVISORS, SUPERVISORS
from netra.procedure.states import recipient_for
from netra.regions.models import Region
from netra.regions.zones import today_in, zone_of
from netra.rulebook import load_rulebook


class DocumentKind(StrEnum):
    RECEIPT = "tanda_terima"
    STUDY = "formulir_kajian"
    FORWARDING = "surat_penerusan"
    STATUS_NOTICE = "pemberitahuan_status"

    @property
    def label(self) -> str:
        return str(_KIND_LABELS[self])

    @property
    def title_id(self) -> str:
        """The Indonesian title printed on the letter and used as the file's name."""
        return _KIND_TITLES[self]


_KIND_LABELS = {
    DocumentKind.RECEIPT: _("Report receipt (tanda terima laporan)"),
    DocumentKind.STUDY: _("Study form (formulir kajian)"),
    DocumentKind.FORWARDING: _("Forwarding letter / recommendation"),
    DocumentKind.STATUS_NOTICE: _("Report status notice (pemberitahuan status laporan)"),
}
_KIND_TITLES = {
    DocumentKind.RECEIPT: "Tanda Terima Laporan",
    DocumentKind.STUDY: "Formulir Kajian Dugaan Pelanggaran",
    DocumentKind.FORWARDING: "Surat Penerusan Rekomendasi",
    DocumentKind.STATUS_NOTICE: "Pemberitahuan Status Laporan",
}

# Only the letters that stay with Bawaslu and go back to the reporter (the receipt and the status
# notice) print the reporter's identity, and only when the supervisor issuing it may see it. The
# study form is read by the region's other roles and the forwarding letter leaves Bawaslu for
# KASN/BKN, the PPK or another authority: neither ever names the reporter, whatever the reporter
# agreed to. Being addressed to a reporter, these exist only for a laporan, never for a temuan or
# an informasi awal.
IDENTITY_KINDS: frozenset[DocumentKind] = frozenset(
    {DocumentKind.RECEIPT, DocumentKind.STATUS_NOTICE}
)


def letter_names_reporter(user: User, case: Case, kind: DocumentKind) -> bool:
    """Whether a letter of `kind` issued by `user` may print the reporter's name and address."""
    return kind in IDENTITY_KINDS and can_see_reporter(user, case.region)


# Who may issue each letter: receipts and studies are the supervisors' work; the forwarding letter
# carries the recommendation, which Bawaslu Kabupaten/Kota and above issue (netra.procedure.roles).
_ISSUERS: dict[DocumentKind, frozenset[Role]] = {
    DocumentKind.RECEIPT: SUPERVISORS | {Role.ADMIN},
    DocumentKind.STUDY: SUPERVISORS | {Role.ADMIN},
    DocumentKind.FORWARDING: DECIDING_SUPERVISORS | {Role.ADMIN},
    DocumentKind.STATUS_NOTICE: SUPERVISORS | {Role.ADMIN},
}


class DocumentError(NetraError):
    code = "document_invalid"


def can_generate(user: User, kind: DocumentKind) -> bool:
    try:
        return Role(user.role) in _ISSUERS[kind]
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class LetterheadData:
    office_name: str
    address: str
    contact: str
    city: str
    signatory_name: str
    signatory_title: str


def letterhead_for(region: Region) -> LetterheadData:
    """The letterhead of the office of `region`, else of its province, else of Bawaslu RI."""
    candidates: list[Region | None] = [region, region.parent, None]
    for candidate in candidates:
        found = Letterhead.objects.filter(region=candidate).first()
        if found is not None:
            contact = " · ".join(p for p in (found.phone, found.email, found.website) if p)
            return LetterheadData(
                office_name=found.office_name,
                address=found.address,
                contact=contact,
                city=found.city,
                signatory_name=found.signatory_name,
                signatory_title=found.signatory_title,
            )
    return LetterheadData(
        office_name=f"Badan Pengawas Pemilihan Umum {region.name}",
        address="",
        contact="",
        city=region.name.removeprefix("Kabupaten ").removeprefix("Kota "),
        signatory_name="",
        signatory_title="Ketua",
    )


@dataclass(frozen=True, slots=True)
class Addressee:
    recipient: str  # ForwardRecipient code
    name: str  # "Kepala Badan Kepegawaian Negara"
    place: str


def addressee_for(case: Case, *, on: date, recipient: str | None = None) -> Addressee:
    """Who the recommendation goes to: the recorded recipient, else by the subject of the case.

    By subject, as the rulebook says (subjects.yaml `recommendation_to`): ASN to the ASN body of
    the letter's date (KASN, then BKN), TNI and Polri to their own leadership, village officials
    to the Bupati/Wali Kota, elected regional heads to the Minister of Home Affairs.
    """
    if recipient is None:
        recipient = recipient_for(case.subject_type or "unknown", on).value
    names = {
        ForwardRecipient.KASN.value: ("Ketua Komisi Aparatur Sipil Negara", "Jakarta"),
        ForwardRecipient.BKN.value: (
            "Kepala Badan Kepegawaian Negara c.q. Deputi Bidang Pengawasan dan Pengendalian",
            "Jakarta",
        ),
        ForwardRecipient.KEMENPANRB.value: (
            "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "Jakarta",
        ),
        ForwardRecipient.TNI.value: ("Panglima Tentara Nasional Indonesia", "Jakarta"),
        ForwardRecipient.POLRI.value: ("Kepala Kepolisian Negara Republik Indonesia", "Jakarta"),
        ForwardRecipient.KEMENDAGRI.value: ("Menteri Dalam Negeri Republik Indonesia", "Jakarta"),
        ForwardRecipient.REGIONAL_GOVERNMENT.value: (
            _regional_head_title(case.region),
            case.region.name,
        ),
    }
    name, place = names.get(recipient, ("Pimpinan instansi yang berwenang", "Tempat"))
    return Addressee(recipient=recipient, name=name, place=place)


def _regional_head_title(region: Region) -> str:
    if region.name.startswith("Kota "):
        return f"Wali Kota {region.name.removeprefix('Kota ')}"
    if region.name.startswith("Kabupaten "):
        return f"Bupati {region.name.removeprefix('Kabupaten ')}"
    return f"Gubernur {region.name}"


def _last_payload(case: Case, state: CaseState) -> dict[str, object]:
    step = (
        CaseTransition.objects.filter(case=case, to_state=state.value)
        .order_by("-at", "-id")
        .first()
    )
    return dict(step.payload) if step else {}


# Indonesia's zone names as letters print them (Keppres 41/1987).
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def _own_date(
    case: Case, kind: DocumentKind, *, report: Report | None, forwarding_date: date, today: date
) -> date:
    """The date each letter carries: its own act's, never a later step's.

    The tanda terima is dated the day the report was received (in the region's zone), the
    formulir kajian the day of the decision (today while undecided), the surat penerusan its
    letter date.
    """
    if kind is DocumentKind.RECEIPT:
        opened = CaseTransition.objects.filter(case=case).order_by("at", "id").first()
        if report is not None:
            return today_in(case.region, report.received_at)
        return opened.on if opened else today
    if kind is DocumentKind.STATUS_NOTICE:
        steps = public_steps(case)
        return steps[-1].on if steps else today
    if kind is DocumentKind.STUDY:
        decided = (
            CaseTransition.objects.filter(
                case=case,
                to_state__in=(
                    CaseState.DECIDED_VIOLATION.value,
                    CaseState.DECIDED_NOT_VIOLATION.value,
                ),
            )
            .order_by("-at", "-id")
            .first()
        )
        return decided.on if decided else today
    return forwarding_date


def _context(user: User, case_id: int, kind: DocumentKind, *, today: date) -> dict[str, object]:
    detail = case_detail_for(user, case_id)
    case = detail.case
    rulebook = load_rulebook()
    decision = _last_payload(case, CaseState.DECIDED_VIOLATION) or _last_payload(
        case, CaseState.DECIDED_NOT_VIOLATION
    )
    forwarded = _last_payload(case, CaseState.FORWARDED)
    forwarding_date = today
    raw_date = forwarded.get("letter_date")
    if isinstance(raw_date, str):
        forwarding_date = date.fromisoformat(raw_date)
    recipient = forwarded.get("recipient")
    report = Report.objects.filter(case=case).first()
    letter_date = _own_date(case, kind, report=report, forwarding_date=forwarding_date, today=today)
    # The kajian cites the law of the classification staff confirmed; the analyzer's reading
    # only while nothing is confirmed (and the letter says so).
    basis_confirmed = case.is_classification_confirmed
    findings = (
        confirmed_findings(case) if basis_confirmed else suggested_findings(detail.suggestion)
    )
    category = case.category
    return {
        "kind": kind,
        "title": kind.title_id,
        "case": case,
        "detail": detail,
        "report": report,
        "show_reporter": letter_names_reporter(user, case, kind),
        "letterhead": letterhead_for(case.region),
        "today": today,
        "letter_date": letter_date,
        # The receipt's time in the region's own zone (WIB, WITA or WIT), not always Jakarta's.
        "received_local": (
            report.received_at.astimezone(zone_of(case.region)).replace(tzinfo=None)
            if report is not None
            else None
        ),
        "zone_name": ZONE_NAMES[zone_of(case.region).key],
        "letter_number": forwarded.get("letter_number", ""),
        "registration_number": _last_payload(case, CaseState.REGISTERED).get(
            "registration_number", ""
        ),
        "addressee": addressee_for(
            case, on=forwarding_date, recipient=str(recipient) if recipient else None
        ),
        "category_label": rulebook.categories[category].label_id if category else "",
        "subject_label": rulebook.subjects[case.subject_type].label_id
        if case.subject_type in rulebook.subjects
        else "",
        "act_labels": [rulebook.acts[a].label_id for a in case.acts if a in rulebook.acts],
        "norms": list(dict.fromkeys(n for f in findings for n in f.norms)),
        "provisional_norms": _provisional_norms(findings),
        "sanction": "; ".join(
            dict.fromkeys(
                f"{s.label} ({PROVISIONAL_MARK})" if s.is_provisional else s.label
                for f in findings
                for s in f.sanctions
            )
        ),
        "has_provisional": any(s.is_provisional for f in findings for s in f.sanctions),
        "basis_confirmed": basis_confirmed,
        "study": decision.get("study", ""),
        "decision": decision.get("decision", ""),
        "violation_type": decision.get("violation_type", ""),
        "state_label": CaseState(case.state).label_id,
        "notice": _status_notice(report, case) if kind is DocumentKind.STATUS_NOTICE else None,
    }


def public_steps(case: Case) -> list[CaseTransition]:
    """The steps of the case its reporter is told of (notices.PUBLIC_STEPS), oldest first."""
    public = [state.value for state in PUBLIC_STEPS]
    return list(case.transitions.filter(to_state__in=public).order_by("at", "id"))


@dataclass(frozen=True, slots=True)
class StatusNotice:
    state_label: str
    on: date
    lines: tuple[str, ...]  # the step's particulars, as the reporter's notice gives them
    deadline_on: date | None
    steps: tuple[tuple[str, date], ...]  # the public steps up to this one: (label, day)


def _status_notice(
    report: Report | None, case: Case, *, number: int | None = None, as_of_step: bool = False
) -> StatusNotice | None:
    """The notice of the case's `number`th public step (1 is the first; the latest if None).

    The deadline is the case's while the step is the current one; `as_of_step` (a letter stored
    for the step, perhaps after the case moved on) gives the deadline the step itself set.
    """
    steps = public_steps(case)
    number = len(steps) if number is None else number
    if report is None or not 1 <= number <= len(steps):
        return None
    step = steps[number - 1]
    state = CaseState(step.to_state)
    with translation.override(NOTICE_LANGUAGE):
        # The receipt's particulars are the tracking code, which a letter never prints.
        lines = (
            ()
            if state is CaseState.RECEIVED
            else tuple(step_details(report, state=state, payload=step.payload))
        )
    is_current = number == len(steps) and case.state == state.value
    return StatusNotice(
        state_label=state.label_id,
        on=step.on,
        lines=lines,
        deadline_on=step.deadline_on if as_of_step else case.deadline_on if is_current else None,
        steps=tuple((CaseState(t.to_state).label_id, t.on) for t in steps[:number]),
    )


def _reporter_letter_context(
    report: Report, kind: DocumentKind, notice: StatusNotice | None, *, show_identity: bool
) -> dict[str, object]:
    """What the receipt and the status notice print, from the report alone (no viewer)."""
    case = report.case
    received_on = today_in(case.region, report.received_at)
    return {
        "kind": kind,
        "title": kind.title_id,
        "case": case,
        "detail": {"parties": tuple(case.parties.all()), "evidence": tuple(case.evidence.all())},
        "report": report,
        "show_reporter": show_identity,
        "letterhead": letterhead_for(case.region),
        # Each letter keeps its own date: the day the report came in, or the day of the step.
        "letter_date": notice.on if kind is DocumentKind.STATUS_NOTICE and notice else received_on,
        "received_local": report.received_at.astimezone(zone_of(case.region)).replace(tzinfo=None),
        "zone_name": ZONE_NAMES[zone_of(case.region).key],
        "notice": notice,
    }


def reporter_copy_pdf(
    report: Report, kind: DocumentKind, *, show_identity: bool, step: int | None = None
) -> bytes:
    """The reporter's own copy of the receipt, or of the status notice of their report's `step`th
    public step (the latest if None), for the tracking page.

    Rendered from the same template as the office's letter, not stored: it holds nothing the
    office's copy does not. The reporter's name and address are printed only if they let the
    supervisors name them (`show_identity`); the terlapor as the reporter named them. A step
    the report has not reached is a DocumentError.
    """
    if kind not in IDENTITY_KINDS:
        raise DocumentError(
            "a reporter gets no copy of a %(kind)s",
            params={"kind": kind.value, "title": kind.title_id},
            field="kind",
        )
    case = report.case
    notice = _status_notice(report, case, number=step)
    if kind is DocumentKind.STATUS_NOTICE and notice is None:
        raise DocumentError(
            "report %(number)s has no public step %(step)s",
            params={"number": case.number, "step": step},
            field="step",
        )
    context = _reporter_letter_context(report, kind, notice, show_identity=show_identity)
    return render_pdf(f"documents/{kind.value}.html", context | {"reporter_copy": True})


# The steps whose pemberitahuan status laporan is stored as it happens (issue 10: registered,
# needs completion, decided, forwarded, sanctioned, and the other outcomes the reporter is
# told of). The receipt is the tanda terima's: intake stores no letter.
LETTER_STEPS: frozenset[CaseState] = PUBLIC_STEPS - {CaseState.RECEIVED}


def queue_status_notice(step: CaseTransition) -> None:
    """Queue the storing of `step`'s status notice (a public-step hook; runs in its transaction).

    Rendering a PDF takes a good part of a second, so the step only adds a row to the task
    queue and `netra worker` renders; if the step is rolled back, so is the row.
    """
    if CaseState(step.to_state) not in LETTER_STEPS:
        return
    store_status_notice_task.enqueue(step.pk)


@transaction.atomic
def store_status_notice(step_id: int, *, now: datetime) -> GeneratedDocument | None:
    """Store the pemberitahuan status laporan of one public step, once; None if it has none.

    Idempotent: the step is locked and a stored letter of the step is returned as it is, so a
    task run twice (or the sweep meeting a queued step) stores one letter. Hashed and audited
    like every letter, made by Netra itself (no actor). It prints the reporter's identity, as
    the letter is addressed to them, and so is served only to the supervisors of the region.
    """
    step = (
        CaseTransition.objects.select_for_update().select_related("case").filter(pk=step_id).first()
    )
    if step is None or CaseState(step.to_state) not in LETTER_STEPS:
        return None
    kind = DocumentKind.STATUS_NOTICE
    stored = GeneratedDocument.objects.filter(transition=step, kind=kind.value).first()
    if stored is not None:
        return stored
    case = step.case
    report = Report.objects.filter(case=case).first()
    number = next((i for i, t in enumerate(public_steps(case), start=1) if t.pk == step.pk), None)
    notice = _status_notice(report, case, number=number, as_of_step=True) if number else None
    if report is None or notice is None:
        return None
    context = _reporter_letter_context(report, kind, notice, show_identity=True)
    return _store_letter(
        case,
        kind,
        render_pdf(f"documents/{kind.value}.html", context),
        title=f"{kind.title_id} {case.number}: {notice.state_label}",
        names_reporter=True,
        actor=None,
        now=now,
        step=step,
    )


def steps_without_status_notice(*, limit: int = 500) -> list[int]:
    """Public steps of reports with no stored status notice yet, oldest first (for the sweep)."""
    stored = GeneratedDocument.objects.filter(
        transition=OuterRef("pk"), kind=DocumentKind.STATUS_NOTICE.value
    )
    return list(
        CaseTransition.objects.filter(
            to_state__in=[state.value for state in LETTER_STEPS], case__report__isnull=False
        )
        .exclude(Exists(stored))
        .order_by("at", "id")
        .values_list("pk", flat=True)[:limit]
    )


# How a letter marks a norm or sanction the rulebook holds provisional (docs/rulebook.md).
PROVISIONAL_MARK = "sementara"


def _provisional_norms(findings: Sequence[SuggestedFinding]) -> list[str]:
    """Norms that only provisional sanctions cite, across all findings."""
    confirmed = {n for f in findings for s in f.sanctions if not s.is_provisional for n in s.norms}
    return [n for n in dict.fromkeys(n for f in findings for n in f.norms) if n not in confirmed]


@transaction.atomic
def generate_document(
    user: User, case_id: int, kind: DocumentKind, *, now: datetime, today: date
) -> GeneratedDocument:
    """Render the letter for the case, store the PDF with its SHA-256 and audit it."""
    if not can_generate(user, kind):
        raise DocumentError(
            "role %(role)r may not issue a %(kind)s",
            params={"role": user.role, "kind": kind.value, "title": kind.title_id},
            field="kind",
        )
    context = _context(user, case_id, kind, today=today)
    case = context["case"]
    assert isinstance(case, Case)  # noqa: S101 -- built just above
    if kind in IDENTITY_KINDS and context["report"] is None:
        raise DocumentError(
            "a %(kind)s is only for a report (laporan), not a finding",
            params={"kind": kind.value, "title": kind.title_id},
            field="kind",
        )
    if kind is DocumentKind.STATUS_NOTICE and context["notice"] is None:
        raise DocumentError("the report has no step to tell the reporter of yet", field="kind")
    return _store_letter(
        case,
        kind,
        render_pdf(f"documents/{kind.value}.html", context),
        title=f"{kind.title_id} {case.number}",
        names_reporter=bool(context["show_reporter"]) and context["report"] is not None,
        actor=user,
        now=now,
    )


def _store_letter(
    case: Case,
    kind: DocumentKind,
    pdf: bytes,
    *,
    title: str,
    names_reporter: bool,
    actor: User | None,
    now: datetime,
    step: CaseTransition | None = None,
) -> GeneratedDocument:
    """Keep a rendered letter with its SHA-256 (named by it) and audit its making."""
    digest = hashlib.sha256(pdf).hexdigest()
    document = GeneratedDocument(
        case=case,
        kind=kind.value,
        title=title,
        sha256=digest,
        size=len(pdf),
        names_reporter=names_reporter,
        created_by=actor,
        created_at=now,
        transition=step,
    )
    stem = f"{case.number}-{kind.value}" + (f"-{step.pk}" if step is not None else "")
    document.file.save(f"{stem}-{digest[:12]}.pdf", ContentFile(pdf), save=False)
    document.save()
    audited: dict[str, object] = {
        "document": document.pk,
        "kind": kind.value,
        "title": title,
        "sha256": digest,
    }
    if step is not None:
        audited |= {"step": step.pk, "state": step.to_state}
    record("document.generate", actor=actor, obj=case, after=audited)
    return document
