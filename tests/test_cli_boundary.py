"""The command group as the one boundary: errors and exit codes, --year, the lazy command list."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from form8606.cli import SUMMARIES, main

ROOT = Path(__file__).resolve().parent.parent
COMMANDS_DIR = ROOT / "src" / "form8606" / "commands"
PRORATA = str(ROOT / "fixtures" / "backdoor-prorata.toml")
WITH_DOCUMENTS = str(ROOT / "fixtures" / "backdoor-prorata-documents.toml")  # 2025, its Forms 1099-R and 5498
LEDGER_COMMANDS = ("check", "compute", "documents", "explain", "fill", "plan")  # read a LEDGER, take --year
ALL = (*LEDGER_COMMANDS, "init", "schema")
# Two mistakes, so that the boundary must print every problem, not just the first.
BAD = ('version = 1\n[people.you]\nname = "A"\n[[conversion]]\nwho = "you"\ndate = 2025-01-09\nammount = 1\n'
       '[[conversion]]\nwho = "you"\ndate = 2025-02-09\namount = "x"\n')


def command(name: str) -> click.Command:
    with click.Context(main) as ctx:
        return main.get_command(ctx, name)


def args_for(name: str, ledger: str, tmp_path: Path) -> list[str]:
    """The least each command needs to get as far as loading `ledger`."""
    extra = {"check": ["--against", PRORATA], "plan": ["--year", "2025"], "fill": ["-o", str(tmp_path)]}
    return [name, ledger, *extra.get(name, [])]


def test_every_command_module_is_listed():
    modules = {p.stem for p in COMMANDS_DIR.glob("*.py")} - {"__init__", "exits", "options"}
    assert set(SUMMARIES) == modules == set(ALL)


@pytest.mark.parametrize("name", ALL)
def test_summary_is_the_first_sentence_of_the_docstring(name):
    real = command(name)
    assert real.name == name
    assert SUMMARIES[name] == real.get_short_help_str(limit=10_000)


@pytest.mark.parametrize("columns", [50, 80, 200])
def test_help_lists_commands_as_click_would_from_the_docstrings(columns):
    eager = click.Group(main.name, commands=[command(n) for n in ALL], help=main.help,
                        params=main.params, context_settings=main.context_settings)
    env = {"COLUMNS": str(columns)}
    lazy, direct = CliRunner(env=env).invoke(main, ["--help"]), CliRunner(env=env).invoke(eager, ["--help"])
    assert lazy.exit_code == 0 and lazy.stdout == direct.stdout
    listed = lazy.stdout.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(ALL)
    assert "  compute    Compute every Form 8606 line for each person and year of" in lazy.stdout


def test_help_imports_no_command_and_no_heavy_library():
    code = ("import sys\nfrom form8606.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stderr.split())
    assert "form8606.cli" in loaded and "click" in loaded
    assert not {m for m in loaded if m.startswith(("form8606.commands.", "pypdf", "jinja2", "pydantic"))
                and m != "form8606.commands.exits"}
    assert all(f"  {name} " in out.stdout for name in ALL)


LOADED = ("import sys\nfrom form8606.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
          "print(' '.join(sorted(sys.modules)), file=sys.stderr)")


@pytest.mark.parametrize("args", [["compute"], ["compute", "--format", "json"], ["documents"], ["plan", "--year", "2025"],
                                  ["check", "--against", "THEIRS.json"]], ids=" ".join)
def test_a_command_imports_no_library_it_does_not_use(args, tmp_path):
    """pypdf and jinja2 cost start-up time: only fill, explain and check of a PDF load them."""
    theirs = tmp_path / "THEIRS.json"
    theirs.write_text(CliRunner().invoke(main, ["compute", WITH_DOCUMENTS, "--format", "json"]).stdout)
    command = [args[0], WITH_DOCUMENTS, *(str(theirs) if a == "THEIRS.json" else a for a in args[1:])]
    out = subprocess.run([sys.executable, "-c", LOADED, *command], capture_output=True, text=True, check=True)
    loaded = {m.split(".")[0] for m in out.stderr.split()}
    assert "pydantic" in loaded and "2025" in out.stdout  # the ledger was read, its year shown
    assert not loaded & {"pypdf", "jinja2"}


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["comptue", PRORATA])
    assert result.exit_code == 2 and "No such command 'comptue'" in result.stderr


@pytest.mark.parametrize("name", LEDGER_COMMANDS)
def test_form8606_error_exits_2_with_every_problem_and_no_traceback(name, tmp_path):
    ledger = tmp_path / "ledger.toml"
    ledger.write_text(BAD)
    result = CliRunner().invoke(main, args_for(name, str(ledger), tmp_path))
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    errors = result.stderr.splitlines()
    assert errors[0] == ("error: ledger.toml: [[conversion]] #1 (you, 2025-01-09), field `ammount`: unknown field; "
                         "did you mean `amount`?")
    assert errors[1].startswith("error: ledger.toml: [[conversion]] #2 (you, 2025-02-09), field `amount`: ")
    assert result.stdout == ""


@pytest.mark.parametrize("name", [n for n in LEDGER_COMMANDS if any(p.name == "year" for p in command(n).params)])
@pytest.mark.parametrize("year", ["2017", "2027"])
def test_unsupported_year_is_refused_while_parsing(name, year, tmp_path):
    # The ledger does not exist: the refusal comes from --year's callback, before any loading.
    result = CliRunner().invoke(main, [*args_for(name, str(tmp_path / "nope.toml"), tmp_path), "--year", year])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert (f"Invalid value for '--year': tax year {year} is not supported; form8606 supports 2018-2026"
            in result.stderr)


def test_every_command_has_year_and_supported_edges_pass():
    assert all(any(p.name == "year" for p in command(n).params) for n in LEDGER_COMMANDS)
    for year in ("2019", "2026"):
        assert CliRunner().invoke(main, ["compute", PRORATA, "--year", year]).exit_code == 0


def test_plan_help_names_the_supported_years():
    assert "The tax year to plan (2018-2026)." in CliRunner().invoke(main, ["plan", "--help"]).stdout


def test_difference_found_exits_1_after_the_output(tmp_path):
    ledger = tmp_path / "ledger.toml"
    ledger.write_text(Path(PRORATA).read_text() + '\n[[assert]]\nwho = "you"\nyear = 2025\nline = "14"\namount = 1\n')
    result = CliRunner().invoke(main, ["compute", str(ledger)])
    assert result.exit_code == 1 and "Form 8606 for 2025" in result.stdout
    assert result.stderr.startswith("assertion failed: ") and "Traceback" not in result.output


@pytest.mark.parametrize("path", sorted(COMMANDS_DIR.glob("*.py")), ids=lambda p: p.stem)
def test_commands_neither_import_the_cli_nor_exit(path):
    tree = ast.parse(path.read_text("utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert "form8606.cli" not in imported
    calls = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert not calls & {"sys.exit", "exit", "ctx.exit", "click.get_current_context"}
