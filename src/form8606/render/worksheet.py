"""Explanatory worksheets: `form8606 explain`, and the HTML page `fill` writes beside each PDF.

The calculator's Result -> the view model (view.py, built by build.py) -> jinja2 templates in
templates/ (worksheet.html.j2, worksheet.md.j2, worksheet.txt.j2), with the filters of filters.py.

Two audiences: `client` (plain words, a glossary, the SSN masked to its last four digits) and
`preparer` (each line's rule with its citation, unrounded figures, full SSN).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

import jinja2

from form8606.calc.result import FormResult, Result
from form8606.render.build import document
from form8606.render.filters import leader, md_code, md_escape, text_table, wrap
from form8606.render.view import AUDIENCES

__all__ = ["AUDIENCES", "FORMATS", "render", "render_html", "render_markdown", "render_text"]

TEMPLATES = {"html": "worksheet.html.j2", "md": "worksheet.md.j2", "text": "worksheet.txt.j2"}
FORMATS = tuple(TEMPLATES)


def render(result: Result, forms: FormResult | Sequence[FormResult] | None = None, fmt: str = "text",
           audience: str = "client") -> str:
    """The worksheet of `forms` (default: every form of the result) as html, md or text."""
    if fmt not in TEMPLATES:
        raise ValueError(f"unknown worksheet format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return environment().get_template(TEMPLATES[fmt]).render(doc=document(result, forms, audience))


def render_html(result: Result, forms: FormResult | Sequence[FormResult] | None = None,
                audience: str = "client") -> str:
    """One self-contained HTML page; `fill` calls it with one form to write beside its PDF."""
    return render(result, forms, "html", audience)


def render_markdown(result: Result, forms: FormResult | Sequence[FormResult] | None = None,
                    audience: str = "client") -> str:
    return render(result, forms, "md", audience)


def render_text(result: Result, forms: FormResult | Sequence[FormResult] | None = None,
                audience: str = "client") -> str:
    return render(result, forms, "text", audience)


def template_source(name: str) -> str:
    """The text of template `name`, from the package data form8606.templates (the top-level
    templates/ directory of a checkout, shipped inside the wheel)."""
    packaged = resources.files("form8606.templates").joinpath(name)
    if not packaged.is_file():
        raise jinja2.TemplateNotFound(name)
    return packaged.read_text("utf-8")


@cache
def environment() -> jinja2.Environment:
    """Built once per process (it caches the compiled templates). Autoescaping for the .html
    template (names and notes come from an untrusted ledger); StrictUndefined so a missing value
    fails loudly."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(template_source),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False,
                                            default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(wrap=wrap, md=md_escape, mdcode=md_code, leader=leader, text_table=text_table)
    return env
