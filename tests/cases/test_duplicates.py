"""The same report posted again is found on intake, merged once, and counted once."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.urls import reverse

from netra.audit.models import AuditEvent
from netra.cases.duplicates import near_duplicates, similarity
from netra.cases.models import CaseLink, LinkKind
from netra.cases.selectors import recap_cases
from netra.cases.services import CaseInputError, link_cases, new_upload
from tests.conftest import JAKARTA
from tests.web_ui.conftest import PNG

NOW = datetime(2024, 10, 5, 10, 0, tzinfo=JAKARTA)
OTHER_STORY = (
    "Kepala dinas pendidikan memasang baliho pasangan calon di halaman sekolah negeri dan "
    "meminta guru memasang stiker di kendaraan dinas."
)


def test_the_same_words_are_similar_and_a_different_story_is_not():
    text = "Camat membagikan poster calon bupati di grup WhatsApp kantor kecamatan."
    assert similarity(text, text) == 1.0
    assert similarity(text, text + " Mohon ditindaklanjuti.") > 0.7
    assert similarity(text, OTHER_STORY) < 0.1


def test_a_report_posted_four_times_finds_the_other_three(file_report, cast):
    reports = [file_report() for _ in range(4)]
    file_report(description=OTHER_STORY)
    found = near_duplicates(cast["panwas_bogor"], reports[-1].case)
    assert {candidate.case.pk for candidate in found} == {r.case.pk for r in reports[:3]}
    assert all(candidate.same_party for candidate in found)
    assert all(candidate.is_strong for candidate in found)


def test_the_same_evidence_file_marks_a_duplicate_even_with_other_words(file_report, cast):
    first = file_report(files=(new_upload("bukti.png", PNG),))
    second = file_report(description=OTHER_STORY, files=(new_upload("foto.png", PNG),))
    [candidate] = near_duplicates(cast["panwas_bogor"], second.case)
    assert candidate.case == first.case
    assert candidate.same_evidence


def test_another_regions_case_is_never_offered(file_report, cast):
    bogor = file_report()
    file_report(election="bandung")
    assert near_duplicates(cast["panwas_bogor"], bogor.case) == []


def test_a_merged_group_counts_once_and_merging_again_goes_to_the_primary(file_report, cast):
    supervisor = cast["panwas_bogor"]
    first, second, third = (file_report().case for _ in range(3))
    link_cases(second, first, kind=LinkKind.DUPLICATE, actor=supervisor, now=NOW)
    link = link_cases(third, second, kind=LinkKind.DUPLICATE, actor=supervisor, now=NOW)
    assert link.other == first  # the group's primary, not the duplicate
    assert set(recap_cases(cast["bawaslu_ri"])) == {first}
    assert AuditEvent.objects.filter(action="case.link").count() == 2
    assert near_duplicates(supervisor, first) == []  # linked ones are not offered again


def test_related_cases_are_linked_but_both_counted(file_report, cast):
    first, second = file_report().case, file_report().case
    link_cases(second, first, kind=LinkKind.RELATED, actor=cast["panwas_bogor"], now=NOW)
    assert recap_cases(cast["bawaslu_ri"]).count() == 2


def test_a_case_cannot_be_merged_twice(file_report, cast):
    supervisor = cast["panwas_bogor"]
    first, second = file_report().case, file_report().case
    link_cases(second, first, kind=LinkKind.DUPLICATE, actor=supervisor, now=NOW)
    with pytest.raises(CaseInputError, match="already"):
        link_cases(second, first, kind=LinkKind.RELATED, actor=supervisor, now=NOW)


def test_the_case_page_offers_the_duplicate_and_merges_it_in_one_click(file_report, cast, client):
    first, second = file_report().case, file_report().case
    client.force_login(cast["panwas_bogor"])
    page = client.get(reverse("desk:case", args=[second.pk])).content.decode()
    assert first.number in page
    merge = reverse("desk:link", args=[second.pk, first.pk, "duplicate"])
    assert merge in page
    assert client.post(merge).status_code == 302
    assert CaseLink.objects.get().other == first


def test_the_api_lists_duplicates_and_merges_one(file_report, cast):
    from django.test import Client

    from netra.accounts.services import issue_token

    first, second = file_report().case, file_report().case
    token = issue_token(cast["panwas_bogor"], actor=None).secret
    api = Client(headers={"authorization": f"Bearer {token}"})
    listed = api.get(f"/api/v1/cases/{second.pk}/duplicates").json()
    assert [row["number"] for row in listed] == [first.number]
    merged = api.post(
        f"/api/v1/cases/{second.pk}/links",
        {"other": first.pk, "kind": "duplicate"},
        content_type="application/json",
    )
    assert merged.status_code == 201, merged.content
    assert CaseLink.objects.get().kind == "duplicate"
