"""HTML input of Tanya Aturan: the question, the submission and the desk's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.guidance.models import QUESTION_MAX_CHARS
from netra.public.forms import _choice_field
from netra.public.selectors import region_choices
from netra.regions.models import Region
from netra.regions.selectors import region_by_code


class AskForm(forms.Form):
    q = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX_CHARS,
        help_text=_("For example: Bolehkah ASN like postingan paslon?"),
    )
    tanggal = forms.DateField(
        label=_("Date it is about"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The answer can change with the date (before or after the candidates are set)."
        ),
    )


class SubmitQuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"), max_length=QUESTION_MAX_CHARS, widget=forms.Textarea
    )
    # Chosen from the list, as on the report form: a citizen does not know Kemendagri codes.
    region = forms.ChoiceField(
        label=_("Your regency or city"),
        required=False,
        help_text=_("Optional. Your name and contact are not asked."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "region").choices = [
            ("", _("Not said")),
            *region_choices(),
        ]

    def clean_region(self) -> Region | None:
        code = self.cleaned_data["region"].strip()
        if not code:
            return None
        region = region_by_code(code)
        if region is None:
            raise forms.ValidationError(_("No region has this code."))
        return region


ALLOWED_CHOICES = (
    ("", _("Depends / information")),
    ("yes", _("Allowed")),
    ("no", _("Not allowed")),
)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=QUESTION_MAX_CHARS * 4, widget=forms.Textarea
    )
    allowed = forms.ChoiceField(label=_("Verdict"), choices=ALLOWED_CHOICES, required=False)
    norms = forms.CharField(
        label=_("Norms, one a line"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.CharField(label=_("Source"), max_length=300)

    def verdict(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("allowed") or "")
