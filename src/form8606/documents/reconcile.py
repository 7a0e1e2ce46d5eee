"""The documents against the ledger: Form 5498 boxes against the year's events, Form 1099-R
forms in mode "check" against the hand-written events, and the Roth codes J, T, Q against the
ledger's own 5-year and 59 1/2 rules. Every result is data; mismatches read like assertions
(STYLE: beancount's `balance`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from form8606 import rules
from form8606.calc.qualified import (
    QUALIFYING_REASONS,
    first_roth_year,
    opening_of,
    qualification,
)
from form8606.calc.result import Failure
from form8606.documents import codes as box7
from form8606.documents.translate import Derived, Translation
from form8606.ledger.model import Ledger
from form8606.ledger.where import entry_label, group_label, short
from form8606.money import CENT, ZERO, fmt_money

TRADITIONAL_KINDS = ("traditional", "sep", "simple")


def _m(value: Decimal) -> str:
    return fmt_money(value, CENT)


def _side(kind: str) -> str:
    return "Roth" if kind == "roth" else kind


# ---- Form 5498 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """One box of a person's Forms 5498 of one year (of one side: traditional or Roth), summed,
    against what the ledger says the trustees should have reported."""

    who: str
    year: int
    box: str  # "1", "2", "3", "4", "10"
    side: str  # "traditional" (traditional, SEP and SIMPLE IRAs) or "roth"
    documents: str  # 'file: [[form_5498]] #1, #2 (you, 2025)'
    printed: Decimal
    expected: Decimal | None  # None: the ledger can't tell (see `skipped`)
    what: str  # what the box reports, in words
    entries: tuple[str, ...]  # the ledger entries counted, with their amounts
    skipped: str = ""

    @property
    def ok(self) -> bool:
        return self.expected is None or self.printed == self.expected

    def text(self) -> str:
        listed = "; ".join(self.entries) or "none"
        if self.box == "*":
            return f"not reconciled: {self.skipped}"
        if self.expected is None:
            return f"box {self.box} ({self.what}): {_m(self.printed)}, not reconciled: {self.skipped}"
        if self.ok:
            return f"box {self.box} ({self.what}): {_m(self.printed)} = the ledger's {_m(self.expected)} ({listed})"
        diff = self.printed - self.expected
        return (f"box {self.box} ({self.what}): {_m(self.printed)} on the Form 5498 != {_m(self.expected)} in the "
                f"ledger ({_m(abs(diff))} {'more' if diff > 0 else 'less'} on the form); ledger entries: {listed}")

    def failure(self) -> Failure:
        return Failure(self.documents, (f"{self.text()}. Fix the entries, the form's box, or add the missing Form 5498",),
                       expected=self.printed, computed=self.expected)


def reconcile_5498(ledger: Ledger, origin: Callable[[object], Translation | None]) -> list[Box]:
    """Forms 5498 of each person and year against the ledger (Instructions for Forms 1099-R and
    5498): box 1 the year's traditional contributions, box 10 the Roth contributions, box 3 the
    conversions and plan rollovers to Roth IRAs, box 4 the recharacterizations received, box 2 the
    rollovers received. The boxes of a side are summed: the ledger doesn't say which IRA got what."""
    groups: dict[tuple[str, int, str], list] = defaultdict(list)
    for doc in ledger.form_5498:
        groups[(doc.who, doc.year, "traditional" if doc.kind in TRADITIONAL_KINDS else "roth")].append(doc)
    opened = {o.who: o.year for o in ledger.opening}
    out = []
    order = lambda kv: (kv[0][0] != "you", kv[0][1], kv[0][2] != "traditional")  # noqa: E731
    for (who, year, side), docs in sorted(groups.items(), key=order):
        label = group_label(ledger.source, "form_5498", docs)
        if who in opened and year <= opened[who]:  # the opening sums those years up: no entries to compare
            out.append(Box(who, year, "*", side, label, ZERO, None, "every box", (), f"the [[opening]] of {who} "
                           f"sums up the years through {opened[who]}"))
            continue
        if year not in rules.SUPPORTED_YEARS:
            out.append(Box(who, year, "*", side, label, ZERO, None, "every box", (), f"form8606 supports tax years "
                           f"{rules.SUPPORTED_YEARS.start}-{rules.SUPPORTED_YEARS.stop - 1}"))
            continue
        total = lambda box: sum((getattr(d, f"box{box}") for d in docs), ZERO)  # noqa: E731
        ctx = _Ctx(ledger, who, year)
        boxes = [("1", ctx.contributions("traditional"))] if side == "traditional" else [
            ("10", ctx.contributions("roth")), ("3", ctx.conversions())]
        boxes += [("2", ctx.rollovers_in(side, origin)), ("4", ctx.recharacterized_in(side))]
        for box, (what, expected, entries, skipped) in boxes:
            printed = total(box)
            if printed or expected:
                out.append(Box(who, year, box, side, label, printed, expected, what, tuple(entries), skipped))
    return out


