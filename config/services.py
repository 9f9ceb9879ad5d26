"""Small helpers that services in every app share."""

from collections.abc import Collection

from django.db import models
from django.utils.text import slugify


def model_update(*, instance: models.Model, fields: list[str], data: dict) -> list[str]:
    """Set the `fields` present in `data` on `instance`, validate and save only what changed.

    Returns the names of the fields that changed (empty when nothing did).
    """
    changed = [
        field for field in fields if field in data and getattr(instance, field) != data[field]
    ]
    for field in changed:
        setattr(instance, field, data[field])
    if changed:
        instance.full_clean()
        update_fields = list(changed)
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
    return changed


def unique_slug(
    model: type[models.Model], text: str, *, max_length: int = 200, reserved: Collection[str] = ()
) -> str:
    """`slugify(text)`, with -2, -3… appended until no `model` row has it and it is not one of
    the `reserved` words."""
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    slug, suffix = base, 2
    while slug in reserved or model._default_manager.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug
