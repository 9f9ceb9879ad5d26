"""What Norte reads in text as people type it, for the forms to suggest: the sector a request
is really about and the skills it mentions, and the skills a vendor's description names.

The same reading as the ranking's (`loading.skill_lexicon`, `text.request_skills`,
`sectors.read_sector`), so what the form suggests is what the ranking will do. Nothing here
writes: the person confirms a suggestion by ticking the skill or choosing the sector.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from marketplace.matching import sectors, text
from marketplace.models import Sector, Skill

from . import loading


@dataclass(frozen=True)
class RequestReading:
    """`sector`: the sector the request reads as, when it is not the one chosen and the buyer
    did not confirm the chosen one (else None);
    `skills`: skills the title and description mention that are not ticked, most weighty
    first, then by name in the reader's language; `chosen`: the sector chosen, which the buyer
    may keep instead."""

    sector: Sector | None
    skills: list[Skill]
    chosen: Sector | None = None


def request_reading(
    *,
    title: str,
    description: str,
    sector: Sector | None,
    sector_confirmed: bool = False,
    skills: Iterable[Skill] = (),
    lexicon: text.SkillLexicon | None = None,
) -> RequestReading:
    lexicon = lexicon or loading.skill_lexicon()
    typed = {skill.slug for skill in skills}
    weights = text.request_skills(
        title=title, description=description, typed=sorted(typed), lexicon=lexicon
    )
    chosen = sector.slug if sector else ""
    # A sector the buyer keeps is ranked as chosen (`loading.request_profile`): no other to suggest.
    reads_as = (
        None
        if sector_confirmed and sector
        else sectors.sector_reading(filed=chosen, skills=weights, skill_sectors=lexicon.sectors)
    )
    mentioned = Skill.objects.select_related("sector").filter(
        slug__in=[slug for slug in weights if slug not in typed]
    )
    # The weightiest first (the need the buyer stated), then by name as the reader reads it.
    ordered = sorted(mentioned, key=lambda skill: (-weights[skill.slug], skill.display_name))
    return RequestReading(
        sector=Sector.objects.get(slug=reads_as) if reads_as else None,
        skills=ordered,
        chosen=sector,
    )


def skills_mentioned(
    *,
    texts: Iterable[str],
    besides: Iterable[Skill] = (),
    lexicon: text.SkillLexicon | None = None,
) -> list[Skill]:
    """The skills `texts` (a vendor's descriptions as typed) mention, other than `besides` (the
    ones it lists), by name in the reader's language."""
    lexicon = lexicon or loading.skill_lexicon()
    found = lexicon.find("\n\n".join(t for t in texts if t))
    listed = {skill.slug for skill in besides}
    skills = Skill.objects.filter(slug__in=found - listed)
    return sorted(skills, key=lambda skill: skill.display_name)
