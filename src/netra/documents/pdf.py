"""HTML templates to PDF with WeasyPrint: fonts from the system (DejaVu), nothing fetched."""

from __future__ import annotations

from collections.abc import Mapping

from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template: str, context: Mapping[str, object], *, language: str = "id") -> bytes:
    """The PDF of `template`; official letters are always in Indonesian (`language`)."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # imported late: it loads Pango, which only PDF pages need

    with translation.override(language):
        html = render_to_string(template, dict(context))
    # The templates reference no URL (styles are inline, fonts come from fontconfig), so nothing
    # is fetched; report text and links are escaped into the HTML as text.
    return bytes(HTML(string=html).write_pdf())
