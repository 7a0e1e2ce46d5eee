"""Fixtures shared by the test modules (plain helpers are in tests/helpers.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from form8606.errors import Form8606Error
from form8606.pipeline import compute
from tests.helpers import HEADER, ledger_of

PDFJS = Path(__file__).resolve().parent / "pdfjs"


@pytest.fixture
def problems_of():
    def run(body: str, header: str = HEADER) -> list[str]:
        with pytest.raises(Form8606Error) as info:
            compute(ledger_of(body, header))
        return [str(p) for p in info.value.problems]

    return run


@pytest.fixture(scope="session")
def pdfjs() -> Path:
    """tests/pdfjs/ink.mjs, PDF.js (the viewer of Firefox) under node; pdfjs-dist is installed
    from tests/pdfjs/package-lock.json on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        pytest.skip("node is not installed: the PDF.js tests run Firefox's PDF viewer under node")
    if not (PDFJS / "node_modules" / "pdfjs-dist").is_dir():
        if npm is None:
            pytest.skip("npm is not installed: needed once to install PDF.js (npm ci in tests/pdfjs)")
        done = subprocess.run([npm, "ci", "--silent", "--no-audit", "--no-fund"], cwd=PDFJS, capture_output=True,
                              text=True, check=False)
        if done.returncode:
            pytest.fail(f"npm ci in tests/pdfjs failed (exit {done.returncode}):\n{done.stderr}{done.stdout}")
    return PDFJS / "ink.mjs"
