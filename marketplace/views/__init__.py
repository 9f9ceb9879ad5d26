"""The marketplace's web pages: the public directory, and the company side's requests."""

from .directory import home, vendor_detail, vendor_list
from .requests import (
    request_create,
    request_detail,
    request_edit,
    request_list,
    request_matches,
    request_publish,
    request_rematch,
    request_validate,
)

__all__ = [
    "home",
    "request_create",
    "request_detail",
    "request_edit",
    "request_list",
    "request_matches",
    "request_publish",
    "request_rematch",
    "request_validate",
    "vendor_detail",
    "vendor_list",
]
