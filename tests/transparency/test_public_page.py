"""The public transparency page and its open data: no login, aggregates only, no count under 5."""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from netra.transparency.suppression import SUPPRESSED
from tests.vulnerability.test_index_views import make_case

pytestmark = pytest.mark.django_db

PARTY_NAME = "Budi Santoso"
PARTY_NIP = "198001012005011001"


def decided(election: Any, region: Any, *, on: date, category: int, sanctioned: bool = False):
    reached = [("decided_violation", on), ("forwarded", on)]
    if sanctioned:
        reached.append(("sanction_imposed", on))
    case = make_case(
        election,
        region,
        known_on=on,
        category=category,
        parties=(("Camat", PARTY_NIP),),
        reached=tuple(reached),
    )
    case.parties.update(name=PARTY_NAME, agency="Kecamatan Cibinong")
    return case


@pytest.fixture
def proven(elections: dict[str, Any], regions: dict[str, Any]) -> None:
    # Bogor: 7 proven in category 1 (October), 2 in category 2 (September); Bandung: 1;
    # Surabaya: 5; and one case never decided, which must not count anywhere.
    for day in range(1, 8):
        decided(elections["bogor"], regions["bogor"], on=date(2024, 10, day), category=1)
    for day in (1, 2):
        decided(elections["bogor"], regions["bogor"], on=date(2024, 9, day), category=2)
    decided(elections["bandung"], regions["bandung"], on=date(2024, 10, 3), category=1)
    for day in range(1, 6):
        decided(
            elections["surabaya"],
            regions["surabaya"],
            on=date(2024, 10, day),
            category=4,
            sanctioned=True,
        )
    make_case(elections["bogor"], regions["bogor"], known_on=date(2024, 10, 9), category=1)


def _published(body: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r"data-count>([^<]*)<", body)]


def _is_safe(cell: str) -> bool:
    return cell == SUPPRESSED or cell == "0" or (cell.isdigit() and int(cell) >= 5)


@pytest.mark.parametrize(
    ("election", "province"),
    list(itertools.product(["", "pilkada-2024", "pemilu-2024"], ["", "32", "35"])),
)
def test_no_count_under_five_is_published_under_any_filter(proven, election, province):
    response = Client().get("/transparansi/", {"election": election, "province": province})
    assert response.status_code == 200
    body = response.content.decode()
    cells = _published(body)
    assert cells, "the page publishes counts"
    assert [c for c in cells if not _is_safe(c)] == []
    tooltips = [html.unescape(t) for t in re.findall(r"<title>[^<:]+: ([^<]*)</title>", body)]
    assert [t for t in tooltips if not _is_safe(t)] == []
    for secret in (PARTY_NAME, PARTY_NIP, "Kecamatan Cibinong", "Siti"):
        assert secret not in body


def test_the_page_counts_proven_violations_and_follow_up(proven):
    body = Client().get("/transparansi/").content.decode()
    cells = _published(body)
    assert cells[0] == "15"  # 7 + 2 + 1 + 5 decided; the undecided case is not counted
    assert cells[1] == "15"  # all forwarded
    assert cells[2] == "5"  # Surabaya's sanctions


