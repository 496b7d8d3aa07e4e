"""Combining marks stacked hundreds deep on one letter ('Zalgo' text): drawn, they rise
out of their line over the rows, labels and buttons above, so a name could hide what is
around it. Where text is shown, a run past what any script stacks is one mark saying
how many there were; the stored value is untouched."""

from __future__ import annotations

import pandas as pd

from geo.render.popups import popup_html
from geo.ui import safe_text
from geo.visible import visible
from layers.base import PopupSpec

ZALGO = "Odes" + "\u0301\u0336\u0489" * 334 + "a"  # 1,002 marks on one 's'


def test_a_run_of_a_thousand_combining_marks_shows_as_one_mark_saying_how_many():
    assert visible(ZALGO) == "Odes‹1,002 combining marks›a"


def test_marks_that_scripts_stack_are_left():
    for word in ("Việt Nam", "בְּרֵאשִׁ֖ית", "ที่นี่", "é\u0301\u0302"):
        assert visible(word) == word


def test_popups_and_tables_show_the_run_as_its_mark():
    spec = PopupSpec(title_column="place", fields=(("Note", "note"),))
    html = popup_html({"place": ZALGO, "note": ZALGO}, spec)
    assert "\u0301" not in html and html.count("‹1,002 combining marks›") == 2
    table = safe_text.table(pd.DataFrame({"place": [ZALGO, "Kyiv"]}))
    assert table["place"].tolist() == ["Odes‹1,002 combining marks›a", "Kyiv"]
    assert "\u0301" not in safe_text.text(ZALGO)
