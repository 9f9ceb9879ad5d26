"""Reasons as sentences in the reader's language, and a score's parts as a person reads them.

The core stores reasons (and who a run left out) as codes with parameters; they are turned into
text when shown, so an English-speaking buyer and a Spanish-speaking colleague read the same
ranking in their language. A company reading its matches and a vendor reading its own result
see the same sentences and bars (`match_result_explain`).
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from marketplace.choices import language_name_in_sentence
from marketplace.matching import weights as W
from marketplace.matching.core import ExclusionCode, ReasonCode
from marketplace.models import Certification, MatchResult, Sector, Skill
from marketplace.models.base import LANGUAGE_CODES

# The parts of a score (see `marketplace.matching.core`), as a person reads them.
SIGNAL_LABELS = {
    "expertise": gettext_lazy("Sector expertise"),
    "skills": gettext_lazy("Skills"),
    "languages": gettext_lazy("Languages"),
    "rating": gettext_lazy("Rating"),
    "text": gettext_lazy("Description"),
}
PENALTY_LABELS = {
    "budget": gettext_lazy("Rates above the budget"),
    "capacity": gettext_lazy("Team smaller than asked for"),
}


class ReasonNames:
    """Display names of the sectors, skills and certifications that reasons mention, loaded
    once per response."""

    def __init__(self):
        self.sectors = {s.slug: s.display_name for s in Sector.objects.all()}
        self.skills = {s.slug: s.display_name for s in Skill.objects.all()}
        self.certifications = {c.slug: c.display_name for c in Certification.objects.all()}

    def listing(self, names: list[str]) -> str:
        return ", ".join(names)


def _languages(codes) -> str:
    return ", ".join(language_name_in_sentence(c) for c in codes if c in LANGUAGE_CODES)


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
    if code == ReasonCode.SKILLS_DESCRIBED:
        return ngettext(
            "Its description mentions: %(skills)s (not listed as a skill).",
            "Its description mentions: %(skills)s (not listed as skills).",
            len(p["skills"]),
        ) % {"skills": names.listing([names.skills.get(s, s) for s in p["skills"]])}
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


def exclusion_text(exclusion: dict, names: ReasonNames) -> str:
    """One line of who a run left out: "20 share no working language with the request"."""
    count, params = exclusion["count"], exclusion.get("params", {})
    # Grouped as the reader's language writes numbers: "1,234" in Mexico, "1 234" in Quebec.
    shown = number_format(count, force_grouping=True)
    if exclusion["code"] == ExclusionCode.NO_SHARED_LANGUAGE:
        return ngettext(
            "%(count)s shares no working language with the request",
            "%(count)s share no working language with the request",
            count,
        ) % {"count": shown}
    if exclusion["code"] == ExclusionCode.CERTIFICATION_MISSING:
        slug = params["certification"]
        return ngettext(
            "%(count)s lacks a required certification: %(certification)s",
            "%(count)s lack a required certification: %(certification)s",
            count,
        ) % {"count": shown, "certification": names.certifications.get(slug, slug)}
    return exclusion["code"]


@dataclass(frozen=True)
class Signal:
    """One part of a score against its maximum (weights.py): "Skills, 12 of 30"."""

    name: str
    label: Promise
    points: float
    maximum: float


def score_signals(breakdown: dict) -> tuple[list[Signal], list[Signal]]:
    """(signals with their maxima, penalties that took points off): the penalties only when
    they did, with the points they took as a positive number."""
    signals = [
        Signal(name, label, max(breakdown.get(name, 0.0), 0.0), W.SIGNAL_MAXIMA[name])
        for name, label in SIGNAL_LABELS.items()
    ]
    penalties = [
        Signal(name, label, -breakdown[name], 0.0)
        for name, label in PENALTY_LABELS.items()
        if breakdown.get(name, 0.0) < 0
    ]
    return signals, penalties


def match_result_explain(result: MatchResult, names: ReasonNames) -> MatchResult:
    """The result with its reasons as sentences (`met`, `unmet`) and its score's parts
    (`signals`, `penalties`), as both the company and the vendor read them."""
    result.met = [reason_text(r, names) for r in result.reasons if r["met"]]
    result.unmet = [reason_text(r, names) for r in result.reasons if not r["met"]]
    result.signals, result.penalties = score_signals(result.breakdown)
    return result
