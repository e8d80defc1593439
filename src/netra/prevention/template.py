"""The declaration template (`data/declaration.yaml`): points with their sources, validated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from netra.errors import NetraError

CERTAINTIES = ("confirmed", "provisional")


class TemplateError(NetraError):
    """The declaration template is invalid; the message names the point and the field."""

    code = "declaration_template_invalid"


@dataclass(frozen=True, slots=True)
class Point:
    text: str
    source: str
    is_provisional: bool


@dataclass(frozen=True, slots=True)
class DeclarationTemplate:
    title: str
    points: tuple[Point, ...]

    @property
    def text(self) -> str:
        """The points one a line, as a declaration form is prefilled."""
        return "\n".join(point.text for point in self.points)


def parse_template(data: object, *, source: str) -> DeclarationTemplate:
    """Validate raw template data; errors name `source`, the point and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("points"), list):
        raise TemplateError(f"{source}: expected a mapping with a list under 'points'")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise TemplateError(f"{source}: field 'title' is required")
    points = []
    for number, raw in enumerate(data["points"], start=1):
        place = f"{source}: point {number}"
        if not isinstance(raw, dict):
            raise TemplateError(f"{place}: expected a mapping")
        for field in ("text", "source"):
            if not isinstance(raw.get(field), str) or not raw[field].strip():
                raise TemplateError(f"{place}: field {field!r} is required")
        if raw.get("certainty") not in CERTAINTIES:
            raise TemplateError(f"{place}: certainty must be confirmed or provisional")
        points.append(
            Point(raw["text"].strip(), raw["source"].strip(), raw["certainty"] == "provisional")
        )
    return DeclarationTemplate(title.strip(), tuple(points))


@cache
def declaration_template() -> DeclarationTemplate:
    """The shipped template, validated once."""
    text = resources.files("netra.prevention").joinpath("data", "declaration.yaml").read_text()
    return parse_template(yaml.safe_load(text), source="declaration.yaml")
