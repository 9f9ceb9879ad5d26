"""A finished ranking written straight into the database, for tests about what the company does
with it (inviting, comparing) rather than about how it is computed."""

from decimal import Decimal

from marketplace.models import MatchResult, MatchRun, OutsourcingRequest


def ranking(outsourcing_request: OutsourcingRequest, vendors, *, status=MatchRun.Status.DONE):
    """A run of `outsourcing_request` ranking `vendors` in that order, scores 90, 85, 80…"""
    run = MatchRun.objects.create(
        request=outsourcing_request, status=status, trigger=MatchRun.Trigger.PUBLISH
    )
    if status == MatchRun.Status.DONE:
        for rank, vendor in enumerate(vendors, start=1):
            MatchResult.objects.create(
                run=run,
                vendor=vendor,
                rank=rank,
                score=Decimal(95 - 5 * rank),
                breakdown={"expertise": 40.0, "languages": 10.0},
                reasons=[
                    {"code": "languages_shared", "met": True, "params": {"languages": ["es"]}}
                ],
            )
    return run
