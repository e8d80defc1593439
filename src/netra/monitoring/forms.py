"""Monitoring desk forms: queue filters, triage actions and the file upload."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.monitoring.core.formats import FORMATS
from netra.monitoring.core.grouping import DEFAULT_THRESHOLD
from netra.public.forms import AccessibleForm

FORMAT_CHOICES = [("auto", _("Detect from the file")), *[(name, name) for name in FORMATS]]


class QueueFilterForm(AccessibleForm):
    platform = forms.CharField(label=_("Platform"), required=False, max_length=40)
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1, max_value=10)
    subject = forms.CharField(label=_("Subject"), required=False, max_length=30)
    since = forms.DateField(
        label=_("Seen from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Seen until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    everything = forms.BooleanField(label=_("Include items not flagged"), required=False)


class AcceptForm(AccessibleForm):
    election = forms.ChoiceField(label=_("Election"))
    region = forms.ChoiceField(label=_("Region"), required=False)
    place = forms.CharField(label=_("Place"), required=False, max_length=300)

    def __init__(
        self,
        *args: Any,
        elections: list[tuple[str, str]],
        regions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["election"]).choices = elections
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", _("The group's region")),
            *regions,
        ]


class DismissForm(AccessibleForm):
    reason = forms.CharField(label=_("Reason for dismissing"), max_length=500)


class DuplicateForm(AccessibleForm):
    of = forms.IntegerField(label=_("Duplicate of group number"), min_value=1)


class BatchForm(AccessibleForm):
    groups = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for dismissing"), max_length=500)

    def clean_groups(self) -> list[int]:
        raw = self.cleaned_data["groups"]
        try:
            ids = [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Select groups from the queue.")) from None
        if not ids:
            raise forms.ValidationError(_("Select groups from the queue."))
        return ids


class UploadForm(AccessibleForm):
    file = forms.FileField(label=_("Export file"))
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="auto")
    source = forms.CharField(label=_("Source name"), max_length=200, initial="unggahan desk")
    threshold = forms.FloatField(
        label=_("Near-duplicate threshold"),
        min_value=0.05,
        max_value=1.0,
        initial=DEFAULT_THRESHOLD,
    )
