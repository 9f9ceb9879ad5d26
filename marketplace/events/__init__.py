"""Domain events: what happened in the marketplace, to which objects, for which organisations.

Services record an event in the same database transaction as the change it describes, so a
change is never without its event nor an event without its change; notifications and webhooks
are delivered from these rows.
"""
