"""Marketplace data: reference taxonomy, vendors' listings and companies' requests."""

from .matching import MatchResult, MatchRun, VendorMatchingChange, VendorMatchingVersion
from .reference import Certification, ExchangeRate, Sector, SectorRelation, Skill
from .requests import OutsourcingRequest
from .vendors import PendingVendor, Vendor, VendorExpertise

__all__ = [
    "Certification",
    "ExchangeRate",
    "MatchResult",
    "MatchRun",
    "OutsourcingRequest",
    "PendingVendor",
    "Sector",
    "SectorRelation",
    "Skill",
    "Vendor",
    "VendorExpertise",
    "VendorMatchingChange",
    "VendorMatchingVersion",
]
