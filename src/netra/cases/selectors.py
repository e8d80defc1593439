"""Reads on cases, viewer first: region scope and reporter-identity masking are applied here."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.db.models import Case as SqlCase
from django.db.models import CharField, Count, Q, QuerySet, Value, When
from django.utils.translation import gettext, gettext_noop

from netra.accounts.models import User
from netra.cases import reference
from netra.cases.models import (
    AnalyzerSuggestion,
    Case,
    CaseLink,
    CaseTransition,
    Election,
    Evidence,
    LinkKind,
    Party,
    Report,
    SupervisorLabel,
)
from netra.cases.policy import procedure_policy
from netra.cases.scope import (
    CaseNotFoundError,
    aggregate_filter,
    can_read_originals,
    can_see_reporter,
    case_filter,
    region_ids_within,
)
from netra.cases.tracking import canonical_tracking_code
from netra.errors import NetraError
from netra.procedure.roles import SUPERVISORS, Role
from netra.procedure.states import CaseState
from netra.procedure.transitions import Transition, allowed_transitions
from netra.regions.models import Agency, Region
from netra.regions.selectors import region_by_code
from netra.regions.zones import today_in

UNKNOWN_KEY = "unknown"


class RecapInputError(NetraError):
    code = "recap_input_invalid"


class GroupBy(StrEnum):
    CATEGORY = "category"
    REGION = "region"
    SUBJECT = "subject"
    POSITION = "position"
    MONTH = "month"
    STAGE = "stage"


def elections_matching(code: str) -> QuerySet[Election]:
    """One election by code, or every election of a series ("pilkada-2024")."""
    return Election.objects.filter(Q(code=code) | Q(series=code))


def _election_ids(code: str) -> list[int]:
    # Resolved first (a few hundred rows at most) so the case query filters its own column.
    return list(elections_matching(code).values_list("id", flat=True))


def staff_member(username: str) -> User | None:
    """The account with this login name, with its region, or None."""
    return User.objects.filter(username=username).select_related("region").first()


def election_by_code(code: str) -> Election | None:
    """The election with exactly this code, with its region."""
    return Election.objects.filter(code=code.strip()).select_related("region").first()


def unknown_election_reason(code: str, *, region_code: str = "") -> tuple[str, dict[str, object]]:
    """Why `code` names no election, with the code the caller most likely meant.

    A Pilkada is held per region, so its code carries the region ("pilkada-2024-3201"); clients
    that send the series ("pilkada-2024") are told the code for the region they gave, or two
    codes of the series. Returned as an English template and its values, so that the web layer
    can give it in the request's language and the command line as written.
    """
    series = code.strip()
    held = Election.objects.filter(series=series).select_related("region")
    region = region_by_code(region_code) if region_code.strip() else None
    if region is not None:
        covering = [e for e in held if e.region is not None and e.region.covers(region)]
        if covering:  # the regency's own election before its province's
            election = max(covering, key=lambda e: len(e.region.code if e.region else ""))
            return (
                "unknown election %(code)r: a %(series)s election is coded per region; "
                "for region %(region)s it is %(election)r",
                {"code": code, "series": series, "region": region.code, "election": election.code},
            )
    examples = [election.code for election in held[:2]]
    if examples:
        return (
            "unknown election %(code)r: the %(series)s elections are coded per region, "
            "e.g. %(examples)s",
            {"code": code, "series": series, "examples": ", ".join(map(repr, examples))},
        )
    return "unknown election %(code)r (e.g. pemilu-2024, pilkada-2024-3201)", {"code": code}


def unknown_election_message(code: str, *, region_code: str = "") -> str:
    """`unknown_election_reason` as English text (the command line, logs)."""
    template, values = unknown_election_reason(code, region_code=region_code)
    return template % values


def cases_visible_to(
    viewer: User,
    *,
    election: str | None = None,
    region: Region | None = None,
    state: str | None = None,
    category: int | None = None,
    search: str | None = None,
    kecamatan: Agency | None = None,
    counts_only: bool = False,
) -> QuerySet[Case]:
    """The cases `viewer` may see, filtered; a region outside the scope simply yields nothing.

    `counts_only` is for queries that only count (recap, maps, vulnerability index): the region
    scope without BKN's and the PPK's narrowing to the cases in their hands (`aggregate_filter`).
    """
    scope = aggregate_filter(viewer) if counts_only else case_filter(viewer)
    cases = Case.objects.filter(scope).select_related("region", "election", "kecamatan")
    if election:
        cases = cases.filter(election_id__in=_election_ids(election))
    if region is not None:
        cases = cases.filter(region_id__in=region_ids_within(region))
    if state:
        cases = cases.filter(state=state)
    if category is not None:
        cases = cases.filter(category=category)
    if kecamatan is not None:
        cases = cases.filter(kecamatan=kecamatan)
    if search:
        cases = cases.filter(
            Q(number__icontains=search)
            | Q(description__icontains=search)
            | Q(place__icontains=search)
            | Q(parties__name__icontains=search)
            | Q(parties__nip=search)
        ).distinct()
    return cases


def cases_for_export(
    viewer: User | None,
    *,
    election: str | None = None,
    region: Region | None = None,
    counts_only: bool = False,
) -> QuerySet[Case]:
    """Cases for a spreadsheet export: the viewer's scope, or every case when `viewer` is None.

    None is for an administrator at the server's command line, who can read the database anyway.
    """
    if viewer is None:
        cases = Case.objects.select_related("region", "election", "kecamatan")
        if election:
            cases = cases.filter(election_id__in=_election_ids(election))
        if region is not None:
            cases = cases.filter(region_id__in=region_ids_within(region))
    else:
        cases = cases_visible_to(viewer, election=election, region=region, counts_only=counts_only)
    return cases.select_related("assigned_to").prefetch_related("parties").order_by("number")


def get_case_for(viewer: User, case_id: int) -> Case:
    """The case if `viewer` may see it, else CaseNotFoundError (404), in or out of scope alike."""
    case = cases_visible_to(viewer).filter(pk=case_id).first()
    if case is None:
        raise CaseNotFoundError("case %(case_id)s not found", case_id=case_id)
    return case


@dataclass(frozen=True, slots=True)
class ReporterIdentity:
    kind: str
    name: str
    address: str
    contact: str


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: Case
    parties: tuple[Party, ...]
    evidence: tuple[Evidence, ...]
    suggestion: AnalyzerSuggestion | None
    transitions: tuple[CaseTransition, ...]
    reporter_kind: str | None
    reporter: ReporterIdentity | None  # None unless the viewer is a supervisor of the region
    next_steps: tuple[Transition, ...]
    # Whether the viewer gets original evidence files and the names the reporter gave them.
    sees_originals: bool = False


def case_detail_for(viewer: User, case_id: int) -> CaseDetail:
    """Everything staff see on one case, with the reporter masked for non-supervisors."""
    case = get_case_for(viewer, case_id)
    report = Report.objects.filter(case=case).first()
    reporter = None
    if report is not None and can_see_reporter(viewer, case.region):
        reporter = ReporterIdentity(
            kind=report.reporter_kind,
            name=report.reporter_name,
            address=report.reporter_address,
            contact=report.reporter_contact,
        )
    try:
        role = Role(viewer.role)
        next_steps = allowed_transitions(CaseState(case.state), role, procedure_policy())
    except ValueError:
        next_steps = ()
    return CaseDetail(
        case=case,
        parties=tuple(case.parties.select_related("region")),
        evidence=tuple(case.evidence.all()),
        suggestion=AnalyzerSuggestion.objects.filter(case=case).first(),
        transitions=tuple(case.transitions.all()),
        reporter_kind=report.reporter_kind if report else None,
        reporter=reporter,
        next_steps=next_steps,
        sees_originals=can_read_originals(viewer, case.region),
    )


def evidence_for(viewer: User, case_id: int, evidence_id: int) -> Evidence:
    case = get_case_for(viewer, case_id)
    evidence = Evidence.objects.filter(case=case, pk=evidence_id).first()
    if evidence is None:
        raise CaseNotFoundError("evidence %(evidence_id)s not found", evidence_id=evidence_id)
    return evidence


@dataclass(frozen=True, slots=True)
class PublicStep:
    state: str
    label: str
    on: date


@dataclass(frozen=True, slots=True)
class PublicStatus:
    """What a reporter may learn with the tracking code: no names, notes or other personal data."""

    number: str
    state: str
    label: str
    deadline_on: date | None
    timeline: tuple[PublicStep, ...]
    # While the report needs completion: the supervisors' request in their words, and whether
    # the reporter may still answer (the day to reply by, `deadline_on`, has not passed).
    completion_request: str = ""
    can_complete: bool = False


def report_by_tracking_code(typed: str) -> Report | None:
    """The report with this tracking code, however it was typed; old-style codes match exactly."""
    canonical = canonical_tracking_code(typed)
    reports = Report.objects.select_related("case", "case__region", "case__election")
    if canonical is not None:
        found = reports.filter(tracking_code=canonical).first()
        if found is not None:
            return found
    typed = typed.strip()
    return reports.filter(tracking_code=typed).first() if typed else None


def public_status(tracking_code: str, *, now: datetime) -> PublicStatus | None:
    report = report_by_tracking_code(tracking_code)
    if report is None:
        return None
    case = report.case
    transitions = list(case.transitions.all())
    steps = tuple(
        PublicStep(state=step.to_state, label=CaseState(step.to_state).label_id, on=step.on)
        for step in transitions
    )
    request = ""
    awaiting = case.state == CaseState.NEEDS_COMPLETION.value
    if awaiting:
        asked = [t for t in transitions if t.to_state == CaseState.NEEDS_COMPLETION.value]
        request = str(asked[-1].payload.get("missing_items", "")) if asked else ""
    return PublicStatus(
        number=case.number,
        state=case.state,
        label=CaseState(case.state).label_id,
        deadline_on=case.deadline_on,
        timeline=steps,
        completion_request=request,
        can_complete=awaiting
        and (case.deadline_on is None or today_in(case.region, now) <= case.deadline_on),
    )


@dataclass(frozen=True, slots=True)
class RecapRow:
    key: str
    label: str
    counts: dict[int, int]  # Bawaslu category 1-10 -> number of cases
    total: int


@dataclass(frozen=True, slots=True)
class Recap:
    group_by: GroupBy
    rows: tuple[RecapRow, ...]
    totals: dict[int, int]
    unclassified: int


class RecapBasis(StrEnum):
    """Which cases a recap counts: proven violations (decided as such) or every case received."""

    PROVEN = "proven"
    ALL = "all"


def _ever_in(state: CaseState) -> QuerySet[CaseTransition, int]:
    """The ids of the cases that ever entered `state` (a subquery)."""
    return CaseTransition.objects.filter(to_state=state.value).values_list("case_id", flat=True)


def recap_cases(
    viewer: User,
    *,
    election: str | None = None,
    region: Region | None = None,
    basis: RecapBasis = RecapBasis.ALL,
    state: str | None = None,
    incident_from: date | None = None,
    incident_to: date | None = None,
    kecamatan: Agency | None = None,
) -> QuerySet[Case]:
    """The cases a recap with these filters counts, within the viewer's scope.

    A proven violation is a case Bawaslu decided as one (it entered `decided_violation`), whatever
    happened to it after: forwarded, sanctioned or closed.
    """
    cases = cases_visible_to(
        viewer,
        election=election,
        region=region,
        state=state or None,
        kecamatan=kecamatan,
        counts_only=True,
    )
    if incident_from is not None:
        cases = cases.filter(incident_on__gte=incident_from)
    if incident_to is not None:
        cases = cases.filter(incident_on__lte=incident_to)
    if basis is RecapBasis.PROVEN:
        cases = cases.filter(id__in=_ever_in(CaseState.DECIDED_VIOLATION))
    # A merged group counts once: its primary case, not the duplicates merged into it.
    return cases.exclude(id__in=_merged_duplicates())


def _merged_duplicates() -> QuerySet[CaseLink, int]:
    return CaseLink.objects.filter(kind=LinkKind.DUPLICATE).values_list("case_id", flat=True)


@dataclass(frozen=True, slots=True)
class Funnel:
    """How far the cases got: each count includes the cases that went further."""

    received: int  # every laporan, temuan and informasi awal in the view
    registered: int
    proven: int  # decided as a violation
    forwarded: int
    sanctioned: int
    suggested_only: int  # cases whose category is only the analyzer's suggestion


def funnel(cases: QuerySet[Case]) -> Funnel:
    """Counts at each public milestone for `cases` (already scoped by `recap_cases`)."""
    return Funnel(
        received=cases.count(),
        registered=cases.filter(id__in=_ever_in(CaseState.REGISTERED)).count(),
        proven=cases.filter(id__in=_ever_in(CaseState.DECIDED_VIOLATION)).count(),
        forwarded=cases.filter(id__in=_ever_in(CaseState.FORWARDED)).count(),
        sanctioned=cases.filter(id__in=_ever_in(CaseState.SANCTION_IMPOSED)).count(),
        suggested_only=cases.filter(
            category__isnull=False, is_classification_confirmed=False
        ).count(),
    )


# What a row without a value stands for, per grouping (never a bare "unknown").
UNKNOWN_LABELS: dict[GroupBy, str] = {
    GroupBy.SUBJECT: gettext_noop("subject type not recorded"),
    GroupBy.POSITION: gettext_noop("position not given"),
    GroupBy.STAGE: gettext_noop("outside the election's stages"),
}


def _row_order(key: str) -> tuple[bool, int, str]:
    # Categories in their order (1, 2, ... 10, not 1, 10, 2); the unknown row last.
    return (key == UNKNOWN_KEY, int(key) if key.isdigit() else 0, key)


def recap(
    viewer: User,
    *,
    election: str | None,
    region: Region | None,
    group_by: GroupBy,
    basis: RecapBasis = RecapBasis.ALL,
    state: str | None = None,
    incident_from: date | None = None,
    incident_to: date | None = None,
    confirmed_only: bool = False,
    kecamatan: Agency | None = None,
) -> Recap:
    """Case counts in Bawaslu's ten categories, grouped, within the viewer's scope.

    `confirmed_only` counts only categories staff confirmed; the others (the analyzer's
    suggestions) are then in `unclassified`.
    """
    filtered = (
        basis is not RecapBasis.ALL
        or state
        or incident_from is not None
        or incident_to is not None
        or confirmed_only
        or kecamatan is not None
        or CaseLink.objects.filter(kind=LinkKind.DUPLICATE).exists()
    )
    cases = recap_cases(
        viewer,
        election=election,
        region=region,
        basis=basis,
        state=state,
        incident_from=incident_from,
        incident_to=incident_to,
        kecamatan=kecamatan,
    )
    countable = Q(category__isnull=False)
    if confirmed_only:
        countable &= Q(is_classification_confirmed=True)
    unclassified = cases.exclude(countable).count()
    classified = cases.filter(countable)
    grouped: dict[str, Counter[int]] = defaultdict(Counter)
    labels: dict[str, str] = {}
    if group_by is GroupBy.POSITION:
        # The same scope seen from the party side: the parties join their case by primary key
        # instead of the cases being matched against a list of every case id in scope.
        parties = Party.objects.filter(aggregate_filter(viewer, prefix="case__"))
        parties = parties.filter(case__category__isnull=False)
        if election:
            parties = parties.filter(case__election_id__in=_election_ids(election))
        if region is not None:
            parties = parties.filter(case__region_id__in=region_ids_within(region))
        if filtered:
            parties = parties.filter(case_id__in=classified.values("id"))
        counted: Iterable[tuple[str, str, int, int]] = _position_counts(classified, parties)
    else:
        counted = _grouped_counts(classified, group_by)
    for key, label, category, count in counted:
        grouped[key][category] += count
        unknown = UNKNOWN_LABELS.get(group_by)
        labels[key] = gettext(unknown) if key == UNKNOWN_KEY and unknown else label
    rows = tuple(
        RecapRow(
            key=key,
            label=labels[key],
            counts={number: grouped[key][number] for number in range(1, 11)},
            total=sum(grouped[key].values()),
        )
        for key in sorted(grouped, key=_row_order)
    )
    totals: Counter[int] = Counter()
    for row in rows:
        if group_by is not GroupBy.POSITION:  # a case with two terlapor is in two position rows
            totals.update(row.counts)
    if group_by is GroupBy.POSITION:
        totals.update(dict(classified.values_list("category").annotate(n=Count("id")).order_by()))
    return Recap(
        group_by=group_by,
        rows=rows,
        totals={number: totals[number] for number in range(1, 11)},
        unclassified=unclassified,
    )


def _grouped_counts(
    cases: QuerySet[Case], group_by: GroupBy
) -> Iterable[tuple[str, str, int, int]]:
    """(key, label, category, count) tuples for one grouping."""
    if group_by is GroupBy.CATEGORY:
        labels = reference.category_labels()
        for category, count in cases.values_list("category").annotate(n=Count("id")).order_by():
            yield str(category), labels.get(category, str(category)), category, count
    elif group_by is GroupBy.REGION:
        rows = cases.values_list("region_id", "category").annotate(n=Count("id")).order_by()
        counted = list(rows)
        # Grouped on the case's own column, named afterwards: no join over every case.
        named = {
            region_id: (code, name)
            for region_id, code, name in Region.objects.filter(
                id__in={region_id for region_id, _, _ in counted}
            ).values_list("id", "code", "name")
        }
        for region_id, category, count in counted:
            code, name = named[region_id]
            yield code, name, category, count
    elif group_by is GroupBy.SUBJECT:
        rows = cases.values_list("subject_type", "category").annotate(n=Count("id")).order_by()
        for subject, category, count in rows:
            yield subject or UNKNOWN_KEY, subject or UNKNOWN_KEY, category, count
    elif group_by is GroupBy.MONTH:
        # Counted per day and folded into months here: a date function per row is the slow part
        # of a month recap on SQLite, and there are only a few hundred distinct days.
        rows = cases.values_list("incident_on", "category").annotate(n=Count("id")).order_by()
        for incident_on, category, count in rows:
            key = incident_on.strftime("%Y-%m")
            yield key, key, category, count
    else:
        stages: dict[tuple[str, date], tuple[str, str] | None] = {}
        rows = (
            cases.annotate(series=_series_of_election())
            .values_list("series", "incident_on", "category")
            .annotate(n=Count("id"))
            .order_by()
        )
        for series, incident_on, category, count in rows:
            if (series, incident_on) not in stages:
                stages[series, incident_on] = reference.stage_on(series, incident_on)
            stage = stages[series, incident_on]
            key, label = stage if stage else (UNKNOWN_KEY, UNKNOWN_KEY)
            yield key, label, category, count


def _position_counts(
    cases: QuerySet[Case], parties: QuerySet[Party]
) -> Iterable[tuple[str, str, int, int]]:
    """Counts per terlapor position, read from the party side.

    Joining every case to its parties is what made this grouping slow on a million cases; the
    parties (already limited to the classified cases in scope) are read on their own, and the
    cases without any party are the category totals less the cases that have one.
    """
    rows = (
        parties.values_list("position", "case__category")
        .annotate(n=Count("case_id", distinct=True))
        .order_by()
    )
    for position, category, count in rows:
        key = (position or "").strip().lower() or UNKNOWN_KEY
        yield key, position or UNKNOWN_KEY, category, count
    with_party = Counter(
        dict(
            parties.values_list("case__category")
            .annotate(n=Count("case_id", distinct=True))
            .order_by()
        )
    )
    for category, total in cases.values_list("category").annotate(n=Count("id")).order_by():
        if total > with_party[category]:
            yield UNKNOWN_KEY, UNKNOWN_KEY, category, total - with_party[category]


def _series_of_election() -> SqlCase | Value:
    """A SQL expression giving each case its election's series, without joining Election.

    The largest series is the default, so only the few ids of the other series are looked up per
    case; grouping on (series, day) then leaves a few thousand groups instead of one per
    election and day.
    """
    ids: dict[str, list[int]] = defaultdict(list)
    for election_id, series in Election.objects.values_list("id", "series"):
        ids[series].append(election_id)
    if not ids:
        return Value("", output_field=CharField())
    *others, (largest, _) = sorted(ids.items(), key=lambda item: (len(item[1]), item[0]))
    return SqlCase(
        *(When(election_id__in=members, then=Value(series)) for series, members in others),
        default=Value(largest),
        output_field=CharField(),
    )


@dataclass(frozen=True, slots=True)
class Agreement:
    """How often staff's decisions agreed with the analyzer's suggestions (latest per case)."""

    decided: int  # cases with a decision on an analyzer suggestion
    verdict_agreed: int  # violation or not, as suggested
    both_violation: int  # staff and analyzer both said violation
    category_agreed: int  # ... and the same Bawaslu category
    subject_agreed: int  # ... and the same subject type

    @property
    def verdict_rate(self) -> float | None:
        return self.verdict_agreed / self.decided if self.decided else None


def latest_labels(cases: QuerySet[Case]) -> list[SupervisorLabel]:
    """Each case's most recent decision label (a reopened case may be decided twice)."""
    latest: dict[int, SupervisorLabel] = {}
    labels = SupervisorLabel.objects.filter(case__in=cases).order_by("case_id", "decided_at", "id")
    for label in labels.iterator():
        latest[label.case_id] = label
    return list(latest.values())


