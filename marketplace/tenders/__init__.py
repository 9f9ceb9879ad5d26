"""Tenders: how a ranked match becomes work.

A company invites vendors to bid on a published request (or opens it to every qualified
vendor), answers their questions for all of them to read, compares proposals, awards one with
a reason everyone who lost is told — or cancels with a reason — and the award becomes an
engagement that ends completed (then reviewed) or cancelled. Every transition is a service in
`services/`, checked by `policies.py`, and records a `marketplace.events` event.
"""
