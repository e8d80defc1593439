"""Remove personal data from a text before it leaves the case system as training data.

Supervisors' decisions teach the analyzer, but the texts behind them are reports about named
people (UU PDP). What identifies a person is replaced by a typed placeholder, so the text keeps
its shape ("Sdr. [NAMA], NIP [NIP], ...") and what the model learns from it: the act, the office,
the place of the official in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NAME = "[NAMA]"
NIP = "[NIP]"
PHONE = "[TELEPON]"
EMAIL = "[EMAIL]"
NIK = "[NIK]"
ADDRESS_NUMBER = "[NOMOR]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 18-digit NIP (spaces allowed between its date, TMT, sex and serial parts); 16-digit NIK.
_NIP = re.compile(r"(?<!\d)\d{8}\s?\d{6}\s?\d\s?\d{3}(?!\d)")
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+62[-\s.]?|62|0)8\d{1,3}[-\s.]?\d{3,4}[-\s.]?\d{3,5}(?!\d)")
# "atas nama Budi Santoso", "Sdr. Hendra", "berinisial AS": the words that introduce a person.
_INTRODUCED = re.compile(
    r"(?P<lead>\b(?i:atas nama|a\.n\.|saudara|saudari|sdr\.?|sdri\.?|bapak|ibu|pak|bu|bernama|"
    r"berinisial|inisial)\s+)"
    r"(?P<name>(?:(?:Dr|Drs|Dra|Ir|H|Hj|Prof)\.\s*)*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})"
)
# "Pak Camat", "Ibu Kepala Dinas": an office after the honorific is not a name.
_OFFICES = frozenset(
    """
    camat lurah kades kepala sekda bupati wakil gubernur wali wakil walikota kadis kabid kasi
    kapolres kapolsek dandim danramil guru dokter bidan ketua anggota sekretaris direktur pj plt
    """.split()
)
_HOUSE_NUMBER = re.compile(r"\b(?P<lead>(?:no|nomor|rt|rw)\.?\s*)\d+(?:/\d+)?\b", re.IGNORECASE)


def redact(text: str, names: Iterable[str] = ()) -> str:
    """The text with e-mails, NIPs, NIKs, phone numbers and names replaced by placeholders.

    `names` are the people the case system knows (reporter, terlapor), and the text's own
    introduced names ("saudara X", "berinisial Y") join them: each is replaced wherever it
    stands, and so are its parts of four letters or more ("Hendra" of "Hendra Wijaya").
    """
    text = _EMAIL.sub(EMAIL, text)
    text = _NIP.sub(NIP, text)
    text = _NIK.sub(NIK, text)
    text = _PHONE.sub(PHONE, text)
    introduced = [m.group("name") for m in _INTRODUCED.finditer(text)]
    people = [*names, *(name for name in introduced if _name_or_kept(name) == NAME)]
    for name in sorted(_known(people), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME, text, flags=re.IGNORECASE)
    text = _INTRODUCED.sub(lambda m: m.group("lead") + _name_or_kept(m.group("name")), text)
    return _HOUSE_NUMBER.sub(lambda m: m.group("lead") + ADDRESS_NUMBER, text)


def _known(names: Iterable[str]) -> set[str]:
    known: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        known.add(name)
        known.update(part for part in name.split() if len(part) >= 4 and part[0].isalpha())
    return known


def _name_or_kept(found: str) -> str:
    """A capitalised run after "saudara", "bernama": a name, unless it is an office."""
    first = found.split()[0].lower().rstrip(".")
    return found if first in _OFFICES else NAME