def suggestion_agreement(
    viewer: User, *, election: str | None = None, region: Region | None = None
) -> Agreement:
    """Agreement between suggestions and decisions on the cases `viewer` may see."""
    labels = latest_labels(cases_visible_to(viewer, election=election, region=region))
    both = [x for x in labels if x.is_violation and x.suggested_is_violation]
    return Agreement(
        decided=len(labels),
        verdict_agreed=sum(1 for x in labels if x.is_violation == x.suggested_is_violation),
        both_violation=len(both),
        category_agreed=sum(1 for x in both if x.category == x.suggested_category),
        subject_agreed=sum(1 for x in both if x.subject_type == x.suggested_subject_type),
    )


def labels_for_training(since: date | None = None) -> list[SupervisorLabel]:
    """The latest label of every case (decided on or after `since`), with what redaction needs.

    For an administrator at the server's command line, like `cases_for_export(None)`.
    """
    cases = Case.objects.all()
    if since is not None:
        cases = cases.filter(labels__decided_at__date__gte=since).distinct()
    chosen = latest_labels(cases)
    ids = [label.id for label in chosen]
    return list(
        SupervisorLabel.objects.filter(id__in=ids)
        .select_related("case", "case__report", "case__finding")
        .prefetch_related("case__parties")
        .order_by("case__number")
    )


