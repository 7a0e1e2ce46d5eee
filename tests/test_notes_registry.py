"""Note codes are a contract between the calculator and the renderers: every code that calc/
and documents/ can emit has its wording for each audience in render/notes.py, and the registry
holds no code that nothing emits. The codes are read from the source with `ast`, so a new
`book.note("...")` or `Note("...")` without wording fails here, not in front of a client."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from form8606.render.notes import CLIENT, wording
from form8606.render.view import AUDIENCES

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "form8606"
EMITTERS = ("calc", "documents")


def note_codes(source: str, filename: str) -> tuple[set[str], list[str]]:
    """The codes of the `.note(code, ...)` and `Note(code, ...)` calls in `source`, and a problem
    for each call whose code is not a string literal. The one call allowed to pass a variable is
    the forwarder `def note(self, code, ...)` handing its own parameter to Note."""
    codes: set[str] = set()
    problems: list[str] = []

    def visit(node: ast.AST, forwarded: str | None) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = [a.arg for a in node.args.args if a.arg != "self"]
            forwarded = params[0] if node.name == "note" and params else None
        if isinstance(node, ast.Call) and _is_note_call(node.func):
            code = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "code"), None)
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                codes.add(code.value)
            elif not (isinstance(code, ast.Name) and code.id == forwarded):
                problems.append(f"{filename}:{node.lineno}: the note code is not a string literal")
        for child in ast.iter_child_nodes(node):
            visit(child, forwarded)

    visit(ast.parse(source, filename), None)
    return codes, problems


def _is_note_call(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "note") or (
        isinstance(func, ast.Name) and func.id == "Note")


def emitted() -> tuple[set[str], list[str]]:
    codes: set[str] = set()
    problems: list[str] = []
    for package in EMITTERS:
        for path in sorted((PACKAGE / package).rglob("*.py")):
            found, wrong = note_codes(path.read_text("utf-8"), str(path.relative_to(PACKAGE)))
            codes |= found
            problems += wrong
    return codes, problems


def test_every_note_code_is_a_string_literal():
    assert emitted()[1] == []


def test_the_registry_words_exactly_the_codes_that_are_emitted():
    codes, _ = emitted()
    assert {"pro_rata_taxable", "worksheet_1_1", "worksheet_1_1_set_aside", "form1040_line4"} <= codes
    assert sorted(codes - set(CLIENT)) == []  # emitted without wording
    assert sorted(set(CLIENT) - codes) == []  # worded but never emitted


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_emitted_code_has_wording_for_each_audience(audience: str):
    for code in sorted(emitted()[0]):
        words = wording(code, audience)
        if audience == "client":
            assert words.title and words.title != code and words.plain, code
        else:  # the preparer reads the code, as `compute` and the JSON print it, over the message
            assert (words.title, words.plain) == (code, None)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_an_unworded_code_fails_loudly(audience: str):
    with pytest.raises(KeyError, match="no_such_code"):
        wording("no_such_code", audience)
    with pytest.raises(ValueError, match="neighbour"):
        wording("worksheet_1_1", "neighbour")


def test_the_collector_sees_both_call_forms_and_refuses_a_computed_code():
    source = '''
book.note("a_code", "message")
Note(code="b_code", message="m")
book.note(f"c_{x}", "message")
Note(name, "message")

class Book:
    def note(self, code, message):
        self.notes.append(Note(code, message))
        self.notes.append(Note(message, code))
'''
    codes, problems = note_codes(source, "x.py")
    assert codes == {"a_code", "b_code"}
    assert problems == [f"x.py:{n}: the note code is not a string literal" for n in (4, 5, 10)]
