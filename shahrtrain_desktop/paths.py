"""One locator for bundled resources and the user's data folder.

Resources live in ``resources/`` at the repository root when running from source, inside the
package (``shahrtrain_desktop/resources``) in an installed wheel, and under ``sys._MEIPASS`` in
a PyInstaller build. Everything that needs a font, an icon or a migration script asks here.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

from shahrtrain_desktop import APP_AUTHOR, APP_NAME

PACKAGE_DIR = Path(__file__).resolve().parent
IS_FROZEN = bool(getattr(sys, "frozen", False))


@cache
def resources_dir() -> Path:
    candidates = []
    if IS_FROZEN:
        candidates.append(Path(getattr(sys, "_MEIPASS", PACKAGE_DIR)) / "resources")
    candidates += [PACKAGE_DIR / "resources", PACKAGE_DIR.parent / "resources"]
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError(
        "resources folder not found; looked in " + ", ".join(map(str, candidates))
    )


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def font_path(name: str = "Vazirmatn-Regular.ttf") -> Path:
    return resource("fonts", name)


def migrations_dir() -> Path:
    if IS_FROZEN:
        return Path(getattr(sys, "_MEIPASS", PACKAGE_DIR)) / "shahrtrain_desktop" / "migrations"
    return PACKAGE_DIR / "migrations"


def data_dir() -> Path:
    """The user's data folder (database, backups, attachments); ``SHAHRTRAIN_HOME`` overrides it."""
    override = os.environ.get("SHAHRTRAIN_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "shahrtrain.sqlite3"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
