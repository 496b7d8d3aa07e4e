"""Review: what analysts decide about stored incidents, kept as append-only history.

Modules: `claims` (claim status changes), `site_links` (an incident's site link set by
hand), `authorship` (who made a change and why: the checks both share).
"""
