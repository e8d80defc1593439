"""The recap, the staff map and the open-data page narrow to an election by the same choices."""

from __future__ import annotations

import pytest
from django.utils import translation

from netra.insights.views import RecapFilterForm
from netra.maps.forms import MapFilterForm
from netra.transparency.views import PublicFilterForm

pytestmark = pytest.mark.django_db

FILTERS = pytest.mark.parametrize("form_class", [RecapFilterForm, MapFilterForm, PublicFilterForm])


@FILTERS
def test_every_filter_offers_all_elections_and_the_two_2024_series(form_class):
    with translation.override("en"):
        choices = [(value, str(label)) for value, label in form_class().fields["election"].choices]
    assert choices == [
        ("", "All elections"),
        ("pilkada-2024", "Pilkada 2024"),
        ("pemilu-2024", "Pemilu 2024"),
    ]


@FILTERS
@pytest.mark.parametrize("election", ["", "pilkada-2024", "pemilu-2024"])
def test_every_filter_takes_a_listed_election_or_none(form_class, election):
    form = form_class({"election": election})
    form.is_valid()
    assert "election" not in form.errors
    assert form.cleaned_data["election"] == election


@FILTERS
def test_every_filter_refuses_an_election_it_does_not_list(form_class):
    form = form_class({"election": "pemilu-2019"})
    assert not form.is_valid()
    assert "election" in form.errors
