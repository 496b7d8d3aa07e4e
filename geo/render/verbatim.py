"""folium elements whose rendered text is placed in the page verbatim.

branca's MacroElement.render wraps each rendered macro in `Element(text)`, which compiles the
text as a Jinja template: user text holding "{{ ... }}" would run as template code on the
server. Every element of ours that carries data derives from these instead.
"""

from __future__ import annotations

from branca.element import Element, Figure, MacroElement


class VerbatimText(Element):
    """Text placed in the page as it is: never compiled as a Jinja template."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class VerbatimMacroElement(MacroElement):
    """A MacroElement whose rendered header/html/script are placed verbatim.

    branca's MacroElement.render wraps each rendered macro in `Element(text)`, which
    compiles the text as a Jinja template: a popup or title holding "{{ ... }}" would then
    run as template code on the server, and tokenizing megabytes of base64 costs ~0.5 s at
    100,000 points. Mixed in after a folium class (class X(folium.GeoJson,
    VerbatimMacroElement)), it replaces only that last step.
    """

    def render(self, **kwargs):
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} can only be rendered inside a Figure")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if macros.get(part) is not None:
                getattr(figure, part).add_child(VerbatimText(str(macros[part](self, kwargs))),
                                                name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
