"""The Markdown export shows what people typed as text: no typed value makes a block, a link, an image,
HTML or code of its own, whatever it holds.

Exports are parsed with markdown-it-py (CommonMark, with GFM's tables and strikethrough) and compared,
token by token, with the same export whose typed values are all one plain word.
"""
from __future__ import annotations

import copy
from collections.abc import Iterator
from itertools import cycle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.golden import fixed_workshop
from workshop.export import markdown
from workshop.store import Store, transfer
from workshop.store.summary import summary

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# What an export's inline content may hold: text and line breaks, never emphasis, code, links,
# images, HTML, entities or hard breaks.
TEXT_ONLY = {"text", "softbreak"}

# Values of the summary that steer the export's structure rather than being shown: every other
# string is typed by someone (or imported from a file someone wrote) and is replaced in the tests.
STRUCTURAL = {"id", "key", "column", "result", "kind", "status", "timer_state", "experience"}
# Numbers an import can fill with anything (issue 13, item 16).
IMPORTED_NUMBERS = {"rank"}

# Pieces of Markdown syntax, so that generated text meets them far more often than chance would.
SYNTAX = ["#", "###", "-", "+", "*", "**", "_", "`", "```", "~", "~~~", "1.", "1)", "12)", ">", "<", "</", "[",
          "]", "](", "![", "(", ")", "|", "\\", "&", "&amp;", "&#35;", "&#x3C;", "=", "===", "---", "***", "___",
          "- - -", ":", ": ", "[x]: /u", "[^1]", "<div>", "<!--", "<?", "<!X", "<![CDATA[", "<a href='u'>",
          "<http://example.org>", "http://example.org", "www.example.org", "a@example.org", "\n", "\r", "\r\n",
          "\n\n", "\n    ", "    ", "\t", " ", "  ", "a", "word ", "\u00a0", "\x0b", "\x0c", "\u2028", "\x00"]
TYPED = st.one_of(st.text(max_size=30),
                  st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=3)), max_size=12).map("".join))


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """The fixed workshop's summary, with the parts it lacks: a carried cluster and card, a named sticking point,
    a removed step that held a card, and a card made outside any step."""
    store = Store(str(tmp_path_factory.mktemp("markdown") / "bowtie.db"))
    try:
        store.write(transfer.restore, fixed_workshop.export())
        model = store.read(summary, fixed_workshop.W, fixed_workshop.NOW)
    finally:
        store.close()
    origin = {"source_workshop_id": "s" * 32, "source_title": "Earlier retro", "source_cluster": "Demos",
              "source_group": "Red", "dots": 4, "rank": 2}
    model["clusters"][0]["origin"] = origin
    model["clusters"][0]["cards"][0]["origin"] = origin
    model["carried_from"] = [{"source_workshop_id": "s" * 32, "source_title": "Earlier retro", "cards": 1}]
    model["polls"][0]["rounds"][0]["sticking"][0]["name"] = "Ann"
    model["workshop"]["archived_at"] = fixed_workshop.T0 + 86_400
    collect = model["agenda"]["steps"][1]
    model["agenda"]["removed"].append({**copy.deepcopy(collect), "id": "gone", "position": None, "removed": True})
    model["cards"] += [{**copy.deepcopy(model["cards"][0]), "id": "c-gone", "step_id": "gone"},
                       {**copy.deepcopy(model["cards"][1]), "id": "c-none", "step_id": None}]
    return model


def typed_values(model: object, texts: Iterator[str], key: str = "") -> object:
    """The model with every typed value (and imported number) replaced by the next of ``texts``."""
    if isinstance(model, dict):
        return {k: typed_values(v, texts, k) for k, v in model.items()}
    if isinstance(model, list):
        return [typed_values(v, texts, key) for v in model]
    if key in IMPORTED_NUMBERS and model is not None:
        return next(texts)
    if isinstance(model, str) and key not in STRUCTURAL and not key.endswith("_id"):
        return next(texts)
    return model


def blank(value: object) -> bool:
    return isinstance(value, str) and not value.strip(" \t\r\n")


def skeleton(document: str) -> list[tuple]:
    """Every block token (kind, tag, depth, hidden) in order: what the reader sees as structure."""
    return [(t.type, t.tag, t.level, t.hidden) for t in PARSER.parse(document)]


def inline_kinds(document: str) -> set[str]:
    return {child.type for t in PARSER.parse(document) if t.type == "inline" for child in t.children or []}


def shown(document: str) -> str:
    """The text a reader sees, spaces collapsed (a viewer collapses them too)."""
    blocks = ["".join(child.content if child.type == "text" else " " for child in t.children or [])
              for t in PARSER.parse(document) if t.type == "inline"]
    return " ".join(" ".join(blocks).split())


