"""Events announced by lower layers through signals (companies/team_events.py), recorded here.

Connected in `EventsConfig.ready()`. Each receiver runs inside the sender's transaction (the
signal is sent from within it), which is what `event_record()` requires.
"""

from django.dispatch import receiver

from companies.models import Invitation
from companies.team_events import invitation_accepted, invitation_sent

from .models import Event
from .services import event_record


def _organisations(invitation: Invitation) -> dict:
    if invitation.company_id is not None:
        return {"companies": [invitation.company]}
    return {"vendors": [invitation.vendor]}


@receiver(invitation_sent, sender=Invitation, dispatch_uid="events.invitation_sent")
def invitation_sent_record(sender, *, invitation: Invitation, actor, **kwargs) -> Event:
    """The inviting organisation's team is told who was invited (the address is read from the
    invitation when the sentence is written; the event holds only its id)."""
    return event_record(
        kind=Event.Kind.INVITATION_SENT,
        actor=actor,
        data={"invitation": invitation.pk},
        **_organisations(invitation),
    )


@receiver(invitation_accepted, sender=Invitation, dispatch_uid="events.invitation_accepted")
def invitation_accepted_record(sender, *, invitation: Invitation, actor, **kwargs) -> Event:
    """The team is told who joined; the person who joined is the actor, so not told."""
    return event_record(
        kind=Event.Kind.INVITATION_ACCEPTED,
        actor=actor,
        data={"invitation": invitation.pk},
        **_organisations(invitation),
    )
