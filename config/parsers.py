"""The API's request parser: JSON, refused before any view sees it when it is hostile."""

import io
import re
from itertools import accumulate

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No request this API accepts nests deeper than 3 levels (an object holding a list of slugs);
# 32 leaves room for any future body while keeping parsing and validation far from Python's
# recursion limit, which 1,000 nested arrays reached (a 500 before anyone logged in).
MAX_JSON_DEPTH = 32

# A JSON string literal, escapes included: brackets inside strings do not nest anything. The
# closing quote is optional so that an unterminated string never makes the engine backtrack
# (with it required, `"\"\"\"…` took quadratic time); the JSON parser refuses such text anyway.
JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """How deeply the arrays and objects in a JSON text nest, without parsing it."""
    brackets = NOT_A_BRACKET.sub("", JSON_STRING.sub("", text))
    return max(accumulate(1 if bracket in "[{" else -1 for bracket in brackets), default=0)


def contains_nul(data) -> bool:
    """Whether a NUL character is in any string of parsed JSON, keys included.

    PostgreSQL cannot store or even compare text holding NUL; no field here has a use for it.
    """
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(contains_nul(key) or contains_nul(value) for key, value in data.items())
    if isinstance(data, list):
        return any(contains_nul(item) for item in data)
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing with 400 a body nested deeper than `MAX_JSON_DEPTH` (before
    parsing it) and any string holding a NUL character (anywhere in the body).

    DRF hands JSON parsers the body Django has already read and bounded by
    `DATA_UPLOAD_MAX_MEMORY_SIZE`, so reading it whole here is safe.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read()
        # Undecodable bytes cannot be brackets; DRF's parser below reports them.
        text = raw.decode(parsers.get_encoding(parser_context or {}), errors="replace")
        if json_depth(text) > MAX_JSON_DEPTH:
            raise ParseError(
                _("JSON nested deeper than %(limit)d levels is not accepted.")
                % {"limit": MAX_JSON_DEPTH},
                code="json_too_deep",
            )
        data = super().parse(io.BytesIO(raw), media_type, parser_context)
        if contains_nul(data):
            raise ParseError(
                _("Text in the request may not contain the NUL character (U+0000)."),
                code="nul_character",
            )
        return data
