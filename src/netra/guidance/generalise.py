"""How well the question reader generalises, measured on what Netra already has.

Two measures (`netra ask-generalise`), neither of which touches a held-out check:

- **Leave-one-set-out cross-validation** over the development sets: each labelled file was
  gathered in its own round from its own pages, so holding one out and training the learned
  fallback on the others is the nearest thing to "the next batch of pages". The rule-based
  reader cannot be retrained per fold (its vocabulary was written on these sets), so its
  per-set figure is optimistic; the fallback's gain is measured honestly.
- **Unseen words**: for each act, every cue phrase of the analyzer's concepts that trigger it
  (`netra.analysis.acts.RULE_TRIGGERS`, the lexicon's canonical forms) is put into template
  questions; the share whose first reading is the act shows which of the analyzer's own words
  the reader can place without a word list of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from netra.analysis.acts import RULE_TRIGGERS
from netra.analysis.lexicon import load_lexicon
from netra.guidance.chooser_training import Rows, rows_for, train_chooser
from netra.guidance.consult import Consultant
from netra.guidance.evaluate import Labelled, Report, evaluate
from netra.guidance.fallback_training import MIN_DOCUMENTS, THRESHOLD, C, examples_from, train
from netra.guidance.reading import read_question

# The templates of the unseen-words check: the brief's bare one, and one naming a candidate
# (most act rules need an object: "memasang baliho" is about no one until a candidate is named).
TEMPLATES = ("Bolehkah ASN {phrase}?", "Bolehkah ASN {phrase} calon bupati?")


@dataclass(frozen=True, slots=True)
class Fold:
    """One held-out set's figures: rules alone, with the fallback trained on the rest, and with
    the fallback and the chooser between readings trained on the rest (None when not asked)."""

    name: str
    rules: Report
    with_fallback: Report
    with_chooser: Report | None = None


def _correct(report: Report) -> tuple[int, int, int, int]:
    inside, outside = report.in_scope, report.out_of_scope
    return (
        sum(o.is_correct for o in inside),
        len(inside),
        sum(not o.answer.is_answered for o in outside),
        len(outside),
    )


def totals(reports: Sequence[Report]) -> tuple[int, int, int, int]:
    """Pooled (correct in scope, in scope, said so out of scope, out of scope)."""
    sums = [0, 0, 0, 0]
    for report in reports:
        for position, value in enumerate(_correct(report)):
            sums[position] += value
    return sums[0], sums[1], sums[2], sums[3]


def cross_validate(
    sets: Mapping[str, Sequence[Labelled]],
    *,
    c: float = C,
    threshold: float = THRESHOLD,
    min_documents: int = MIN_DOCUMENTS,
    chooser_threshold: float | None = None,
) -> list[Fold]:
    """Leave each set out in turn; train the fallback on the others and the law data. With
    `chooser_threshold`, also train the chooser on the others (each of them described by a
    fallback trained on the rest but it, as `netra ask-train-chooser` does) and answer with it."""
    rules_only = Consultant(use_fallback=False)
    folds = []
    for name, held in sets.items():
        rest = {other: items for other, items in sets.items() if other != name}
        model = train(
            examples_from(
                [item for items in rest.values() for item in items],
                rules_only.rulebook,
                rules_only.faq,
            ),
            c=c,
            threshold=threshold,
            min_documents=min_documents,
        )
        consultant = Consultant(fallback=model)
        chosen = None
        if chooser_threshold is not None:
            features: list[list[float]] = []
            targets: list[int] = []
            for inner, items in rest.items():
                others = [i for o, group in rest.items() if o != inner for i in group]
                inner_model = train(
                    examples_from(others, rules_only.rulebook, rules_only.faq),
                    c=c,
                    threshold=threshold,
                    min_documents=min_documents,
                )
                rows = rows_for(items, inner_model)
                features += rows.features
                targets += rows.targets
            chooser = train_chooser(Rows(features, targets), threshold=chooser_threshold)
            chosen = evaluate(held, Consultant(fallback=model, chooser=chooser))
        folds.append(Fold(name, evaluate(held, rules_only), evaluate(held, consultant), chosen))
    return folds


@dataclass(frozen=True, slots=True)
class PhraseCheck:
    """One act's cue phrases: how many template questions read as the act."""

    act: str
    phrases: int
    read: tuple[int, ...]  # per template
    missed: tuple[str, ...]  # phrases missed by every template


def unseen_words(templates: Sequence[str] = TEMPLATES) -> list[PhraseCheck]:
    """Put every trigger phrase of each act into the templates and read them."""
    lexicon = load_lexicon()
    checks = []
    for act, concepts in RULE_TRIGGERS.items():
        phrases = sorted({p for concept in concepts for p in lexicon.phrases.get(concept, ())})
        hits = [0] * len(templates)
        missed = []
        for phrase in phrases:
            found = False
            for position, template in enumerate(templates):
                acts = read_question(template.format(phrase=phrase)).acts
                if acts[:1] == (act,):
                    hits[position] += 1
                    found = True
            if not found:
                missed.append(phrase)
        checks.append(PhraseCheck(act, len(phrases), tuple(hits), tuple(missed)))
    return checks
