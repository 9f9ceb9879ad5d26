"""What tells the workers' vendor tables (`snapshot.py`) that a vendor changed, for every
change made through the ORM's saves and deletes: the admin, the API, the site, the shell.
Bulk writes (`QuerySet.update`, `bulk_create`) send no signal; the services that make them
call `snapshot.vendors_changed` themselves. Connected in `MarketplaceConfig.ready()`."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from marketplace.models import Vendor, VendorExpertise

from .snapshot import vendors_changed

# Many-to-many changes seen from either side: `vendor.skills.add(skill)` names the vendor,
# `skill.vendors.add(vendor)` the vendors (pk_set). A reverse clear names nobody: every
# vendor is read again. Deleting a skill or certification needs nothing: its column is
# found by id, and a deleted one is asked for by no request.
MEMBERSHIPS = (
    Vendor.skills.through,
    Vendor.described_skills.through,
    Vendor.certifications.through,
)


@receiver(post_save, sender=Vendor)
@receiver(post_delete, sender=Vendor)
def vendor_saved(sender, instance: Vendor, **kwargs) -> None:
    vendors_changed([instance.pk])


@receiver(post_save, sender=VendorExpertise)
@receiver(post_delete, sender=VendorExpertise)
def expertise_saved(sender, instance: VendorExpertise, **kwargs) -> None:
    vendors_changed([instance.vendor_id])


def membership_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        vendors_changed([instance.pk])
    elif action == "post_clear":
        vendors_changed(None)
    elif pk_set:
        vendors_changed(pk_set)


for through in MEMBERSHIPS:
    m2m_changed.connect(membership_changed, sender=through, dispatch_uid=f"snapshot-{through}")
