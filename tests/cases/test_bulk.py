"""`netra import reports` and `netra export cases`: rows go through the intake, bad rows are named,
exports keep the reporter confidential and respect the viewer's region scope."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from netra.audit.models import AuditEvent
from netra.cases.bulk import IMPORT_COLUMNS, ImportFileError, read_rows
from netra.cases.models import Case, Report
from netra.cli import app

runner = CliRunner()

GOOD = {
    "election": "pilkada-2024-3201",
    "region": "32.01",
    "incident_on": "2024-10-01",
    "known_on": "2024-10-02",
    "received_on": "2024-10-04",
    "place": "Balai Desa Cibinong",
    "description": "Kepala desa mengajak warga memilih pasangan calon nomor 2 saat rapat desa.",
    "reporter_kind": "pemilih",
    "reporter_name": "Rahmat Hidayat",
    "reporter_address": "Jl. Kenari 7, Cibinong",
    "reporter_contact": "0812000111",
    "party_name": "Asep Sunandar",
    "party_nip": "",
    "party_subject_type": "village_head",
    "party_position": "Kepala Desa",
    "party_agency": "Pemerintah Desa Cibinong",
    "links": "https://example.org/foto-rapat",
    "kecamatan": "",
}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(IMPORT_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.mark.django_db
def test_a_csv_with_one_bad_row_imports_the_good_rows_names_the_bad_one_and_exits_1(
    elections, tmp_path
):
    rows = [GOOD, GOOD | {"known_on": "tanggal dua"}, GOOD | {"reporter_name": "Dewi Lestari"}]
    result = run("import", "reports", str(write_csv(tmp_path / "laporan.csv", rows)))
    assert result.exit_code == 1, result.output
    assert "laporan.csv: row 3: known_on: 'tanggal dua' is not a date" in result.stderr
    assert Report.objects.count() == 2
    assert sorted(Report.objects.values_list("reporter_name", flat=True)) == [
        "Dewi Lestari",
        "Rahmat Hidayat",
    ]


@pytest.mark.django_db
def test_imported_rows_go_through_the_intake_with_lateness_counted_to_received_on(
    elections, tmp_path
):
    # UU 10/2016 Pasal 134(4): 7 days after the act became known; received on day 8 is late.
    rows = [GOOD, GOOD | {"received_on": "2024-10-10"}]
    result = run("import", "reports", str(write_csv(tmp_path / "laporan.csv", rows)))
    assert result.exit_code == 0, result.output
    on_time, late = Case.objects.order_by("id")
    assert (on_time.is_late, late.is_late) == (False, True)
    assert on_time.state == "received"
    assert on_time.state_entered_on == date(2024, 10, 4)
    assert on_time.parties.get().position == "Kepala Desa"
    assert on_time.evidence.get().url == "https://example.org/foto-rapat"
    assert hasattr(on_time, "suggestion")  # screened on arrival like any other report
    assert AuditEvent.objects.filter(action="case.receive_report").count() == 2


@pytest.mark.django_db
def test_intake_refusals_are_reported_with_the_services_field(elections, tmp_path):
    rows = [
        GOOD | {"incident_on": "2024-10-03", "known_on": "2024-10-02"},
        GOOD | {"region": "35.78"},  # Surabaya is not part of the Bogor Pilkada
        GOOD | {"election": "pilkada-2031"},
        GOOD | {"reporter_kind": "wartawan"},
        GOOD | {"party_nip": "1234"},
        GOOD | {"place": ""},
    ]
    result = run("import", "reports", str(write_csv(tmp_path / "laporan.csv", rows)))
    assert result.exit_code == 1
    for expected in (
        "row 2: known_on: the date it became known is before the incident date",
        "row 3: region: region 35.78",
        "row 4: election: unknown election 'pilkada-2031'",
        "row 5: reporter_kind: 'wartawan' is not one of pemilih, pemantau, peserta",
        "row 6: party_nip: '1234' is not 18 digits",
        "row 7: place: required",
    ):
        assert expected in result.stderr
    assert Report.objects.count() == 0


@pytest.mark.django_db
def test_an_xlsx_import_reads_date_cells_and_refuses_a_numeric_nip(elections, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(IMPORT_COLUMNS))
    good = [GOOD[name] for name in IMPORT_COLUMNS]
    good[IMPORT_COLUMNS.index("incident_on")] = date(2024, 10, 1)
    sheet.append(good)
    sheet.append([])  # blank rows between entries are skipped, not errors
    numeric_nip = list(good)
    numeric_nip[IMPORT_COLUMNS.index("party_nip")] = 198501012010011001
    sheet.append(numeric_nip)
    path = tmp_path / "laporan.xlsx"
    workbook.save(path)
    result = run("import", "reports", str(path))
    assert result.exit_code == 1
    assert "row 4: party_nip: the NIP is stored as a number" in result.stderr
    assert Case.objects.get().incident_on == date(2024, 10, 1)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.txt", "x", "unsupported file type '.txt'"),
        ("laporan.csv", "", "the file is empty"),
        ("laporan.csv", "election,region\n", "row 1: missing column(s) incident_on"),
        ("laporan.csv", ",".join(IMPORT_COLUMNS) + ",catatan\n", "unknown column(s) catatan"),
        ("laporan.xlsx", "not a zip", "not a readable .xlsx workbook"),
    ],
    ids=["type", "empty", "missing-column", "unknown-column", "broken-xlsx"],
)
def test_an_unreadable_file_is_refused_as_a_whole_naming_the_problem(
    tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(read_rows(path))


@pytest.mark.django_db
def test_the_cli_exits_2_on_an_unreadable_file(tmp_path):
    path = tmp_path / "laporan.csv"
    path.write_bytes(b"\xff\xfe\x00bad")
    result = run("import", "reports", str(path))
    assert result.exit_code == 2
    assert "not UTF-8" in result.stderr


@pytest.fixture
def two_regions(file_report, elections) -> None:
    file_report(description="Camat di Bogor ikut kampanye calon bupati dan memakai mobil dinas.")
    file_report(
        election="surabaya",
        description="Lurah di Surabaya membagikan kaos calon wali kota kepada warga.",
    )


def export_csv(*args: str) -> list[dict[str, str]]:
    result = run("export", "cases", "--format", "csv", *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.django_db
def test_the_export_never_contains_the_reporter_or_the_tracking_code(two_regions, cast):
    rows = export_csv()
    assert len(rows) == 2
    text = repr(rows)
    report = Report.objects.first()
    assert report is not None
    for secret in (report.reporter_name, report.reporter_address, report.tracking_code):
        assert secret not in text
    assert not any("reporter" in column for column in rows[0])


@pytest.mark.django_db
def test_an_export_for_a_user_is_limited_to_their_region(two_regions, cast):
    assert [row["region_code"] for row in export_csv("--user", "panwas_bogor")] == ["32.01"]
    assert [row["region_code"] for row in export_csv("--user", "outsider_surabaya")] == ["35.78"]
    assert len(export_csv("--user", "bawaslu_ri")) == 2
    assert [row["region_code"] for row in export_csv("--region", "35")] == ["35.78"]


@pytest.mark.django_db
def test_the_command_line_export_keeps_indonesian_labels_unless_asked_for_english(two_regions):
    indonesian = export_csv()
    assert {row["state_label"] for row in indonesian} == {"Laporan diterima"}
    assert {row["is_late"] for row in indonesian} <= {"ya", "tidak"}
    english = export_csv("--language", "en")
    assert {row["state_label"] for row in english} == {"Report received"}
    assert {row["is_late"] for row in english} <= {"yes", "no"}
    assert [row["state"] for row in english] == [row["state"] for row in indonesian]


@pytest.mark.django_db
def test_an_xlsx_export_has_the_header_and_real_dates(two_regions, tmp_path):
    path = tmp_path / "kasus.xlsx"
    result = run("export", "cases", "--format", "xlsx", "-o", str(path))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path, read_only=True).worksheets[0]
    assert sheet.title == "kasus"
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[0] == "number"
    assert len(rows) == 2
    incident = rows[0][header.index("incident_on")]
    assert incident.date() == date(2024, 10, 1)

    english = tmp_path / "cases.xlsx"
    result = run("export", "cases", "--format", "xlsx", "--language", "en", "-o", str(english))
    assert result.exit_code == 0, result.output
    assert load_workbook(english, read_only=True).worksheets[0].title == "cases"


@pytest.mark.django_db
def test_a_csv_export_defuses_cells_that_a_spreadsheet_would_run_as_formulas(
    file_report, elections
):
    file_report(description='=HYPERLINK("http://x") camat ikut kampanye calon bupati di desa.')
    (row,) = export_csv()
    assert row["description"].startswith("'=HYPERLINK")


def test_an_xlsx_export_without_an_output_file_is_refused():
    result = run("export", "cases", "--format", "xlsx")
    assert result.exit_code == 2
    assert "needs -o FILE.xlsx" in result.stderr


@pytest.mark.django_db
def test_a_row_names_its_kecamatan_by_code_or_name_and_an_unknown_one_by_its_row(
    elections, regions, tmp_path
):
    from netra.regions.models import Agency, AgencyKind

    Agency.objects.create(
        code="32.01.01",
        name="Kecamatan Cibinong",
        kind=AgencyKind.KECAMATAN,
        region=regions["bogor"],
    )
    rows = [
        GOOD | {"kecamatan": "32.01.01"},
        GOOD | {"kecamatan": "cibinong"},
        GOOD | {"kecamatan": "Atlantis"},
    ]
    result = run("import", "reports", str(write_csv(tmp_path / "laporan.csv", rows)))
    assert result.exit_code == 1
    assert "row 4: kecamatan: Kabupaten Bogor has no kecamatan 'Atlantis'" in result.stderr
    assert list(Case.objects.values_list("kecamatan__code", flat=True)) == ["32.01.01"] * 2


@pytest.mark.django_db
def test_a_row_giving_the_election_series_is_told_the_code_for_its_region(elections, tmp_path):
    """A spreadsheet that says 'pilkada-2024' hears which code the row's regency uses, as the API's
    clients do, instead of two unrelated examples (found in the qa-2 walk-through)."""
    rows = [GOOD | {"election": "pilkada-2024"}, GOOD | {"election": "pilkada-2031"}]
    result = run("import", "reports", str(write_csv(tmp_path / "laporan.csv", rows)))
    assert result.exit_code == 1
    assert (
        "row 2: election: unknown election 'pilkada-2024': a pilkada-2024 election is coded "
        "per region; for region 32.01 it is 'pilkada-2024-3201'"
    ) in result.stderr
    assert "row 3: election: unknown election 'pilkada-2031' (e.g. pemilu-2024" in result.stderr
    assert Report.objects.count() == 0
