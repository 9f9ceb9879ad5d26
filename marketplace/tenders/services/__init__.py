"""Every tender transition, written once for the web UI and the API.

Each service checks the actor with `policies` (403, or 404 where the caller may not even see
the object — that is the selectors' part), the state with the model's `TRANSITIONS` (409),
validates with `full_clean()` (400) and records its event in the same transaction.
"""

from .awards import request_award, request_cancel
from .engagements import engagement_cancel, engagement_complete
from .invitations import (
    bid_invitation_accept,
    bid_invitation_create,
    bid_invitation_create_top,
    bid_invitation_decline,
)
from .proposals import proposal_shortlist, proposal_submit, proposal_withdraw
from .questions import question_answer, question_ask
from .reviews import review_create, review_reply

__all__ = [
    "bid_invitation_accept",
    "bid_invitation_create",
    "bid_invitation_create_top",
    "bid_invitation_decline",
    "engagement_cancel",
    "engagement_complete",
    "proposal_shortlist",
    "proposal_submit",
    "proposal_withdraw",
    "question_answer",
    "question_ask",
    "request_award",
    "request_cancel",
    "review_create",
    "review_reply",
]
