"""Write the stemmer's list of known words (src/netra/analysis/data/roots.txt).

A word is known when it is written as a word of its own: a canonical token form seen in at least
two texts of the corpus's train and dev splits or of our own rule cases, or a word of a cue
lexicon phrase, or a root of the tokenizer's list. The test split is never read. The stemmer
strips an affix only down to a known word, so a rare misspelling or a name cannot become a
root. Run from the repository root:

    .venv/bin/python scripts/build_roots.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from netra.analysis import Analyzer
from netra.analysis.corpus import read_corpus
from netra.analysis.lexicon import canonical_phrase, expand_alternatives
from netra.analysis.normalize import tokenize
from netra.analysis.vocabulary import ROOTS
from netra.cli.train import DEFAULT_EXTRA, _extra_texts

CORPUS = Path("corpus/real/corpus.jsonl")
CUES = Path("src/netra/analysis/data/cues.yaml")
OUTPUT = Path("src/netra/analysis/data/roots.txt")
MIN_DOCUMENTS = 2
MIN_LENGTH = 3


def main() -> None:
    rules = Analyzer.rules_only()
    texts = [i.text for i in read_corpus(CORPUS, rules.rulebook) if i.split in {"train", "dev"}]
    for path in DEFAULT_EXTRA:
        texts += [t.text for t in _extra_texts(path, rules)]
    documents: Counter[str] = Counter()
    for text in texts:
        documents.update({token.form for token in tokenize(text)})
    known = {form for form, seen in documents.items() if seen >= MIN_DOCUMENTS}
    lexicon = yaml.safe_load(CUES.read_text("utf-8"))
    for phrases in lexicon.values():
        for entry in phrases:
            for phrase in expand_alternatives(str(entry)):
                known.update(canonical_phrase(phrase))
    known |= ROOTS
    words = sorted(w for w in known if len(w) >= MIN_LENGTH and w.isalpha() and w.isascii())
    OUTPUT.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(words)} words from {len(texts)} texts")


if __name__ == "__main__":
    main()
