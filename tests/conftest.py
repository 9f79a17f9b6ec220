"""Shared fixtures: offscreen Qt, an isolated data folder, a fresh migrated database per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder and no database override from the environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("SHAHRTRAIN_HOME", str(home))
    monkeypatch.delenv("SHAHRTRAIN_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated once per run, copied for each test (migrating each time is slow).

    With SHAHRTRAIN_TEST_PG set to a server URL, tests use PostgreSQL instead (see db_url).
    """
    from shahrtrain_desktop.services.database import open_database

    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    opened = open_database(f"sqlite:///{path}")
    opened.db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return str(path)


@pytest.fixture
def db_url(migrated_template: str, tmp_path: Path) -> str:
    path = tmp_path / "test.sqlite3"
    shutil.copyfile(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def db(db_url: str) -> Iterator[object]:
    """A fresh, migrated, seeded ``Database`` for this test."""
    from shahrtrain_desktop.services.database import open_database

    opened = open_database(db_url)
    yield opened.db
    opened.db.dispose()
