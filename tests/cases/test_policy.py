"""The deployment's procedure choices come from the settings."""

from __future__ import annotations

from netra.cases.policy import procedure_policy
from netra.procedure import Role


def test_the_panwascam_does_not_decide_unless_the_deployment_says_so(settings) -> None:
    settings.NETRA_PANWASCAM_DECIDES = False
    assert procedure_policy().panwascam_decides is False
    settings.NETRA_PANWASCAM_DECIDES = True
    policy = procedure_policy()
    assert Role.PANWASCAM in policy.roles_for(
        frozenset({Role.BAWASLU_KABKOTA, Role.BAWASLU_PROVINSI, Role.BAWASLU_RI})
    )
