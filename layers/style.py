"""Colours and symbols shared by every layer and both renderers.

Palette: Okabe-Ito (colour-blind safe). Incidents are circles coloured by category; sites
are squares. Fill tells location precision: solid = the site itself, hollow ring = placed at
a town centre, large dashed ring = only the region is known, dotted ring with a centre dot =
coordinates as given, precision unknown (the source states none).
"""

from __future__ import annotations

from geo.schema import THERMAL_CATEGORY

CATEGORY_COLORS = {
    "strike": "#D55E00",
    "infrastructure_event": "#0072B2",
    "diplomatic": "#CC79A7",
    "security": "#E69F00",
    "aviation": "#56B4E9",
    THERMAL_CATEGORY: "#F0E442",
    "other": "#999999",
}

SITE_KIND_COLORS = {
    "refinery": "#000000",
    "oil_depot": "#6B3FA0",
    "gas_distribution_station": "#009E73",
    "power_plant": "#7A7A7A",
    "port": "#2F4F4F",
    "office": "#8C6D1F",
    "embassy": "#3B5BA5",
    "city": "#7A7A7A",
}

COMMODITY_COLORS = {"gas": "#0072B2", "oil": "#8C4A00"}
OTHER_COMMODITY_COLOR = "#555555"

# precision -> (fill, radius in px at 1x)
PRECISION_SYMBOLS = {
    "site": ("solid", 6.0),
    "town": ("hollow", 8.0),
    "admin1": ("dashed", 15.0),
    "unknown": ("dotted", 8.0),
}

# Claim status -> (opacity, halo colour): the weaker the claim, the fainter the symbol; a
# confirmed claim also gets a dark ring outside the symbol. Colour (category) and fill
# (precision) stay as they are, so all three read at once.
CLAIM_STATUS_SYMBOLS = {
    "claimed": (0.4, ""),
    "reported": (0.7, ""),
    "geolocated": (1.0, ""),
    "confirmed": (1.0, "#111111"),
}
HALO_GAP_PX, HALO_WIDTH_PX = 2.5, 2.0  # the ring's centre line is radius + gap

BASEMAP = {
    "land": "#F2EFE9",
    "land_edge": "#9A9A9A",
    "focus_land": "#FFFFFF",
    "water": "#C6DBEF",
    "coast": "#6B8BA4",
    "river": "#7FA7C9",
}

# Thermal detections (FIRMS): fire radiative power classes (lower bound in MW, label, colour),
# light to dark as the fire grows; detections without a recorded FRP are grey.
FRP_CLASSES = (
    (0.0, "under 10 MW", "#FEE391"),
    (10.0, "10–50 MW", "#FE9929"),
    (50.0, "50–200 MW", "#CC4C02"),
    (200.0, "200 MW or more", "#662506"),
)
FRP_UNKNOWN_COLOR = "#CC4C02"  # drawn hollow
