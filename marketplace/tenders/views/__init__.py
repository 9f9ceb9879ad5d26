"""The tenders web UI, one module per side."""
