"""What tells the workers' vendor tables (`snapshot.py`) that a vendor changed, for every
change made through the ORM's saves and deletes: the admin, the API, the site, the shell.
Bulk writes (`QuerySet.update`, `bulk_create`) send no signal; the services that make them
call `snapshot.vendors_changed` themselves. Connected in `MarketplaceConfig.ready()`."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from marketplace.models import Vendor, VendorExpertise

from .snapshot import vendors_changed

# Many-to-many changes seen from either side: `vendor.skills.add(skill)` names the vendor,
# `skill.vendors.add(vendor)` the vendors (pk_set); a reverse clear is told before it happens,
# while the vendors it will take the skill from can still be read. Deleting a skill or
# certification needs nothing: its column is found by id, and a deleted one is asked for by no
# request.
MEMBERSHIPS = (
    Vendor.skills.through,
    Vendor.described_skills.through,
    Vendor.certifications.through,
)
# A save that names its fields and none of these changes nothing matching reads.
MATCHED_FIELDS = frozenset(
    {
        "status",
        "hourly_rate_min",
        "hourly_rate_max",
        "team_size",
        *Vendor.LANGUAGE_FIELDS,
        "review_count",
        "review_rating_total",
        "listed_skill_count",
        "described_unlisted_count",
    }
)


@receiver(post_save, sender=Vendor)
def vendor_saved(sender, instance: Vendor, update_fields=None, **kwargs) -> None:
    if update_fields is None or MATCHED_FIELDS & set(update_fields):
        vendors_changed([instance.pk])


@receiver(post_delete, sender=Vendor)
def vendor_deleted(sender, instance: Vendor, **kwargs) -> None:
    vendors_changed([instance.pk])


@receiver(post_save, sender=VendorExpertise)
@receiver(post_delete, sender=VendorExpertise)
def expertise_saved(sender, instance: VendorExpertise, **kwargs) -> None:
    vendors_changed([instance.vendor_id])


def membership_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            vendors_changed([instance.pk])
    elif action in ("post_add", "post_remove"):
        vendors_changed(pk_set or ())
    elif action == "pre_clear":
        related = {instance._meta.model_name: instance}
        vendors_changed(sender.objects.filter(**related).values_list("vendor_id", flat=True))


for through in MEMBERSHIPS:
    m2m_changed.connect(membership_changed, sender=through, dispatch_uid=f"snapshot-{through}")
