"""Reasons as sentences in the reader's language.

The core stores reasons as codes with parameters; they are turned into text when shown, so an
English-speaking buyer and a Spanish-speaking colleague read the same ranking in their language.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.choices import Language
from marketplace.matching.core import ReasonCode
from marketplace.models import Certification, Sector, Skill
from marketplace.models.base import LANGUAGE_CODES


class ReasonNames:
    """Display names of the sectors, skills and certifications that reasons mention, loaded
    once per response."""

    def __init__(self):
        self.sectors = {s.slug: s.display_name for s in Sector.objects.all()}
        self.skills = {s.slug: s.display_name for s in Skill.objects.all()}
        self.certifications = dict(Certification.objects.values_list("slug", "name"))

    def listing(self, names: list[str]) -> str:
        return ", ".join(names)


def _languages(codes) -> str:
    labels = dict(Language.choices)
    return ", ".join(str(labels[c]) for c in codes if c in LANGUAGE_CODES)


def reason_text(reason: dict, names: ReasonNames) -> str:
    code, p = reason["code"], reason.get("params", {})
    sector = names.sectors.get(p.get("sector", ""), p.get("sector", ""))
    if code == ReasonCode.SECTOR_EXPERTISE:
        return ngettext(
            "Level %(level)s of 5 in %(sector)s, %(years)s year of practice.",
            "Level %(level)s of 5 in %(sector)s, %(years)s years of practice.",
            p["years"],
        ) % {"level": p["level"], "sector": sector, "years": p["years"]}
    if code == ReasonCode.RELATED_EXPERTISE:
        related = names.sectors.get(p["related"], p["related"])
        return _(
            "No %(sector)s expertise listed, but level %(level)s of 5 in the related sector "
            "%(related)s."
        ) % {"sector": sector, "level": p["level"], "related": related}
    if code == ReasonCode.NO_SECTOR_EXPERTISE:
        return _("No expertise in %(sector)s or a related sector.") % {"sector": sector}
    if code == ReasonCode.SKILLS_COVERED:
        return _("Has the skills: %(skills)s.") % {
            "skills": names.listing([names.skills.get(s, s) for s in p["skills"]])
        }
    if code == ReasonCode.SKILLS_MISSING:
        return _("Does not list: %(skills)s.") % {
            "skills": names.listing([names.skills.get(s, s) for s in p["skills"]])
        }
    if code == ReasonCode.CERTIFICATIONS_HELD:
        return _("Holds the required certifications: %(certifications)s.") % {
            "certifications": names.listing(
                [names.certifications.get(c, c) for c in p["certifications"]]
            )
        }
    if code == ReasonCode.LANGUAGES_SHARED:
        return _("Works in %(languages)s.") % {"languages": _languages(p["languages"])}
    if code == ReasonCode.LANGUAGES_MISSING:
        return _("Does not work in %(languages)s.") % {"languages": _languages(p["languages"])}
    money = {
        key: number_format(round(p[key]), 0)
        for key in ("rate_min", "rate_max", "budget_max")
        if key in p
    }
    if code == ReasonCode.RATE_FITS_BUDGET:
        return (
            _(
                "Rates from CAD %(rate_min)s/h fit the budget of about CAD %(budget_max)s per "
                "person-hour."
            )
            % money
        )
    if code == ReasonCode.RATE_ABOVE_BUDGET:
        return (
            _(
                "Rates start at CAD %(rate_min)s/h, above the budget of about CAD %(budget_max)s per "
                "person-hour."
            )
            % money
        )
    if code == ReasonCode.TEAM_LARGE_ENOUGH:
        return _("Team of %(team_size)s covers the %(needed)s people asked for.") % p
    if code == ReasonCode.TEAM_TOO_SMALL:
        return _("Team of %(team_size)s, fewer than the %(needed)s people asked for.") % p
    return code
