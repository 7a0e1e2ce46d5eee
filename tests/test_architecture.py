"""The stages import only downward (docs/architecture.md): no import circle anywhere in the
package, and each subpackage imports only the ones its stage may use. Imports inside functions
count too: a lazy import is still a dependency."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "form8606"

# What each part of the package may import (besides itself). The base modules
# (errors, money, lines, ages, sources, rules) import only one another.
BASE = {"errors", "money", "lines", "ages", "sources", "rules"}
ALLOWED: dict[str, set[str]] = {
    **{name: BASE for name in BASE},
    "ledger": BASE,
    "calc": BASE | {"ledger"},
    "documents": BASE | {"ledger", "calc"},
    "check": BASE | {"ledger", "calc", "pdf"},
    "pipeline": BASE | {"ledger", "calc", "documents", "check"},
    "intake": BASE | {"check"},
    "plan": BASE | {"ledger", "calc", "pipeline"},
    "pdf": BASE | {"calc"},
    "render": BASE | {"ledger", "calc", "documents", "check", "plan", "pipeline", "intake"},
    "output": BASE,
    "pool": set(),
    "commands": BASE | {"ledger", "calc", "documents", "check", "pipeline", "plan", "pdf", "render", "output",
                        "pool", "intake"},
    "cli": BASE | {"commands"},
    "__init__": set(),  # the package itself: its version, imported by anyone
    "__main__": {"cli"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str] = frozenset()) -> set[str]:
    """form8606 modules imported anywhere in the file (top level or inside functions).
    `from form8606.ledger import checks` imports the module form8606.ledger.checks when there
    is one (`modules`), else the package form8606.ledger."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("form8606")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("form8606"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in modules else node.module)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports(path, set(files)) if m in files and m != name} for name, path in files.items()}


def part(module: str) -> str:
    """form8606.calc.part1 -> calc; form8606.cli -> cli; form8606 -> __init__."""
    bits = module.split(".")
    return bits[1] if len(bits) > 1 else "__init__"


def test_no_import_circle():
    g = graph()
    seen: dict[str, int] = {}  # 1: on the current path, 2: done
    circles = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(g[node]):
            if seen.get(nxt) == 1:
                circles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in seen:
                visit(nxt, path + [nxt])
        seen[node] = 2

    for node in sorted(g):
        if node not in seen:
            visit(node, [node])
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


def test_stages_import_only_downward():
    wrong = sorted(f"{m} imports {i}" for m, deps in graph().items() for i in deps
                   if part(i) not in (part(m), "__init__") and part(i) not in ALLOWED.get(part(m), set()))
    assert not wrong, "\n".join(wrong)


def test_every_part_has_a_rule():
    assert {part(m) for m in graph()} <= set(ALLOWED)


def test_the_checker_sees_lazy_imports(tmp_path):
    """A guard on the guard: an import inside a function is found."""
    f = tmp_path / "m.py"
    f.write_text("def f():\n    from form8606.documents import expand\n")
    assert "form8606.documents" in imports(f)
