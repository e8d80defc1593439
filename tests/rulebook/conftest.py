"""Fixtures for rulebook tests: the shipped rulebook and a writable copy of its data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from netra.rulebook import DEFAULT_DATA_DIR, Rulebook, load_rulebook


@pytest.fixture(scope="session")
def book() -> Rulebook:
    return load_rulebook()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data directory that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


Mutator = Callable[[dict[str, Any]], None]


def _rewrite(directory: Path, file: str, mutate: Mutator) -> None:
    path = directory / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def rewrite() -> Callable[[Path, str, Mutator], None]:
    """Load a data file, let a mutator change the parsed data, write it back."""
    return _rewrite
