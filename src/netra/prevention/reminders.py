"""Timed reminders: "send the imbauan now", a week before penetapan and before the campaign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netra.rulebook import Rulebook

# Issue 13: remind 7 days before each of these stages of the election calendar.
REMIND_DAYS_BEFORE = 7
REMINDED_STAGES = ("penetapan_paslon", "kampanye")


@dataclass(frozen=True, slots=True)
class Reminder:
    stage: str
    stage_label: str  # Indonesian
    stage_label_en: str
    starts_on: date
    days_left: int


def reminders_on(rulebook: Rulebook, election: str, today: date) -> list[Reminder]:
    """The stages of `election` starting within REMIND_DAYS_BEFORE days of `today`."""
    due = []
    for stage in rulebook.election(election).stages:
        if stage.code not in REMINDED_STAGES:
            continue
        days_left = (stage.start - today).days
        if 0 <= days_left <= REMIND_DAYS_BEFORE:
            due.append(
                Reminder(
                    stage.code,
                    stage.label_id,
                    stage.label_en or stage.label_id,
                    stage.start,
                    days_left,
                )
            )
    return sorted(due, key=lambda reminder: reminder.starts_on)


def window_start(reminder: Reminder) -> date:
    """An imbauan sent from this day on answers the reminder."""
    return reminder.starts_on - timedelta(days=REMIND_DAYS_BEFORE)
