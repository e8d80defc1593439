"""The Indonesian violation analyzer: pure functions over text, no Django, no network.

`analyze(text)` reads one report, news item or post and returns an `Analysis`: whether it tells
of a neutrality violation, which acts (rulebook codes), by whom, with evidence spans into the
original text, the law and sanction that apply on the incident date, and the entities found.
"""

from __future__ import annotations

from netra.analysis.analyzer import NO_SUBJECT, Analyzer, analyze
from netra.analysis.model import Analysis, Finding, Subject
from netra.analysis.spans import Span

__all__ = ["NO_SUBJECT", "Analysis", "Analyzer", "Finding", "Span", "Subject", "analyze"]
