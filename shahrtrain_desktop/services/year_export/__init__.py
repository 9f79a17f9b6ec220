"""The end-of-year export for the central organisation (DESIGN.md "End-of-year export"):
``export_year`` writes and signs the zip, ``verify_export`` checks one offline."""

from shahrtrain_desktop.services.year_export.build import ExportResult, export_year
from shahrtrain_desktop.services.year_export.verify import ExportCheck, verify_export

__all__ = ["ExportCheck", "ExportResult", "export_year", "verify_export"]