class _Ctx:
    def __init__(self, ledger: Ledger, who: str, year: int):
        self.ledger, self.who, self.year = ledger, who, year

    def named(self, kind: str, e, amount: Decimal) -> str:
        return f"{short(entry_label(self.ledger.source, kind, None, e))}: {_m(amount)}"

    def mine(self, kind: str) -> list:
        return [e for e in self.ledger.entries(kind) if e.who == self.who]

    def contributions(self, to: str):
        made = [c for c in self.mine("contribution") if c.to == to and c.tax_year == self.year]
        return (f"{_side(to)} IRA contributions for {self.year}", sum((c.amount for c in made), ZERO),
                [self.named("contribution", c, c.amount) for c in made], "")

    def conversions(self):
        conv = [c for c in self.mine("conversion") if c.tax_year == self.year]
        rolls = [r for r in self.mine("plan_rollover") if r.to == "roth" and r.tax_year == self.year
                 and r.taxable + r.after_tax]
        total = sum((c.amount for c in conv), ZERO) + sum((r.taxable + r.after_tax for r in rolls), ZERO)
        entries = [self.named("conversion", c, c.amount) for c in conv]
        entries += [self.named("plan_rollover", r, r.taxable + r.after_tax) for r in rolls]
        return f"conversions and plan rollovers to Roth IRAs in {self.year}", total, entries, ""

    def outstanding(self, year: int) -> Decimal:
        ends = [e for e in self.ledger.year_end if e.who == self.who and e.year == year]
        return sum((e.outstanding_rollovers for e in ends), ZERO)

    def rollovers_in(self, side: str, origin: Callable[[object], Translation | None]):
        """Rollovers received in the calendar year: 60-day rollovers (less those still outstanding on
        December 31, plus last year's outstanding ones) and plans' direct rollovers."""
        what = f"rollovers into {_side(side)} IRAs in {self.year}"
        entries, total = [], ZERO
        for d in self.mine("distribution"):
            t = origin(d)
            into_plan = t is not None and t.treatment == box7.IRA_TO_PLAN  # not an IRA's rollover contribution
            if d.tax_year != self.year or d.from_ != side or not d.rolled_over or into_plan:
                continue
            total += d.rolled_over
            entries.append(self.named("distribution", d, d.rolled_over) + " rolled over")
        if side == "traditional":
            late, early = self.outstanding(self.year), self.outstanding(self.year - 1)
            total += early - late
            if late:
                entries.append(f"less {_m(late)} outstanding on December 31, {self.year}")
            if early:
                entries.append(f"plus {_m(early)} outstanding on December 31, {self.year - 1}")
        for r in self.mine("plan_rollover"):
            if r.to != side or r.tax_year != self.year or (side == "roth" and not r.designated_roth):
                continue  # a plan's pre-tax and after-tax money rolled into a Roth IRA is box 3
            if r.designated_roth:
                t = origin(r)
                if t is None:
                    name = short(entry_label(self.ledger.source, "plan_rollover", None, r))
                    return what, None, [], f"{name} shows the basis of a designated Roth rollover, not its earnings"
                total += t.doc.box1
                entries.append(self.named("plan_rollover", r, t.doc.box1))
            else:
                total += r.amount
                entries.append(self.named("plan_rollover", r, r.amount))
        return what, total, entries, ""

    def recharacterized_in(self, side: str):
        """Box 4 is filed by the second IRA's trustee, for the calendar year of the transfer."""
        got = [r for r in self.mine("recharacterization") if r.to == side and r.date.year == self.year]
        return (f"recharacterizations into {_side(side)} IRAs in {self.year}", sum((r.moved_amount for r in got), ZERO),
                [self.named("recharacterization", r, r.moved_amount) for r in got], "")


# ---- Form 1099-R in mode "check" and double entries ---------------------------------------


def money_key(kind: str, e) -> tuple:
    """What makes two events look like the same money: person, year, kind (with its direction)
    and amount; and the date, where both have one (`same_day`)."""
    direction = getattr(e, "from_", None) or getattr(e, "to", None)
    return (kind, e.who, e.tax_year, direction, e.amount)


def same_day(t: Translation, derived: Derived, entry) -> bool:
    """A document's event and an entry on different dates are two events (issue 14: two
    conversions of the same amount from two custodians). A document without `date` has no
    day of its own: its events are dated December 31 only for ordering."""
    return t.doc.date is None or entry.date == derived.entry.date


def parts(kind: str, e) -> dict[str, Decimal]:
    """The rest of an event, compared once the amounts agree."""
    names = {"distribution": ("rolled_over", "qcd"),
             "plan_rollover": ("taxable", "after_tax", "designated_roth_basis", "designated_roth_earnings"),
             "recharacterization": ("moved_amount",), "returned_contribution": ("earnings",)}.get(kind, ())
    return {n: getattr(e, n) for n in names}


