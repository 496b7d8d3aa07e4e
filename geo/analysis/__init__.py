"""Analysis: pure functions over incident frames, with no store and no drawing.

`view` is the one place that turns a view state into the incidents in view with every
derived column; the app, the command line, exports and snapshots all call it.
Modules: `filters` (window and attribute masks), `operators` (operator families),
`network` (nearest pipeline, distances), `corroboration` (FIRMS detections near a strike),
`site_matching` (incidents -> registered sites), `site_history`, `timeline`,
`duplicates`, `default_window`.
"""
