"""Prevention register: neutrality declarations, socialisation and mapping meetings, imbauan
letters, timed reminders before each stage, and coverage per region (issue 13, part 2)."""
