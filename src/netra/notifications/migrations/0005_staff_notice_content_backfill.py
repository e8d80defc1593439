"""Staff notices written before they kept their templates: read their Indonesian text back.

Each stored subject and body line is matched against the Indonesian of the template it was made
from (the catalogue's translation, frozen here as it stood); a notice whose every line matches
gets its `content`, so the desk shows it in the reader's language from now on. Dates written out
in Indonesian ("4 Oktober 2024") become dates again and states their codes. A notice that does
not match (edited catalogue, an unknown kind) keeps an empty content and is shown as stored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import migrations

_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember",
        ),
        start=1,
    )
}  # fmt: skip

# kind -> (subject template, its Indonesian), [(line template, its Indonesian), ...]
_NEW = "%(number)s (%(place)s) has arrived; its deadline is %(day)s."
_ASSIGNED = "%(number)s (%(place)s) is now yours; its deadline is %(day)s."
_COMPLETED = "The reporter of %(number)s answered the request for completion."
_PPK_LINE = "%(number)s: the PPK's decision was due on %(day)s (%(step)s)"
_BKN_LINE = "BKN may now take its control action (pengendalian) on these cases."
_DIGEST_LINE = "%(number)s: %(when)s"
_WHEN_TEMPLATES = ("overdue since %(day)s", "due today", "due tomorrow")
_WHEN: list[tuple[str, str]] = []
TEMPLATES: dict[str, tuple[tuple[str, str], tuple[tuple[str, str], ...]]] = {}


def _templates(gettext: Any) -> None:
    """The Indonesian of each template, from the catalogue (filled once, when the data runs)."""
    pairs = {
        "staff.new_case": ("New case %(number)s in your region", (_NEW,)),
        "staff.assigned": ("Case %(number)s is assigned to you", (_ASSIGNED,)),
        "staff.completion_reply": ("The reporter completed %(number)s", (_COMPLETED,)),
        "staff.deadline_digest": ("Deadlines: %(n)s of your cases need action", ()),
        "staff.ppk_overdue": ("The PPK is overdue on %(n)s case(s)", (_PPK_LINE, _BKN_LINE)),
    }
    _WHEN[:] = [(template, gettext(template)) for template in _WHEN_TEMPLATES]
    for kind, (subject, lines) in pairs.items():
        TEMPLATES[kind] = (
            (subject, gettext(subject)),
            tuple((line, gettext(line)) for line in lines),
        )


def _pattern(indonesian: str) -> re.Pattern[str]:
    parts = re.split(r"%\((\w+)\)s", indonesian)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
        for index, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


def _value(name: str, text: str, states: dict[str, str]) -> object:
    if name == "day":
        found = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", text)
        if found and found.group(2) in _MONTHS:
            day = date(int(found.group(3)), _MONTHS[found.group(2)], int(found.group(1)))
            return {"date": day.isoformat()}
    if name == "step" and text in states:
        return {"state": states[text]}
    if name == "n" and text.isdigit():
        return int(text)
    return text


def _match(template: str, indonesian: str, text: str, states: dict[str, str]) -> Any:
    found = _pattern(indonesian).match(text)
    if found is None:
        return None
    values = {name: _value(name, value, states) for name, value in found.groupdict().items()}
    return {"t": template, "v": values}


def _digest_line(text: str, states: dict[str, str]) -> Any:
    number, colon, when = text.partition(": ")
    if not colon:
        return None
    for template, indonesian in _WHEN:
        inner = _match(template, indonesian, when, states)
        if inner is not None:
            return {"t": _DIGEST_LINE, "v": {"number": number, "when": inner}}
    return None


def content_of(kind: str, subject: str, body: str, states: dict[str, str]) -> dict[str, Any]:
    """The templates and values a stored notice was made from; {} when it cannot be told."""
    if kind not in TEMPLATES:
        return {}
    (subject_template, subject_id), lines = TEMPLATES[kind]
    head = _match(subject_template, subject_id, subject, states)
    if head is None:
        return {}
    matched = []
    for text in body.split("\n"):
        if kind == "staff.deadline_digest":
            line = _digest_line(text, states)
        else:
            line = next(
                (
                    found
                    for template, indonesian in lines
                    if (found := _match(template, indonesian, text, states)) is not None
                ),
                None,
            )
        if line is None:
            return {}
        matched.append(line)
    return {"subject": head, "lines": matched}


def backfill(apps: Any, schema_editor: Any) -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    from netra.procedure.states import CaseState

    Notification = apps.get_model("notifications", "Notification")
    states = {state.label_id: state.value for state in CaseState}
    with translation.override("id"):
        _templates(gettext)
    rows = Notification.objects.filter(kind__startswith="staff.", content={})
    for row in rows.iterator():
        found = content_of(row.kind, row.subject, row.body, states)
        if found:
            row.content = found
            row.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_staff_notice_content")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
