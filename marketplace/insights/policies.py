"""Who reads what of the insights and the open data.

Visitors, companies and vendors read aggregates only: a figure built from fewer than
`SMALL_CELL` engagements (or companies, or vendors) would let anyone who knows one side of a
contract read its value, so it is suppressed (`summary.insights_summary`). Staff read every
figure, as they read every engagement in the admin.
"""

from companies.models import User

# The fewest engagements a published figure may be built from (the rule, the usual
# threshold of statistical offices for business data).
SMALL_CELL = 3


def can_read_small_cells(*, user: User) -> bool:
    """Staff read figures built from one or two engagements; everyone else reads them
    suppressed."""
    return user.is_staff


def can_read_contract_values(*, user: User) -> bool:
    """The open-data export (`ocds`): staff read every published or awarded request (by
    invitation too), the award and contract values and the losing proposers; everyone else
    reads what Norte shows them — the requests open to every vendor, the winner, and how many
    proposed, never one contract's value (the rule of the small cells above)."""
    return user.is_staff
