"""quick_init builds the same frozen instances as the dataclass's own __init__."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, dataclass, field, replace

import pytest

from netra.analysis.frozen import quick_init
from netra.analysis.hybrid import Decision
from netra.analysis.screen import ScreenedLine
from netra.analysis.subjects import Mention


@dataclass(frozen=True, slots=True)
class _Plain:
    name: str
    count: int
    note: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class _Quick:
    name: str
    count: int
    note: str | None = None


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("a", 1), {}),
        (("a", 1, "n"), {}),
        (("a",), {"count": 2}),
        ((), {"note": "x", "name": "b", "count": 3}),
    ],
    ids=["defaults", "positional", "mixed", "keywords"],
)  # fmt: skip
def test_same_fields_equality_hash_and_repr_as_the_dataclass_init(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    plain, quick = _Plain(*args, **kwargs), _Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert (quick.name, quick.count, quick.note) == (plain.name, plain.count, plain.note)
    assert repr(quick) == repr(plain).replace("_Plain", "_Quick")
    assert quick == _Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert hash(quick) == hash(_Quick(*args, **kwargs))  # type: ignore[arg-type]


def test_instances_stay_frozen_and_replace_and_pickle_work() -> None:
    mention = Mention("pns", 1, 2, 0, True, False)
    with pytest.raises(FrozenInstanceError):
        mention.is_actor = False  # type: ignore[misc]
    assert replace(mention, is_actor=False).is_actor is False
    assert (mention.is_former, mention.is_object) == (False, False)  # the defaults
    line = ScreenedLine(3, None, None, True, '{"id": 1}')
    assert pickle.loads(pickle.dumps(line)) == line  # noqa: S301 - workers send lines pickled
    assert Decision(False, None, None, "none", ()).model_finding is None


def test_wrong_arguments_are_refused_as_by_any_init() -> None:
    with pytest.raises(TypeError):
        _Quick("a")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Quick("a", 1, "n", "extra")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Quick("a", 1, unknown=2)  # type: ignore[call-arg]


def test_classes_it_cannot_build_the_same_are_refused() -> None:
    @dataclass(frozen=True, slots=True)
    class Factory:
        items: list[int] = field(default_factory=list)

    @dataclass(slots=True)
    class Mutable:
        name: str

    with pytest.raises(TypeError, match="plain fields"):
        quick_init(Factory)
    with pytest.raises(TypeError, match="frozen dataclass"):
        quick_init(Mutable)
