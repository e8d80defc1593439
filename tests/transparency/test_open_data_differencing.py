"""Open data against the public page: an election's rows cannot be summed and subtracted from
the page's total of every election into a count under five."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.test import Client

from netra.transparency.suppression import SUPPRESSED, publish_table
from tests.transparency.test_public_page import decided, proven  # noqa: F401 -- a fixture

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("proven")
def test_a_region_whose_other_elections_add_under_five_keeps_its_rows_unsummable(
    elections: dict[str, Any], regions: dict[str, Any]
):
    # Surabaya: 5 proven in the Pilkada (one row, "5"), and now 2 in the Pemilu. The page of
    # every election shows Surabaya's 7; the Pilkada file alone must not give the 5 away.
    for day in (1, 2):
        decided(elections["pemilu"], regions["surabaya"], on=date(2024, 2, day), category=4)
    text = Client().get("/transparansi/data/pilkada-2024.csv").content.decode()
    surabaya = [r for r in csv.DictReader(io.StringIO(text)) if r["region_code"] == "35.78"]
    assert [r["proven_violations"] for r in surabaya] == [SUPPRESSED]


def test_hide_some_hides_the_smallest_cell_and_then_a_second():
    assert publish_table([9, 6, 12], hide_some=True) == [SUPPRESSED, SUPPRESSED, 12]
    assert publish_table([9, 6, 12]) == [9, 6, 12]
    assert publish_table([0, 0], hide_some=True) == [0, 0]
