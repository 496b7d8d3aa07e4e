"""Map layers: data and style only, no drawing library.

Each layer module builds a `PointLayer` or `ShapeLayer` (layers.base); the folium renderer
(geo.render.folium_map) and the matplotlib renderer (geo.render.static_map) draw the same
objects, so the interactive map and the snapshot cannot disagree.
"""
