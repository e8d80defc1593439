"""Every error a case service can show a person has an Indonesian translation.

The walk reads the source of the case services and of the procedure core they adapt, finds each
`raise SomeError(...)` of the NetraError family and checks that its message is a literal
template (not an f-string, which no catalogue can hold), that the Indonesian catalogue has it,
and that the translation names no value the error does not carry. Left out: the demo generator
and the spreadsheet importer/exporter of the command line (`netra import`/`netra export`), which
speak English like the rest of the command line. The letters' service and the prevention
register's are walked too.
"""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

import netra
from netra.errors import NetraError
from netra.procedure.transitions import check_transition

SOURCE = Path(netra.__file__).parent
CLI_ONLY = {"cases/bulk.py"}
MODULES = sorted(
    [
        *(p for p in (SOURCE / "cases").glob("*.py") if str(p.relative_to(SOURCE)) not in CLI_ONLY),
        *(
            SOURCE / "procedure" / name
            for name in ("transitions.py", "reopening.py", "states.py", "roles.py", "deadlines.py")
        ),
        SOURCE / "accounts" / "services.py",
        SOURCE / "documents" / "services.py",
        SOURCE / "prevention" / "services.py",  # the prevention register's refusals (qa-2)
        SOURCE / "monitoring" / "core" / "formats.py",  # the upload's format errors (security-2)
        # The monitoring desk's refusals (triage, feeds, tiplines) (qa-4).
        *sorted((SOURCE / "monitoring").glob("*.py")),
        # The tiplines' transport failures, kept on rows and shown in the desk.
        SOURCE / "monitoring" / "core" / "telegram.py",
        SOURCE / "monitoring" / "core" / "whatsapp.py",
    ]
)
PLACEHOLDER = re.compile(r"%\((\w+)\)")


@dataclass(frozen=True, slots=True)
class Raised:
    where: str
    error: str
    template: str | None  # None: the message is not a literal
    names: frozenset[str] | None  # the values the error carries; None when not known statically


def _module_name(path: Path) -> str:
    return "netra." + ".".join(path.relative_to(SOURCE).with_suffix("").parts)


def _raised_errors(path: Path) -> list[Raised]:
    module = importlib.import_module(_module_name(path))
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        call = node.exc
        name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
        cls = getattr(module, name, None)
        if not (isinstance(cls, type) and issubclass(cls, NetraError)):
            continue
        first = call.args[0] if call.args else None
        template = first.value if isinstance(first, ast.Constant) else None
        names: set[str] | None = set()
        for keyword in call.keywords:
            if keyword.arg is None:
                names = None
            elif keyword.arg != "params" and names is not None:
                names.add(keyword.arg)
            elif isinstance(keyword.value, ast.Dict) and names is not None:
                for key in keyword.value.keys:
                    if isinstance(key, ast.Constant):
                        names.add(str(key.value))
                    else:  # a spread: the keys are not written here
                        names = None
                        break
            else:
                names = None
        found.append(
            Raised(
                where=f"{path.relative_to(SOURCE)}:{node.lineno}",
                error=name,
                template=template if isinstance(template, str) else None,
                names=frozenset(names) if names is not None else None,
            )
        )
    return found


ALL = [raised for path in MODULES for raised in _raised_errors(path)]


def test_the_walk_finds_the_service_errors():
    assert len(ALL) > 70
    assert {raised.error for raised in ALL} >= {
        "CaseInputError",
        "TransitionNotAllowed",
        "MissingRequirement",
        "EvidenceRejectedError",
        "OutOfScopeError",
    }


def test_every_service_error_message_is_a_template_with_an_indonesian_translation():
    problems = []
    with translation.override("id"):
        for raised in ALL:
            if raised.template is None:
                problems.append(f"{raised.where}: {raised.error} message is not a literal")
                continue
            translated = gettext(raised.template)
            if translated == raised.template:
                problems.append(f"{raised.where}: no Indonesian for {raised.template!r}")
                continue
            if raised.names is None:
                continue
            # An error naming its field also offers the field's label (netra.errors).
            names = raised.names | ({"field_label"} if "field" in raised.names else set())
            unknown = (
                set(PLACEHOLDER.findall(translated))
                - set(PLACEHOLDER.findall(raised.template))
                - names
            )
            if unknown:
                problems.append(f"{raised.where}: the translation names {sorted(unknown)}")
    assert problems == []


def test_a_missing_field_is_named_by_its_label_in_indonesian():
    from netra.procedure.states import CaseState

    with pytest.raises(NetraError) as raised:
        check_transition(
            CaseState.FORMAL_MATERIAL_CHECK, CaseState.REGISTERED, "bawaslu_kabkota", {}
        )
    with translation.override("id"):
        assert "memerlukan isian \u201cNomor registrasi\u201d" in raised.value.message
    assert "requires 'registration_number'" in str(raised.value)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "a case cannot move from 'received' to 'closed'"),
        ("id", "Kasus tidak dapat dipindahkan dari tahap"),
    ],
)
def test_a_procedure_error_speaks_the_active_language_and_logs_in_english(language, expected):
    with pytest.raises(NetraError) as raised:
        check_transition("received", "closed", "bawaslu_kabkota", {})
    with translation.override(language):
        assert expected in raised.value.message
    assert str(raised.value).startswith("a case cannot move from 'received' to 'closed'")
    assert raised.value.code == "transition_not_allowed"