@pytest.mark.parametrize("election", ["pilkada-2024", "pemilu-2024", "pilkada-2024-3201"])
def test_open_data_suppresses_small_cells_and_never_leaves_one_alone(proven, election):
    client = Client()
    text = client.get(f"/transparansi/data/{election}.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        assert _is_safe(row["proven_violations"])
    by_region: dict[str, list[str]] = {}
    for row in rows:
        by_region.setdefault(row["region_code"], []).append(row["proven_violations"])
    for cells in by_region.values():
        assert cells.count(SUPPRESSED) != 1 or len(cells) == 1
    payload = json.loads(client.get(f"/transparansi/data/{election}.json").content)
    assert [r["proven_violations"] for r in payload["rows"]] == [
        int(r["proven_violations"]) if r["proven_violations"].isdigit() else r["proven_violations"]
        for r in rows
    ]
    assert PARTY_NAME not in text
    assert PARTY_NIP not in text


def test_open_data_has_one_row_per_region_category_and_month(proven):
    text = Client().get("/transparansi/data/pilkada-2024.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [
        (r["region_code"], r["category"], r["month"], r["proven_violations"]) for r in rows
    ] == [
        # Bogor's September row (2) is suppressed, so its October row (7) is too: the region's
        # total on the page would otherwise give the 2 away.
        ("32.01", "2", "2024-09", SUPPRESSED),
        ("32.01", "1", "2024-10", SUPPRESSED),
        ("32.73", "1", "2024-10", SUPPRESSED),
        ("35.78", "4", "2024-10", "5"),
    ]


def test_the_data_dictionary_describes_every_column_and_links_each_series(proven):
    descriptor = Client().get("/transparansi/data/").json()
    fields = [f["name"] for f in descriptor["resources"][0]["schema"]["fields"]]
    assert fields == [
        "election",
        "region_code",
        "region_name",
        "category",
        "month",
        "proven_violations",
    ]
    paths = [r["path"] for r in descriptor["resources"]]
    assert "http://testserver/transparansi/data/pilkada-2024.csv" in paths


def test_an_unknown_election_is_404(db):
    assert Client().get("/transparansi/data/pilkada-2099.csv").status_code == 404


def test_an_empty_subject_and_a_day_outside_the_stages_are_named_in_the_readers_language(proven):
    from netra.cases.models import Case

    Case.objects.update(subject_type="")
    Case.objects.filter(incident_on__month=9).update(
        incident_on=date(2023, 1, 1), known_on=date(2023, 1, 1)
    )
    indonesian = Client().get("/transparansi/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Tidak diketahui" in indonesian
    assert "Di luar tahapan" in indonesian
    assert ">unknown<" not in indonesian
    english = Client().get("/transparansi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Unknown" in english
    assert "Outside the stages" in english


def test_the_analyzers_no_subject_code_is_counted_as_unknown_never_shown_raw(proven):
    # QA walk-through: the analyzer's "none" (no subject recognised) reached the public subject
    # table as a bare "none" row beside "Tidak diketahui", two rows for one fact.
    from netra.cases.models import Case

    Case.objects.update(subject_type="none")
    Case.objects.filter(incident_on__month=9).update(subject_type="")
    indonesian = Client().get("/transparansi/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert ">none<" not in indonesian
    assert indonesian.count(">Tidak diketahui<") == 1
    english = Client().get("/transparansi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">none<" not in english
    assert english.count(">Unknown<") == 1


def test_the_stages_are_named_in_the_readers_language(proven):
    # QA walk-through: the English page listed the stages in Indonesian ("Kampanye").
    english = Client().get("/transparansi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Campaign<" in english
    assert ">Kampanye<" not in english
    indonesian = Client().get("/transparansi/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert ">Kampanye<" in indonesian


def test_a_bad_filter_is_explained_in_indonesian(db):
    body = Client().get("/transparansi/", {"province": "99"}, HTTP_ACCEPT_LANGUAGE="id")
    assert "bukan salah satu dari pilihan yang tersedia" in body.content.decode()


def _numbers(recap: Any) -> dict[str, dict[str, int]]:
    """Every published number of a recap, by table and row key (suppressed cells left out)."""
    tables = {
        "region": recap.by_region,
        "category": recap.by_category,
        "subject": recap.by_subject,
        "month": recap.by_month,
        "stage": recap.by_stage,
    }
    numbers = {
        name: {row.key: row.count for row in table.rows if isinstance(row.count, int)}
        for name, table in tables.items()
    }
    numbers["overall"] = {
        key: value
        for key, value in (
            ("total", recap.total),
            ("forwarded", recap.follow_up.forwarded),
            ("sanctioned", recap.follow_up.sanctioned),
        )
        if isinstance(value, int)
    }
    return numbers


def test_two_public_views_cannot_be_subtracted_into_a_count_under_five(proven, elections, regions):
    from netra.transparency.selectors import public_recap

    # Two Pemilu cases beside the Pilkada ones: "all elections" minus "Pilkada" would give 2.
    for day in (1, 2):
        decided(elections["pemilu"], regions["bogor"], on=date(2024, 10, day), category=1)
    today = date(2024, 12, 1)
    views = {
        (election, province): _numbers(
            public_recap(
                election=election or None,
                province=regions[province] if province else None,
                today=today,
            )
        )
        for election in ("", "pilkada-2024", "pemilu-2024")
        for province in ("", "jabar", "jatim")
    }
    differences = []
    for (election, province), child in views.items():
        parents = []
        if election:
            parents.append(views["", province])
        if province:
            parents.append(views[election, ""])
        for parent in parents:
            for table, cells in child.items():
                if table == "region" and parent is views[election, ""]:
                    continue  # provinces against regencies: different rows
                for key, count in cells.items():
                    if key in parent[table] and 0 < parent[table][key] - count < 5:
                        differences.append((election, province, table, key))
    assert differences == []
    # And the page still publishes what is safe: Pilkada category 1 nationally is 8 of 10.
    assert views["", ""]["category"]["01"] == 10
    assert "01" not in views["pilkada-2024", ""]["category"]
