"""geo.ui.safe_text, the one way pages show untrusted text, and a check of the source that
every page shows such text through it."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

from geo.ui import safe_text

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ("**bold** [a](javascript:alert(1)) ![i](http://203.0.113.9/x.png) <img src=x "
           "onerror=alert(1)> $x^2$ :red[red] :material/home: https://evil.example "
           "www.evil.example a@evil.example &lt; `code` ~~gone~~ | t | \u202eevil\x00")


def unescaped(markdown: str) -> str:
    return markdown.replace("\\", "")


def test_text_shows_markup_as_written_and_hidden_characters_as_marks():
    shown = safe_text.text(HOSTILE)
    for char in "*[]()!<>$:&`~|":
        assert all(shown[i - 1] == "\\" for i, c in enumerate(shown) if c == char)
    assert "www\\.evil\\.example" in shown and "https\\://evil" in shown
    assert "a\\@evil\\.example" in shown
    assert shown.endswith("‹U\\+202E›evil‹U\\+0000›")
    assert unescaped(shown).startswith("**bold** [a](javascript:alert(1))")
    assert safe_text.text(None) == safe_text.text(float("nan")) == ""
    assert safe_text.text("two\nlines\r\nhere") == "two lines here"


def test_block_keeps_lines_but_no_line_becomes_a_heading_list_or_code():
    shown = safe_text.block("Title\n===\n- item\n    code\n# h")
    lines = shown.split("  \n")
    assert lines == ["Title", "\\=\\=\\=", "\\- item", "\u00a0" * 4 + "code", "\\# h"]


def test_links_only_to_web_addresses():
    assert safe_text.link("source", "https://news.example/a") == \
        "[source](<https://news.example/a>)"
    assert safe_text.link("s", "https://x.example/a>b") == "[s](<https://x.example/a%3Eb>)"
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                "file:///etc/passwd", "https:evil", "//evil.example/x", "http://[",
                "https://evil.example/\u202e", "https://a.example/ b"):
        assert safe_text.web_url(url) is None, url
        assert "](" not in safe_text.link("source", url)
    assert "not a web address" in safe_text.link("source", "javascript:alert(1)")
    assert safe_text.web_url(" https://a.example/x ") == "https://a.example/x"


def test_quoted_values_are_cut_with_their_length():
    assert safe_text.quoted("abc") == "'abc'"
    long = safe_text.quoted("x" * 5000)
    assert long.endswith("…' (5,000 characters)") and len(long) < 200


def test_tables_link_web_addresses_only_and_show_the_rest_as_text():
    table = pd.DataFrame({"Id": ["a", "b", "c", "d"],
                          "Link": ["https://ok.example", "javascript:alert(1)", None, ""]})
    shown = safe_text.with_web_links(table, "Link")
    assert shown["Link"].tolist() == ["https://ok.example", None, None, None]
    other = "Link" + safe_text.NOT_A_LINK_SUFFIX
    assert list(shown.columns) == ["Id", "Link", other]
    assert shown[other].tolist() == ["", "javascript:alert(1)", "", ""]
    assert list(safe_text.with_web_links(table.iloc[[0, 2]], "Link").columns) == ["Id", "Link"]


# --- every page shows untrusted text through safe_text ---------------------------------
MARKDOWN_CALLS = {"markdown", "caption", "info", "warning", "error", "success", "toast",
                  "title", "header", "subheader", "write"}
SAFE_FUNCTIONS = {"text", "block", "quoted", "link", "escaped", "refusal"}
# variables the pages build from the above just before showing them
SAFE_VARIABLES = {"refused", "intro", "lines", "coverage", "default"}


def _safe(node: ast.AST) -> bool:
    """Text built from literals, numbers formatted with a spec, and safe_text's output."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):  # a module constant, or a variable built safely
        return node.id.isupper() or node.id in SAFE_VARIABLES
    if isinstance(node, ast.JoinedStr):
        return all(_safe(value) for value in node.values)
    if isinstance(node, ast.FormattedValue):
        return node.format_spec is not None or _safe(node.value)
    if isinstance(node, ast.BinOp):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in SAFE_FUNCTIONS:
            return True
        if name == "join" and node.args:  # "\n".join(f"- {safe_text.text(p)}" for p ...)
            arg = node.args[0]
            return _safe(arg.elt) if isinstance(arg, ast.GeneratorExp | ast.ListComp) \
                else _safe(arg)
        if name in ("len", "int", "short_label", "expander_label", "_when"):
            return True
    return False


def _markdown_calls():
    files = [ROOT / "app.py", *sorted((ROOT / "geo" / "ui").glob("*.py"))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in MARKDOWN_CALLS and node.args):
                yield path.relative_to(ROOT), node


def test_every_markdown_element_of_the_pages_gets_safe_text():
    unsafe = [f"{path}:{node.lineno}" for path, node in _markdown_calls()
              if not _safe(node.args[0])]
    assert unsafe == []


def _safe_table(node: ast.AST) -> bool:
    """safe_text.table(...), a method chain on it (.rename...), or `displayed` made from it."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            isinstance(node.func.value, ast.Call):
        node = node.func.value
    if isinstance(node, ast.Name):
        return node.id == "displayed"
    return isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "table"


def test_every_table_of_the_pages_gets_safe_text():
    calls = [(path, node) for path in sorted((ROOT / "geo" / "ui").glob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(), str(path)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr in ("dataframe", "data_editor") and node.args]
    assert len(calls) >= 9
    assert [f"{path.name}:{node.lineno}" for path, node in calls
            if not _safe_table(node.args[0])] == []
    displayed_made = [path.name for path in sorted((ROOT / "geo" / "ui").glob("*.py"))
                  for node in ast.walk(ast.parse(path.read_text()))
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "")
                  == "displayed" and not _safe_table(node.value)]
    assert displayed_made == []


def test_tables_show_hidden_characters_as_marks():
    frame = pd.DataFrame({"name": ["evil\u202eexe.txt", None, "plain"], "n": [1, 2, 3]})
    shown = safe_text.table(frame)
    assert shown["name"].tolist()[0] == "evil‹U+202E›exe.txt"
    assert shown["name"].tolist()[2] == "plain" and shown["n"].tolist() == [1, 2, 3]
    assert frame["name"].tolist()[0] == "evil\u202eexe.txt"  # the caller's frame is kept
