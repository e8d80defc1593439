"""Who asks, by category (round 10): `guidance/data/who_asks.yaml`.

A systematic list of Indonesian public job titles and bodies (civil servants by office, body and
sector, TNI and Polri ranks and units, village offices by their local names, BUMN/BUMD organs and
staff) and of people the neutrality rules do not bind (private teachers, students, RT heads),
each category with the rulebook subject it is read as, a status and the legal basis for it:

- `stated`: the title holds the status by law (a camat is a PNS): a subject cue, as if the
  question had named the status;
- `assumed`: usually, not always, held by it (a "guru"): a role, answered with the caveat that the
  status was assumed (`vocabulary.yaml` roles, round 3);
- `none`: not an official the rules bind: when such a person is the first one the question names,
  the question is outside Netra's scope and says why (`NonOfficial.reason`).

A category lists `titles` and may cross `heads` with `bodies` ("anggota" x "satpol pp"), so the
list is generated from categories rather than from the words of questions that were missed. The
consultation's own vocabulary keeps precedence: a phrase it already names is not added again. The
analyzer's lexicon (`analysis/data/cues.yaml`) is not changed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources

import yaml

from netra.analysis.subjects import SUBJECT_PREFIX
from netra.guidance.vocabulary import (
    CueEntry,
    NonOfficialEntry,
    Phrase,
    RoleEntry,
    Vocabulary,
    VocabularyError,
    canonical_phrase,
)

WHO_ASKS_FILE = "who_asks.yaml"
STATUSES = ("stated", "assumed", "none")


@dataclass(frozen=True, slots=True)
class Kind:
    """One category of who asks: the subject it is read as, how sure, why, and its phrases."""

    category: str
    subject: str
    status: str
    basis: str
    phrases: tuple[Phrase, ...]
    reason: str | None = None


def _strings(raw: Mapping[str, object], field: str, place: str, *, required: bool) -> list[str]:
    value = raw.get(field)
    if value is None and not required:
        return []
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise VocabularyError(f"{place}: field {field!r} must be a non-empty list of words")
    return [" ".join(v.lower().split()) for v in value]


def _text(raw: Mapping[str, object], field: str, place: str) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise VocabularyError(f"{place}: field {field!r} must be a non-empty text")
    return " ".join(value.split())


def parse_who_asks(data: object, *, source: str, subjects: Collection[str]) -> tuple[Kind, ...]:
    """Validate the categories: known subjects and statuses, a legal basis for each, a reason for
    non-officials, and no title claimed by two categories. Errors name the entry and field."""
    if not isinstance(data, dict) or set(data) != {"kinds"} or not isinstance(data["kinds"], list):
        raise VocabularyError(f"{source}: expected a mapping with one section, 'kinds'")
    kinds: list[Kind] = []
    owner: dict[str, str] = {}
    for index, raw in enumerate(data["kinds"]):
        place = f"{source}: kinds[{index}]"
        if not isinstance(raw, dict):
            raise VocabularyError(f"{place}: expected a mapping")
        unknown = set(raw) - {"category", "subject", "status", "basis", "reason", "titles",
                              "heads", "bodies"}  # fmt: skip
        if unknown:
            raise VocabularyError(f"{place}: unknown fields {sorted(unknown)}")
        category = _text(raw, "category", place)
        place = f"{source}: kinds[{index}] ({category})"
        subject = _text(raw, "subject", place)
        if subject not in subjects:
            raise VocabularyError(f"{place}: subject {subject!r} is not in the rulebook")
        status = _text(raw, "status", place)
        if status not in STATUSES:
            raise VocabularyError(f"{place}: status {status!r} is not one of {list(STATUSES)}")
        basis = _text(raw, "basis", place)
        reason = _text(raw, "reason", place) if status == "none" else None
        if status != "none" and raw.get("reason") is not None:
            raise VocabularyError(f"{place}: field 'reason' is only for status 'none'")
        titles = _strings(raw, "titles", place, required=True)
        heads = _strings(raw, "heads", place, required=False)
        bodies = _strings(raw, "bodies", place, required=False)
        if bool(heads) != bool(bodies):
            raise VocabularyError(f"{place}: fields 'heads' and 'bodies' go together")
        generated = [*titles, *(f"{head} {body}" for head in heads for body in bodies)]
        phrases: list[Phrase] = []
        for title in dict.fromkeys(generated):
            phrase = canonical_phrase(title, place)
            key = " ".join(phrase)
            if key in owner and owner[key] != category:
                raise VocabularyError(
                    f"{place}: title {title!r} is also in category {owner[key]!r}"
                )
            owner[key] = category
            phrases.append(phrase)
        kinds.append(Kind(category, subject, status, basis, tuple(phrases), reason))
    return tuple(kinds)


def load_who_asks(subjects: Collection[str]) -> tuple[Kind, ...]:
    """The shipped categories, validated against the rulebook's subjects."""
    text = resources.files("netra.guidance").joinpath("data", WHO_ASKS_FILE).read_text("utf-8")
    return parse_who_asks(yaml.safe_load(text), source=WHO_ASKS_FILE, subjects=subjects)


def extend_vocabulary(vocabulary: Vocabulary, kinds: Sequence[Kind]) -> Vocabulary:
    """The vocabulary with the categories added after its own entries: `stated` titles as
    subject cues, `assumed` ones as roles, `none` ones as non-officials. A phrase the
    vocabulary already names (as a cue, role or kin word) keeps the vocabulary's reading."""
    known = {
        " ".join(phrase)
        for entries in (vocabulary.cues, vocabulary.roles, vocabulary.kin)
        for entry in entries
        for phrase in entry.phrases
    }
    cues = list(vocabulary.cues)
    roles = list(vocabulary.roles)
    lay = list(vocabulary.non_officials)
    for kind in kinds:
        phrases = tuple(p for p in kind.phrases if " ".join(p) not in known)
        if not phrases:
            continue
        if kind.status == "stated":
            cues.append(CueEntry(f"{SUBJECT_PREFIX}{kind.subject}", phrases))
        elif kind.status == "assumed":
            roles.append(RoleEntry(kind.subject, phrases))
        else:
            lay.append(NonOfficialEntry(phrases, kind.reason or ""))
    return replace(vocabulary, cues=tuple(cues), roles=tuple(roles), non_officials=tuple(lay))
