"""Offline geocoding: place names as news writes them -> a point, its precision and how sure.

Modules: `source_readers` (GeoNames dumps, postal-code files, OSM place nodes, cities500),
`gazetteer_sources` (which files, the fingerprint), `gazetteer_merge` (each place once),
`gazetteer_build` (the index on disk), `gazetteer` (the index loaded), `region_names` (region
and country name tables), `transliterate` (Cyrillic in KMU 2010, BGN/PCGN, loose forms),
`normalize` (one spelling-blind form of a name), `place_text` (pasted text taken apart),
`around` ("near X", "20 km south of X": the words and the precision, for articles too),
`geocoder` (Geocoder, load_geocoder), `choose` (one answer or ambiguous), `regions` (oblast,
raion and country answers), `column` (a whole column at a time), `site_register` (the
project's named sites), `reverse` (a point -> nearest settlement), `settlements` (the
settlements of a bounding box), `geodesy` (distances), `results` (what the geocoder answers),
`online` (the optional Nominatim fallback).
"""
