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
