"""Tender pages: the company side."""
