"""What the reporter chose about their identity beyond what the law already protects."""

from __future__ import annotations

from django.db import models


class ReporterPreference(models.Model):
    """The reporter's confidentiality choice, kept beside the report (never in the public status).

    The identity is always confidential by law (UU 10/2016 Pasal 134(3)); `may_disclose_identity`
    records whether the reporter also agreed that supervisors may name them in follow-up steps
    such as a clarification summons, and `may_be_contacted` whether they may be called back.
    """

    report = models.OneToOneField(
        "cases.Report", on_delete=models.CASCADE, related_name="preference"
    )
    may_disclose_identity = models.BooleanField(default=False)
    may_be_contacted = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"preference for report {self.report_id}"
