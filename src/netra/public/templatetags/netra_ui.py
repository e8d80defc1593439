"""Template filters shared by every Netra page: dates, numbers, labels, deadline badges, spans."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from netra.cases.services import step_warning
from netra.procedure.transitions import Transition
from netra.public import labels

register = template.Library()


@register.filter
def longdate(value: date | datetime | None) -> str:
    """ "17 September 2024" (or the English month): formal, unambiguous, no abbreviations."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(value, "j F Y")


@register.filter
def longdatetime(value: datetime | None) -> str:
    if value is None:
        return "–"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{formats.date_format(local, 'j F Y')}, {local:%H.%M}"


@register.filter
def number(value: int | float | None) -> str:
    """Grouped the local way: "1.234" in Indonesian, "1,234" in English."""
    if value is None:
        return "–"
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def percent(part: int, whole: int) -> str:
    if not whole:
        return "–"
    share = round(100 * part / whole, 1)
    return f"{formats.number_format(share, decimal_pos=1, use_l10n=True)}%"


@register.filter
def state_label(code: str) -> str:
    return labels.state_label(code)


@register.filter
def role_label(code: str) -> str:
    return labels.role_label(code)


@register.filter
def category_label(number: int | None) -> str:
    return labels.category_label(number)


@register.filter
def subject_label(code: str) -> str:
    return labels.subject_label(code)


@register.filter
def act_label(code: str) -> str:
    return labels.act_label(code)


@register.filter
def choice_label(code: str) -> str:
    return labels.choice_label(str(code))


@register.filter
def field_label(code: str) -> str:
    """ "registration_number" -> "Nomor registrasi": a step's payload field named for people."""
    return labels.field_label(str(code))


@register.filter
def step_basis(transition: Transition) -> str:
    """The legal basis of a step of the procedure, in the page's language."""
    english = (get_language() or "id").startswith("en")
    return transition.basis if english else transition.basis_id


@register.filter
def payload_warning(payload: Mapping[str, object]) -> str:
    """The warning a step recorded, in the page's language (it is stored in English)."""
    return step_warning(payload) or ""


@register.filter
def field_value(value: object) -> str:
    """A payload value as people read it: ISO dates as long dates, codes as their labels."""
    if isinstance(value, str):
        try:
            return longdate(date.fromisoformat(value)) if len(value) == 10 else choice_label(value)
        except ValueError:
            return choice_label(value)
    return str(value)


@register.filter
def deadline_status(due_on: date | None) -> str:
    return labels.deadline_status(due_on)


@register.simple_tag
def deadline_badge(due_on: date | None) -> SafeString:
    """A badge that says in words how close the deadline is (colour is never the only cue)."""
    status = labels.deadline_status(due_on)
    if status == labels.NO_DEADLINE or due_on is None:
        return format_html('<span class="badge badge-none">{}</span>', _("No deadline"))
    left = labels.days_left(due_on) or 0
    if status == "overdue":
        text = ngettext("Overdue by %(n)d day", "Overdue by %(n)d days", -left) % {"n": -left}
    elif left == 0:
        text = _("Due today")
    elif status == "due_soon":
        text = _("Due tomorrow")
    else:
        text = ngettext("%(n)d day left", "%(n)d days left", left) % {"n": left}
    return format_html(
        '<span class="badge badge-{}"><time datetime="{}">{}</time> · {}</span>',
        status,
        due_on.isoformat(),
        longdate(due_on),
        text,
    )


@register.simple_tag
def highlight_spans(text: str, spans: Iterable[Mapping[str, object]]) -> SafeString:
    """The report text, escaped, with the analyzer's evidence spans wrapped in <mark>.

    Offsets were computed on the text as submitted; the stored description is stripped, so a span
    whose offsets no longer match is found again by its own text, and dropped if it is not there.
    """
    placed: list[tuple[int, int, str]] = []
    for span in spans:
        snippet = str(span.get("text", ""))
        start, end = span.get("start"), span.get("end")
        if not snippet:
            continue
        if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == snippet):
            start = text.find(snippet)
            if start < 0:
                continue
            end = start + len(snippet)
        placed.append((start, end, str(span.get("act", ""))))
    placed.sort()
    parts: list[str] = []
    cursor = 0
    for start, end, act in placed:
        if start < cursor:  # overlapping spans: keep the first
            continue
        parts.append(str(escape(text[cursor:start])))
        title = labels.act_label(act) if act else ""
        parts.append(str(format_html('<mark title="{}">{}</mark>', title, text[start:end])))
        cursor = end
    parts.append(str(escape(text[cursor:])))
    return mark_safe("".join(parts))  # noqa: S308 -- every piece above was escaped
