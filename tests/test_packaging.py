"""The wheel carries what the installed program needs: fonts, licence, icons, migrations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("shahrtrain_desktop-*.whl")
    return path


def test_wheel_ships_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "shahrtrain_desktop/resources/fonts/Vazirmatn-Regular.ttf" in names
    assert "shahrtrain_desktop/resources/fonts/OFL.txt" in names
    assert any(n.startswith("shahrtrain_desktop/resources/icons/") for n in names)
    assert "shahrtrain_desktop/migrations/env.py" in names
    assert "shahrtrain_desktop/migrations/versions/0002_listing_indexes.py" in names


def test_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    code = "import shahrtrain_desktop.paths as p;print(p.font_path());print(p.migrations_dir())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    font, migrations = result.stdout.split()
    assert Path(font).is_relative_to(target) and Path(font).is_file()
    assert Path(migrations).is_relative_to(target)
