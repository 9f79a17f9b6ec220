"""Stage 5 widgets: scores and results, the questionnaire, follow-ups and the override."""
