"""Every weight and threshold of the ranking, in one place.

A vendor's score (0–100) is built like this:

    points  = EXPERTISE·e + SKILLS·s + LANGUAGES·l + RATING·r + TEXT·t        (at most 100)
    score   = points × budget_factor × capacity_factor

- e (0–1): expertise in the request's sector — level/5, nudged by years of practice. A vendor
  that lists the sector is judged on that row; one that does not may earn partial credit from a
  related sector (strength × its level), as staff set the relations.
- s (0–1): weighted share of the requested skills the vendor lists; skills the buyer typed weigh
  1, skills only found in the request's text weigh less (see `text.py`). A requested skill the
  vendor does not list but its description mentions counts PROSE_SKILL_CREDIT of one it lists,
  shared out when the description claims more than PROSE_SKILLS_FOCUS unlisted skills.
- l (0–1): share of the request's working languages the vendor speaks (one shared language is
  a hard constraint; more is better).
- r (0–1): the Bayesian mean of the vendor's verified reviews on the 1–5 scale, as a share
  ((stars − 1) / 4); vendors without reviews get the neutral 0.5 (3 stars), which is also
  where few reviews are pulled towards, so newcomers are neither ranked below vendors with
  middling reviews nor above vendors with one glowing review.
- t (0–1): weighted share of the requested skills the vendor's descriptions mention (read when
  they are saved, `Vendor.described_skills`). Deliberately minor: prose that names every
  sector must never outrank expertise and skills that vendors declare.
- budget_factor (floor–1): 1 when the vendor's lowest rate fits the budget per person-hour, then
  falls linearly with how far above it the rate is.
- capacity_factor (floor–1): 1 when the vendor's team is at least the team asked for, else the
  ratio.

Nothing a vendor pays for enters the score: there is no such input (ranking cannot be bought).
Tuned on `shared/matching-dev` for a careful buyer's judgment; see the README for the results.
"""

EXPERTISE = 60.0
SKILLS = 30.0
LANGUAGES = 5.0
RATING = 3.0
TEXT = 2.0

# Each signal's most points, as the breakdown shows them ("12 of 30"); the penalties (budget,
# capacity) take points off and have none.
SIGNAL_MAXIMA = {
    "expertise": EXPERTISE,
    "skills": SKILLS,
    "languages": LANGUAGES,
    "rating": RATING,
    "text": TEXT,
}

# Years of practice move expertise by at most this share, reaching full effect at YEARS_CAP.
YEARS_SHARE = 0.1
YEARS_CAP = 15

# Budget: factor = 1 - BUDGET_SLOPE × (rate_min / budget_per_hour - 1), at least BUDGET_FLOOR.
BUDGET_SLOPE = 0.3
BUDGET_FLOOR = 0.1

# Capacity: factor = (vendor team / team asked) ** CAPACITY_EXPONENT, at least CAPACITY_FLOOR.
CAPACITY_EXPONENT = 1.0
CAPACITY_FLOOR = 0.1

# A requested skill a vendor describes but does not list counts this share of a listed one...
PROSE_SKILL_CREDIT = 0.5
# ...divided by (unlisted skills its descriptions mention / PROSE_SKILLS_FOCUS) beyond that many.
PROSE_SKILLS_FOCUS = 6
# ...and only for a vendor that lists at most PROSE_LISTED_AT_MOST skills: one that lists
# several has said what it does, and its prose ("we also deliver payment gateways") only earns
# the small text signal below; one that keeps a single listed skill and describes the rest
# (`dev2.json`) is read from its prose. With a taper to four listed skills instead, dev.json's
# rankings lost 0.005 NDCG@10 to vendors describing their sector's other skills.
PROSE_LISTED_AT_MOST = 1

# Skills found only in the request's free text (not typed as skills by the buyer).
MENTIONED_SKILL_WEIGHT = 0.5
# When the buyer typed no skills, those in the sentence that states the need count fully.
STATED_NEED_WEIGHT = 1.0

NEUTRAL_RATING = 0.5
RATING_MIN = 1.0
RATING_MAX = 5.0
# The Bayesian mean behaves as if every vendor had RATING_PRIOR_WEIGHT more reviews of
# RATING_PRIOR_MEAN stars: the middle of the scale, so no reviews = the neutral share above.
RATING_PRIOR_MEAN = 3.0
RATING_PRIOR_WEIGHT = 5.0

# Results stored per run.
STORED_RESULTS = 50

# A strong match: real expertise in the sector (level 4 of 5 is 48 points) and most of the
# skills, or the like. Buyers see strong matches first and the rest on demand, and by default
# only these are alerted to a published request (OPPORTUNITY_ALERT_MIN_SCORE).
STRONG_MATCH_SCORE = 60.0

# Reading a request's real sector (`sectors.read_sector`): another sector than the one filed is
# ranked as when its skills carry at least this share of the request's skill weight, count at
# least this many distinct skills, and weigh more than MARGIN times the filed sector's share —
# which must be nothing, unless the filed sector is a generic one buyers file under for want of
# a better: its skills (Python, React, mobile apps) are every sector's tools.
SECTOR_READING_SHARE = 0.5
SECTOR_READING_MIN_SKILLS = 2
SECTOR_READING_MARGIN = 2.0
SECTOR_READING_GENERIC = frozenset({"software-development"})
