"""The one exception family of Netra; adapters map its codes to HTTP statuses and exit codes.

An error keeps a stable machine-readable `code`, the message `template` as written (English, with
`%(name)s` placeholders filled from `params` and `details`) and renders it twice: `str(error)` is
the English text for logs and the command line, `error.message` is the text in the language the
web layer has active (the desk, the public site and the API answer in the request's language).
The core does not import Django: the web layer installs the translator (`install_translator`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

Translator = Callable[[str], str]


def _as_written(template: str) -> str:
    return template


_translate: Translator = _as_written
_field_label: Translator | None = None


def install_translator(translate: Translator) -> None:
    """Let `NetraError.message` look its template up in a catalogue (Django's gettext)."""
    global _translate  # one process-wide hook, set once when Django starts
    _translate = translate


def install_field_labels(label: Translator) -> None:
    """Let a translated message name the field it is about by its label (`%(field_label)s`)."""
    global _field_label  # one process-wide hook, set once when Django starts
    _field_label = label


def render(template: str, values: Mapping[str, object], fallback: str | None = None) -> str:
    """`template % values`; a template without placeholders is returned as it is.

    When `template` cannot be filled (a translation naming a value the error lacks), `fallback`
    (the template as written) is filled instead.
    """
    if not values or "%(" not in template:
        return template
    try:
        return template % values
    except (KeyError, ValueError, TypeError):
        return template if fallback is None else render(fallback, values)


class NetraError(Exception):
    """A domain error with a machine-readable code and a message naming the bad part."""

    code: ClassVar[str] = "netra_error"

    def __init__(
        self, message: str, /, *, params: Mapping[str, object] | None = None, **details: object
    ) -> None:
        super().__init__(message)
        self.template = message
        self.params: dict[str, object] = dict(params or {})
        self.details = details

    def _values(self) -> dict[str, object]:
        return {**self.details, **self.params}

    @property
    def message(self) -> str:
        """The message in the active language (as written when no catalogue has it)."""
        values = self._values()
        field = values.get("field")
        if _field_label is not None and isinstance(field, str):
            values.setdefault("field_label", _field_label(field.removeprefix("payload.")))
        return render(_translate(self.template), values, fallback=self.template)

    def __str__(self) -> str:
        return render(self.template, self._values())

    def stored(self) -> StoredMessage:
        """The error as JSON to keep on a row (a failed download, an unsent reply), so that the
        desk shows it in its reader's language later (`stored_message`), not the worker's."""
        return {"t": self.template, "v": {name: _storable(v) for name, v in self._values().items()}}


# A message kept on a row: its template as written and its values, a value possibly another
# stored message ({"t": ..., "v": ...}) that is put into words in the same language.
StoredMessage = dict[str, object]


def stored_message(template: str, /, **values: object) -> StoredMessage:
    """A message to keep on a row that is not an error's own (one that wraps an error)."""
    return {"t": template, "v": {name: _storable(v) for name, v in values.items()}}


def _storable(value: object) -> object:
    if isinstance(value, NetraError):
        return value.stored()
    if isinstance(value, Mapping) and "t" in value:
        return dict(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def stored_text(message: Mapping[str, object], *, as_written: bool = False) -> str:
    """A stored message in the active language (as written when no catalogue has it, or when
    `as_written`: the English of logs)."""
    template = str(message.get("t", ""))
    raw = message.get("v")
    values = {
        name: stored_text(value, as_written=as_written)
        if isinstance(value, Mapping) and "t" in value
        else value
        for name, value in (raw.items() if isinstance(raw, Mapping) else ())
    }
    return render(template if as_written else _translate(template), values, fallback=template)
