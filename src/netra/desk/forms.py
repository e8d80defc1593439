"""Desk forms: inbox filters, transitions built from the procedure table, classification, etc."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.cases.services import StaffEntryKind
from netra.procedure import CaseState, Transition
from netra.procedure.states import ForwardRecipient, refused_recipient
from netra.procedure.transitions import FieldKind
from netra.public import labels
from netra.public.forms import AccessibleForm, ReportForm, _choice_field
from netra.rulebook import load_rulebook

# How each requirement of the procedure table is asked for: netra.public.labels.FIELD_LABELS.
FIELD_LABELS = labels.FIELD_LABELS

DEADLINE_CHOICES = [
    ("", _("Any deadline")),
    ("overdue", _("Overdue")),
    ("due_soon", _("Due soon")),
    ("ok", _("On track")),
    ("none", _("No deadline")),
]


def recipients_offered(
    codes: tuple[str, ...], *, today: date, subject: str | None = None
) -> tuple[str, ...]:
    """The recipients to offer on `today` for a case on `subject`.

    KASN only while it handled (or was winding up) cases: it stopped on 24 Aug 2024 and its
    pending files went to KemenPANRB (SE MenPANRB 4/2024); the service still accepts a
    backdated letter to KASN through the API. No body that judges another kind of official than
    `subject` (the service would refuse it).
    """
    book = load_rulebook()
    kasn_open = (
        book.recommendation_recipient(today).lower() == "kasn"
        or book.recipient_changeover_on(today) is not None
    )
    return tuple(
        code
        for code in codes
        if (code != "kasn" or kasn_open)
        and not (subject and refused_recipient(subject, ForwardRecipient(code)))
    )


class InboxFilterForm(AccessibleForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Status"), required=False)
    deadline = forms.ChoiceField(label=_("Deadline"), required=False, choices=DEADLINE_CHOICES)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kecamatan = forms.ChoiceField(label=_("Sub-district (kecamatan)"), required=False)
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[str, str]],
        kecamatan: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Offered to a kabupaten/kota office, over its own kecamatan; not to anyone else.
        if kecamatan:
            _choice_field(self, "kecamatan").choices = [("", _("Every kecamatan")), *kecamatan]
        else:
            del self.fields["kecamatan"]
        _choice_field(self, "state").choices = [
            ("", _("Any status")),
            *[(state.value, labels.state_label(state.value)) for state in CaseState],
        ]
        _choice_field(self, "region").choices = [("", _("All my regions")), *regions]
        _choice_field(self, "category").choices = [
            ("", _("Any category")),
            *labels.category_choices(),
        ]


class TransitionForm(AccessibleForm):
    """One form per allowed transition, its fields from the transition's requirements."""

    note = forms.CharField(
        label=_("Note for the case file"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, transition: Transition, subject: str | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"t-{transition.target.value}")
        super().__init__(*args, **kwargs)
        self.transition = transition
        added: dict[str, forms.Field] = {}
        for requirement in transition.requires:
            label = FIELD_LABELS.get(requirement.field, requirement.field)
            field: forms.Field
            if requirement.kind is FieldKind.DATE:
                field = forms.DateField(
                    label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                )
            elif requirement.kind is FieldKind.CHOICE:
                codes = requirement.choices
                if requirement.field == "recipient":
                    codes = recipients_offered(codes, today=timezone.localdate(), subject=subject)
                field = forms.ChoiceField(
                    label=label,
                    choices=[("", "—")] + [(code, labels.choice_label(code)) for code in codes],
                )
            elif requirement.field in {"study", "decision", "reason", "missing_items"}:
                field = forms.CharField(
                    label=label, max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
                )
            else:
                field = forms.CharField(label=label, max_length=2000)
            added[requirement.field] = field
        # Required fields first, the free note last.
        self.fields = {**added, "note": self.fields["note"]}
        if transition.target is CaseState.NEEDS_COMPLETION:
            self.fields = {
                **added,
                "completion_due_on": forms.DateField(
                    label=_("The reporter must answer by"),
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    help_text=_("Shown to the reporter on the tracking page."),
                ),
                "note": self.fields["note"],
            }
        if transition.target in {CaseState.REGISTERED, CaseState.CLARIFICATION_STUDY}:
            self.fields["extended"] = forms.BooleanField(
                label=_("Extend the deadline for additional information (keterangan tambahan)"),
                required=False,
            )

    def payload(self) -> dict[str, object]:
        payload: dict[str, object] = {
            requirement.field: self.cleaned_data[requirement.field]
            for requirement in self.transition.requires
        }
        if self.cleaned_data.get("completion_due_on"):
            payload["completion_due_on"] = self.cleaned_data["completion_due_on"]
        return payload


class ClassificationForm(AccessibleForm):
    category = forms.TypedChoiceField(label=_("Bawaslu category"), coerce=int)
    subject_type = forms.ChoiceField(label=_("Subject type"))
    acts = forms.MultipleChoiceField(
        label=_("Acts"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "category").choices = labels.category_choices()
        _choice_field(self, "subject_type").choices = labels.subject_choices()
        _choice_field(self, "acts").choices = labels.act_choices()


class AssignmentForm(AccessibleForm):
    assignee = forms.ChoiceField(label=_("Assign to"), required=False)

    def __init__(self, *args: Any, users: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "assignee").choices = [("", _("Nobody")), *users]


class EvidenceForm(AccessibleForm):
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(
        label=_("or a link"), required=False, max_length=1000, assume_scheme="https"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link."))
        return data


STAFF_ENTRY_CHOICES = [
    (StaffEntryKind.FINDING.value, _("Finding (temuan, Form A)")),
    (StaffEntryKind.INITIAL_INFORMATION.value, _("Initial information (informasi awal)")),
    (StaffEntryKind.REPORT.value, _("Report brought to the office (walk-in laporan)")),
]


class StaffCaseForm(ReportForm):
    """A case typed in at the desk: the report form's fields, plus what staff add."""

    kind = forms.ChoiceField(
        label=_("What are you entering?"), widget=forms.RadioSelect, choices=STAFF_ENTRY_CHOICES
    )
    found_on = forms.DateField(
        label=_("Date the violation was found"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For a finding: the date on Form A. Today if left empty."),
    )
    note = forms.CharField(
        label=_("Note for the case file"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Staff are told of a doubtful date after entering the case, not asked to confirm it.
        for name in ("truthful", "may_disclose_identity", "may_be_contacted", "date_confirmed"):
            del self.fields[name]
        for name in ("reporter_kind", "reporter_name", "reporter_address"):
            self.fields[name].required = False
        _choice_field(self, "region").choices = [("", _("Choose a region")), *regions]
        self.fields["region"].label = _("Region where it happened")
        self.fields["region"].help_text = ""
        self.fields["region"].widget.attrs.pop("aria-describedby", None)  # no help to point at
        self.fields["known_on"].label = _("When did the office learn about it?")
        self.fields["incident_on"].label = _("When did it happen?")
        # Staff-facing labels on the fields the citizen's form words for the reporter.
        self.fields["reporter_name"].label = _("Reporter's full name")
        self.fields["reporter_address"].label = _("Reporter's address")
        self.fields["reporter_address"].help_text = _(
            "The law requires the reporter's address; it is kept confidential."
        )
        self.fields["known_on"].help_text = _(
            "A walk-in report filed more than 7 days after this date is flagged late."
        )
        self.order_fields(["kind", "series", "region", "incident_on", "known_on", "found_on"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == StaffEntryKind.REPORT.value:
            for name in ("reporter_kind", "reporter_name", "reporter_address"):
                if not data.get(name):
                    self.add_error(
                        name, _("A walk-in report needs the reporter's name and address.")
                    )
        return data


class ReopenForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Why is the case reopened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the case file and sent to the reporter."),
    )
