"""Persian report builders (PDF and xlsx), one module per report; no Qt."""
