"""The built wheel carries the templates (IRS PDFs, field maps, jinja templates) and the
year parameters, and an installed copy fills a form from any directory."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT


def test_every_package_of_src_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("__init__.py")}
    assert listed == found | {"form8606.templates"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (built,) = out.glob("form8606-*.whl")
    return built


def test_wheel_contains_templates_and_rules(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for year in (2021, 2022, 2023, 2025):
        assert f"form8606/templates/forms/f8606-{year}.pdf" in names
    assert {"form8606/templates/fieldmaps/f8606-2021.toml", "form8606/templates/fieldmaps/f8606-2025.toml",
            "form8606/templates/worksheet.html.j2", "form8606/rules/data/ira_limit.toml"} <= names


def test_installed_copy_fills_from_any_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    ledger = ROOT / "fixtures" / "backdoor-prorata.toml"
    out = subprocess.run([sys.executable, "-c", "from form8606.cli import main; main()", "fill", str(ledger),
                          "-o", str(tmp_path / "out")], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out" / "backdoor-prorata-f8606-2025-you.pdf").read_bytes().startswith(b"%PDF")
    assert "Jordan Whitaker" in (tmp_path / "out" / "backdoor-prorata-f8606-2025-you.html").read_text()
