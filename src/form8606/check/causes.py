"""The catalogue of likely causes: known ways Form 8606 goes wrong, each a plain function that
looks at one differing line and names the ledger entries involved, or says nothing.

Shared by `check` (another program's form) and [[assert]] (a form already filed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from form8606.calc.facts import YearFacts
from form8606.calc.result import FormResult
from form8606.lines import PART1
from form8606.money import ZERO, fmt_money
from form8606.sources import Source, Words


@dataclass(frozen=True)
class Context:
    theirs: dict[str, Decimal]
    ours: FormResult | None
    previous: FormResult | None  # our form of the person's previous year with one
    facts: YearFacts

    def with_theirs(self, theirs: dict[str, Decimal]) -> Context:
        return Context(theirs, self.ours, self.previous, self.facts)

    def their(self, line: str) -> Decimal:
        return self.theirs.get(line) or ZERO

    def our(self, line: str) -> Decimal:
        value = self.ours.value(line) if self.ours else None
        return value if value is not None else ZERO

    def gap(self, line: str) -> Decimal:
        """Theirs minus ours."""
        return self.their(line) - self.our(line)


def m(value: Decimal) -> str:
    return fmt_money(value)


def _entries(items: Iterable[Source]) -> tuple[Source, ...]:
    """A list of sources in a cause; renderers write "none in the ledger" for an empty one."""
    return tuple(items)


# Lines figured from other lines (Form 8606 arithmetic), for "follows from line N".
DEPENDS: dict[str, tuple[str, ...]] = {
    "3": ("1", "2"), "5": ("3", "4"), "9": ("6", "7", "8"), "10": ("5", "9"), "11": ("8", "10"),
    "12": ("7", "10"), "13": ("11", "12"), "14": ("3", "13"), "15a": ("7", "12"), "15b": ("15a",),
    "15c": ("15a", "15b"), "16": ("8",), "17": ("11",), "18": ("16", "17"), "21": ("19", "20"),
    "23": ("21", "22"), "25a": ("23", "24"), "25b": ("25a",), "25c": ("25a", "25b"),
}


def line2_not_last_line14(c: Context) -> Words | None:
    """Total Basis Chart: line 2 is line 14 of the last Form 8606 filed."""
    if c.ours is None:
        return None
    carried = c.ours.basis_start
    came = c.ours.lines["2"].sources[:1] if "2" in c.ours.lines else ()
    if c.their("2") == 0 and carried > 0:
        return (f"their line 2 is empty, but {m(carried)} of basis was carried in (", came, "); line 2 must be line 14 "
                "of the last Form 8606 filed (Total Basis Chart), or the basis is lost")
    if c.previous is not None:
        return (f"their line 2 ({m(c.their('2'))}) is not the {c.previous.year} line 14 ({m(c.previous.basis_end)}); "
                "line 2 must carry the previous Form 8606's line 14 (Form 8606 instructions, Total Basis Chart)",)
    return f"their line 2 ({m(c.their('2'))}) is not the basis carried in ({m(carried)}, ", came, ")"


def line1_deducted(c: Context) -> Words | None:
    deducted = sum((i.deducted for i in c.facts.traditional), ZERO)
    if deducted and c.gap("1") == deducted:
        return (f"their line 1 includes the deducted part ({m(deducted)}) of the contributions; only nondeductible "
                "contributions go on line 1 (", _entries(i.source for i in c.facts.traditional if i.deducted), ")")
    return None


def _of_kind(items, kind: str) -> list:
    return [i for i in items if i.source.kind == kind]


def line1_recharacterized(c: Context) -> Words | None:
    moves = _of_kind(c.facts.traditional, "recharacterization")
    out = [i for i in moves if i.amount < 0]
    moved_out = -sum((i.amount for i in out), ZERO)
    if moved_out and c.gap("1") == moved_out:
        return (f"their line 1 still counts {m(moved_out)} recharacterized to a Roth IRA (", _entries(i.source for i in out),
                "); a recharacterized contribution is treated as made to the second IRA (instructions, "
                "Recharacterizations)")
    into = [i for i in moves if i.amount > 0]
    moved_in = sum((i.amount - i.deducted for i in into), ZERO)
    if moved_in and -c.gap("1") == moved_in:
        return (f"their line 1 leaves out the Roth contribution recharacterized as traditional ({m(moved_in)}: ",
                _entries(i.source for i in into), "); it counts as a traditional contribution")
    return None


def line1_returned(c: Context) -> Words | None:
    returned = _of_kind(c.facts.traditional, "returned_contribution")
    total = -sum((i.amount for i in returned), ZERO)
    if total and c.gap("1") == total:
        return (f"their line 1 includes {m(total)} returned before the due date (", _entries(i.source for i in returned),
                "); returned contributions are treated as never made (instructions, Return of IRA Contributions)")
    return None


def line1_backdoor_without_contribution(c: Context) -> Words | None:
    if c.their("1") == 0 and c.our("1") > 0 and c.facts.conversions:
        return (f"their line 1 is empty, but the ledger has {m(c.our('1'))} of nondeductible contributions (",
                _entries(i.source for i in c.facts.traditional if i.amount > 0), "): the backdoor conversion (",
                _entries(x.source for x in c.facts.conversions), ") was entered without its nondeductible "
                "contribution, so all of it is taxed")
    return None


def line4_next_year(c: Context) -> Words | None:
    late = [i for i in c.facts.traditional if i.date.year > c.facts.year]
    if late and c.their("4") != c.our("4"):
        return (f"the contributions made from January 1 of {c.facts.year + 1} through the due date (",
                _entries(i.source for i in late), f") belong on line 4 ({m(c.our('4'))}); they are left out of this "
                "year's pro-rata share")
    return None


def line6_parts(c: Context) -> Words | None:
    if c.facts.year_end is None:
        return None
    end, source = c.facts.year_end
    gap = c.gap("6")
    if end.outstanding_rollovers and -gap == end.outstanding_rollovers:
        return (f"their line 6 leaves out the outstanding rollover ({m(end.outstanding_rollovers)}, ", source,
                "); money in transit on December 31 counts (instructions, line 6)")
    for adj in c.facts.line6_adjustments:
        if -gap == adj.amount:
            return (f"their line 6 misses the {m(abs(adj.amount))} moved by the recharacterization after December 31 (",
                    adj.source, "); line 6 takes recharacterizations made after the year into account "
                    "(instructions, line 6)")
    if gap < 0:
        return (f"their line 6 is {m(-gap)} lower than the December 31 value of all traditional, SEP and SIMPLE IRAs (",
                source, "); a SEP or SIMPLE IRA, an outstanding rollover or a recharacterization may be missing")
    return (f"their line 6 is {m(gap)} higher than the December 31 value (", source, "); only traditional, SEP and "
            "SIMPLE IRAs count: not Roth IRAs, not employer plans")


def line7_parts(c: Context) -> Words | None:
    gap = c.gap("7")
    for d, source in c.facts.distributions:
        for part, what in ((d.rolled_over, "rolled-over"), (d.qcd, "qualified charitable"), (d.hsa_funding, "HSA funding")):
            if part and gap == part:
                return f"their line 7 includes the {what} part ({m(part)}) of ", source, "; line 7 leaves it out"
    converted = sum((x.amount for x in c.facts.conversions), ZERO)
    if converted and gap == converted:
        return ("the conversion (", _entries(x.source for x in c.facts.conversions), ") was entered as a distribution: "
                "it belongs on line 8, not line 7")
    return None


def line8_conversion(c: Context) -> Words | None:
    if c.their("8") == 0 and c.our("8") > 0:
        return "their line 8 has no conversion, but the ledger has ", _entries(x.source for x in c.facts.conversions)
    return None


CATALOGUE: dict[str, list[Callable[[Context], Words | None]]] = {
    "1": [line1_deducted, line1_recharacterized, line1_returned, line1_backdoor_without_contribution],
    "2": [line2_not_last_line14],
    "4": [line4_next_year],
    "6": [line6_parts],
    "7": [line7_parts],
    "8": [line8_conversion, line7_parts],
    "16": [line8_conversion],
}


def part1_not_required(line: str, c: Context) -> Words | None:
    """Form 8606, Part I heading: complete Part I only for nondeductible contributions of the
    year, distributions with basis, or a conversion of part (not all) of the traditional IRAs."""
    if c.ours is None or line not in PART1 or any(label in c.ours.lines for label in PART1):
        return None
    return ("Part I is not to be completed this year (Form 8606, Part I heading: no nondeductible contribution for "
            "the year, no distribution with basis, and no conversion of only part of the traditional IRAs); their "
            "Part I figures are extra, and harmless when lines 16-18 agree",)


def likely_causes(line: str, c: Context, differing: set[str]) -> list[Words]:
    causes = [text for cause in CATALOGUE.get(line, []) if (text := cause(c))]
    if (extra := part1_not_required(line, c)) is not None:
        return [extra]
    upstream = [d for d in DEPENDS.get(line, ()) if d in differing]
    if upstream:
        causes.append((f"follows from line{'s' if len(upstream) > 1 else ''} {', '.join(upstream)}",))
    if not causes:
        causes.append(_fallback(line, c))
    return causes


def _fallback(line: str, c: Context) -> Words:
    ours = c.ours.lines.get(line) if c.ours else None
    if ours is None:
        return (f"the ledger gives no line {line} for this year; compare what their program was told",)
    return (f"no known cause; ours is {ours.how}", *((" from ", ours.sources) if ours.sources else ()))
