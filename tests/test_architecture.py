"""The import rules of pyproject.toml's [tool.importlinter] hold, and each one would catch what it
forbids: in a copy of the project with one such import added, that contract breaks.

`lint-imports` runs in a subprocess from the copy's folder, which it puts first on the import
path, so it reads the copy and not the installed project."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("config", "companies", "marketplace")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(folder: Path, *contracts: str) -> subprocess.CompletedProcess:
    command = [str(LINT_IMPORTS), "--no-logo", "--no-cache"]
    for contract in contracts:
        command += ["--contract", contract]
    return subprocess.run(  # noqa: S603 (our own virtualenv's script, fixed arguments)
        command, cwd=folder, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's packages and pyproject.toml to break, with an empty app nested in
    marketplace/ the way tenders and events are."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    add_line(tmp_path, "marketplace/tenders_like/api.py", "")  # an app nested in marketplace/
    return tmp_path


def add_line(project: Path, module: str, line: str) -> None:
    """Append `line` to `module` (a path), creating it and its packages if they do not exist."""
    path = project / module
    path.parent.mkdir(parents=True, exist_ok=True)
    for folder in path.relative_to(project).parents[:-1]:
        (project / folder / "__init__.py").touch()
    with path.open("a") as file:
        file.write(f"\n{line}\n")


def test_the_project_keeps_every_contract():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_unchanged_copy_keeps_every_contract_too(project):
    result = lint_imports(project)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("contract", "module", "line"),
    [
        pytest.param(
            "pure-matching-core",
            "marketplace/matching/text.py",
            "from django.utils.translation import gettext",
            id="the-core-translates",
        ),
        pytest.param(
            "pure-matching-core",
            "marketplace/matching/weights.py",
            "from marketplace.models import Vendor",
            id="the-core-reads-a-model",
        ),
        pytest.param(
            "pure-matching-core",
            "marketplace/matching/core.py",
            "def load():\n    from marketplace.services.matching import loading",
            id="the-core-loads-rows-inside-a-function",
        ),
        pytest.param(
            "companies-before-marketplace",
            "companies/selectors.py",
            "from marketplace.models import Vendor",
            id="companies-reads-a-vendor",
        ),
        pytest.param(
            "rules-below-faces",
            "marketplace/services/vendors.py",
            "from marketplace.api import serializers",
            id="a-service-uses-a-serializer",
        ),
        pytest.param(
            "rules-below-faces",
            "companies/policies.py",
            "from companies.views import _organisation_home",
            id="a-policy-uses-a-view",
        ),
        pytest.param(
            "rules-below-faces",
            "marketplace/tenders_like/services.py",
            "from marketplace.views import home",
            id="a-nested-apps-service-uses-a-view",
        ),
        pytest.param(
            "rules-below-faces",
            "marketplace/services/requests.py",
            "from marketplace.tenders_like import api",
            id="a-service-uses-a-nested-apps-api",
        ),
        pytest.param(
            "app-layers",
            "companies/models.py",
            "from companies import services",
            id="a-model-calls-a-service",
        ),
        pytest.param(
            "app-layers",
            "marketplace/selectors.py",
            "from marketplace.forms import VendorForm",
            id="a-selector-uses-a-form",
        ),
        pytest.param(
            "insights-layers",
            "marketplace/insights/selectors.py",
            "from marketplace.insights.filters import InsightsFilter",
            id="an-insights-selector-uses-the-filter-form",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(project, contract, module, line):
    add_line(project, module, line)

    result = lint_imports(project, contract)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    assert "1 broken" in result.stdout
