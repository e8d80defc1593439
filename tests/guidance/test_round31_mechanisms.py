"""Round 31: a candidates' debate is a campaign event (docs/history/consultation-rounds.md,
"Round 31").

Questions here are written for the test, not taken from any labelled set."""

from __future__ import annotations

import pytest

from netra.guidance import consult
from netra.guidance.reading import read_question


# The law's own list of campaign methods names the candidates' debate (UU 10/2016 Pasal 65 ayat
# (1) huruf c, UU 7/2017 Pasal 275 ayat (1) huruf h), and the FAQ's attendance entry already
# reads "debat" as the campaign: being at one is being at a campaign event.
@pytest.mark.parametrize(
    "question",
    [
        "Bolehkah bidan PNS hadir di debat publik pasangan calon bupati?",
        "Bolehkah kepala sekolah PNS hadir dalam debat cagub di hotel?",
        "Bolehkah sekdes ikut meramaikan debat paslon bupati dengan membawa warga?",
        "Bolehkah lurah datang ke debat kandidat pilkada bersama warganya?",
    ],
)
def test_a_candidates_debate_is_a_campaign_event(question):
    answer = consult.Consultant(use_fallback=False).ask(question)
    assert answer.act == "campaign_attendance"
    assert answer.allowed is False


def test_a_debate_about_a_candidate_is_no_campaign_event():
    # Arguing about a candidate in a chat group names no debate of the candidates.
    reading = read_question("Bolehkah PNS berdebat soal calon presiden di grup WhatsApp?")
    assert "campaign_attendance" not in reading.acts
