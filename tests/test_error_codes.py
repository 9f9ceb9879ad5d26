"""The README's error tables (API → Errors) against the code base, so neither drifts from the
other: every code the code base gives is documented, every documented code is one something
answers, and every `Conflict` says which clash it is.

Codes are found where they are written: a `code="…"` argument (`Conflict`, `PermissionDenied`,
`ValidationError`, `ParseError`, `error_response`…) or a `code`/`default_code` attribute (DRF
permissions and exceptions). A code must be written out as a literal to be found.
"""

import ast
import inspect
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import validators as django_validators
from django.db.models import fields as model_fields
from rest_framework import exceptions, fields, relations, serializers

from config.api import ErrorType

from .errors import error

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text(encoding="utf-8")
APPS = ("companies", "config", "marketplace")

# Codes that come from a library's code path rather than Norte's, each asserted by a test
# (tests/config/test_api_errors.py).
LIBRARY_ERROR_CODES = {
    "authorization",  # DRF's AuthTokenSerializer, for a wrong username or password
}


def sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(encoding="utf-8"))


def codes_in_the_code_base() -> dict[str, set[str]]:
    """code → the files that give it."""
    found: dict[str, set[str]] = {}

    def add(node, path):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.setdefault(node.value, set()).add(str(path.relative_to(ROOT)))

    for path, tree in sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        add(keyword.value, path)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    name = getattr(target, "id", None) or getattr(target, "attr", None)
                    if name in {"code", "default_code"}:
                        add(node.value, path)
    return found


def table_after(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after `heading`, as lists of cells."""
    lines = README[README.index(heading) :].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def codes_of(cell: str) -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", cell))


ERROR_TABLE = {code for row in table_after("Codes of `error.code`") for code in codes_of(row[0])}
FIELD_TABLE = {code for row in table_after("and Norte's own:") for code in codes_of(row[0])}
STANDARD_FIELD_CODES = codes_of(
    README.split("Codes in `fields` are DRF's and Django's (", 1)[1].split(")", 1)[0]
)


def drf_exception_codes() -> set[str]:
    """What DRF's exceptions answer with. `error` (a bare APIException) is left out: nothing
    raises one, and a bug is Django's 500, `server_error`."""
    return {
        cls.default_code
        for cls in vars(exceptions).values()
        if inspect.isclass(cls) and issubclass(cls, exceptions.APIException)
    } - {"error"}


def library_field_codes() -> set[str]:
    """Every code DRF's fields and Django's validators and model fields can put on a field."""
    codes = {"unique"}  # DRF's UniqueValidator
    for module in (fields, relations, serializers, model_fields):
        for obj in vars(module).values():
            if inspect.isclass(obj):
                codes |= set(getattr(obj, "default_error_messages", {}))
    for obj in vars(django_validators).values():
        if inspect.isclass(obj) and isinstance(getattr(obj, "code", None), str):
            codes.add(obj.code)
    return codes


def test_the_tables_were_found():
    assert {"request_already_published", "not_found"} <= ERROR_TABLE
    assert {"rfc_checksum", "min_above_max"} <= FIELD_TABLE
    assert {"required", "min_value", "invalid_choice"} <= STANDARD_FIELD_CODES


def test_every_code_the_code_base_gives_is_in_the_readme():
    documented = ERROR_TABLE | FIELD_TABLE | STANDARD_FIELD_CODES

    missing = {
        code: files for code, files in codes_in_the_code_base().items() if code not in documented
    }

    assert not missing, f"add these codes to the README's tables (API → Errors): {missing}"


def test_every_code_drf_answers_with_is_in_the_readme():
    assert drf_exception_codes() <= ERROR_TABLE


def test_every_code_in_the_readme_is_one_something_gives():
    given = set(codes_in_the_code_base())

    assert ERROR_TABLE - given - drf_exception_codes() - LIBRARY_ERROR_CODES == set()
    assert FIELD_TABLE - given == set()
    assert STANDARD_FIELD_CODES - library_field_codes() == set()


def test_every_conflict_says_which_clash_it_is():
    """`Conflict` defaults to `conflict`; a service's clash gets a code of its own."""
    without = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "Conflict"
        and not any(keyword.arg == "code" for keyword in node.keywords)
    ]

    assert without == []


def test_the_types_table_is_the_set_the_schema_declares():
    types = {code for row in table_after("| type | status |") for code in codes_of(row[0])}

    assert types == set(ErrorType.values)


@pytest.mark.django_db
def test_the_readmes_example_is_what_the_api_answers(api, vera, vendor):
    example = json.loads(re.search(r"```json\n(.*?)```", README, re.DOTALL).group(1))

    response = api(vera).patch(
        f"/api/v1/vendors/{vendor.pk}/",
        {"team_size": 0, "expertise": [{"sector": "igaming", "level": 9}]},
    )

    assert response.status_code == 400
    assert error(response) == example["error"]
