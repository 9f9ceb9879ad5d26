"""Tender pages: the engagements side."""
