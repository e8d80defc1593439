"""`{% monitoring_group_of case %}`: on the case page, the monitoring group of its report; and
`platform_label(s)`: a post's platform as people read it; `channel_label`: a tipline's;
`failure`: a stored failure (a download, a reply, a capture) in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import template
from django.utils.translation import gettext_lazy as _

from netra.cases.models import Case
from netra.errors import stored_text
from netra.monitoring.reports import CaseGroup, group_of_case

register = template.Library()

# The platforms Netra names itself: a feed's articles (core/feeds.py) and the public report form
# (reports.py). The others are the services' own names (x, telegram, whatsapp, instagram, ...),
# the same in both languages, and are shown as stored.
PLATFORM_LABELS = {"news": _("news"), "form": _("report form")}


@register.filter
def platform_label(code: str | None) -> str:
    return str(PLATFORM_LABELS.get(code or "", code or ""))


# Where a tip or report came in: the services as they spell their own names (capfirst gave
# "Whatsapp", qa-3), and Netra's own form in the reader's language.
CHANNEL_LABELS = {"telegram": "Telegram", "whatsapp": "WhatsApp", "form": _("public form")}


@register.filter
def channel_label(code: str | None) -> str:
    return str(CHANNEL_LABELS.get(code or "", code or ""))


@register.filter
def platform_labels(codes: Iterable[str] | None) -> str:
    return ", ".join(platform_label(code) for code in codes or ())


@register.inclusion_tag("monitoring/case_group.html")
def monitoring_group_of(case: Case) -> dict[str, CaseGroup | None]:
    return {"found": group_of_case(case)}


@register.filter
def failure(message: Mapping[str, object] | None, written: str = "") -> str:
    """`{{ row.last_error_message|failure:row.last_error }}`: the stored template put into the
    reader's language; rows kept before it (no template) show their English text."""
    return stored_text(message) if message else written
