"""The report form and the completion form check evidence files and links alike (one set of
checks serves both); the report form also counts the files kept from an earlier try."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from netra.public.forms import MAX_FILES, CompletionForm, ReportForm
from netra.public.quarantine import HeldFile

pytestmark = pytest.mark.django_db

FORMS = pytest.mark.parametrize("form_class", [ReportForm, CompletionForm])


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _files(count: int) -> MultiValueDict[str, SimpleUploadedFile]:
    uploads = [
        SimpleUploadedFile(f"photo-{n}.png", b"not really a picture", content_type="image/png")
        for n in range(count)
    ]
    return MultiValueDict({"evidence": uploads})


@FORMS
def test_the_file_picker_offers_the_evidence_kinds(form_class):
    html = str(form_class()["evidence"])
    assert 'accept="image/*,application/pdf,video/*,audio/*,.ogg,.m4a"' in html
    assert "multiple" in html


@FORMS
def test_more_files_than_allowed_are_refused_on_the_evidence_field(form_class):
    form = form_class({"links": ""}, _files(MAX_FILES + 1))
    form.is_valid()
    assert form.errors["evidence"] == [f"At most {MAX_FILES} files per report."]


@FORMS
def test_as_many_files_as_allowed_pass(form_class):
    form = form_class({"links": ""}, _files(MAX_FILES))
    form.is_valid()
    assert "evidence" not in form.errors
    assert len(form.cleaned_data["evidence"]) == MAX_FILES


@FORMS
def test_links_are_read_one_a_line_and_a_bad_one_is_named(form_class):
    good = form_class({"links": " https://example.org/a \n\nhttp://example.org/b\n"})
    good.is_valid()
    assert good.cleaned_data["links"] == ["https://example.org/a", "http://example.org/b"]

    bad = form_class({"links": "https://example.org/a\nexample.org/b"})
    bad.is_valid()
    assert bad.errors["links"] == [
        "example.org/b is not a web address (it must start with http:// or https://)."
    ]


def test_the_report_form_counts_the_files_kept_from_an_earlier_try():
    held = tuple(HeldFile(id=f"kept{n}", name=f"kept-{n}.png", size=10) for n in range(3))
    form = ReportForm({"links": ""}, _files(MAX_FILES - 2), held=held)
    form.is_valid()
    assert form.errors["evidence"] == [f"At most {MAX_FILES} files per report."]
