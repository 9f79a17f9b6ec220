"""Trust in the window: first-run setup, log-in, users, office settings, audit, backups."""
