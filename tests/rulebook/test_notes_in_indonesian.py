"""Every note and caution of the rulebook has its Indonesian, for the desk (issue 10)."""

from __future__ import annotations

import pytest

from netra.rulebook import RulebookError, load_rulebook


def test_a_stored_english_note_is_found_in_indonesian_alone_or_with_its_caution():
    book = load_rulebook()
    window = next(w for w in book.windows.values() if w.caution)
    entry = next(
        e for act in book.acts.values() for _, es in act.rules for e in es if e.note and e.note_id
    )
    assert book.note_in_indonesian(entry.note) == entry.note_id
    assert book.note_in_indonesian(f"{entry.note} {window.caution}") == (
        f"{entry.note_id} {window.caution_id}"
    )
    assert book.note_in_indonesian("not a note of the rulebook") is None


def test_a_note_without_its_indonesian_is_refused(tmp_path):
    import shutil
    from pathlib import Path

    import netra.rulebook.data as data

    directory = tmp_path / "data"
    shutil.copytree(Path(data.__file__).parent, directory)
    acts = directory / "acts.yaml"
    text = acts.read_text(encoding="utf-8")
    acts.write_text(
        text.replace(
            "      note_id: Prajurit dilarang terlibat kegiatan politik praktis.\n", "", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(RulebookError, match="'note' and 'note_id' go together"):
        load_rulebook(directory)
