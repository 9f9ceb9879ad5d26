"""Skills read from vendors' descriptions ("Nous livrons des contrats intelligents…").

Kept on the vendor (`Vendor.described_skills`) rather than read while ranking: a ranking of
100,000 vendors reads them like listed skills, in one query. A vendor's are read again when its
descriptions change (`marketplace.services.vendors`), everyone's when a skill's names or aliases
change (the `refresh_described_skills` task, queued by `described_skills_refresh_queue`).
"""

import logging
from collections import defaultdict

from django.db import transaction

from marketplace.matching import text
from marketplace.models import Skill, Vendor

from . import loading
from .snapshot import vendors_changed

logger = logging.getLogger(__name__)


@transaction.atomic
def vendor_described_skills_refresh(
    *, vendor: Vendor, lexicon: text.SkillLexicon | None = None
) -> set[str]:
    """Read the vendor's descriptions, in every language it wrote one in, and store the skills
    they mention, how many of those it does not list and how many it lists (so call it again
    when the listed skills change). Returns their slugs.

    Holds the vendor's row meanwhile, as `described_skills_refresh_all` does, so the last of two
    readings is of the descriptions as last committed."""
    Vendor.objects.select_for_update().filter(pk=vendor.pk).exists()
    lexicon = lexicon or loading.skill_lexicon()
    found = lexicon.find(_prose(vendor.descriptions.values()))
    vendor.described_skills.set(Skill.objects.filter(slug__in=found))
    listed = set(vendor.skills.values_list("slug", flat=True))
    vendor.described_unlisted_count = len(found - listed)
    vendor.listed_skill_count = len(listed)
    Vendor.objects.filter(pk=vendor.pk).update(
        described_unlisted_count=vendor.described_unlisted_count,
        listed_skill_count=vendor.listed_skill_count,
    )
    vendors_changed([vendor.pk])
    return found


def described_skills_refresh_all(*, batch_size: int = 2000) -> int:
    """Read every vendor's descriptions again with today's skills. Returns how many
    (vendor, skill) pairs are stored.

    Batch by batch of vendors, each batch a short transaction holding its vendors' rows: an
    edit of one of them waits for the batch (or the batch for the edit), so neither overwrites
    the other with what it read before; two readings at once take turns batch by batch; and
    the vendor table is never locked whole. Repeated descriptions are read once."""
    lexicon = loading.skill_lexicon()
    id_by_slug = dict(Skill.objects.values_list("slug", "id"))
    found_by_text: dict[str, frozenset[int]] = {}
    pairs, after = 0, 0
    while True:
        with transaction.atomic():
            batch = list(
                Vendor.objects.select_for_update()
                .filter(pk__gt=after)
                .order_by("pk")
                .values_list("id", *Vendor.DESCRIPTION_FIELDS)[:batch_size]
            )
            if not batch:
                return pairs
            ids = [vendor_id for vendor_id, *_texts in batch]
            pairs += _store_described(batch, ids, lexicon, id_by_slug, found_by_text)
            after = ids[-1]


def _store_described(batch, ids, lexicon, id_by_slug, found_by_text) -> int:
    listed: dict[int, set[int]] = defaultdict(set)
    for vendor_id, skill_id in Vendor.skills.through.objects.filter(vendor_id__in=ids).values_list(
        "vendor_id", "skill_id"
    ):
        listed[vendor_id].add(skill_id)
    through = Vendor.described_skills.through
    rows, vendors_by_counts = [], defaultdict(list)
    for vendor_id, *texts in batch:
        prose = _prose(texts)
        if prose not in found_by_text:
            found_by_text[prose] = frozenset(id_by_slug[slug] for slug in lexicon.find(prose))
        found = found_by_text[prose]
        rows.extend(through(vendor_id=vendor_id, skill_id=skill_id) for skill_id in found)
        counts = (len(found - listed[vendor_id]), len(listed[vendor_id]))
        vendors_by_counts[counts].append(vendor_id)
    through.objects.filter(vendor_id__in=ids).delete()
    through.objects.bulk_create(rows)
    for (unlisted, listed_count), vendor_ids in vendors_by_counts.items():
        Vendor.objects.filter(pk__in=vendor_ids).update(
            described_unlisted_count=unlisted, listed_skill_count=listed_count
        )
    vendors_changed(ids)
    return len(rows)


def described_skills_refresh_queue() -> None:
    """After a skill's names or aliases changed: read every description again once the change
    is committed, on a worker (it reads every vendor)."""
    from marketplace.tasks import refresh_described_skills  # the task module imports this one

    def send() -> None:
        try:
            refresh_described_skills.delay()
        except Exception:
            # The skill is saved; the descriptions are read with the old lexicon until the
            # next change or `manage.py refresh_described_skills`.
            logger.warning("Could not queue reading vendors' descriptions.", exc_info=True)

    transaction.on_commit(send)


def _prose(texts) -> str:
    return "\n\n".join(t for t in texts if t)
