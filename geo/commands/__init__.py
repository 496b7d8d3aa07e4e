"""One module per CLI verb (see geo/commands/_cli.py)."""
