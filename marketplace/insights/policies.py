"""Who reads what of the insights and the open data.

Visitors, companies and vendors read aggregates only: a figure built from fewer than
`SMALL_CELL` engagements would let anyone who knows one side of a contract read its value, so
it is suppressed (`selectors.summary_for`). Staff read every figure, as they read every
engagement in the admin.
"""

from companies.models import User

# The fewest engagements a published figure may be built from (the rule, the usual
# threshold of statistical offices for business data).
SMALL_CELL = 3


def can_read_small_cells(*, user: User) -> bool:
    """Staff read figures built from one or two engagements; everyone else reads them
    suppressed."""
    return user.is_staff
