"""Stage 2's dialogs: a person, a person's record, the Excel import wizard and enrolment."""
