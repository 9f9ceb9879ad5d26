"""Reading gettext catalogs (.po) with a small parser rather than gettext tools, so the tests
need nothing installed: Norte's own (tests/test_translations.py) and the apps' whose messages
Norte's pages show (tests/test_usted.py)."""

import ast
from pathlib import Path


def entries(path: Path) -> list[dict]:
    """Each entry as {"flags", "locations", "msgctxt", "msgid", "msgid_plural", "msgstr": {form:
    text}}, header included; obsolete ones (`#~`, never served) come out without a msgid."""
    found, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None:
                found.append(entry)
            entry, field = None, None
            continue
        entry = entry or {
            "flags": set(),
            "locations": [],
            "msgctxt": None,
            "msgid": "",
            "msgid_plural": None,
            "msgstr": {},
        }
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry["locations"] += [location.rsplit(":", 1)[0] for location in line[2:].split()]
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            field = "msgctxt"
            entry[field] = ast.literal_eval(line.split(" ", 1)[1])
        elif line.startswith("msgid_plural "):
            field = "msgid_plural"
            entry[field] = ast.literal_eval(line.split(" ", 1)[1])
        elif line.startswith("msgid "):
            field = "msgid"
            entry[field] = ast.literal_eval(line.split(" ", 1)[1])
        elif line.startswith("msgstr"):
            key, value = line.split(" ", 1)
            field = int(key[7:-1]) if "[" in key else 0
            entry["msgstr"][field] = ast.literal_eval(value)
        elif line.startswith('"'):
            if isinstance(field, int):
                entry["msgstr"][field] += ast.literal_eval(line)
            else:
                entry[field] += ast.literal_eval(line)
    return found


def messages(path: Path) -> list[dict]:
    return [entry for entry in entries(path) if entry["msgid"]]
