"""While a helper thread prepares the next batch, the ingest runs with a short switch interval so
that its own thread gets the GIL back soon after each answer of the database (monitoring-33);
the process's interval is restored after, also when a batch fails."""

from __future__ import annotations

import sys

import pytest
from django.db import DatabaseError

from netra.monitoring import services
from tests.monitoring.conftest import BOGOR_POST, SURABAYA_POST

POSTS = [
    {"id": "1", "text": BOGOR_POST},
    {"id": "2", "text": SURABAYA_POST},
    {"id": "3", "text": f"RT @warga: {BOGOR_POST}"},
]


@pytest.fixture
def intervals(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The switch interval each batch was written under."""
    seen: list[float] = []
    real = services._ingest_batch

    def batch(*args: object, **kwargs: object) -> object:
        seen.append(sys.getswitchinterval())
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_ingest_batch", batch)
    return seen


@pytest.mark.django_db
def test_batches_prepared_ahead_are_written_under_the_short_switch_interval(ingest, intervals):
    before = sys.getswitchinterval()
    assert before > services.INGEST_SWITCH_INTERVAL  # Python's 5 ms, unless a test changed it
    ingest(POSTS, source="ahead", batch_size=2, prepare_ahead=True)
    assert intervals == [services.INGEST_SWITCH_INTERVAL] * 2
    assert sys.getswitchinterval() == before


@pytest.mark.django_db
def test_batches_written_in_turn_keep_the_process_interval(ingest, intervals):
    before = sys.getswitchinterval()
    ingest(POSTS, source="in turn", batch_size=2, prepare_ahead=False)
    assert intervals == [before] * 2
    assert sys.getswitchinterval() == before


@pytest.mark.django_db
def test_the_process_interval_is_restored_when_a_batch_fails(ingest, monkeypatch):
    before = sys.getswitchinterval()

    def refused(*args: object, **kwargs: object) -> None:
        raise DatabaseError("refused")

    monkeypatch.setattr(services, "_refresh_groups", refused)
    with pytest.raises(services.IngestBatchError):
        ingest(POSTS, source="refused", batch_size=2, prepare_ahead=True)
    assert sys.getswitchinterval() == before
