"""Dialogs of stages 1 and 3: needs, documents, catalogue, offerings and the annual plan."""
