"""Mexican states as ISO 3166-2:MX codes without the `MX-` prefix (pycountry is the source)."""

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _

MEXICAN_STATES: list[tuple[str, str]] = sorted(
    ((s.code.removeprefix("MX-"), s.name) for s in pycountry.subdivisions.get(country_code="MX")),
    key=lambda pair: pair[1],
)


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")
