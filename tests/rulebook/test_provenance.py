"""Answers show where a fact was verified without the team's research notes."""

from __future__ import annotations

import pytest

from netra.rulebook.provenance import public_source

CASES = [
    ("legal.md §1.3 (hukamanews.com 2023; koran-jakarta.com 21 Sep 2023)",
     "hukamanews.com 2023; koran-jakarta.com 21 Sep 2023"),
    ("legal.md §4.1 (peraturanpedia.com, N1)", "peraturanpedia.com"),
    ("legal.md §3.4, §3.6 (UU 20/2023 diundangkan 31 Oct 2023, calonpppk.com, N1)",
     "UU 20/2023 diundangkan 31 Oct 2023, calonpppk.com"),
    ("SKB 2022 Lampiran II A5/B7 (kompas.com 6 Nov 2023; see shared legal.md §2.2-2.3)",
     "SKB 2022 Lampiran II A5/B7 (kompas.com 6 Nov 2023)"),
    ("KPU, penetapan DCT 3 Nov 2023 (issue 8 legal review; not in legal.md)",
     "KPU, penetapan DCT 3 Nov 2023"),
    ("legal.md §5", ""),
    ("UU 7/2017 Pasal 198 ayat (1) (https://example.org/a, 12 Jun 2023)",
     "UU 7/2017 Pasal 198 ayat (1) (https://example.org/a, 12 Jun 2023)"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "shown"), CASES)
def test_research_notes_are_left_out_and_the_outlets_kept(source: str, shown: str) -> None:
    assert public_source(source) == shown
