"""Near-duplicate reports: the same report posted again, or another report of the same event.

A candidate is a case of the same region and election whose incident is within two weeks, and
which shares an evidence file (same SHA-256), names the same terlapor (NIP, or name), or tells
the same story (word-shingle overlap of the descriptions). Staff decide: merge (duplicate) or
link (related); nothing is merged automatically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from netra.accounts.models import User
from netra.cases.models import Case, CaseLink, Evidence, Party
from netra.cases.scope import case_filter

WINDOW = timedelta(days=14)  # incidents further apart are different events
MAX_CANDIDATES = 300  # the most recent cases compared; a burst of reposts is recent
SHINGLE = 3  # words per shingle
TEXT_THRESHOLD = 0.5  # Jaccard overlap of shingles from which two texts count as the same story
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    case: Case
    text_similarity: float  # 0-1
    same_evidence: bool
    same_party: bool

    @property
    def text_percent(self) -> int:
        return round(100 * self.text_similarity)

    @property
    def is_strong(self) -> bool:
        """Very likely the same report: shared evidence, or the same story about the same person."""
        return self.same_evidence or (self.same_party and self.text_similarity >= TEXT_THRESHOLD)


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def similarity(first: str, second: str) -> float:
    """Jaccard overlap of the two texts' word shingles (1.0 for the same words in order)."""
    a, b = _shingles(first), _shingles(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _party_keys(parties: list[Party]) -> set[str]:
    keys = set()
    for party in parties:
        if party.nip:
            keys.add(f"nip:{party.nip}")
        name = " ".join(_WORD.findall(party.name.lower()))
        if name:
            keys.add(f"name:{name}")
    return keys


def near_duplicates(viewer: User, case: Case) -> list[DuplicateCandidate]:
    """Cases the viewer may see that look like `case` again, strongest first (already linked
    ones excluded)."""
    linked = set(CaseLink.objects.filter(case=case).values_list("other_id", flat=True))
    linked |= set(CaseLink.objects.filter(other=case).values_list("case_id", flat=True))
    pool = list(
        Case.objects.filter(case_filter(viewer))
        .filter(
            region_id=case.region_id,
            election_id=case.election_id,
            incident_on__gte=case.incident_on - WINDOW,
            incident_on__lte=case.incident_on + WINDOW,
        )
        .exclude(pk=case.pk)
        .exclude(pk__in=linked)
        .select_related("region", "election")
        .order_by("-created_at")[:MAX_CANDIDATES]
    )
    if not pool:
        return []
    ids = [other.pk for other in pool]
    hashes = set(
        Evidence.objects.filter(case=case).exclude(sha256="").values_list("sha256", flat=True)
    )
    shared: set[int] = set()
    if hashes:
        shared = set(
            Evidence.objects.filter(case_id__in=ids, sha256__in=hashes).values_list(
                "case_id", flat=True
            )
        )
    keys = _party_keys(list(case.parties.all()))
    parties_of: dict[int, list[Party]] = {}
    for party in Party.objects.filter(case_id__in=ids):
        parties_of.setdefault(party.case_id, []).append(party)
    found = []
    for other in pool:
        text = similarity(case.description, other.description)
        same_party = bool(keys & _party_keys(parties_of.get(other.pk, [])))
        same_evidence = other.pk in shared
        if same_evidence or text >= TEXT_THRESHOLD:
            found.append(DuplicateCandidate(other, text, same_evidence, same_party))
    found.sort(key=lambda c: (c.is_strong, c.same_evidence, c.text_similarity), reverse=True)
    return found


def links_of(case: Case) -> list[CaseLink]:
    """The links staff made from or to this case, oldest first."""
    outgoing = list(CaseLink.objects.filter(case=case).select_related("other", "created_by"))
    incoming = list(CaseLink.objects.filter(other=case).select_related("case", "created_by"))
    return sorted(outgoing + incoming, key=lambda link: (link.created_at, link.pk))
