"""Signals for what happens to an organisation's team, sent by companies.services inside the
transaction of the change.

`companies` is the lower layer: it may not import `marketplace` (import-linter,
"companies-before-marketplace"), yet an invitation sent or accepted is a marketplace event
(notifications, webhooks, the events feed). So companies only announces it, and
`marketplace.events.receivers` — connected in `EventsConfig.ready()` — records the event. The
signals are sent with `send()`, not `send_robust()`, from inside the service's
`transaction.atomic`: a receiver that fails rolls the invitation back with it, so a change is
never without its event, and a rolled-back change leaves no event either.

Both give the `invitation` and the `actor` (whoever invited; whoever joined).
"""

from django.dispatch import Signal

invitation_sent = Signal()
invitation_accepted = Signal()
