"""The law behind a case's findings, as staff and letters cite it.

Either the analyzer's reading, kept in its raw output (which sanction and which articles belong to
which act), or, once staff confirmed the classification, the rulebook's answer for the confirmed
acts and subject on the incident date. The desk's case page and the letters both read these.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from netra.cases.models import AnalyzerSuggestion, Case
from netra.errors import NetraError
from netra.rulebook import load_rulebook


@dataclass(frozen=True, slots=True)
class SuggestedSanction:
    label_id: str  # as the letters cite it
    norms: tuple[str, ...]
    # The rulebook marks a reading provisional when its source could not be read in full or the
    # reading is derived (docs/rulebook.md, Known doubts): staff must see it as such.
    is_provisional: bool = False
    note: str = ""
    candidate_kinds: tuple[str, ...] = ()
    note_id: str = ""  # the note in Indonesian
    label_en: str = ""  # the rulebook's English, for the English desk

    @property
    def label(self) -> str:
        """The sanction in the page's language: Indonesian unless English is chosen and known."""
        english = (get_language() or "id").startswith("en")
        return self.label_en if english and self.label_en else self.label_id

    @property
    def note_shown(self) -> str:
        """The note in the page's language: Indonesian unless English is chosen."""
        return self.note if self.note_lang == "en" else self.note_id

    @property
    def note_lang(self) -> str:
        """The language of `note_shown` ("en" only when the page is English or none is known)."""
        english = (get_language() or "id").startswith("en")
        return "en" if english or not self.note_id else "id"


@dataclass(frozen=True, slots=True)
class SuggestedFinding:
    act: str
    applicable: bool
    sanctions: tuple[SuggestedSanction, ...]

    @property
    def norms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for s in self.sanctions for n in s.norms))

    @property
    def provisional_norms(self) -> tuple[str, ...]:
        """Norms cited only by provisional sanctions."""
        confirmed = {n for s in self.sanctions if not s.is_provisional for n in s.norms}
        return tuple(n for n in self.norms if n not in confirmed)


def _label_in_english(code: object) -> str:
    """The rulebook's English name of a sanction code stored in a reading, if it has one."""
    definition = load_rulebook().sanctions.get(code) if isinstance(code, str) else None
    return definition.label_en if definition is not None else ""


def _note_in_indonesian(note: object) -> str:
    """The Indonesian of a note stored before readings carried it, if the rulebook has it."""
    return (load_rulebook().note_in_indonesian(note) or "") if isinstance(note, str) else ""


def suggested_findings(suggestion: AnalyzerSuggestion | None) -> tuple[SuggestedFinding, ...]:
    """The analyzer's findings with the sanctions and norms it named, read from its raw output.

    The stored `norms`/`sanction` summary columns flatten these; the raw findings keep which
    sanction and which articles belong to which act, which is what staff check.
    """
    if suggestion is None:
        return ()
    return findings_from_raw(suggestion.raw)


def findings_from_raw(raw: object) -> tuple[SuggestedFinding, ...]:
    """The findings of an analyzer reading as `Analysis.to_dict()` gives it (a case's suggestion,
    a monitored item's deferred reading)."""
    findings = raw.get("findings", []) if isinstance(raw, dict) else []
    result = []
    for finding in findings:
        if not isinstance(finding, dict):
            continue
        sanctions = tuple(
            SuggestedSanction(
                label_id=str(item.get("label_id") or item.get("code") or item.get("level") or ""),
                label_en=_label_in_english(item.get("code")),
                norms=tuple(str(n) for n in item.get("norms", []) if n),
                is_provisional=item.get("certainty") == "provisional",
                note=str(item.get("note") or ""),
                candidate_kinds=tuple(str(k) for k in item.get("candidate_kinds", []) if k),
                note_id=str(item.get("note_id") or _note_in_indonesian(item.get("note"))),
            )
            for item in finding.get("sanctions", [])
            if isinstance(item, dict)
        )
        result.append(
            SuggestedFinding(
                act=str(finding.get("act", "")),
                applicable=bool(finding.get("applicable")),
                sanctions=sanctions,
            )
        )
    return tuple(result)


def confirmed_findings(case: Case) -> tuple[SuggestedFinding, ...]:
    """The law for the classification staff confirmed: each confirmed act by the confirmed subject
    on the incident date, from the rulebook (not from the analyzer's reading)."""
    book = load_rulebook()
    result = []
    for act in case.acts:
        try:
            law = book.applicability(
                act, case.subject_type or "unknown", case.incident_on, case.election.series
            )
        except NetraError:
            continue  # an act or subject the rulebook does not know: no basis to cite
        result.append(
            SuggestedFinding(
                act=act,
                applicable=law.applicable,
                sanctions=tuple(
                    SuggestedSanction(
                        label_id=sanction.label_id,
                        label_en=_label_in_english(sanction.code),
                        norms=tuple(str(norm) for norm in sanction.norms),
                        is_provisional=sanction.is_provisional,
                        note=sanction.note or "",
                        candidate_kinds=sanction.candidate_kinds,
                        note_id=sanction.note_id or "",
                    )
                    for sanction in law.sanctions
                ),
            )
        )
    return tuple(result)
