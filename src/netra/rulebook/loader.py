"""Read the rulebook's YAML files and validate them into immutable objects.

Validation happens here, once, at load time: every code a file refers to must be defined, every
rule must cite a norm, every sanction and date must carry a source, dates must parse and dated
windows must not overlap. Each failure is a ``RulebookError`` naming the file, the entry and the
field, so whoever edits the law-as-data sees at once what to fix.

Each kind of entry is described once, as a `Kind` (its fields and their readers, date pairs in
order, cross-field checks, the class it builds), and one function, `_parse`, applies any kind to
its YAML. Each file is a `Section` of one kind.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

from netra.rulebook.errors import RulebookError
from netra.rulebook.types import (
    Act,
    Certainty,
    Clock,
    ClockUnit,
    DatedWindow,
    Election,
    ElectionKind,
    Enterprise,
    Law,
    Level,
    Norm,
    Penetapan,
    Period,
    RecapCategory,
    RecipientChangeover,
    RecipientPeriod,
    RuleEntry,
    SanctionDefinition,
    SanctionType,
    SkbPart,
    Stage,
    SubjectType,
)

DATA_FILES = (
    "rulebook.yaml",
    "laws.yaml",
    "categories.yaml",
    "subjects.yaml",
    "sanctions.yaml",
    "elections.yaml",
    "dated.yaml",
    "acts.yaml",
    "clocks.yaml",
)

# The stage whose start splits SKB 2022 part A (bakal calon) from part B (calon).
PENETAPAN_STAGE = "penetapan_paslon"
# The kind of candidate of an election that does not list its kinds under `penetapan`.
DEFAULT_CANDIDATE_KIND = "paslon"

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

EnumT = TypeVar("EnumT", bound=StrEnum)


# LibYAML's parser when PyYAML was built with it (its wheels are): the same documents, parsed
# seven times faster, which every command that loads the rulebook waits for.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """SafeLoader that keeps dates as strings, so a bad date gets our message, not a traceback."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    """Refuse duplicate keys: PyYAML would silently keep the last one (e.g. a second act)."""
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a value sits: file and entry (e.g. ``acts.yaml``, ``act 'ktp_support'``)."""

    file: str
    entry: str

    def error(self, message: str, at: str | None = None) -> RulebookError:
        """An error naming file, entry and, when nested, the path inside the entry."""
        suffix = f" (at {at})" if at else ""
        return RulebookError(
            f"{self.file}: {self.entry}: {message}{suffix}",
            file=self.file,
            entry=self.entry,
            at=at,
        )


@dataclass(slots=True)
class RawRulebook:
    """Everything parsed from the files, before it is wrapped into a ``Rulebook``."""

    directory: Path
    version: str
    laws: dict[str, Law] = field(default_factory=dict)
    categories: dict[int, RecapCategory] = field(default_factory=dict)
    subjects: dict[str, SubjectType] = field(default_factory=dict)
    sanctions: dict[str, SanctionDefinition] = field(default_factory=dict)
    elections: dict[str, Election] = field(default_factory=dict)
    windows: dict[str, DatedWindow] = field(default_factory=dict)
    recipients: tuple[RecipientPeriod, ...] = ()
    changeover: RecipientChangeover | None = None
    acts: dict[str, Act] = field(default_factory=dict)
    clocks: dict[str, Clock] = field(default_factory=dict)
    templates: dict[str, list[Any]] = field(default_factory=dict)  # acts.yaml, while loading


# ---------------------------------------------------------------------------------------------
# Primitive readers


def _read_yaml(directory: Path, name: str) -> dict[str, Any]:
    path = directory / name
    if not path.is_file():
        raise RulebookError(f"{name}: file is missing from {directory}", file=name)
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulebookError(f"{name}:{line}: not valid YAML: {problem}", file=name) from exc
    except UnicodeDecodeError as exc:
        raise RulebookError(f"{name}: not UTF-8 text", file=name) from exc
    if not isinstance(data, dict):
        raise RulebookError(f"{name}: top level must be a mapping", file=name)
    return data


