"""Static map furniture: the legend side panel (from LegendEntry data) and a scale bar.

The panel Axes works in points from its top-left corner, so text and symbols keep their
size whatever the figure size; `TextPanel` flows blocks of text and legend rows down it.
"""

from __future__ import annotations

import math
import textwrap

from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from layers.base import LegendEntry

SYMBOL_WIDTH_PT = 16.0
INK = "#1A1A1A"
MUTED = "#555555"


class TextPanel:
    """Lays out headings, wrapped text and legend rows top-down in a blank Axes."""

    def __init__(self, ax, font_size: float = 7.5):
        self.ax = ax
        figure = ax.figure
        box = ax.get_position()
        self.width = box.width * figure.get_figwidth() * 72
        self.height = box.height * figure.get_figheight() * 72
        ax.set_xlim(0, self.width)
        ax.set_ylim(self.height, 0)
        ax.set_axis_off()
        self.font_size = font_size
        self.y = 0.0

    @property
    def line_height(self) -> float:
        return self.font_size * 1.32

    def _wrap(self, text: str, indent: float, size: float) -> list[str]:
        chars = max(12, int((self.width - indent) / (size * 0.56)))
        return textwrap.wrap(text, chars) or [""]

    def heading(self, text: str, size_step: float = 1.0) -> None:
        self.y += self.line_height * 0.35
        size = self.font_size + size_step
        for line in self._wrap(text, 0, size):
            self.ax.text(0, self.y, line, fontsize=size, fontweight="bold", color=INK, va="top")
            self.y += size * 1.3

    def paragraph(self, text: str, *, color: str = INK, indent: float = 0.0,
                  size: float | None = None) -> None:
        size = size or self.font_size
        for line in self._wrap(text, indent, size):
            self.ax.text(indent, self.y, line, fontsize=size, color=color, va="top")
            self.y += size * 1.32

    def gap(self, lines: float = 0.5) -> None:
        self.y += self.line_height * lines

    def legend_row(self, entry: LegendEntry) -> None:
        lines = self._wrap(entry.label, SYMBOL_WIDTH_PT + 4, self.font_size)
        centre = self.y + self.line_height * 0.5
        draw_symbol(self.ax, entry, SYMBOL_WIDTH_PT / 2, centre)
        for line in lines:
            self.ax.text(SYMBOL_WIDTH_PT + 4, self.y + self.line_height * 0.5, line,
                         fontsize=self.font_size, color=INK, va="center")
            self.y += self.line_height
        self.y += self.line_height * 0.12

    def fits(self) -> bool:
        return self.y <= self.height


def draw_symbol(ax, entry: LegendEntry, x: float, y: float) -> None:
    """The same symbols as geo.render.legend draws in the browser."""
    color, symbol = entry.color, entry.symbol
    if symbol in ("line", "dashed_line", "wide_line"):
        ax.plot([x - 7, x + 7], [y, y], color=color, solid_capstyle="butt",
                linewidth=6.0 if symbol == "wide_line" else 2.2,
                alpha=0.55 if symbol == "wide_line" else 1.0,
                linestyle=(0, (3, 1.6)) if symbol == "dashed_line" else "solid")
        return
    marker = "s" if "square" in symbol else "o"
    size = {"circle": 7.5, "ring": 9.0, "dashed_ring": 11.0}.get(symbol, 7.5)
    if symbol == "halo_circle":
        ax.plot(x, y, marker="o", markersize=11.5, markerfacecolor="none",
                markeredgecolor="#111111", markeredgewidth=1.5)
        size = 6.5
    if symbol in ("circle", "square", "halo_circle"):
        ax.plot(x, y, marker=marker, markersize=size, markerfacecolor=color,
                markeredgecolor="#222222", markeredgewidth=0.75, alpha=entry.opacity)
    elif symbol == "dotted_ring":
        ax.scatter([x], [y], s=9.5 ** 2, marker="o", facecolors=[to_rgba(color, 0.0)],
                   edgecolors=[color], linewidths=1.6, linestyles=[(0, (0.4, 1.8))])
        ax.plot(x, y, marker="o", markersize=2.4, markerfacecolor=color, markeredgewidth=0)
    elif symbol == "dashed_ring":
        ax.scatter([x], [y], s=size ** 2, marker="o", facecolors=[to_rgba(color, 0.15)],
                   edgecolors=[color], linewidths=1.5, linestyles=[(0, (2.0, 1.4))])
    else:
        ax.plot(x, y, marker=marker, markersize=size, markerfacecolor="none",
                markeredgecolor=color, markeredgewidth=1.8)


def nice_length(target_km: float) -> float:
    """The largest 1, 2 or 5 x 10^n not above `target_km`."""
    exponent = 10 ** math.floor(math.log10(target_km))
    return max(step * exponent for step in (1, 2, 5) if step * exponent <= target_km)


def draw_scale_bar(ax, bounds, *, font_size: float = 7.0) -> float:
    """A two-segment scale bar at the lower left; returns its length in km.

    Lengths are metres of the projected map: true along the standard parallels and within
    about 1% elsewhere on a regional conic map.
    """
    xmin, ymin, xmax, ymax = bounds
    width_m, height_m = xmax - xmin, ymax - ymin
    length_km = nice_length(width_m / 1000 * 0.3)
    length_m = length_km * 1000
    x0, y0 = xmin + width_m * 0.025, ymin + height_m * 0.045
    bar_h = height_m * 0.009
    ax.add_patch(Rectangle((x0 - width_m * 0.01, y0 - height_m * 0.022),
                           length_m + width_m * 0.045, height_m * 0.075, facecolor="white",
                           edgecolor="none", alpha=0.8, zorder=30))
    for index, color in enumerate((INK, "white")):
        ax.add_patch(Rectangle((x0 + index * length_m / 2, y0), length_m / 2, bar_h,
                               facecolor=color, edgecolor=INK, linewidth=0.6, zorder=31))
    label_y = y0 + bar_h * 1.8
    for fraction in (0, 0.5, 1):
        value = length_km * fraction
        text = f"{value:g}" + (" km" if fraction == 1 else "")
        ax.text(x0 + length_m * fraction, label_y, text, fontsize=font_size, ha="center",
                va="bottom", color=INK, zorder=32)
    return length_km
