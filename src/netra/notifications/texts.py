"""Staff notices kept as templates and values, and put into words when they are read.

A staff member reads "My notifications" in the desk's language, which is not known when the
notice is queued (a digest runs at night, a new case arrives from the public form). So a notice
keeps its `content`: the subject and each body line as a catalogue template (an English msgid)
with its values, and the text is built when shown, in the language active then. A value is
plain text or a number, a date (`{"date": "2024-10-04"}`, written out in the reader's language),
a case state (`{"state": "awaiting_ppk"}`, by its label), a text in both languages (`{"id":
..., "en": ...}`, a rulebook label) or another message (`{"t": ..., "v": ...}`, e.g. "due
today" inside a digest line).

The stored `subject` and `body` stay as well: the Indonesian text (STAFF_LANGUAGE), what rows
made before the content existed show. The e-mail is written in the language the staff member
last chose on the site (`User.language`), Indonesian until they choose.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from netra.procedure.states import CaseState

Message = dict[str, Any]


def message(template: str, **values: object) -> Message:
    """One line (or the subject) of a notice: a catalogue template and its values."""
    return {"t": template, "v": {name: _stored(value) for name, value in values.items()}}


def state(code: str) -> dict[str, str]:
    """A case state as a value: shown by its label in the reader's language."""
    return {"state": code}


def either(indonesian: str, english: str) -> dict[str, str]:
    """A value the catalogue cannot translate (a label from the rulebook), in both languages."""
    return {"id": indonesian, "en": english}


def _stored(value: object) -> object:
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if value is None:
        return "–"
    return value


def _shown(value: object) -> object:
    if isinstance(value, Mapping):
        if "t" in value:
            return render(value)
        if "date" in value:
            return date_format(date.fromisoformat(str(value["date"])), "j F Y")
        if "state" in value:
            return _state_label(str(value["state"]))
        if "id" in value and "en" in value:
            language = translation.get_language() or "id"
            return value["id"] if language.startswith("id") else value["en"]
    return value


def _state_label(code: str) -> str:
    try:
        chosen = CaseState(code)
    except ValueError:
        return code
    language = translation.get_language() or "id"
    return chosen.label_id if language.startswith("id") else chosen.label_en


def render(spec: Mapping[str, Any]) -> str:
    """The message in the active language (the template itself when no catalogue has it)."""
    values = {name: _shown(value) for name, value in dict(spec.get("v") or {}).items()}
    template = gettext(str(spec["t"]))
    try:
        return template % values
    except (KeyError, TypeError, ValueError):
        return str(spec["t"]) % values


def content(subject: Message, lines: Sequence[Message]) -> dict[str, Any]:
    """What `Notification.content` keeps: the subject and the body's lines."""
    return {"subject": subject, "lines": list(lines)}


def rendered(content: Mapping[str, Any]) -> tuple[str, str]:
    """Subject and body of a stored content, in the active language."""
    subject = render(content["subject"])
    body = "\n".join(render(line) for line in content.get("lines", ()))
    return subject, body


def in_language(content: Mapping[str, Any], language: str) -> tuple[str, str]:
    """Subject and body in `language` (the e-mail, the stored Indonesian text)."""
    with translation.override(language):
        return rendered(content)
