"""What several test modules share: paths, the CLI through click's runner, small ledgers and
documents written inline (as beancount's load_doc), reference tables, flat PDF pages."""

from __future__ import annotations

import json
import re
import textwrap
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from form8606.cli import main
from form8606.pipeline import compute, load_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DATA = ROOT / "tests" / "data"
FENCE = re.compile(r"^```(?P<lang>\w*)[ \t]*\n(?P<body>.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


# ---- the command line ----------------------------------------------------------------------

def run(*args, text: str | None = None, tmp_path: Path | None = None):
    """`form8606 ARGS`; with `text`, the argument "LEDGER" names a file holding it."""
    if text is not None:
        path = tmp_path / "ledger.toml"
        path.write_text(text)
        args = tuple(path if a == "LEDGER" else a for a in args)
    return CliRunner().invoke(main, [str(a) for a in args])


def as_json(result) -> dict:
    return json.loads(result.stdout, parse_float=Decimal)


# ---- ledgers written inline ----------------------------------------------------------------

HEADER = 'version = 1\n[people.you]\nname = "Alex Rivera"\n'
SPOUSE = '[people.spouse]\nname = "Sam Rivera"\n'


def ledger_of(body: str, header: str = HEADER):
    return load_text(header + textwrap.dedent(body), source="test.toml")


def forms_of(body: str, header: str = HEADER, **kw):
    return compute(ledger_of(body, header), **kw).forms


def lines_of(form) -> dict[str, Decimal]:
    return {k: v.value for k, v in form.lines.items()}


def money_lines(**values) -> dict[str, Decimal]:
    """money_lines(l1=7000, l15a=0) -> {"1": Decimal(7000), "15a": Decimal(0)}"""
    return {k[1:]: Decimal(str(v)) for k, v in values.items()}


# ---- Forms 1099-R and 5498 written inline --------------------------------------------------

# Born 1980-03-15: under 59 1/2 in every supported year (59 1/2 on 2039-09-15).
YOUNG = 'version = 1\n[people.you]\nname = "Ana Young"\nbirth_date = 1980-03-15\n'
# Born 1960-01-10: 59 1/2 on 2019-07-10, so over 59 1/2 from 2020 on.
OLD = 'version = 1\n[people.you]\nname = "Olga Old"\nbirth_date = 1960-01-10\n'
# Born 1950-01-10: 70 1/2 on 2020-07-10, so old enough for a QCD from then on.
ELDER = 'version = 1\n[people.you]\nname = "Edna Elder"\nbirth_date = 1950-01-10\n'

BACKDOOR = """
[[contribution]]
who = "you"
date = 2025-01-06
to = "traditional"
amount = 7000
"""


def _table(kind: str, fields: dict) -> str:
    """A TOML table; strings quoted, booleans lower case, dates and numbers as written."""
    out = [f"[[{kind}]]"]
    for key, value in fields.items():
        if isinstance(value, bool):
            out.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, str):
            out.append(f'{key} = "{value}"')
        else:
            out.append(f"{key} = {value}")
    return "\n".join(out) + "\n"


def form_1099r(**fields) -> str:
    return _table("form_1099r", {"who": "you", "year": 2025, **fields})


def form_5498(**fields) -> str:
    return _table("form_5498", {"who": "you", "year": 2025, "kind": "traditional", **fields})


def year_end(traditional: int | Decimal = 0, year: int = 2025) -> str:
    return f'[[year_end]]\nwho = "you"\nyear = {year}\ntraditional = {traditional}\n'


# ---- reference data (tests/data) and documentation -----------------------------------------

def limits_table(heading: str) -> list[list[str]]:
    """The rows of one table of tests/data/limits.md, cells stripped."""
    part = (DATA / "limits.md").read_text("utf-8").split(f"\n## {heading}")[1].split("\n## ")[0]
    return [[c.strip() for c in row.strip().strip("|").split("|")] for row in part.splitlines()
            if re.match(r"\| \d{4} \|", row)]


def money(text: str) -> Decimal:
    """A figure as the tables print it: "6,500" -> Decimal(6500)."""
    return Decimal(text.replace(",", ""))


def fenced_blocks(path: Path) -> list[tuple[int, str, str]]:
    """Every fenced block of a Markdown file: (line its fence opens on, language, text)."""
    text = path.read_text("utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m["lang"], m["body"]) for m in FENCE.finditer(text)]


# ---- PDFs ----------------------------------------------------------------------------------

def text_page(writer: PdfWriter, lines: list[str], page=None) -> None:
    """Print `lines` in Helvetica, one under the other, on `page` (its own text replaced) or on
    a new US-letter page."""
    page = writer.add_blank_page(612, 792) if page is None else page
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(("BT /F1 12 Tf 72 720 Td " + " ".join(f"({t}) Tj 0 -16 Td" for t in lines) + " ET").encode())
    page[NameObject("/Contents")] = writer._add_object(stream)


def another_fillable_form() -> bytes:
    """A fillable IRS form that is not a Form 8606: the official 2025 Form 8606 with its fields
    and widgets kept and its printed text replaced by the title of Form 5329 (2025)."""
    writer = PdfWriter(clone_from=ROOT / "templates" / "forms" / "f8606-2025.pdf")
    for page in writer.pages:
        text_page(writer, ["Form 5329 (2025)", "Additional Taxes on Qualified Plans (Including IRAs)"], page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
