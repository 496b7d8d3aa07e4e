"""One module per CLI verb (see geo/cli.py)."""
