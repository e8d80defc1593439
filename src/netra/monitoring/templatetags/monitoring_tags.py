"""`{% monitoring_group_of case %}`: on the case page, the monitoring group of its report."""

from __future__ import annotations

from django import template

from netra.cases.models import Case
from netra.monitoring.reports import CaseGroup, group_of_case

register = template.Library()


@register.inclusion_tag("monitoring/case_group.html")
def monitoring_group_of(case: Case) -> dict[str, CaseGroup | None]:
    return {"found": group_of_case(case)}
