"""Webhooks: an organisation's endpoints, the signed deliveries of its events, and the guard
that keeps those requests off Norte's own network (issue 12, "Systems")."""
