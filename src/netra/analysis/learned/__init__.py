"""The learned scorer that sits beside the rules: trained on real published texts.

The rules name acts, actors and the law with evidence, and are precise; on real text they miss
half of the incidents (journalists and posters do not write like the cue lexicon). A linear model
over the words of the text and the rules' own signals decides whether there is an incident and
re-ranks the category and subject. See docs/architecture.md, "The hybrid".
"""

from netra.analysis.learned.features import Observation
from netra.analysis.learned.scorer import LearnedScorer, Scores, load_scorer

__all__ = ["LearnedScorer", "Observation", "Scores", "load_scorer"]
