"""Offline geocoding: place names as news writes them -> a point, its precision and how sure.

Modules: `normalize` (one spelling-blind form of a name), `gazetteer` (the index of places,
regions and countries), `geocoder` (Geocoder, load_geocoder), `column` (a whole column at a
time), `site_register` (the project's named sites), `reverse` (a point -> nearest place),
`results` (what the geocoder answers), `online` (the optional Nominatim fallback).
"""
