"""Dialogs and flows of the certificates tab (stage 6): reasons, printing, verifying, template."""
