"""The map's filters (HTML input validation only)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.cases.reference import PEMILU_SERIES, PILKADA_SERIES
from netra.maps.layers import Layer
from netra.maps.selectors import MapFilter
from netra.public.forms import AccessibleForm, _choice_field, election_filter_field
from netra.public.labels import category_label, stage_label
from netra.regions.models import Region
from netra.regions.selectors import provinces_to_filter
from netra.rulebook import load_rulebook

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class MapFilterForm(AccessibleForm):
    election = election_filter_field()
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int)
    stage = forms.ChoiceField(label=_("Election stage"), required=False)
    month = forms.CharField(
        label=_("Month of the incident"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2024-10"}),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    layer = forms.ChoiceField(
        label=_("Colour the map by"),
        required=False,
        choices=[
            (Layer.CASES.value, _("Cases")),
            (Layer.PER_ASN.value, _("Cases per 10,000 ASN")),
            (Layer.PREVENTION.value, _("Prevention coverage")),
        ],
    )

    def __init__(self, *args: Any, scope: Region | None = None, **kwargs: Any) -> None:
        """`scope` is the viewer's region: only the province holding it is offered."""
        super().__init__(*args, **kwargs)
        _choice_field(self, "category").choices = [
            ("", _("All categories")),
            *[(str(n), f"{n}. {category_label(n)}") for n in range(1, 11)],
        ]
        rulebook = load_rulebook()
        stages: dict[str, str] = {}
        for series in (PILKADA_SERIES, PEMILU_SERIES):
            if series in rulebook.elections:
                for stage in rulebook.election(series).stages:
                    stages.setdefault(stage.code, stage_label(stage.label_id))
        _choice_field(self, "stage").choices = [("", _("All stages")), *sorted(stages.items())]
        _choice_field(self, "province").choices = [
            ("", _("All provinces")),
            *[(p.code, p.name) for p in provinces_to_filter(scope)],
        ]

    def clean_month(self) -> str:
        month = str(self.cleaned_data.get("month") or "").strip()
        if month and not MONTH.match(month):
            raise forms.ValidationError(_("Write the month as YYYY-MM, for example 2024-10."))
        return month

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("stage") and not data.get("election"):
            self.add_error("stage", _("Choose an election to filter by one of its stages."))
        return data

    def chosen_layer(self) -> Layer:
        """The layer asked for (cases when the form is unbound or invalid)."""
        if not self.is_bound or not self.is_valid():
            return Layer.CASES
        return Layer(self.cleaned_data["layer"] or Layer.CASES)

    def filters(self) -> MapFilter:
        """The valid filters (none when the form is unbound or invalid)."""
        if not self.is_bound or not self.is_valid():
            return MapFilter()
        data = self.cleaned_data
        return MapFilter(
            election=data["election"] or None,
            category=data["category"] if data["category"] != "" else None,
            month=data["month"] or None,
            stage=data["stage"] or None,
        )
