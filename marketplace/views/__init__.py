"""The marketplace's web pages: the public directory, the company side's requests, the vendor
side's onboarding and desk, and staff's moderation queue."""

from .directory import home, vendor_compare, vendor_detail, vendor_list
from .moderation import moderation_approve, moderation_queue, moderation_suspend
from .requests import (
    request_create,
    request_detail,
    request_edit,
    request_keep_sector,
    request_list,
    request_matches,
    request_publish,
    request_rematch,
    request_suggestions,
    request_validate,
)
from .vendor_side import (
    onboarding_vendor,
    opportunity_detail,
    vendor_dashboard,
    vendor_edit,
    vendor_edit_suggestions,
)

__all__ = [
    "home",
    "moderation_approve",
    "moderation_queue",
    "moderation_suspend",
    "onboarding_vendor",
    "opportunity_detail",
    "request_create",
    "request_detail",
    "request_edit",
    "request_keep_sector",
    "request_list",
    "request_matches",
    "request_publish",
    "request_rematch",
    "request_suggestions",
    "request_validate",
    "vendor_compare",
    "vendor_dashboard",
    "vendor_detail",
    "vendor_edit",
    "vendor_edit_suggestions",
    "vendor_list",
]
