"""Importing people from a municipality's spreadsheet: read, preview, then commit.

``build_preview`` reads the file and checks every row without writing; ``commit_import``
stores it (all or nothing unless told to skip invalid rows); ``write_template`` saves the
workbook the officer hands out.
"""

from shahrtrain_desktop.services.importing.commit import ImportRefused, ImportReport, commit_import
from shahrtrain_desktop.services.importing.preview import (
    ACTION_LABELS,
    CellNote,
    ImportPreview,
    PreviewRow,
    RowAction,
    build_preview,
)
from shahrtrain_desktop.services.importing.reader import ImportFileError
from shahrtrain_desktop.services.importing.template import write_template

__all__ = [
    "ACTION_LABELS",
    "CellNote",
    "ImportFileError",
    "ImportPreview",
    "ImportRefused",
    "ImportReport",
    "PreviewRow",
    "RowAction",
    "build_preview",
    "commit_import",
    "write_template",
]
