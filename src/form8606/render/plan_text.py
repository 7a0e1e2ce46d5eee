"""`plan` output: a table per person for a terminal (80 columns), and the documented JSON shape
(whole dollars; a figure that can't be known is null). Computes nothing."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from form8606.money import fmt_money
from form8606.plan.result import PersonPlan, Plans
from form8606.plan.worksheets import Worksheet

WIDTH = 80


def plan_dict(plans: Plans) -> dict:
    return {"plans": [person_dict(p) for p in plans.plans]}


def person_dict(p: PersonPlan) -> dict:
    out = {
        "person": p.person,
        "year": p.year,
        "name": p.name,
        "age": p.age,
        "ira": {"limit": p.ira.limit, "contributed": p.ira.contributed, "room": p.ira.room,
                "traditional": p.ira.traditional, "roth": p.ira.roth, "rule": p.ira.rule, "source": p.ira.source},
        "roth": {"allowed": p.roth.allowed, "max": p.roth.max, "room": p.roth.room,
                 "worksheet": worksheet_dict(p.roth.worksheet), "rule": p.roth.rule, "source": p.roth.source},
        "deduction": {"max": p.deduction.max, "covered": p.deduction.covered,
                      "spouse_covered": p.deduction.spouse_covered, "worksheet": worksheet_dict(p.deduction.worksheet),
                      "rule": p.deduction.rule, "source": p.deduction.source},
        "excess": {"amount": p.excess.amount, "excise_tax": p.excess.excise_tax, "traditional": p.excess.traditional,
                   "roth": p.excess.roth, "rule": p.excess.rule, "source": p.excess.source},
    }
    if p.conversion is not None:
        c = p.conversion
        out["conversion"] = {
            "amount": c.amount, "taxable": c.taxable, "ratio": None if c.ratio is None else str(c.ratio),
            "pre_tax_to_move": c.pre_tax_to_move, "nontaxable": c.nontaxable, "taxable_if_moved": c.taxable_if_moved,
            "basis": c.basis, "year_end_value": c.year_end_value, "year_end_source": c.year_end_source or None,
            "lines": dict(c.lines), "rule": c.rule, "source": c.source,
        }
    if p.mega_backdoor is not None:
        mb = p.mega_backdoor
        out["mega_backdoor"] = {
            "room": mb.room, "usable": mb.usable, "steps": list(mb.steps), "after_tax_limit": mb.after_tax_limit,
            "after_tax_made": mb.after_tax_made, "annual_additions_limit": mb.annual_additions_limit,
            "compensation_limit": mb.compensation_limit, "deferrals_counted": mb.deferrals_counted,
            "catch_up": mb.catch_up, "employer": mb.employer, "self_employed": mb.self_employed,
            "employer_max": mb.employer_max, "rule": mb.rule, "source": mb.source,
        }
    out["notes"] = [{"code": n.code, "message": n.message, "level": n.level} for n in p.notes]
    return out


def worksheet_dict(sheet: Worksheet | None) -> dict | None:
    if sheet is None:
        return None
    return {"title": sheet.title, "cite": sheet.cite, "result": sheet.result, "stop": sheet.stop or None,
            "lines": [{"line": line.label, "text": line.text, "value": line.value} for line in sheet.lines]}


def plan_table(plans: Plans) -> str:
    return "\n\n".join(person_table(p) for p in plans.plans)


def person_table(p: PersonPlan) -> str:
    head = f"{p.name} ({p.person}) - plan for {p.year}" + (f", age {p.age} on December 31" if p.age is not None else "")
    rows = [head, "=" * min(len(head), WIDTH)]
    ira = p.ira
    rows += section("IRA contributions (traditional and Roth together)",
                    [("limit", ira.limit), ("contributed", ira.contributed), ("room left", ira.room)],
                    ira.rule, ira.source)
    roth = p.roth
    allowed = {True: "yes", False: "no", None: "unknown"}[roth.allowed]
    rows += section(f"Direct Roth IRA contribution - allowed: {allowed}",
                    [("maximum (worksheet line 10)", roth.max), ("not yet used", roth.room)], roth.rule, roth.source,
                    roth.worksheet)
    d = p.deduction
    covered = {True: "yes", False: "no", None: "unknown"}[d.covered]
    rows += section(f"Traditional IRA deduction - covered by a workplace plan: {covered}",
                    [("deductible part of the limit", d.max)], d.rule, d.source, d.worksheet)
    e = p.excess
    rows += section("Excess contributions", [("excess", e.amount), ("6% excise tax a year", e.excise_tax)],
                    e.rule, e.source)
    if p.conversion is not None:
        c = p.conversion
        figures = [("converted", c.amount), ("taxable", c.taxable), ("nontaxable", c.nontaxable),
                   ("basis (line 5)", c.basis), ("December 31 value (line 6)", c.year_end_value),
                   ("pre-tax to move into a plan by Dec 31", c.pre_tax_to_move)]
        if c.taxable_if_moved is not None:
            figures.append(("taxable after that move", c.taxable_if_moved))
        ratio = "unknown" if c.ratio is None else str(c.ratio)
        rows += section(f"Converting {fmt_money(c.amount)} in {p.year} - nontaxable share (line 10): {ratio}", figures,
                        c.rule + (f" December 31 value from {c.year_end_source}." if c.year_end_source else ""),
                        c.source)
    if p.mega_backdoor is not None:
        mb = p.mega_backdoor
        figures = [("after-tax room left", mb.room), ("415(c) limit", mb.annual_additions_limit),
                   ("deferrals counted", mb.deferrals_counted), ("catch-up (not counted)", mb.catch_up),
                   ("employer", mb.employer), ("after-tax made", mb.after_tax_made)]
        if mb.self_employed:
            figures.append(("employer part allowed (solo 401(k))", mb.employer_max))
        rows += section("Employer plan: after-tax (mega backdoor) room", figures, mb.rule, mb.source)
        rows += [wrap(f"{n}. {step}", "    ", "       ") for n, step in enumerate(mb.steps, start=1)]
    if p.notes:
        rows.append("Notes")
        rows += [wrap(f"{n.level}: [{n.code}] {n.message}", "  ", "    ") for n in p.notes]
    return "\n".join(rows)


def section(title: str, figures: list[tuple[str, Decimal | None]], rule: str, source: str,
            sheet: Worksheet | None = None) -> list[str]:
    rows = [title]
    for label, value in figures:
        shown = "unknown" if value is None else fmt_money(value)
        rows.append(f"  {label:<{WIDTH - 20}}{shown:>16}")
    if sheet is not None:
        steps = "; ".join(f"{line.label}: {line.value if line.label == '8' else fmt_money(line.value)}"
                          for line in sheet.lines)
        rows.append(wrap(f"{sheet.title} ({sheet.cite}): {steps}" + (f" - {sheet.stop}" if sheet.stop else ""),
                         "  ", "    "))
    rows.append(wrap(f"rule: {rule}", "  ", "    "))
    rows.append(wrap(f"source: {source}", "  ", "    "))
    return rows


def wrap(text: str, first: str, rest: str) -> str:
    return textwrap.fill(text, width=WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)
