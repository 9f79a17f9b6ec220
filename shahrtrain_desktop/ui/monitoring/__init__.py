"""Stage 7 windows: the monitoring dashboard, the supervision visit dialog, the export wizard."""
