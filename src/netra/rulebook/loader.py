"""Read the rulebook's YAML files and validate them into immutable objects.

Validation happens here, once, at load time: every code a file refers to must be defined, every
rule must cite a norm, every sanction and date must carry a source, dates must parse and dated
windows must not overlap. Each failure is a ``RulebookError`` naming the file, the entry and the
field, so whoever edits the law-as-data sees at once what to fix.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

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


class _Loader(yaml.SafeLoader):
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
# Files


def _load_manifest(directory: Path) -> str:
    data = _read_yaml(directory, "rulebook.yaml")
    where = _Where("rulebook.yaml", "manifest")
    _check_keys(data, {"version", "as_of", "description"}, where, None)
    _opt_date(data, "as_of", where)
    return _text(data, "version", where)


def _load_laws(directory: Path) -> dict[str, Law]:
    file = "laws.yaml"
    laws: dict[str, Law] = {}
    raw_laws = _section(_read_yaml(directory, file), "laws", file)
    for code, value in raw_laws.items():
        where = _Where(file, f"law {code!r}")
        _code(code, "law", where)
        raw = _mapping(value, where, code)
        _check_keys(
            raw,
            {
                "short",
                "title",
                "in_force_from",
                "repealed_on",
                "replaced_by",
                "source",
                "certainty",
            },
            where,
            None,
        )
        law = Law(
            code=code,
            short=_text(raw, "short", where),
            title=_text(raw, "title", where),
            in_force_from=_opt_date(raw, "in_force_from", where),
            repealed_on=_opt_date(raw, "repealed_on", where),
            replaced_by=_opt_text(raw, "replaced_by", where),
            source=_text(raw, "source", where),
            certainty=_certainty(raw, where),
        )
        if law.in_force_from and law.repealed_on and law.repealed_on < law.in_force_from:
            raise where.error("field 'repealed_on' is before 'in_force_from'")
        laws[code] = law
    for law in laws.values():
        if law.replaced_by is not None and law.replaced_by not in laws:
            where = _Where(file, f"law {law.code!r}")
            raise where.error(f"replaced_by {law.replaced_by!r} is not defined")
    return laws


def _load_categories(directory: Path) -> dict[int, RecapCategory]:
    file = "categories.yaml"
    categories: dict[int, RecapCategory] = {}
    for key, value in _section(_read_yaml(directory, file), "categories", file).items():
        where = _Where(file, f"category {key!r}")
        if not isinstance(key, int) or isinstance(key, bool) or key < 1:
            raise where.error("category number must be a positive integer")
        raw = _mapping(value, where, str(key))
        _check_keys(raw, {"label_id", "label_en"}, where, None)
        categories[key] = RecapCategory(
            number=key,
            label_id=_text(raw, "label_id", where),
            label_en=_text(raw, "label_en", where),
        )
    return dict(sorted(categories.items()))


def _load_subjects(
    directory: Path, laws: Mapping[str, Law], categories: Mapping[int, RecapCategory]
) -> dict[str, SubjectType]:
    file = "subjects.yaml"
    raw_subjects = _section(_read_yaml(directory, file), "subjects", file)
    subjects: dict[str, SubjectType] = {}
    for code, value in raw_subjects.items():
        where = _Where(file, f"subject {code!r}")
        _code(code, "subject", where)
        raw = _mapping(value, where, code)
        _check_keys(
            raw,
            {
                "label_id",
                "label_en",
                "description",
                "rules_from",
                "extra_norms",
                "replaces_sanctions",
                "certainty",
                "category_override",
                "note",
            },
            where,
            None,
        )
        extra_raw = raw.get("extra_norms") or {}
        extra_raw = _mapping(extra_raw, where, "extra_norms")
        for type_name in extra_raw:
            try:
                SanctionType(str(type_name))
            except ValueError:
                raise where.error(
                    f"extra_norms key {type_name!r} is not a sanction type", "extra_norms"
                ) from None
        extra_by_type = tuple(
            (SanctionType(str(type_name)), _norms(extra_raw, type_name, laws, where, "extra_norms"))
            for type_name in extra_raw
        )
        replaces = _mapping(raw.get("replaces_sanctions") or {}, where, "replaces_sanctions")
        override = raw.get("category_override")
        if override is not None and override not in categories:
            raise where.error(f"category_override {override!r} is not defined in categories.yaml")
        subjects[code] = SubjectType(
            code=code,
            label_id=_text(raw, "label_id", where),
            label_en=_text(raw, "label_en", where),
            description=_text(raw, "description", where),
            rules_from=_opt_text(raw, "rules_from", where),
            extra_norms=extra_by_type,
            replaces_sanctions=tuple((str(k), str(v)) for k, v in replaces.items()),
            certainty=_certainty(raw, where),
            category_override=override,
            note=_opt_text(raw, "note", where),
        )
    for subject in subjects.values():
        where = _Where(file, f"subject {subject.code!r}")
        if subject.rules_from is not None:
            if subject.rules_from not in subjects:
                raise where.error(f"rules_from {subject.rules_from!r} is not defined")
            if subjects[subject.rules_from].rules_from is not None:
                raise where.error(
                    f"rules_from {subject.rules_from!r} itself takes rules from another subject"
                )
    return subjects


def _load_sanctions(directory: Path, laws: Mapping[str, Law]) -> dict[str, SanctionDefinition]:
    file = "sanctions.yaml"
    sanctions: dict[str, SanctionDefinition] = {}
    for code, value in _section(_read_yaml(directory, file), "sanctions", file).items():
        where = _Where(file, f"sanction {code!r}")
        _code(code, "sanction", where)
        raw = _mapping(value, where, code)
        _check_keys(
            raw,
            {
                "type",
                "level",
                "label_id",
                "label_en",
                "consists_of",
                "norms",
                "source",
                "certainty",
            },
            where,
            None,
        )
        kind = _enum(SanctionType, raw, "type", where, None, None)
        if kind is None:
            raise where.error("field 'type' is missing")
        level = _enum(Level, raw, "level", where, None, None)
        if level is not None and kind is not SanctionType.DISCIPLINARY:
            raise where.error(
                f"field 'level' is only allowed for disciplinary sanctions, not {kind}"
            )
        consists = _list(raw, "consists_of", where, None)
        sanctions[code] = SanctionDefinition(
            code=code,
            type=kind,
            level=level,
            label_id=_text(raw, "label_id", where),
            label_en=_text(raw, "label_en", where),
            consists_of=tuple(str(item) for item in consists),
            norms=_norms(raw, "norms", laws, where, None),
            certainty=_certainty(raw, where),
        )
        _text(raw, "source", where)
    return sanctions


def _load_subject_replacements(
    subjects: Mapping[str, SubjectType], sanctions: Mapping[str, SanctionDefinition]
) -> None:
    for subject in subjects.values():
        where = _Where("subjects.yaml", f"subject {subject.code!r}")
        for old, new in subject.replaces_sanctions:
            for code in (old, new):
                if code not in sanctions:
                    raise where.error(f"sanction {code!r} is not defined", "replaces_sanctions")


def _load_elections(directory: Path) -> dict[str, Election]:
    file = "elections.yaml"
    elections: dict[str, Election] = {}
    for election_id, value in _section(_read_yaml(directory, file), "elections", file).items():
        where = _Where(file, f"election {election_id!r}")
        if not isinstance(election_id, str) or not re.match(r"^[a-z][a-z0-9-]*$", election_id):
            raise where.error("election id must be lower-case words joined by '-'")
        raw = _mapping(value, where, election_id)
        _check_keys(
            raw, {"kind", "label_id", "label_en", "source", "stages", "penetapan"}, where, None
        )
        kind = _enum(ElectionKind, raw, "kind", where, None, None)
        if kind is None:
            raise where.error("field 'kind' is missing")
        stages: list[Stage] = []
        for code, stage_value in _mapping(raw.get("stages"), where, "stages").items():
            at = f"stages.{code}"
            _code(code, "stage", where)
            stage_raw = _mapping(stage_value, where, at)
            _check_keys(
                stage_raw,
                {"label_id", "label_en", "start", "end", "source", "certainty"},
                where,
                at,
            )
            stage = Stage(
                code=code,
                label_id=_text(stage_raw, "label_id", where, at),
                label_en=_text(stage_raw, "label_en", where, at),
                start=_req_date(stage_raw, "start", where, at),
                end=_req_date(stage_raw, "end", where, at),
                source=_text(stage_raw, "source", where, at),
                certainty=_certainty(stage_raw, where, at),
            )
            if stage.end < stage.start:
                raise where.error("field 'end' is before 'start'", at)
            stages.append(stage)
        penetapan = _penetapan(raw, {stage.code: stage for stage in stages}, where)
        elections[election_id] = Election(
            id=election_id,
            kind=kind,
            label_id=_text(raw, "label_id", where),
            label_en=_text(raw, "label_en", where),
            penetapan_paslon=max(item.on for item in penetapan),
            stages=tuple(stages),
            source=_text(raw, "source", where),
            penetapan=penetapan,
        )
    return elections


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
        items.append(
            Penetapan(
                candidate_kind, stages[code].start, code, _text(item_raw, "label_en", where, at)
            )
        )
    if not items:
        raise where.error("field 'penetapan' names no kind of candidate")
    return tuple(items)


def _load_dated(
    directory: Path, laws: Mapping[str, Law], elections: Mapping[str, Election]
) -> tuple[dict[str, DatedWindow], tuple[RecipientPeriod, ...], RecipientChangeover | None]:
    file = "dated.yaml"
    data = _read_yaml(directory, file)
    _check_keys(
        data,
        {"windows", "recommendation_recipients", "recipient_changeover"},
        _Where(file, "top level"),
        None,
    )
    windows: dict[str, DatedWindow] = {}
    for window_id, value in _section(data, "windows", file).items():
        where = _Where(file, f"window {window_id!r}")
        _code(window_id, "window", where)
        raw = _mapping(value, where, window_id)
        _check_keys(
            raw,
            {
                "election",
                "start",
                "end",
                "norms",
                "source",
                "certainty",
                "note",
                "caution_from",
                "caution",
            },
            where,
            None,
        )
        election = _text(raw, "election", where)
        if election not in elections:
            raise where.error(f"election {election!r} is not defined in elections.yaml")
        window = DatedWindow(
            id=window_id,
            election=election,
            start=_req_date(raw, "start", where),
            end=_opt_date(raw, "end", where),
            norms=_norms(raw, "norms", laws, where, None),
            source=_text(raw, "source", where),
            certainty=_certainty(raw, where),
            note=_opt_text(raw, "note", where),
            caution_from=_opt_date(raw, "caution_from", where),
            caution=_opt_text(raw, "caution", where),
        )
        if (window.caution_from is None) != (window.caution is None):
            raise where.error("fields 'caution_from' and 'caution' go together")
        if not window.norms:
            raise where.error("field 'norms' is missing: a window must cite its provision")
        if window.end is not None and window.end < window.start:
            raise where.error("field 'end' is before 'start'")
        windows[window_id] = window

    raw_recipients = data.get("recommendation_recipients")
    if not isinstance(raw_recipients, list) or not raw_recipients:
        raise RulebookError(f"{file}: top-level 'recommendation_recipients' must be a list")
    recipients: list[RecipientPeriod] = []
    for index, value in enumerate(raw_recipients):
        where = _Where(file, f"recommendation_recipients[{index}]")
        raw = _mapping(value, where, str(index))
        _check_keys(raw, {"recipient", "start", "end", "source", "certainty"}, where, None)
        period = RecipientPeriod(
            recipient=_text(raw, "recipient", where),
            start=_opt_date(raw, "start", where),
            end=_opt_date(raw, "end", where),
            source=_text(raw, "source", where),
            certainty=_certainty(raw, where),
        )
        if period.start and period.end and period.end < period.start:
            raise where.error("field 'end' is before 'start'")
        recipients.append(period)
    ordered = sorted(recipients, key=lambda p: p.start or date.min)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.end is None or (later.start is not None and later.start <= earlier.end):
            where = _Where(file, f"recommendation_recipients ({later.recipient!r})")
            raise where.error(
                f"field 'start' overlaps the period of {earlier.recipient!r} "
                f"(which ends {earlier.end or 'never'})"
            )
    return windows, tuple(ordered), _changeover(data.get("recipient_changeover"), file)


def _changeover(value: object, file: str) -> RecipientChangeover | None:
    if value is None:
        return None
    where = _Where(file, "recipient_changeover")
    raw = _mapping(value, where, "recipient_changeover")
    _check_keys(raw, {"start", "end", "processed_to", "source", "certainty", "note"}, where, None)
    changeover = RecipientChangeover(
        start=_req_date(raw, "start", where),
        end=_req_date(raw, "end", where),
        processed_to=_text(raw, "processed_to", where),
        source=_text(raw, "source", where),
        certainty=_certainty(raw, where),
        note=_opt_text(raw, "note", where),
    )
    if changeover.end < changeover.start:
        raise where.error("field 'end' is before 'start'")
    return changeover


_ENTRY_KEYS = {
    "sanction",
    "norms",
    "part",
    "period",
    "election_kind",
    "window",
    "stage",
    "outside_stage",
    "valid_from",
    "valid_until",
    "certainty",
    "note",
}


@dataclass(frozen=True, slots=True)
class _ActContext:
    laws: Mapping[str, Law]
    sanctions: Mapping[str, SanctionDefinition]
    elections: Mapping[str, Election]
    windows: Mapping[str, DatedWindow]
    templates: Mapping[str, list[Any]]


def _entry(value: object, ctx: _ActContext, where: _Where, at: str) -> RuleEntry:
    raw = _mapping(value, where, at)
    _check_keys(raw, _ENTRY_KEYS, where, at)
    sanction = raw.get("sanction")
    if sanction is None:
        raise where.error("field 'sanction' is missing", at)
    if sanction not in ctx.sanctions:
        raise where.error(f"sanction {sanction!r} is not defined", at)
    norms = _norms(raw, "norms", ctx.laws, where, at)
    if not norms:
        raise where.error("field 'norms' is missing: every rule must cite the norm it rests on", at)
    part = _enum(SkbPart, raw, "part", where, at, None)
    default_period = {
        None: Period.ALWAYS,
        SkbPart.A: Period.BEFORE_PENETAPAN,
        SkbPart.B: Period.FROM_PENETAPAN,
    }[part]
    period = _enum(Period, raw, "period", where, at, default_period.value) or default_period
    kind = _enum(ElectionKind, raw, "election_kind", where, at, None)
    window = _opt_text(raw, "window", where, at)
    if window is not None:
        if window not in ctx.windows:
            raise where.error(f"window {window!r} is not defined in dated.yaml", at)
        window_kind = ctx.elections[ctx.windows[window].election].kind
        if kind is not None and kind is not window_kind:
            raise where.error(
                f"window {window!r} belongs to a {window_kind} election, entry is for {kind}", at
            )
    stage = _opt_text(raw, "stage", where, at)
    outside_stage = _opt_text(raw, "outside_stage", where, at)
    if stage is not None and outside_stage is not None:
        raise where.error("fields 'stage' and 'outside_stage' exclude each other", at)
    for code in (stage, outside_stage):
        if code is None:
            continue
        for election in ctx.elections.values():
            if kind is not None and election.kind is not kind:
                continue
            if all(s.code != code for s in election.stages):
                raise where.error(f"stage {code!r} is not defined for election {election.id!r}", at)
    valid_from = _opt_date(raw, "valid_from", where, at)
    valid_until = _opt_date(raw, "valid_until", where, at)
    if valid_from and valid_until and valid_until < valid_from:
        raise where.error("field 'valid_until' is before 'valid_from'", at)
    return RuleEntry(
        sanction=str(sanction),
        norms=norms,
        part=part,
        period=period,
        election_kind=kind,
        window=window,
        stage=stage,
        outside_stage=outside_stage,
        valid_from=valid_from,
        valid_until=valid_until,
        certainty=_certainty(raw, where, at),
        note=_opt_text(raw, "note", where, at),
    )


def _entries(
    items: Sequence[Any], ctx: _ActContext, where: _Where, at: str, depth: int = 0
) -> list[RuleEntry]:
    entries: list[RuleEntry] = []
    for index, item in enumerate(items):
        item_at = f"{at}[{index}]"
        if isinstance(item, dict) and "use" in item:
            _check_keys(item, {"use"}, where, item_at)
            name = item["use"]
            if name not in ctx.templates:
                raise where.error(f"template {name!r} is not defined", item_at)
            if depth > 3:
                raise where.error(f"template {name!r} nests too deeply", item_at)
            entries.extend(
                _entries(ctx.templates[name], ctx, where, f"{item_at}->{name}", depth + 1)
            )
        else:
            entries.append(_entry(item, ctx, where, item_at))
    return entries


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


def _load_acts(
    directory: Path,
    ctx_parts: tuple[
        Mapping[str, Law],
        Mapping[str, SanctionDefinition],
        Mapping[str, Election],
        Mapping[str, DatedWindow],
    ],
    subjects: Mapping[str, SubjectType],
    categories: Mapping[int, RecapCategory],
) -> dict[str, Act]:
    file = "acts.yaml"
    data = _read_yaml(directory, file)
    _check_keys(data, {"templates", "acts"}, _Where(file, "top level"), None)
    templates_raw = data.get("templates") or {}
    templates: dict[str, list[Any]] = {}
    for name, value in _mapping(templates_raw, _Where(file, "templates"), "templates").items():
        if not isinstance(value, list) or not value:
            raise _Where(file, f"template {name!r}").error("a template must be a non-empty list")
        templates[str(name)] = value
    laws, sanctions, elections, windows = ctx_parts
    ctx = _ActContext(laws, sanctions, elections, windows, templates)

    acts: dict[str, Act] = {}
    for code, value in _section(data, "acts", file).items():
        where = _Where(file, f"act {code!r}")
        _code(code, "act", where)
        raw = _mapping(value, where, code)
        _check_keys(
            raw,
            {"label_id", "label_en", "description", "category", "skb", "rules", "note"},
            where,
            None,
        )
        category = raw.get("category")
        if category is None:
            raise where.error("field 'category' is missing")
        if category not in categories:
            raise where.error(f"category {category!r} is not defined in categories.yaml")
        rules: list[tuple[str, tuple[RuleEntry, ...]]] = []
        for subject, items in _mapping(raw.get("rules") or {}, where, "rules").items():
            if subject not in subjects:
                raise where.error(f"subject {subject!r} is not defined in subjects.yaml", "rules")
            if not isinstance(items, list) or not items:
                raise where.error(f"rules for {subject!r} must be a non-empty list", "rules")
            entries = _entries(items, ctx, where, f"rules.{subject}")
            _check_overlaps(entries, where, f"rules.{subject}")
            rules.append((subject, tuple(entries)))
        acts[code] = Act(
            code=code,
            label_id=_text(raw, "label_id", where),
            label_en=_text(raw, "label_en", where),
            description=_text(raw, "description", where),
            category=int(category),
            skb_rows=tuple(str(row) for row in _list(raw, "skb", where, None)),
            rules=tuple(rules),
            note=_opt_text(raw, "note", where),
        )
    return acts


def _load_clocks(directory: Path) -> dict[str, Clock]:
    file = "clocks.yaml"
    clocks: dict[str, Clock] = {}
    for clock_id, value in _section(_read_yaml(directory, file), "clocks", file).items():
        where = _Where(file, f"clock {clock_id!r}")
        if not isinstance(clock_id, str) or not re.match(r"^[a-z_]+(\.[a-z_]+)+$", clock_id):
            raise where.error("clock id must look like 'area.name'")
        raw = _mapping(value, where, clock_id)
        _check_keys(raw, {"label_en", "days", "unit", "source", "certainty", "note"}, where, None)
        days = raw.get("days")
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise where.error(f"field 'days' must be a positive whole number, got {days!r}")
        unit = _enum(ClockUnit, raw, "unit", where, None, None)
        if unit is None:
            raise where.error("field 'unit' is missing (calendar or working)")
        clocks[clock_id] = Clock(
            id=clock_id,
            days=days,
            unit=unit,
            source=_text(raw, "source", where),
            certainty=_certainty(raw, where),
            label_en=_text(raw, "label_en", where),
            note=_opt_text(raw, "note", where),
        )
    return clocks


def load_raw(directory: Path) -> RawRulebook:
    """Parse and validate every data file in ``directory``."""
    if not directory.is_dir():
        raise RulebookError(f"{directory}: rulebook data directory does not exist")
    raw = RawRulebook(directory=directory, version=_load_manifest(directory))
    raw.laws = _load_laws(directory)
    raw.categories = _load_categories(directory)
    raw.subjects = _load_subjects(directory, raw.laws, raw.categories)
    raw.sanctions = _load_sanctions(directory, raw.laws)
    _load_subject_replacements(raw.subjects, raw.sanctions)
    raw.elections = _load_elections(directory)
    raw.windows, raw.recipients, raw.changeover = _load_dated(directory, raw.laws, raw.elections)
    raw.acts = _load_acts(
        directory,
        (raw.laws, raw.sanctions, raw.elections, raw.windows),
        raw.subjects,
        raw.categories,
    )
    raw.clocks = _load_clocks(directory)
    return raw


def frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """A read-only view, so nobody mutates a shared rulebook by accident."""
    return MappingProxyType(dict(mapping))
