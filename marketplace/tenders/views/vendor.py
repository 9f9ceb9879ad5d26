"""Tender pages: the vendor side."""
