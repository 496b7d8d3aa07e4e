"""The records: incident, site and pipeline route, and their controlled vocabularies.

A record is a *claim*: every incident keeps who says so (source, claimant), how sure we
are of when (date_start/date_end/date_precision) and of where (geo_precision, geo_method).
"""

from __future__ import annotations

CATEGORIES = (
    "strike",
    "infrastructure_event",
    "diplomatic",
    "security",
    "aviation",
    "thermal_detection",
    "other",
)

# FIRMS detections: evidence beside the claims, never linked to a site
THERMAL_CATEGORY = "thermal_detection"
# the typed FIRMS values a thermal detection keeps beside its incident row (geo.store.thermal)
DETECTION_COLUMNS = ("detected_at", "frp", "confidence", "satellite", "instrument", "daynight")

CATEGORY_LABELS = {
    "strike": "Strike",
    "infrastructure_event": "Infrastructure event",
    "diplomatic": "Diplomatic",
    "security": "Security / detentions",
    "aviation": "Aviation incident",
    "thermal_detection": "Thermal detection (FIRMS)",
    "other": "Other",
}

# claim status, weakest first; "geolocated" = independently placed from imagery.
CLAIM_STATUSES = ("claimed", "reported", "geolocated", "confirmed")

CLAIM_LABELS = {
    "claimed": "Claimed (one side only)",
    "reported": "Reported (media, not verified)",
    "geolocated": "Geolocated (imagery)",
    "confirmed": "Confirmed (multiple independent sources)",
}

# day: the day is known; week/month: within that week/month; approximate: an interval
# given by date_start..date_end ("days earlier than 8 Aug"); the record keeps the words.
DATE_PRECISIONS = ("day", "week", "month", "approximate")

# How precisely the point is known, finest first; "unknown" when the source gives
# coordinates but states no precision: the point is kept as given, never guessed upward.
GEO_PRECISIONS = ("site", "town", "admin1", "country", "unknown")
UNKNOWN_PRECISION = "unknown"

GEO_PRECISION_LABELS = {
    "site": "Site: the facility itself",
    "town": "Town: placed at the town/village centre, site not located",
    "admin1": "Region: only the oblast/region is known",
    "country": "Country: only the country is known (not drawn)",
    "unknown": "Precision unknown: coordinates as given, the source states no precision",
}

INCIDENT_COLUMNS = (
    "incident_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "category",
    "subtype",
    "place",
    "site_id",
    "latitude",
    "longitude",
    "geo_precision",
    "geo_method",
    "country",
    "admin1",
    "operator",
    "munitions",
    "casualties",
    "description",
    "source_name",
    "source_url",
    "claimant",
    "claim_status",
    "batch_id",
)

# Columns a seed/import row must have a value in (the rest may be empty).
INCIDENT_REQUIRED = ("incident_id", "date_start", "date_end", "date_precision", "category",
                     "geo_precision", "source_name", "claim_status")

SITE_KINDS = (
    "refinery",
    "oil_depot",
    "gas_distribution_station",
    "power_plant",
    "port",
    "office",
    "embassy",
    "city",
)

SITE_KIND_LABELS = {
    "refinery": "Refinery",
    "oil_depot": "Oil depot",
    "gas_distribution_station": "Gas distribution station",
    "power_plant": "Power plant",
    "port": "Port",
    "office": "Company office",
    "embassy": "Embassy",
    "city": "City (context)",
}

SITE_COLUMNS = (
    "site_id",
    "name",
    "aliases",
    "kind",
    "operator",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "geo_method",
    "source_name",
    "source_url",
    "notes",
)

PIPELINE_COLUMNS = (
    "name",
    "segment",
    "commodity",
    "operator",
    "status",
    "route_accuracy",
    "schematic",
    "source_name",
    "source_id",
    "source_url",
)
