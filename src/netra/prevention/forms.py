"""HTML input of the prevention register."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.prevention.models import MeetingKind
from netra.regions.models import Agency


class DeclarationForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency (empty: the regional government)"),
        queryset=Agency.objects.none(),
        required=False,
    )
    signed_by = forms.CharField(label=_("Signed by (name and office)"), max_length=200)
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    points = forms.CharField(label=_("Points, one a line"), widget=forms.Textarea)
    document_reference = forms.CharField(
        label=_("Document (letter number, where it is kept)"), max_length=200, required=False
    )
    document = forms.FileField(
        label=_("Signed declaration (PDF or photo)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )


class DocumentForm(forms.Form):
    document = forms.FileField(
        label=_("Signed declaration (PDF or photo)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=200)
    organiser = forms.CharField(label=_("Organiser"), max_length=200)
    audience = forms.CharField(label=_("Audience"), max_length=300)
    attendees = forms.IntegerField(label=_("Number of attendees"), min_value=1)
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies present"), queryset=Agency.objects.none(), required=False
    )
    materials = forms.CharField(
        label=_("Materials"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImbauanForm(forms.Form):
    letter_number = forms.CharField(label=_("Letter number"), max_length=100)
    sent_on = forms.DateField(
        label=_("Date of the letters"), widget=forms.DateInput(attrs={"type": "date"})
    )
    tipline = forms.CharField(label=_("Tipline (WhatsApp)"), max_length=40, required=False)
