"""Every tender transition, written once for the web UI and the API.

Each service checks, in this order, the actor with `policies` (403, or 404 where the caller
may not even see the object — that is the selectors' part), the input with `full_clean()`
(400), then the state with the model's `TRANSITIONS` under a row lock (409), and records its
event in the same transaction. Who, what, when: a caller fixes its input before learning
whether the moment was right.
"""

from .awards import request_award, request_cancel
from .base import vendor_acting
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
    "vendor_acting",
]
