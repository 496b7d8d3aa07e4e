"""Renderers: folium (interactive) and matplotlib (static) draw the same layers."""
