"""Which sector a request really belongs to, read from the skills it asks for.

Pure (no Django). Buyers file requests under the sector they think of first — often the
generic "custom software development" — while the skills and the text say "sportsbook, live
odds" or "smart contracts, crypto payments". Ranking by the filed sector then looks for the
wrong expertise. `read_sector` weighs the request's skills (typed ones 1, ones read in the text
less, as `text.request_skills` gives them) by the sector each skill belongs to, and keeps the
filed sector unless another one clearly dominates: most of the weight, several distinct
skills, and — unless the request was filed under a generic sector (SECTOR_READING_GENERIC),
whose tools every sector uses — none of the filed sector's own skills. A sportsbook "running on
AWS with Kubernetes" stays a sports-betting request. The ranking follows the reading only for a
request filed under a generic sector; for a specific one the form suggests it and the buyer
decides. Hard constraints are not touched: they do not depend on the sector.
"""

from collections import defaultdict
from collections.abc import Mapping

from . import weights as W


def sector_shares(skills: Mapping[str, float], skill_sectors: Mapping[str, str]) -> dict:
    """Sector slug → (share of the skills' weight, how many distinct skills) in that sector.
    Skills without a sector are left out of both the shares and the total."""
    weight: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for slug, skill_weight in skills.items():
        sector = skill_sectors.get(slug)
        if sector and skill_weight > 0:
            weight[sector] += skill_weight
            count[sector] += 1
    total = sum(weight.values())
    return {sector: (weight[sector] / total, count[sector]) for sector in weight}


def sector_reading(
    *, filed: str, skills: Mapping[str, float], skill_sectors: Mapping[str, str]
) -> str | None:
    """The sector the request's skills clearly belong to when it is not `filed`, else None —
    what the request form suggests, for the buyer to confirm."""
    shares = sector_shares(skills, skill_sectors)
    if not shares:
        return None
    # Highest share first; ties broken by the number of skills, then by slug (deterministic).
    best = min(shares, key=lambda sector: (-shares[sector][0], -shares[sector][1], sector))
    if best == filed:
        return None
    share, distinct = shares[best]
    filed_share = shares.get(filed, (0.0, 0))[0]
    clearly_another = (
        share >= W.SECTOR_READING_SHARE
        and distinct >= W.SECTOR_READING_MIN_SKILLS
        and share > W.SECTOR_READING_MARGIN * filed_share
    )
    if clearly_another and (filed_share == 0 or filed in W.SECTOR_READING_GENERIC):
        return best
    return None


def read_sector(
    *, filed: str, skills: Mapping[str, float], skill_sectors: Mapping[str, str]
) -> str:
    """The sector to rank the request as: what its skills clearly say (`sector_reading`) when
    it was filed under a generic sector or none, else the one filed — a buyer who chose a
    specific sector chose it, and the form only suggested the other."""
    reading = sector_reading(filed=filed, skills=skills, skill_sectors=skill_sectors)
    if reading and (not filed or filed in W.SECTOR_READING_GENERIC):
        return reading
    return filed