def _mapping(value: object, where: _Where, at: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise where.error(f"field '{at}' must be a mapping, got {type(value).__name__}")
    return value


def _section(data: dict[str, Any], key: str, file: str) -> dict[Any, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise RulebookError(f"{file}: top-level '{key}' must be a non-empty mapping", file=file)
    return value


def _check_keys(raw: Mapping[str, Any], allowed: set[str], where: _Where, at: str | None) -> None:
    unknown = sorted(str(key) for key in raw if key not in allowed)
    if unknown:
        raise where.error(
            f"unknown field '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})",
            at,
        )


def _text(raw: Mapping[str, Any], key: str, where: _Where, at: str | None = None) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise where.error(f"field '{key}' is missing", at)
    if not isinstance(value, str | int):
        raise where.error(f"field '{key}' must be text", at)
    return str(value).strip()


def _opt_text(raw: Mapping[str, Any], key: str, where: _Where, at: str | None = None) -> str | None:
    if raw.get(key) is None:
        return None
    return _text(raw, key, where, at)


def _date(value: object, key: str, where: _Where, at: str | None) -> date:
    text = str(value).strip()
    if not _ISO_DATE.match(text):
        raise where.error(f"field '{key}' has bad date {text!r} (expected YYYY-MM-DD)", at)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise where.error(f"field '{key}' has bad date {text!r} ({exc})", at) from exc


def _opt_date(
    raw: Mapping[str, Any], key: str, where: _Where, at: str | None = None
) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    return _date(value, key, where, at)


def _req_date(raw: Mapping[str, Any], key: str, where: _Where, at: str | None = None) -> date:
    value = raw.get(key)
    if value is None:
        raise where.error(f"field '{key}' is missing", at)
    return _date(value, key, where, at)


def _enum(
    enum: type[EnumT],
    raw: Mapping[str, Any],
    key: str,
    where: _Where,
    at: str | None,
    default: str | None,
) -> EnumT | None:
    value = raw.get(key, default)
    if value is None:
        return None
    try:
        return enum(str(value))
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise where.error(
            f"field '{key}' has invalid value {value!r} (valid: {choices})", at
        ) from None


def _certainty(raw: Mapping[str, Any], where: _Where, at: str | None = None) -> Certainty:
    return _enum(Certainty, raw, "certainty", where, at, Certainty.CONFIRMED.value) or (
        Certainty.CONFIRMED
    )


def _code(value: object, kind: str, where: _Where) -> str:
    if not isinstance(value, str) or not _CODE.match(value):
        raise where.error(f"{kind} code {value!r} must be lower_snake_case")
    return value


def _list(raw: Mapping[str, Any], key: str, where: _Where, at: str | None) -> list[Any]:
    value = raw.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise where.error(f"field '{key}' must be a list", at)
    return value


def _join(at: str | None, child: str) -> str:
    return f"{at}.{child}" if at else child


# ---------------------------------------------------------------------------------------------
# Norms

_NORM_KEYS = {"law", "pasal", "ayat", "huruf", "angka", "section"}


def _norm(value: object, laws: Mapping[str, Law], where: _Where, at: str) -> Norm:
    raw = _mapping(value, where, at)
    _check_keys(raw, _NORM_KEYS, where, at)
    law = raw.get("law")
    if law is None:
        raise where.error("norm field 'law' is missing", at)
    if law not in laws:
        raise where.error(f"law {law!r} is not defined in laws.yaml", at)

    def part(key: str) -> str | None:
        return None if raw.get(key) is None else str(raw[key]).strip()

    return Norm(
        law=str(law),
        law_short=laws[str(law)].short,
        pasal=part("pasal"),
        ayat=part("ayat"),
        huruf=part("huruf"),
        angka=part("angka"),
        section=part("section"),
    )


def _norms(
    raw: Mapping[str, Any], key: str, laws: Mapping[str, Law], where: _Where, at: str | None
) -> tuple[Norm, ...]:
    items = _list(raw, key, where, at)
    return tuple(
        _norm(item, laws, where, _join(at, f"{key}[{index}]")) for index, item in enumerate(items)
    )


# ---------------------------------------------------------------------------------------------
# Entry kinds, each described once
#
# Every kind of entry (a law, a sanction, a stage, a rule entry, ...) is a `Kind`: its fields, each
# with the reader that parses and checks it, the date pairs that must be in order, the checks that
# span fields, and the class it builds. `_parse` is the one mechanism that applies a kind to a
# YAML mapping, so every error names the file, the entry and the field in the same way, and a new
# kind of law is a data change plus, at most, a line here.

Reader = Callable[[Mapping[str, Any], str, "_Scope"], object]
Check = Callable[[dict[str, Any], "_Scope"], None]


@dataclass(frozen=True, slots=True)
class _Scope:
    """Where the entry being read sits, and the rulebook loaded so far (for references)."""

    where: _Where
    at: str | None
    book: RawRulebook

    def error(self, message: str) -> RulebookError:
        return self.where.error(message, self.at)


@dataclass(frozen=True, slots=True)
class Field:
    """One field: its YAML key, its reader, and the attribute it fills (None: validated only)."""

    key: str
    read: Reader
    attr: str | None = ""  # "" = the same as `key`

    @property
    def target(self) -> str | None:
        return self.key if self.attr == "" else self.attr


@dataclass(frozen=True, slots=True)
class Kind:
    """An entry kind: fields, date pairs that must be in order, cross-field checks, its class.

    A check may also add computed attributes to the values it is given.
    """

    fields: tuple[Field, ...]
    build: Callable[..., Any]
    ordered: tuple[tuple[str, str], ...] = ()
    checks: tuple[Check, ...] = ()


def _parse(kind: Kind, value: object, scope: _Scope, label: str, **known: object) -> Any:
    """Read `value` as an entry of `kind`: unknown keys refused, every field read and checked."""
    raw = _mapping(value, scope.where, label)
    _check_keys(raw, {f.key for f in kind.fields}, scope.where, scope.at)
    values: dict[str, Any] = {f.key: f.read(raw, f.key, scope) for f in kind.fields}
    for earlier, later in kind.ordered:
        first, second = values[earlier], values[later]
        if first is not None and second is not None and second < first:
            raise scope.error(f"field '{later}' is before '{earlier}'")
    for check in kind.checks:
        check(values, scope)
    attributes: dict[str, object] = dict(known)
    targets = {f.key: f.target for f in kind.fields}
    for key, item in values.items():
        target = targets.get(key, key)  # a key a check added is an attribute of its own
        if target is not None:
            attributes[target] = item
    return kind.build(**attributes)


# -- readers -------------------------------------------------------------------------------------


def _r_text(raw: Mapping[str, Any], key: str, scope: _Scope) -> str:
    return _text(raw, key, scope.where, scope.at)


def _r_opt_text(raw: Mapping[str, Any], key: str, scope: _Scope) -> str | None:
    return _opt_text(raw, key, scope.where, scope.at)


def _r_date(raw: Mapping[str, Any], key: str, scope: _Scope) -> date:
    return _req_date(raw, key, scope.where, scope.at)


def _r_opt_date(raw: Mapping[str, Any], key: str, scope: _Scope) -> date | None:
    return _opt_date(raw, key, scope.where, scope.at)


def _r_certainty(raw: Mapping[str, Any], key: str, scope: _Scope) -> Certainty:
    return _certainty(raw, scope.where, scope.at)


def _r_norms(raw: Mapping[str, Any], key: str, scope: _Scope) -> tuple[Norm, ...]:
    return _norms(raw, key, scope.book.laws, scope.where, scope.at)


def _r_strings(raw: Mapping[str, Any], key: str, scope: _Scope) -> tuple[str, ...]:
    return tuple(str(item) for item in _list(raw, key, scope.where, scope.at))


def _r_raw(raw: Mapping[str, Any], key: str, scope: _Scope) -> object:
    return raw.get(key)


def _r_enum(enum: type[EnumT], *, required: bool = False, hint: str = "") -> Reader:
    def read(raw: Mapping[str, Any], key: str, scope: _Scope) -> EnumT | None:
        value = _enum(enum, raw, key, scope.where, scope.at, None)
        if value is None and required:
            raise scope.error(f"field '{key}' is missing{f' ({hint})' if hint else ''}")
        return value

    return read


def _r_ref(section: str, message: str, *, required: bool = False) -> Reader:
    """A code that must be defined in `section` of the rulebook loaded so far."""

    def read(raw: Mapping[str, Any], key: str, scope: _Scope) -> object:
        value = raw.get(key)
        if value is None:
            if required:
                raise scope.error(f"field '{key}' is missing")
            return None
        if value not in getattr(scope.book, section):
            raise scope.error(message.format(value=value))
        return value

    return read


def _r_positive_int(raw: Mapping[str, Any], key: str, scope: _Scope) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise scope.error(f"field '{key}' must be a positive whole number, got {value!r}")
    return value


def _r_extra_norms(
    raw: Mapping[str, Any], key: str, scope: _Scope
) -> tuple[tuple[SanctionType, tuple[Norm, ...]], ...]:
    extra = _mapping(raw.get(key) or {}, scope.where, key)
    for type_name in extra:
        try:
            SanctionType(str(type_name))
        except ValueError:
            raise scope.where.error(
                f"extra_norms key {type_name!r} is not a sanction type", key
            ) from None
    return tuple(
        (SanctionType(str(name)), _norms(extra, name, scope.book.laws, scope.where, key))
        for name in extra
    )


def _r_pairs(raw: Mapping[str, Any], key: str, scope: _Scope) -> tuple[tuple[str, str], ...]:
    pairs = _mapping(raw.get(key) or {}, scope.where, key)
    return tuple((str(old), str(new)) for old, new in pairs.items())


def _r_stages(raw: Mapping[str, Any], key: str, scope: _Scope) -> tuple[Stage, ...]:
    stages = []
    for code, value in _mapping(raw.get(key), scope.where, key).items():
        _code(code, "stage", scope.where)
        at = f"{key}.{code}"
        stages.append(_parse(STAGE, value, replace(scope, at=at), at, code=code))
    return tuple(stages)


def _r_rules(
    raw: Mapping[str, Any], key: str, scope: _Scope
) -> tuple[tuple[str, tuple[RuleEntry, ...]], ...]:
    """An act's rules: subject code -> its entries (templates expanded), checked for overlap."""
    rules = []
    for subject, items in _mapping(raw.get(key) or {}, scope.where, key).items():
        if subject not in scope.book.subjects:
            raise scope.where.error(f"subject {subject!r} is not defined in subjects.yaml", key)
        if not isinstance(items, list) or not items:
            raise scope.where.error(f"rules for {subject!r} must be a non-empty list", key)
        entries = _entries(items, scope, f"{key}.{subject}")
        _check_overlaps(entries, scope.where, f"{key}.{subject}")
        rules.append((subject, tuple(entries)))
    return tuple(rules)


def _entries(items: Sequence[Any], scope: _Scope, at: str, depth: int = 0) -> list[RuleEntry]:
    entries: list[RuleEntry] = []
    for index, item in enumerate(items):
        item_at = f"{at}[{index}]"
        if isinstance(item, dict) and "use" in item:
            _check_keys(item, {"use"}, scope.where, item_at)
            name = item["use"]
            if name not in scope.book.templates:
                raise scope.where.error(f"template {name!r} is not defined", item_at)
            if depth > MAX_TEMPLATE_DEPTH:
                raise scope.where.error(f"template {name!r} nests too deeply", item_at)
            entries.extend(
                _entries(scope.book.templates[name], scope, f"{item_at}->{name}", depth + 1)
            )
        else:
            entries.append(_parse(RULE_ENTRY, item, replace(scope, at=item_at), item_at))
    return entries


TEXT, OPT_TEXT, DATE, OPT_DATE = _r_text, _r_opt_text, _r_date, _r_opt_date
CERTAINTY, NORMS, STRINGS = _r_certainty, _r_norms, _r_strings
MAX_TEMPLATE_DEPTH = 3


def _fields(*specs: tuple[str, Reader] | Field) -> tuple[Field, ...]:
    return tuple(spec if isinstance(spec, Field) else Field(*spec) for spec in specs)


# -- checks that span fields ---------------------------------------------------------------------


def _level_only_for_discipline(values: dict[str, Any], scope: _Scope) -> None:
    kind = values["type"]
    if values["level"] is not None and kind is not SanctionType.DISCIPLINARY:
        raise scope.error(f"field 'level' is only allowed for disciplinary sanctions, not {kind}")


def _election_penetapan(values: dict[str, Any], scope: _Scope) -> None:
    penetapan = _penetapan(values, {stage.code: stage for stage in values["stages"]}, scope.where)
    values["penetapan"] = penetapan
    values["penetapan_paslon"] = max(item.on for item in penetapan)


def _window_cites_and_cautions(values: dict[str, Any], scope: _Scope) -> None:
    if (values["caution_from"] is None) != (values["caution"] is None):
        raise scope.error("fields 'caution_from' and 'caution' go together")
    if (values["caution"] is None) != (values["caution_id"] is None):
        raise scope.error(
            "fields 'caution' and 'caution_id' go together: the desk shows the caution in "
            "Indonesian"
        )
    if not values["norms"]:
        raise scope.error("field 'norms' is missing: a window must cite its provision")


def _note_in_indonesian(values: dict[str, Any], scope: _Scope) -> None:
    if (values["note"] is None) != (values["note_id"] is None):
        raise scope.error(
            "fields 'note' and 'note_id' go together: the desk shows the note in Indonesian"
        )


def _entry_cites_a_norm(values: dict[str, Any], scope: _Scope) -> None:
    if not values["norms"]:
        raise scope.error("field 'norms' is missing: every rule must cite the norm it rests on")


def _entry_period(values: dict[str, Any], scope: _Scope) -> None:
    """Part A defaults to before penetapan, part B to from penetapan, no part to always."""
    if values["period"] is None:
        values["period"] = {
            None: Period.ALWAYS,
            SkbPart.A: Period.BEFORE_PENETAPAN,
            SkbPart.B: Period.FROM_PENETAPAN,
        }[values["part"]]


def _entry_window_and_stages(values: dict[str, Any], scope: _Scope) -> None:
    kind, window = values["election_kind"], values["window"]
    if window is not None:
        window_kind = scope.book.elections[scope.book.windows[window].election].kind
        if kind is not None and kind is not window_kind:
            raise scope.error(
                f"window {window!r} belongs to a {window_kind} election, entry is for {kind}"
            )
    stage, outside = values["stage"], values["outside_stage"]
    if stage is not None and outside is not None:
        raise scope.error("fields 'stage' and 'outside_stage' exclude each other")
    for code in (stage, outside):
        for election in scope.book.elections.values() if code is not None else ():
            if kind is not None and election.kind is not kind:
                continue
            if all(s.code != code for s in election.stages):
                raise scope.error(f"stage {code!r} is not defined for election {election.id!r}")


def _act_category(values: dict[str, Any], scope: _Scope) -> None:
    values["category"] = int(values["category"])


# -- the kinds -----------------------------------------------------------------------------------

LAW = Kind(
    _fields(
        ("short", TEXT), ("title", TEXT), ("in_force_from", OPT_DATE), ("repealed_on", OPT_DATE),
        ("replaced_by", OPT_TEXT), ("source", TEXT), ("certainty", CERTAINTY),
    ),
    Law,
    ordered=(("in_force_from", "repealed_on"),),
)  # fmt: skip
CATEGORY = Kind(_fields(("label_id", TEXT), ("label_en", TEXT)), RecapCategory)
SUBJECT = Kind(
    _fields(
        ("label_id", TEXT), ("label_en", TEXT), ("description", TEXT), ("rules_from", OPT_TEXT),
        ("extra_norms", _r_extra_norms), ("replaces_sanctions", _r_pairs),
        ("certainty", CERTAINTY),
        ("category_override",
         _r_ref("categories", "category_override {value!r} is not defined in categories.yaml")),
        ("note", OPT_TEXT), ("note_id", OPT_TEXT),
        ("recommendation_to", OPT_TEXT), ("recommendation_source", OPT_TEXT),
    ),
    SubjectType,
)  # fmt: skip
SANCTION = Kind(
    _fields(
        ("type", _r_enum(SanctionType, required=True)), ("level", _r_enum(Level)),
        ("label_id", TEXT), ("label_en", TEXT), ("consists_of", STRINGS), ("norms", NORMS),
        Field("source", TEXT, attr=None), ("certainty", CERTAINTY),
    ),
    SanctionDefinition,
    checks=(_level_only_for_discipline,),
)  # fmt: skip
STAGE = Kind(
    _fields(
        ("label_id", TEXT), ("label_en", TEXT), ("start", DATE), ("end", DATE), ("source", TEXT),
        ("certainty", CERTAINTY),
    ),
    Stage,
    ordered=(("start", "end"),),
)  # fmt: skip
ELECTION = Kind(
    _fields(
        ("kind", _r_enum(ElectionKind, required=True)), ("label_id", TEXT), ("label_en", TEXT),
        ("source", TEXT), ("stages", _r_stages), ("penetapan", _r_raw), ("note", OPT_TEXT),
        ("note_id", OPT_TEXT),
    ),
    Election,
    checks=(_election_penetapan, _note_in_indonesian),
)  # fmt: skip
WINDOW = Kind(
    _fields(
        ("election", _r_ref("elections", "election {value!r} is not defined in elections.yaml",
                            required=True)),
        ("start", DATE), ("end", OPT_DATE), ("norms", NORMS), ("source", TEXT),
        ("certainty", CERTAINTY), ("note", OPT_TEXT), ("caution_from", OPT_DATE),
        ("caution", OPT_TEXT), ("caution_id", OPT_TEXT), ("family", OPT_TEXT),
    ),
    DatedWindow,
    ordered=(("start", "end"),),
    checks=(_window_cites_and_cautions,),
)  # fmt: skip
RECIPIENT = Kind(
    _fields(
        ("recipient", TEXT), ("start", OPT_DATE), ("end", OPT_DATE), ("source", TEXT),
        ("certainty", CERTAINTY),
    ),
    RecipientPeriod,
    ordered=(("start", "end"),),
)  # fmt: skip
CHANGEOVER = Kind(
    _fields(
        ("start", DATE), ("end", DATE), ("processed_to", TEXT), ("source", TEXT),
        ("certainty", CERTAINTY), ("note", OPT_TEXT),
    ),
    RecipientChangeover,
    ordered=(("start", "end"),),
)  # fmt: skip
RULE_ENTRY = Kind(
    _fields(
        ("sanction", _r_ref("sanctions", "sanction {value!r} is not defined", required=True)),
        ("norms", NORMS), ("part", _r_enum(SkbPart)), ("period", _r_enum(Period)),
        ("election_kind", _r_enum(ElectionKind)),
        ("window", _r_ref("windows", "window {value!r} is not defined in dated.yaml")),
        ("stage", OPT_TEXT), ("outside_stage", OPT_TEXT),
        ("valid_from", OPT_DATE), ("valid_until", OPT_DATE), ("certainty", CERTAINTY),
        ("note", OPT_TEXT), ("note_id", OPT_TEXT), ("enterprise", _r_enum(Enterprise)),
    ),
    RuleEntry,
    ordered=(("valid_from", "valid_until"),),
    checks=(_entry_cites_a_norm, _entry_period, _entry_window_and_stages, _note_in_indonesian),
)  # fmt: skip
ACT = Kind(
    _fields(
        ("label_id", TEXT), ("label_en", TEXT), ("description", TEXT),
        ("category", _r_ref("categories", "category {value!r} is not defined in categories.yaml",
                            required=True)),
        Field("skb", STRINGS, attr="skb_rows"), ("rules", _r_rules), ("note", OPT_TEXT),
    ),
    Act,
    checks=(_act_category,),
)  # fmt: skip
CLOCK = Kind(
    _fields(
        ("label_en", TEXT), ("days", _r_positive_int),
        ("unit", _r_enum(ClockUnit, required=True, hint="calendar or working")),
        ("source", TEXT), ("certainty", CERTAINTY), ("note", OPT_TEXT),
    ),
    Clock,
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Files: one section of entries of one kind each


@dataclass(frozen=True, slots=True)
class Section:
    """A file's top-level mapping of entries of one kind, keyed by a code of a given shape."""

    file: str
    key: str
    noun: str  # names the entry in errors: "law 'pp_94_2021'"
    kind: Kind
    code_attr: str = "code"
    code_pattern: re.Pattern[str] | None = _CODE  # None: the code is a positive integer
    code_rule: str = "{noun} code {code!r} must be lower_snake_case"

    def load(self, data: dict[str, Any], book: RawRulebook) -> dict[Any, Any]:
        """Every entry of the section, parsed by its kind."""
        entries: dict[Any, Any] = {}
        for code, value in _section(data, self.key, self.file).items():
            where = _Where(self.file, f"{self.noun} {code!r}")
            if not self._valid_code(code):
                raise where.error(self.code_rule.format(noun=self.noun, code=code))
            known: dict[str, object] = {self.code_attr: code}
            entries[code] = _parse(self.kind, value, _Scope(where, None, book), str(code), **known)
        return entries

    def _valid_code(self, code: object) -> bool:
        if self.code_pattern is None:
            return isinstance(code, int) and not isinstance(code, bool) and code >= 1
        return isinstance(code, str) and bool(self.code_pattern.match(code))


LAWS = Section("laws.yaml", "laws", "law", LAW)
CATEGORIES = Section(
    "categories.yaml", "categories", "category", CATEGORY, code_attr="number", code_pattern=None,
    code_rule="category number must be a positive integer",
)  # fmt: skip
SUBJECTS = Section("subjects.yaml", "subjects", "subject", SUBJECT)
SANCTIONS = Section("sanctions.yaml", "sanctions", "sanction", SANCTION)
ELECTIONS = Section(
    "elections.yaml", "elections", "election", ELECTION, code_attr="id",
    code_pattern=re.compile(r"^[a-z][a-z0-9-]*$"),
    code_rule="election id must be lower-case words joined by '-'",
)  # fmt: skip
WINDOWS = Section("dated.yaml", "windows", "window", WINDOW, code_attr="id")
ACTS = Section("acts.yaml", "acts", "act", ACT)
CLOCKS = Section(
    "clocks.yaml", "clocks", "clock", CLOCK, code_attr="id",
    code_pattern=re.compile(r"^[a-z_]+(\.[a-z_]+)+$"),
    code_rule="clock id must look like 'area.name'",
)  # fmt: skip


def _load_manifest(directory: Path) -> str:
    data = _read_yaml(directory, "rulebook.yaml")
    where = _Where("rulebook.yaml", "manifest")
    _check_keys(data, {"version", "as_of", "description"}, where, None)
    _opt_date(data, "as_of", where)
    return _text(data, "version", where)


def _check_laws(laws: Mapping[str, Law]) -> None:
    for law in laws.values():
        if law.replaced_by is not None and law.replaced_by not in laws:
            where = _Where(LAWS.file, f"law {law.code!r}")
            raise where.error(f"replaced_by {law.replaced_by!r} is not defined")


def _check_subjects(
    subjects: Mapping[str, SubjectType], sanctions: Mapping[str, SanctionDefinition]
) -> None:
    for subject in subjects.values():
        where = _Where(SUBJECTS.file, f"subject {subject.code!r}")
        if subject.rules_from is not None:
            if subject.rules_from not in subjects:
                raise where.error(f"rules_from {subject.rules_from!r} is not defined")
            if subjects[subject.rules_from].rules_from is not None:
                raise where.error(
                    f"rules_from {subject.rules_from!r} itself takes rules from another subject"
                )
        for old, new in subject.replaces_sanctions:
            for code in (old, new):
                if code not in sanctions:
                    raise where.error(f"sanction {code!r} is not defined", "replaces_sanctions")
        if (subject.recommendation_to is None) != (subject.recommendation_source is None):
            raise where.error(
                "recommendation_to and recommendation_source go together: say where the "
                "recommendation goes and on what authority",
                "recommendation_to",
            )


def _penetapan(
    raw: Mapping[str, Any], stages: Mapping[str, Stage], where: _Where
) -> tuple[Penetapan, ...]:
    """Each kind of candidate with the stage whose start makes its bakal calon a calon.

    Without a ``penetapan`` field the election has one kind, ``paslon``, set at the
    ``penetapan_paslon`` stage.
    """
    declared = raw.get("penetapan")
    if declared is None:
        if PENETAPAN_STAGE not in stages:
            raise where.error(
                f"stage '{PENETAPAN_STAGE}' is missing (it splits SKB 2022 part A from part B)"
            )
        stage = stages[PENETAPAN_STAGE]
        return (Penetapan(DEFAULT_CANDIDATE_KIND, stage.start, stage.code, stage.label_en),)
    items: list[Penetapan] = []
    for candidate_kind, value in _mapping(declared, where, "penetapan").items():
        at = f"penetapan.{candidate_kind}"
        _code(candidate_kind, "candidate kind", where)
        item_raw = _mapping(value, where, at)
        _check_keys(item_raw, {"stage", "label_en"}, where, at)
        code = _text(item_raw, "stage", where, at)
        if code not in stages:
            raise where.error(f"stage {code!r} is not defined in this election", at)
        label = _text(item_raw, "label_en", where, at)
        items.append(Penetapan(candidate_kind, stages[code].start, code, label))
    if not items:
        raise where.error("field 'penetapan' names no kind of candidate")
    return tuple(items)


def _load_dated(directory: Path, book: RawRulebook) -> None:
    """dated.yaml: the Pasal 71 windows, who receives recommendations, and the changeover."""
    file = WINDOWS.file
    data = _read_yaml(directory, file)
    _check_keys(
        data,
        {"windows", "recommendation_recipients", "recipient_changeover"},
        _Where(file, "top level"),
        None,
    )
    book.windows = WINDOWS.load(data, book)
    _check_window_families(book.windows, file)
    raw_recipients = data.get("recommendation_recipients")
    if not isinstance(raw_recipients, list) or not raw_recipients:
        raise RulebookError(f"{file}: top-level 'recommendation_recipients' must be a list")
    recipients: list[RecipientPeriod] = []
    for index, value in enumerate(raw_recipients):
        scope = _Scope(_Where(file, f"recommendation_recipients[{index}]"), None, book)
        recipients.append(_parse(RECIPIENT, value, scope, str(index)))
    ordered = sorted(recipients, key=lambda p: p.start or date.min)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.end is None or (later.start is not None and later.start <= earlier.end):
            where = _Where(file, f"recommendation_recipients ({later.recipient!r})")
            raise where.error(
                f"field 'start' overlaps the period of {earlier.recipient!r} "
                f"(which ends {earlier.end or 'never'})"
            )
    book.recipients = tuple(ordered)
    changeover = data.get("recipient_changeover")
    if changeover is not None:
        scope = _Scope(_Where(file, "recipient_changeover"), None, book)
        book.changeover = _parse(CHANGEOVER, changeover, scope, "recipient_changeover")


def _check_window_families(windows: Mapping[str, DatedWindow], file: str) -> None:
    """A window in another election names the window rule entries cite (`family`), which must
    be one of its own; one provision has at most one window per election."""
    seen: dict[tuple[str, str], str] = {}
    for window in windows.values():
        where = _Where(file, f"window {window.id!r}")
        if window.family is not None:
            head = windows.get(window.family)
            if head is None or head.family is not None:
                raise where.error(
                    f"field 'family' must name a window defined without a family, not "
                    f"{window.family!r}"
                )
        key = (window.rule_id, window.election)
        if key in seen:
            raise where.error(
                f"window {seen[key]!r} already stands for {window.rule_id!r} in election "
                f"{window.election!r}"
            )
        seen[key] = window.id


def _load_acts(directory: Path, book: RawRulebook) -> None:
    """acts.yaml: the templates first, then every act with its rule entries."""
    file = ACTS.file
    data = _read_yaml(directory, file)
    _check_keys(data, {"templates", "acts"}, _Where(file, "top level"), None)
    templates = _mapping(data.get("templates") or {}, _Where(file, "templates"), "templates")
    for name, value in templates.items():
        if not isinstance(value, list) or not value:
            raise _Where(file, f"template {name!r}").error("a template must be a non-empty list")
        book.templates[str(name)] = value
    book.acts = ACTS.load(data, book)


def _validity_overlaps(a: RuleEntry, b: RuleEntry) -> bool:
    start_a, end_a = a.valid_from or date.min, a.valid_until or date.max
    start_b, end_b = b.valid_from or date.min, b.valid_until or date.max
    return start_a <= end_b and start_b <= end_a


def _conditions(entry: RuleEntry) -> tuple[object, ...]:
    return (
        entry.sanction,
        entry.part,
        entry.period,
        entry.election_kind,
        entry.window,
        entry.stage,
        entry.outside_stage,
        entry.enterprise,
    )


def _check_overlaps(entries: Sequence[RuleEntry], where: _Where, at: str) -> None:
    """Two entries for the same sanction under the same conditions must not be valid together.

    That is how a new version of a law is added: the old entry gets ``valid_until``, the new one
    ``valid_from``; forgetting either is caught here.
    """
    for i, first in enumerate(entries):
        for j in range(i + 1, len(entries)):
            second = entries[j]
            same_conditions = _conditions(first) == _conditions(second)
            if same_conditions and _validity_overlaps(first, second):
                raise where.error(
                    f"entries {i} and {j} for sanction {first.sanction!r} have overlapping "
                    "valid_from/valid_until windows",
                    at,
                )


def load_raw(directory: Path) -> RawRulebook:
    """Parse and validate every data file in ``directory``, each after those it refers to."""
    if not directory.is_dir():
        raise RulebookError(f"{directory}: rulebook data directory does not exist")
    book = RawRulebook(directory=directory, version=_load_manifest(directory))
    book.laws = LAWS.load(_read_yaml(directory, LAWS.file), book)
    _check_laws(book.laws)
    book.categories = dict(
        sorted(CATEGORIES.load(_read_yaml(directory, CATEGORIES.file), book).items())
    )
    book.subjects = SUBJECTS.load(_read_yaml(directory, SUBJECTS.file), book)
    book.sanctions = SANCTIONS.load(_read_yaml(directory, SANCTIONS.file), book)
    _check_subjects(book.subjects, book.sanctions)
    book.elections = ELECTIONS.load(_read_yaml(directory, ELECTIONS.file), book)
    _load_dated(directory, book)
    _load_acts(directory, book)
    book.clocks = CLOCKS.load(_read_yaml(directory, CLOCKS.file), book)
    return book


def frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """A read-only view, so nobody mutates a shared rulebook by accident."""
    return MappingProxyType(dict(mapping))
