"""Marketplace writes. Views, API and tasks call these; none of them changes rows by itself."""
