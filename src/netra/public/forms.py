"""The public report form and the tracking-code form.

The form checks shape (required fields, lengths, dates, files) and says so next to each field;
the procedure and the data rules are the intake service's, whose errors are mapped back onto
the field they name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.cases.models import ReporterKind
from netra.cases.reference import PEMILU_SERIES, PILKADA_SERIES, election_date_warning
from netra.cases.tracking import canonical_tracking_code
from netra.public import labels
from netra.public.quarantine import HeldFile
from netra.public.selectors import election_for, kecamatan_names, region_choices
from netra.regions.models import Region
from netra.regions.selectors import kecamatan_named, region_by_code
from netra.regions.zones import today_in

if TYPE_CHECKING:  # the stubs' name for a str or a lazy translation
    from django.utils.functional import _StrOrPromise

MAX_FILES = 10
MAX_LINKS = 20

NIP_PATTERN = re.compile(r"^\d{18}$")


def kecamatan_field(datalist: str, help_text: _StrOrPromise) -> forms.CharField:
    """A kecamatan typed by name and offered from a datalist of the chosen region's kecamatan
    (the browser's own suggestions: no script needed)."""
    return forms.CharField(
        label=_("Sub-district (kecamatan)"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"list": datalist, "autocomplete": "off"}),
        help_text=help_text,
    )


def election_filter_field() -> forms.ChoiceField:
    """The election a recap, map or open-data page is narrowed to: every election, or one of the
    2024 series; the same choices on every page, so a filter reads alike wherever it is."""
    return forms.ChoiceField(
        label=_("Election"),
        required=False,
        choices=[
            ("", _("All elections")),
            (PILKADA_SERIES, "Pilkada 2024"),
            (PEMILU_SERIES, "Pemilu 2024"),
        ],
    )


