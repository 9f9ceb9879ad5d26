"""Which marketplace models the audit trail (django-auditlog) records."""

from auditlog.registry import auditlog

from .models import (
    Certification,
    ExchangeRate,
    OutsourcingRequest,
    Sector,
    SectorRelation,
    Skill,
    Vendor,
    VendorExpertise,
)

auditlog.register(Vendor, exclude_fields=["updated_at"], m2m_fields={"skills", "certifications"})
auditlog.register(VendorExpertise)
auditlog.register(
    OutsourcingRequest,
    exclude_fields=["updated_at"],
    m2m_fields={"skills", "required_certifications"},
)
auditlog.register(Sector)
auditlog.register(SectorRelation)
auditlog.register(Skill)
auditlog.register(Certification)
auditlog.register(ExchangeRate)
