"""Where a fact was verified, as the public may read it.

The rulebook's and the FAQ's `source` fields record, for maintainers, where each fact was checked:
the outlets and documents, but also the team's research notes (legal.md sections, an issue's
legal review) and how sure the reading is (N1: one source only). Those notes are not shipped
with Netra and mean nothing to a citizen reading an answer, so answers show the outlets and
documents only; certainty is told by the answer's own "provisional" caveat.
"""

from __future__ import annotations

import re

_INTERNAL = (
    re.compile(r"\bsee (?:shared )?legal\.md[^;)]*"),
    re.compile(r"\b(?:issue \d+ legal review|not in legal\.md)[^;()]*"),
    re.compile(r"\blegal\.md(?:\s*§[\d.\-–]+(?:\s+state \d+)?,?)*"),
    re.compile(r"\bN1\b(?:\s*-\s*verify)?"),
)
_EMPTY = re.compile(r"\(\s*[;,]?\s*\)")
_SEPARATORS = re.compile(r"\s*([;,])(?:\s*[;,])+")


def public_source(source: str) -> str:
    """`source` without the team's research notes and certainty marks; "" if nothing is left."""
    text = source
    for pattern in _INTERNAL:
        text = pattern.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _EMPTY.sub("", text)
        text = _SEPARATORS.sub(r"\1", text)
        text = re.sub(r"\(\s*[;,]\s*", "(", text)
        text = re.sub(r"\s*[;,]\s*\)", ")", text)
        text = " ".join(text.split()).strip(" ;,")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text