class AccessibleForm(forms.Form):
    """Ties each field's error message to its input (aria-describedby, aria-invalid)."""

    def full_clean(self) -> None:
        super().full_clean()
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_help")
            if name in self.errors:
                described.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs.setdefault("aria-describedby", f"{self._auto_id(name)}_help")

    def _auto_id(self, name: str) -> str:
        """A field's HTML id without making its bound field: a bound field made here is cached
        with the label and help of this moment, and a subclass's own wording set after
        `super().__init__` (the desk's staff form) would never show."""
        auto_id, html_name = str(self.auto_id or ""), self.add_prefix(name)
        if not auto_id:
            return ""
        return auto_id % html_name if "%s" in auto_id else html_name  # as BoundField.auto_id

    def add_service_error(self, field: str | None, message: str) -> None:
        """Show an error the service raised on the field it names, or above the form."""
        self.add_error(field if field in self.fields else None, message)


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """The named field as a ChoiceField, so its choices can be set after init."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 -- declared as one above
    return field


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more uploaded files; each is checked like a FileField."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def clean_link_lines(text: str) -> list[str]:
    """Web addresses typed one per line, each checked; ValidationError naming a bad one."""
    links = [line.strip() for line in text.splitlines() if line.strip()]
    if len(links) > MAX_LINKS:
        raise ValidationError(_("At most %(n)d links.") % {"n": MAX_LINKS})
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise ValidationError(
                _("%(link)s is not a web address (it must start with http:// or https://).")
                % {"link": link}
            ) from None
    return links


def check_evidence_files(files: list[UploadedFile], *, held: int = 0) -> list[UploadedFile]:
    """At most MAX_FILES files (with `held` ones kept from an earlier try), each under the upload
    limit; ValidationError naming the file."""
    if len(files) + held > MAX_FILES:
        raise ValidationError(_("At most %(n)d files per report.") % {"n": MAX_FILES})
    limit: int = settings.NETRA_MAX_UPLOAD_BYTES
    for upload in files:
        if (upload.size or 0) > limit:
            raise ValidationError(
                _("%(name)s is larger than %(mb)d MB.")
                % {"name": upload.name, "mb": limit // (1024 * 1024)}
            )
    return files


# The kinds of file the browser's picker offers; the intake checks the content itself.
_EVIDENCE_ACCEPT = "image/*,application/pdf,video/*,audio/*,.ogg,.m4a"


def _evidence_field(label: _StrOrPromise) -> MultipleFileField:
    return MultipleFileField(
        label=label,
        required=False,
        help_text=_("Photos, screenshots, PDF, video or voice notes; up to 10 files."),
    )


def _links_field(label: _StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Addresses of posts or videos, one per line."),
    )


class _EvidenceForm(AccessibleForm):
    """One set of checks for the evidence and links of a report and of its completion; each form
    declares the two fields where they stand in its order. `held`: files kept from a past try."""

    held: tuple[HeldFile, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].widget.attrs["accept"] = _EVIDENCE_ACCEPT

    def clean_links(self) -> list[str]:
        return clean_link_lines(str(self.cleaned_data.get("links", "")))

    def clean_evidence(self) -> list[UploadedFile]:
        return check_evidence_files(self.cleaned_data.get("evidence") or [], held=len(self.held))


class ReportForm(_EvidenceForm):
    """A laporan with what UU 10/2016 Pasal 134(3) / UU 7/2017 Pasal 454(4) ask of a reporter."""

    # 1. About you
    reporter_kind = forms.ChoiceField(
        label=_("You are reporting as"),
        widget=forms.RadioSelect,
        choices=[
            (ReporterKind.PEMILIH.value, _("A voter")),
            (ReporterKind.PEMANTAU.value, _("An accredited election monitor")),
            (ReporterKind.PESERTA.value, _("An election participant (party or candidate)")),
        ],
        initial=ReporterKind.PEMILIH.value,
    )
    reporter_name = forms.CharField(label=_("Your full name"), min_length=2, max_length=200)
    reporter_address = forms.CharField(
        label=_("Your address"),
        min_length=5,
        max_length=500,
        help_text=_("The law requires the reporter's address. It is kept confidential."),
    )
    reporter_contact = forms.CharField(
        label=_("Phone or e-mail"),
        required=False,
        max_length=200,
        help_text=_("So the supervisors can ask you for more information."),
    )
    notify_contact = forms.BooleanField(
        label=_("Send my tracking code and every change of status to this contact"),
        required=False,
        initial=True,
        help_text=_("By e-mail now; by SMS or WhatsApp where the office has set it up."),
    )
    # 2. Who
    party_name = forms.CharField(
        label=_("Name of the official you are reporting"),
        required=False,
        max_length=200,
        help_text=_("Leave empty if you do not know the name."),
    )
    party_position = forms.CharField(
        label=_("Position"),
        required=False,
        max_length=200,
        help_text=_("For example: camat, teacher, village head, police officer."),
    )
    party_agency = forms.CharField(label=_("Office or agency"), required=False, max_length=200)
    party_subject_type = forms.ChoiceField(label=_("The official is"), required=False)
    party_nip = forms.CharField(
        label=_("NIP (civil servant number)"),
        required=False,
        max_length=18,
        help_text=_("18 digits, only if you know it."),
    )
    # 3. What, when, where
    series = forms.ChoiceField(
        label=_("Which election is it about?"),
        widget=forms.RadioSelect,
        choices=[
            (PILKADA_SERIES, _("Pilkada 2024 (governor, regent or mayor)")),
            (PEMILU_SERIES, _("Pemilu 2024 (president, legislature)")),
        ],
        initial=PILKADA_SERIES,
    )
    region = forms.ChoiceField(
        label=_("Regency or city where it happened"),
        help_text=_("The Bawaslu office of this regency or city will handle your report."),
    )
    kecamatan = kecamatan_field(
        "kecamatan-options",
        _("Type its name and pick it from the list; leave it empty if you are not sure."),
    )
    place = forms.CharField(
        label=_("Place"),
        min_length=3,
        max_length=300,
        help_text=_("For example: the sub-district office, a WhatsApp group, a Facebook page."),
    )
    incident_on = forms.DateField(label=_("When did it happen?"), widget=_date_input())
    # Ticked to send a report whose date the form warned about (after the voting day, ...).
    date_confirmed = forms.BooleanField(
        label=_("The date is right: send the report with it"), required=False
    )
    known_on = forms.DateField(
        label=_("When did you learn about it?"),
        widget=_date_input(),
        help_text=_("Reports must be made within 7 days of this date."),
    )
    description = forms.CharField(
        label=_("What happened?"),
        min_length=20,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe who did what, in your own words. At least 20 characters."),
    )
    # 4. Evidence
    evidence = _evidence_field(_("Evidence files"))
    links = _links_field(_("Links"))
    # 5. Confidentiality
    may_disclose_identity = forms.BooleanField(
        label=_("The supervisors may name me in the follow-up (for example as a witness)"),
        required=False,
        initial=False,
        help_text=_(
            "If you leave this unticked, your name is known only to the supervisors handling the "
            "report."
        ),
    )
    may_be_contacted = forms.BooleanField(
        label=_("The supervisors may contact me about this report"),
        required=False,
        initial=True,
    )
    truthful = forms.BooleanField(
        label=_("I declare that this report is true to the best of my knowledge"),
        required=True,
    )

    def __init__(self, *args: Any, held: tuple[HeldFile, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held = held  # evidence kept from an earlier try (netra.public.quarantine)
        self.date_warning: str | None = None  # set by clean(); the view asks to confirm it
        _choice_field(self, "region").choices = [
            ("", _("Choose a regency or city")),
            *region_choices(),
        ]
        _choice_field(self, "party_subject_type").choices = [
            ("unknown", _("I do not know")),
            *[(code, label) for code, label in labels.subject_choices() if code != "unknown"],
        ]

    def clean_region(self) -> object:
        region = region_by_code(self.cleaned_data["region"])
        if region is None:
            raise ValidationError(_("Choose a regency or city from the list."))
        return region

    def clean_party_nip(self) -> str:
        nip = str(self.cleaned_data.get("party_nip", "")).replace(" ", "")
        if nip and not NIP_PATTERN.match(nip):
            raise ValidationError(_("A NIP has exactly 18 digits."))
        return nip

    def kecamatan_options(self) -> list[str]:
        """The kecamatan names of the chosen region, for the field's datalist (empty before)."""
        code = self.data.get("region") if self.is_bound else self.initial.get("region")
        region = region_by_code(str(code)) if code else None
        return kecamatan_names(region) if region is not None else []

    def _clean_kecamatan(self, data: dict[str, Any], region: Region | None) -> None:
        typed = str(data.get("kecamatan") or "").strip()
        data["kecamatan"] = None
        if not typed or region is None:
            return
        data["kecamatan"] = kecamatan_named(region, typed)
        if data["kecamatan"] is None:
            self.add_error(
                "kecamatan",
                _("%(region)s has no kecamatan %(name)s. Pick one from the list or leave it empty.")
                % {"region": region.name, "name": typed},
            )

    def _check_date_against_election(self, data: dict[str, Any], region: Region | None) -> None:
        incident_on = data.get("incident_on")
        if region is None or incident_on is None or data.get("date_confirmed"):
            return
        election = election_for(str(data.get("series", "")), region)
        if election is not None:
            self.date_warning = election_date_warning(election, incident_on)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        region = data.get("region")
        self._clean_kecamatan(data, region)
        self._check_date_against_election(data, region)
        # The reporter's own calendar day: Jayapura's starts two hours before Jakarta's.
        today = today_in(region, timezone.now()) if region is not None else timezone.localdate()
        incident_on: date | None = data.get("incident_on")
        known_on: date | None = data.get("known_on")
        if incident_on and incident_on > today:
            self.add_error("incident_on", _("This date is in the future."))
        if known_on and known_on > today:
            self.add_error("known_on", _("This date is in the future."))
        if incident_on and known_on and known_on < incident_on:
            self.add_error("known_on", _("You cannot have learned about it before it happened."))
        return data


