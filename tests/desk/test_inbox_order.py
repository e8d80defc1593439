"""The inbox puts what burns first: overdue, due today, the nearest deadline; undated last."""

from __future__ import annotations

from datetime import date, timedelta

from netra.cases.models import Case
from netra.desk.selectors import InboxFilter, inbox

TODAY = date(2024, 10, 10)


def test_overdue_then_today_then_nearest_and_no_deadline_last(file_report, cast):
    deadlines = {
        "undated_new": None,
        "next_week": TODAY + timedelta(days=7),
        "today": TODAY,
        "tomorrow": TODAY + timedelta(days=1),
        "long_overdue": TODAY - timedelta(days=9),
        "overdue": TODAY - timedelta(days=1),
    }
    ids = {}
    for name, deadline in deadlines.items():
        case = file_report().case
        Case.objects.filter(pk=case.pk).update(deadline_on=deadline)
        ids[case.pk] = name
    ordered = [ids[case.pk] for case in inbox(cast["panwas_bogor"], InboxFilter(), today=TODAY)]
    assert ordered == ["long_overdue", "overdue", "today", "tomorrow", "next_week", "undated_new"]


def test_the_filtered_inbox_exports_as_csv_within_scope_and_without_the_reporter(
    file_report, cast, client
):
    import csv
    import io

    from django.urls import reverse

    kept = file_report().case
    other = file_report().case
    file_report(election="surabaya")
    Case.objects.filter(pk=other.pk).update(state="registered")
    client.force_login(cast["panwas_bogor"])
    response = client.get(reverse("desk:inbox_export"), {"state": "received"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "number"
    assert [row[0] for row in rows[1:]] == [kept.number]
    assert "Siti Aminah" not in response.content.decode("utf-8-sig")


def test_the_inbox_export_s_label_columns_follow_the_reader_s_language(file_report, cast, client):
    # qa-3: state_label, is_overdue and category_label were Indonesian on the English desk.
    import csv
    import io

    from django.urls import reverse

    from netra.rulebook.book import load_rulebook

    case = file_report().case
    Case.objects.filter(pk=case.pk).update(category=1, deadline_on=date(2000, 1, 1))
    category = load_rulebook().categories[1]
    client.force_login(cast["panwas_bogor"])

    def export(language: str) -> dict[str, str]:
        response = client.get(reverse("desk:inbox_export"), HTTP_ACCEPT_LANGUAGE=language)
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [row["number"] for row in rows] == [case.number]
        return rows[0]

    english, indonesian = export("en"), export("id")
    assert (english["state_label"], english["is_overdue"]) == ("Report received", "yes")
    assert english["category_label"] == category.label_en
    assert (indonesian["state_label"], indonesian["is_overdue"]) == ("Laporan diterima", "ya")
    assert indonesian["category_label"] == category.label_id
    # The code columns are for machines: the same whatever the reader's language.
    for column in ("state", "category", "origin", "region_code"):
        assert english[column] == indonesian[column]