def supervisors_of(region: Region, kecamatan: Agency | None = None) -> list[User]:
    """Active supervisors whose own region is exactly `region` (the office that handles it).

    A Panwaslu Kecamatan account is among them only for a case of its own kecamatan.
    """
    roles = [role.value for role in SUPERVISORS]
    staff = User.objects.filter(region=region, is_active=True, role__in=roles)
    return list(staff.filter(Q(kecamatan__isnull=True) | Q(kecamatan=kecamatan)))


def deadlines_due_by_assignee(*, until: date) -> dict[User, list[Case]]:
    """Open cases due on or before `until` (overdue included), grouped by their assignee."""
    finished = [state.value for state in CaseState if state.is_terminal]
    cases = (
        Case.objects.filter(assigned_to__isnull=False, deadline_on__lte=until)
        .exclude(state__in=finished)
        .select_related("assigned_to", "assigned_to__region", "region", "kecamatan")
        .order_by("deadline_on", "number")
    )
    grouped: dict[User, list[Case]] = defaultdict(list)
    for case in cases:
        assert case.assigned_to is not None  # noqa: S101 -- filtered above
        grouped[case.assigned_to].append(case)
    return dict(grouped)


# The states in which the PPK owes its examination and decision (the `ppk.follow_up` clock).
PPK_STATES = (CaseState.AWAITING_PPK.value, CaseState.PPK_EXAMINATION.value)


def ppk_overdue_cases(*, today: date) -> list[Case]:
    """Cases whose PPK let the follow-up deadline pass without a decision, oldest first."""
    return list(
        Case.objects.filter(state__in=PPK_STATES, deadline_on__lt=today)
        .select_related("region", "kecamatan", "assigned_to")
        .order_by("deadline_on", "number")
    )


def bkn_staff() -> list[User]:
    """Active BKN analysts: they take the control action when a PPK is overdue."""
    return list(User.objects.filter(is_active=True, role=Role.BKN_ANALYST.value))
