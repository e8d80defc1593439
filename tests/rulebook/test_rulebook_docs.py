"""docs/rulebook.md "Known doubts" names every provisional reading of the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from netra.rulebook import Certainty, Rulebook, load_rulebook

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rulebook.md"


def _known_doubts() -> str:
    text = DOCS.read_text(encoding="utf-8")
    return text[text.index("## Known doubts") :]


def _provisional(book: Rulebook) -> list[tuple[str, tuple[str, ...]]]:
    """(kind:code, the names any of which the docs may use) for every provisional item."""
    provisional = Certainty.PROVISIONAL
    items: list[tuple[str, tuple[str, ...]]] = []
    items += [(f"law:{c}", (c, law.short)) for c, law in book.laws.items()
              if law.certainty is provisional]  # fmt: skip
    items += [(f"sanction:{c}", (c,)) for c, s in book.sanctions.items()
              if s.certainty is provisional]  # fmt: skip
    items += [(f"subject:{c}", (c,)) for c, s in book.subjects.items()
              if s.certainty is provisional]  # fmt: skip
    items += [(f"clock:{c}", (c, c.split(".")[0] + ".*")) for c, clock in book.clocks.items()
              if clock.certainty is provisional]  # fmt: skip
    return items


@pytest.mark.parametrize(("item", "names"), _provisional(load_rulebook()))
def test_every_provisional_item_is_a_known_doubt(item: str, names: tuple[str, ...]) -> None:
    text = _known_doubts()
    assert any(name in text for name in names), f"{item} is provisional but not in Known doubts"
