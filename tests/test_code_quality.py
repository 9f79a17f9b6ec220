"""The checks a reviewer would run: layering, ruff and mypy."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "shahrtrain_desktop"
QT_FREE = ["models", "services", "persian", "pdf", "certificates", "migrations"]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", QT_FREE)
def test_core_packages_never_import_qt(package: str) -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (PACKAGE / package).rglob("*.py")
        if any(
            name.split(".")[0] in {"PySide6", "shiboken6"}
            or name.startswith("shahrtrain_desktop.ui")
            for name in _imported_modules(path)
        )
    ]
    assert offenders == []


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed by the test extra")
def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "shahrtrain_desktop", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_core_is_clean() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
