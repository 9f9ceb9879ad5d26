"""Insights and open data: how much of its tech sector Mexico has outsourced to Canada, answered
from Norte's own awards.

`selectors.insights_summary()` aggregates the awarded engagements (value in CAD at each award
day's rate, and in MXN), the posted demand, skills and tender figures in the database, with
every cell built from fewer than `INSIGHTS_MIN_CELL` engagements suppressed for visitors
(`policies`). The page (`views`), the API and its CSV (`api`) serve the same summary. `ocds`
publishes the awards as an Open Contracting Data Standard 1.1 release package.
"""