# The intake service names fields by their data path; the form names them by input.
SERVICE_FIELDS: Mapping[str, str] = {
    "region": "region",
    "incident_on": "incident_on",
    "known_on": "known_on",
    "place": "place",
    "description": "description",
    "reporter.name": "reporter_name",
    "reporter.address": "reporter_address",
    "parties.name": "party_name",
    "parties.nip": "party_nip",
    "files": "evidence",
    "kecamatan": "kecamatan",
    "found_on": "found_on",  # the desk's form only; elsewhere the error goes above the form
}


def form_field_for(service_field: object) -> str | None:
    return SERVICE_FIELDS.get(str(service_field)) if service_field else None


class TrackingForm(AccessibleForm):
    code = forms.CharField(
        label=_("Tracking code"),
        min_length=8,
        max_length=64,
        help_text=_(
            "The code you received when you sent the report, such as 7K3MQ-9XD2P-FAB4R. "
            "Capitals, spaces and dashes do not matter."
        ),
    )

    def clean_code(self) -> str:
        typed = str(self.cleaned_data["code"]).strip()
        return canonical_tracking_code(typed) or typed


class CompletionForm(_EvidenceForm):
    """The reporter's reply to a request to complete the report: words, files and links."""

    note = forms.CharField(
        label=_("What you are adding"),
        min_length=5,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Answer the supervisors' request in your own words."),
    )
    evidence = _evidence_field(_("More evidence files"))
    links = _links_field(_("More links"))
