"""The formulir kajian's evidence table stays inside the page: long hashes and links wrap."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from netra.cases.services import add_evidence, new_upload
from netra.documents import services
from netra.documents.services import DocumentKind, generate_document
from tests.conftest import JAKARTA
from tests.web_ui.conftest import PNG

LONG_URL = "https://www.facebook.com/groups/" + "sangat-panjang-sekali-" * 12 + "?id=" + "9" * 60


def _boxes(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _boxes(child)


def test_no_text_of_the_evidence_table_runs_past_the_right_margin(file_report, cast, monkeypatch):
    from weasyprint import HTML

    rendered: list[str] = []

    def keep_html(template: str, context: dict[str, object]) -> bytes:
        from django.template.loader import render_to_string

        rendered.append(render_to_string(template, context))
        return b"%PDF-1.4 test"

    monkeypatch.setattr(services, "render_pdf", keep_html)
    report = file_report(files=(new_upload("foto.png", PNG),))
    now = datetime(2024, 10, 4, 9, 0, tzinfo=JAKARTA)
    add_evidence(report.case, actor=cast["panwas_bogor"], now=now, url=LONG_URL)
    generate_document(
        cast["panwas_bogor"], report.case.pk, DocumentKind.STUDY, now=now, today=date(2024, 10, 4)
    )
    (html,) = rendered
    assert LONG_URL.replace("&", "&amp;") in html
    document = HTML(string=html).render()
    for page in document.pages:
        root = page._page_box
        right = root.margin_width() - root.margin_right - root.padding_right
        for box in _boxes(root):
            if hasattr(box, "text") and box.text.strip():
                assert box.position_x + box.width <= right + 0.5, box.text[:60]
