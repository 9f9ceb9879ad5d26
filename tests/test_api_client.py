"""The API as an integrator meets it: fetch the live schema, validate it, generate a typed Python
client with openapi-python-client, import every module of it, and drive a request from creation
to its ranked matches through that client against a live server — unpatched.

The client is generated into a temporary folder for the run and never committed.
"""

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from openapi_spec_validator import validate

pytestmark = [pytest.mark.client, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PACKAGE = "norte_api_client"


def fetch_schema(base_url: str) -> dict:
    with urllib.request.urlopen(f"{base_url}/api/v1/schema/?format=json") as response:  # noqa: S310 (the live test server)
        return json.load(response)


@pytest.fixture(scope="module")
def schema(live_server, django_db_blocker):
    # Fetched once for the module, before any test's database is set up; serving the schema
    # reads nothing a test writes.
    with django_db_blocker.unblock():
        return fetch_schema(live_server.url)


@pytest.fixture(scope="module")
def client_package(schema, tmp_path_factory):
    """The generated client package, imported from a temporary folder."""
    folder = tmp_path_factory.mktemp("generated")
    schema_file = folder / "schema.json"
    schema_file.write_text(json.dumps(schema))
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(  # noqa: S603
        [
            bin_dir / "openapi-python-client",
            "generate",
            "--path",
            str(schema_file),
            "--meta",
            "none",
            "--output-path",
            str(folder / PACKAGE),
        ],
        capture_output=True,
        text=True,
        # Its post-generation hooks run ruff, installed beside it.
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout, result.stdout
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def test_the_live_schema_is_a_valid_openapi_document(schema):
    validate(schema)


def test_every_generated_module_imports(client_package):
    names = [
        module.name
        for module in pkgutil.walk_packages(client_package.__path__, prefix=f"{PACKAGE}.")
    ]

    for name in names:
        importlib.import_module(name)
    assert len([name for name in names if ".api." in name]) >= 40
