"""Consultants shared by the guidance tests: building one reads the rulebook, the FAQ and the
fallback model, and none of them changes as it answers."""

from __future__ import annotations

import pytest

from netra.guidance.consult import Consultant


@pytest.fixture(scope="session")
def consultant() -> Consultant:
    """As shipped: the rules, then the learned fallback where they read nothing."""
    return Consultant()


@pytest.fixture(scope="session")
def rules_consultant() -> Consultant:
    """The rules alone, so a mechanism's test cannot pass because the fallback guessed right."""
    return Consultant(use_fallback=False)
