"""The rulebook reads the same data whichever YAML parser PyYAML offers (LibYAML or Python)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from netra.rulebook import loader

DATA = Path(loader.__file__).resolve().parent / "data"


class _PythonLoader(yaml.SafeLoader):
    """The loader as the rulebook had it before LibYAML: pure-Python parser, same rules."""


_PythonLoader.yaml_implicit_resolvers = loader._Loader.yaml_implicit_resolvers
_PythonLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    loader._construct_mapping,
)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda path: path.name)
def test_each_rulebook_file_reads_the_same_with_either_parser(path: Path) -> None:
    text = path.read_text("utf-8")
    fast: Any = yaml.load(text, Loader=loader._Loader)  # noqa: S506 - derives from SafeLoader
    slow: Any = yaml.load(text, Loader=_PythonLoader)  # noqa: S506 - derives from SafeLoader
    assert fast == slow
    assert isinstance(fast, dict)
