"""The deployment's procedure choices, read from the settings once per call."""

from __future__ import annotations

from django.conf import settings

from netra.procedure import ProcedurePolicy


def procedure_policy() -> ProcedurePolicy:
    """What the law leaves to the deployment (NETRA_PANWASCAM_DECIDES; docs/procedure.md)."""
    return ProcedurePolicy(panwascam_decides=bool(settings.NETRA_PANWASCAM_DECIDES))