def typed(value: str) -> str:
    """What a reader should see of a typed value (markdown-it turns NUL into U+FFFD, as CommonMark says)."""
    return " ".join(value.replace("\x00", "\ufffd").split())


@settings(max_examples=80, deadline=None)
@given(st.lists(TYPED, min_size=1, max_size=5))
def test_typed_text_anywhere_in_the_export_never_changes_its_structure(fixed, texts):
    exported = markdown.render(typed_values(fixed, cycle(texts)))
    # Each position of the twin gets a plain word where the export got text; blank text stays as it
    # was, since the export may leave out what is empty.
    twin = markdown.render(typed_values(fixed, cycle([t if blank(t) else "Plain" for t in texts])))
    assert inline_kinds(exported) <= TEXT_ONLY
    assert skeleton(exported) == skeleton(twin)


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_typed_text_is_one_paragraph_shown_literally(value):
    document = markdown.text(value)
    expected = typed(value)
    if not expected and blank(value):
        assert skeleton(document) == []
        return
    assert skeleton(document) == [("paragraph_open", "p", 0, False), ("inline", "", 1, False),
                                  ("paragraph_close", "p", 0, False)]
    assert inline_kinds(document) <= TEXT_ONLY
    assert shown(document) == expected


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_typed_text_is_one_list_item_shown_literally(value):
    document = markdown.item(value, "") + "\n" + markdown.item("next")
    kinds = [kind for kind, *_ in skeleton(document)]
    assert kinds.count("list_item_open") == 2 and kinds.count("bullet_list_open") == 1
    assert set(kinds) <= {"bullet_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close",
                          "list_item_close", "bullet_list_close"}
    assert inline_kinds(document) <= TEXT_ONLY
    assert shown(document) == " ".join(filter(None, [typed(value), "next"]))


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_typed_text_in_a_heading_or_a_table_cell_stays_there_literally(value):
    heading = f"### {markdown.inline(value)}"
    assert [kind for kind, *_ in skeleton(heading)] == ["heading_open", "inline", "heading_close"]
    assert shown(heading) == typed(value)
    table = "\n".join(markdown.table(["Name", "Cards"], [[value, 1]]))
    kinds = [kind for kind, *_ in skeleton(table)]
    assert kinds.count("th_open") == 2 and kinds.count("td_open") == 2 and kinds.count("tr_open") == 2
    assert inline_kinds(heading + "\n\n" + table) <= TEXT_ONLY
    assert shown(table) == " ".join(filter(None, ["Name Cards", typed(value), "1"]))


@pytest.mark.parametrize("typed_line, block", [
    ("1) first", "ordered_list_open"), ("~~~", "fence"), ("```", "fence"), ("x\n\n    indented", "code_block"),
    ("# title", "heading_open"), ("x\n===", "heading_open"), ("x\n---", "heading_open"), ("***", "hr"),
    ("> quoted", "blockquote_open"), ("+ bullet", "bullet_list_open"), ("<div>", "html_block"),
    ("[x]: http://example.org", None),
])
def test_a_typed_line_that_would_open_a_block_is_shown_as_it_was_typed(typed_line, block):
    if block:  # the typed line does open that block when written raw
        assert block in [kind for kind, *_ in skeleton(typed_line)]
    document = markdown.text(typed_line) + "\n\n## Next section\n"
    assert [kind for kind, *_ in skeleton(document)] == [
        "paragraph_open", "inline", "paragraph_close", "heading_open", "inline", "heading_close"]
    assert shown(document) == typed(typed_line) + " Next section"


def test_a_fence_typed_into_the_context_does_not_swallow_the_rest_of_the_export(fixed):
    model = copy.deepcopy(fixed)
    model["workshop"]["context"] = "Before\n~~~\nafter"
    headings = [t for t in PARSER.parse(markdown.render(model)) if t.type == "heading_open"]
    assert len(headings) == len([t for t in PARSER.parse(markdown.render(fixed)) if t.type == "heading_open"])


@pytest.mark.parametrize("field", ["rank", "code"])
def test_an_imported_rank_or_join_code_holding_markup_is_shown_as_text(fixed, field):
    model = copy.deepcopy(fixed)
    markup = '<img src=x onerror="alert(1)"> [click](http://evil.example) *'
    if field == "rank":
        model["clusters"][0]["rank"] = markup
    else:
        model["workshop"]["code"] = markup
    exported = markdown.render(model)
    assert inline_kinds(exported) <= TEXT_ONLY
    assert markup in shown(exported)
