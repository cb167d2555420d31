"""Shared fixtures: the validated package, and broken copies of it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components import data  # noqa: E402


@pytest.fixture(scope="session")
def pkg() -> data.Package:
    return data.read_package()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, target)
    return target