@dataclass(frozen=True)
class Match:
    """A derived event of a document against the hand-written entries."""

    translation: Translation
    derived: Derived
    entry: str | None  # the hand-written entry it matched, named
    problem: str = ""  # mode "check": why it failed
    skipped: str = ""  # mode "check": why it wasn't compared

    @property
    def ok(self) -> bool:
        return not self.problem


def match_events(ledger: Ledger, translations: Iterable[Translation]) -> tuple[list[Match], list[Match]]:
    """(double entries of documents in mode "events", results of documents in mode "check"). Each
    hand-written entry answers for one document event at most."""
    free: dict[tuple, list] = defaultdict(list)
    for kind in ("conversion", "distribution", "plan_rollover", "recharacterization", "returned_contribution"):
        for e in ledger.entries(kind):
            free[money_key(kind, e)].append((kind, e))
    opened = {o.who: o.year for o in ledger.opening}
    doubles, checks = [], []
    for t in translations:
        for d in t.events:
            if t.doc.mode == "check" and d.entry.who in opened and d.entry.tax_year <= opened[d.entry.who]:
                checks.append(Match(t, d, None, skipped=f"the [[opening]] of {d.entry.who} sums up {d.entry.tax_year}"))
                continue
            pool = free.get(money_key(d.kind, d.entry), [])
            found = [(k, e) for k, e in pool if same_day(t, d, e)]
            same = [(k, e) for k, e in found if parts(k, e) == parts(d.kind, d.entry)]
            pick = (same or found)[:1]
            name = short(entry_label(ledger.source, pick[0][0], None, pick[0][1])) if pick else None
            if t.doc.mode == "events":
                if pick:
                    pool.remove(pick[0])
                    doubles.append(Match(t, d, name))
                continue
            if not pick:
                checks.append(Match(t, d, None, _missing(ledger, t, d)))
            elif not same:
                theirs, ours = parts(pick[0][0], pick[0][1]), parts(d.kind, d.entry)
                diff = ", ".join(f"{k} {_m(ours[k])} by the form != {_m(theirs[k])} in the entry"
                                 for k in ours if ours[k] != theirs[k])
                checks.append(Match(t, d, name, f"{name} has the amount but not the parts: {diff}"))
                pool.remove(pick[0])
            else:
                checks.append(Match(t, d, name))
                pool.remove(pick[0])
    return doubles, checks


def _missing(ledger: Ledger, t: Translation, d: Derived) -> str:
    kind, e = d.kind, d.entry
    near = [x for x in ledger.entries(kind) if money_key(kind, x)[:4] == money_key(kind, e)[:4]]
    listed = "; ".join(f"{short(entry_label(ledger.source, kind, None, x))}: {_m(x.amount)}" for x in near)
    day = f" on {e.date}" if t.doc.date is not None else ""
    return (f"no [[{kind}]] of {_m(e.amount)}{day} for {e.who} in {e.tax_year} ({d.what}); the ledger has "
            f"{listed or 'none'}. Add the entry, fix it, or set mode = \"events\" to let the form stand for it")


# ---- Roth codes against the ledger's rules ------------------------------------------------


def roth_code_warning(ledger: Ledger, t: Translation) -> str | None:
    """Codes J, T and Q are the payer's view; the ledger's 5-year and 59 1/2 rules decide
    (Form 8606 instructions, Qualified distribution). Say so when they disagree."""
    if t.treatment != box7.ROTH or not t.events:
        return None
    d = t.events[0].entry
    first = first_roth_year(ledger, d.who, opening_of(ledger, d.who))
    born = ledger.people[d.who].birth_date
    if first is None or (born is None and d.reason not in QUALIFYING_REASONS):
        return None  # the calculator asks for what is missing
    q = qualification(d.date, d.reason, first, born)
    period_met, half, qualified = q.period_met, q.half, q.qualified
    under = bool(q.under_59_half)
    code = t.reading.text
    person = ledger.people[d.who].name
    if not period_met:
        why_not = f"the 5-year period that began January 1, {first} ends only on December 31, {first + 4}"
    else:
        why_not = f"{person} is under 59 1/2 until {half}" if under else ""
    name = short(t.label)
    if code == "Q" and not qualified:
        return (f"{name}: the payer coded it Q (qualified), but by the ledger it is not qualified: {why_not}. "
                "The form follows the ledger (line 19). If the Roth IRAs are older than the ledger knows, set "
                "`first_roth_year` in [[opening]]; check `birth_date`")
    if code == "J" and not under and half is not None:
        return (f"{name}: the payer coded it J (early, under 59 1/2), but by the ledger {person} was 59 1/2 on "
                f"{half}{' and the distribution is qualified' if qualified else ''}. The form follows the ledger; "
                "check `birth_date` and the form's `date`")
    if code == "T" and under and d.reason is None:
        return (f"{name}: the payer coded it T (an exception applies: 59 1/2, death or disability), but by "
                f"the ledger {person} is under 59 1/2 until {half} and the form gives no `reason`. The form follows the "
                "ledger; add reason = \"disability\" (or \"first_home\") if that is the exception")
    return None
