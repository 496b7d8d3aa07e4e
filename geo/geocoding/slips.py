"""Spelling slips a typist makes that a similarity ratio scores too low to find."""

from __future__ import annotations


def neighbour_swaps(text: str) -> set[str]:
    """`text` with two neighbouring letters swapped, at each place it can be ('Popsana',
    'Dontesk'): the commonest slip; `text` itself left out."""
    return {text[:i] + text[i + 1] + text[i] + text[i + 2:]
            for i in range(len(text) - 1)} - {text}
