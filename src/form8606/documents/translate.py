"""A Form 1099-R, boxes as printed, turned into the ledger events it stands for.

The codes say what kind of payment it was; the form does not say what became of the money, so
the filer's answers (`converted`, `rolled_over`, `to`, ...) complete it. Nothing is guessed:
a missing answer is an error naming the field to add (docs/documents.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import ValidationError

from form8606.ages import half_past_59
from form8606.calc.qualified import RolledRoth, designated_roth_rollover
from form8606.documents import codes as box7
from form8606.errors import Form8606Error, Problem
from form8606.ledger.documents import Form1099R
from form8606.ledger.model import (
    Conversion,
    Distribution,
    Entry,
    Ledger,
    PlanRollover,
    Recharacterization,
    ReturnedContribution,
)
from form8606.ledger.where import document_label
from form8606.money import CENT, ZERO, fmt_money

KIND_OF = {Conversion: "conversion", Distribution: "distribution", PlanRollover: "plan_rollover",
           Recharacterization: "recharacterization", ReturnedContribution: "returned_contribution"}

# The filer's answers, and the codes they belong to. An answer given where it means nothing is
# an error too: it is probably meant for another form.
ANSWERS = ("converted", "rolled_over", "outstanding_rollovers", "qcd", "to", "for_year", "amount",
           "contribution_date", "deducted", "reason", "homebuyer_expenses")
ALLOWED = {
    box7.IRA: {"converted", "rolled_over", "outstanding_rollovers", "qcd"},
    box7.IRA_TO_PLAN: {"rolled_over"},
    box7.ROTH: {"rolled_over", "qcd", "reason", "homebuyer_expenses"},
    box7.PLAN_ROLLOVER: {"to"},
    box7.DESIGNATED_ROTH: {"to", "reason"},
    box7.RECHARACTERIZATION: {"to", "for_year", "amount", "contribution_date", "deducted"},
    box7.RETURNED: {"for_year", "contribution_date"},
}


@dataclass(frozen=True)
class Derived:
    """One ledger event a document stands for."""

    kind: str  # its ledger table
    entry: Entry
    what: str  # in words, for the `documents` view
    fields: dict[str, str] = field(default_factory=dict)  # event field -> document field, for messages


@dataclass(frozen=True)
class Translation:
    doc: Form1099R
    label: str  # 'file: [[form_1099r]] #1 (you, 2025) Brokerage IRA'
    reading: box7.Reading
    events: tuple[Derived, ...]
    remarks: tuple[str, ...] = ()  # what the view should say beyond the events

    @property
    def treatment(self) -> str:
        return self.reading.treatment or ""

    @property
    def is_ira(self) -> bool:
        """Reported on Form 1040 lines 4a/4b (IRA distributions), not 5a/5b (plans)."""
        return self.treatment not in (box7.PLAN_ROLLOVER, box7.DESIGNATED_ROTH)

    @property
    def return_year(self) -> int:
        """The return whose lines 4a/4b take the form (Form 8606 instructions, Recharacterizations and
        Return of IRA Contributions: a correction of a prior-year contribution belongs to that year)."""
        if self.treatment in (box7.RETURNED, box7.RECHARACTERIZATION):
            return self.events[0].entry.for_year if self.events else self.doc.year
        return self.doc.year


def translate(ledger: Ledger, doc: Form1099R) -> Translation:
    where = document_label(ledger.source, "form_1099r", doc)
    reading = box7.read(doc.box7, doc.ira_sep_simple)
    if reading.treatment is None:
        raise Form8606Error(Problem(where, reading.problem, reading.field))
    problems = _misplaced_answers(doc, reading, where)
    if problems:
        raise Form8606Error(problems)
    build = _BUILDERS[reading.treatment]
    events, remarks = build(ledger, doc, reading, where)
    return Translation(doc, where, reading, tuple(events), tuple(remarks))


def _given(doc: Form1099R, name: str) -> bool:
    value = getattr(doc, name)
    return value is not None and value != ZERO


def _misplaced_answers(doc: Form1099R, reading: box7.Reading, where: str) -> list[Problem]:
    allowed = ALLOWED[reading.treatment]
    code = f"box 7 code \"{reading.text}\" ({box7.describe(reading.codes)})"
    return [Problem(where, f"`{name}` does not apply to {code}; remove it, or check box 7", name)
            for name in ANSWERS if _given(doc, name) and name not in allowed]


def _account(kind: str) -> str:
    return "Roth IRA" if kind == "roth" else "traditional IRA"


def _m(value: Decimal) -> str:
    return fmt_money(value, CENT)


def event_date(ledger: Ledger, doc: Form1099R, reading: box7.Reading) -> dt.date:
    """`date` when given. Otherwise December 31 of the form's year, for ordering; when the person
    turned 59 1/2 during that year, codes that say "under 59 1/2" (1, 2, J) put the event on the
    day before, so the age rules follow the code."""
    if doc.date is not None:
        return doc.date
    end = dt.date(doc.year, 12, 31)
    born = ledger.people[doc.who].birth_date if doc.who in ledger.people else None
    if born is not None and reading.codes & {"1", "2", "J"}:
        half = half_past_59(born)
        if dt.date(doc.year, 1, 1) < half <= end:
            return half - dt.timedelta(days=1)
    return end


def _make(model, where: str, names: dict[str, str], **values):
    """Build an event; its validation errors name the document's fields."""
    try:
        return model(**values)
    except ValidationError as exc:
        raise Form8606Error([Problem(where, err["msg"].removeprefix("Value error, "),
                                     names.get(str(err["loc"][-1])) if err["loc"] else None)
                             for err in exc.errors()]) from None


def _ira(ledger: Ledger, doc: Form1099R, reading: box7.Reading, where: str):
    """Codes 1, 2, 3, 7: a conversion for `converted`, a traditional distribution for the rest
    (with its rolled-over and QCD parts)."""
    if doc.converted is None:
        raise Form8606Error(Problem(where, f"what became of the money? Form 1099-R doesn't say whether box 1 "
                                    f"({_m(doc.box1)}) went to a Roth IRA: add `converted` (the part moved to a "
                                    "Roth IRA, 0 if none), and `rolled_over` or `qcd` for parts rolled over or paid "
                                    "to a charity", "converted"))
    parts = doc.converted + doc.rolled_over + doc.qcd
    if parts > doc.box1:
        raise Form8606Error(Problem(where, f"converted + rolled_over + qcd ({_m(parts)}) is more than box 1 "
                                    f"({_m(doc.box1)})", "converted"))
    if doc.outstanding_rollovers > doc.rolled_over:
        raise Form8606Error(Problem(where, f"`outstanding_rollovers` ({_m(doc.outstanding_rollovers)}) is more than "
                                    f"`rolled_over` ({_m(doc.rolled_over)})", "outstanding_rollovers"))
    if "Y" in reading.codes and not doc.qcd:
        raise Form8606Error(Problem(where, "code Y says this is a qualified charitable distribution: add `qcd`, the "
                                    "part paid directly to the charity", "qcd"))
    date = event_date(ledger, doc, reading)
    born = ledger.people[doc.who].birth_date if doc.who in ledger.people else None
    if "1" in reading.codes and born is not None and max(date, dt.date(doc.year, 1, 1)) >= half_past_59(born):
        raise Form8606Error(Problem(where, f"not supported: code 1 at 59 1/2 or older (reached {half_past_59(born)}) "
                                    "marks a changed series of substantially equal periodic payments (section "
                                    "72(t)), whose recapture tax form8606 does not compute; if the code is a "
                                    "payer's mistake, have the form corrected", "box7"))
    events: list[Derived] = []
    remarks: list[str] = []
    if doc.converted:
        conv = _make(Conversion, where, {"amount": "converted", "date": "date"},
                     who=doc.who, date=date, amount=doc.converted)
        events.append(Derived("conversion", conv, f"converted to a Roth IRA: {_m(doc.converted)}",
                              {"amount": "converted", "date": "date"}))
    rest = doc.box1 - doc.converted
    if rest:
        dist = _make(Distribution, where, {"amount": "box1", "rolled_over": "rolled_over", "qcd": "qcd"},
                     who=doc.who, date=date, **{"from": "traditional"}, amount=rest, rolled_over=doc.rolled_over,
                     qcd=doc.qcd)
        parts = [f"rolled over {_m(doc.rolled_over)}"] if doc.rolled_over else []
        parts += [f"paid to a charity (QCD) {_m(doc.qcd)}"] if doc.qcd else []
        events.append(Derived("distribution", dist, f"distributed from a traditional IRA: {_m(rest)}"
                              + (f" ({', '.join(parts)})" if parts else ""),
                              {"amount": "box1", "rolled_over": "rolled_over", "qcd": "qcd", "date": "date"}))
    if doc.outstanding_rollovers:
        remarks.append(f"{_m(doc.outstanding_rollovers)} of the rollover reached the IRA only after December 31: an "
                       "outstanding rollover for line 6 when line 6 comes from Forms 5498")
    return events, remarks


def _ira_to_plan(ledger: Ledger, doc: Form1099R, reading: box7.Reading, where: str):
    """Code G with the IRA box: a traditional IRA rolled directly into an employer plan (it leaves
    line 6 and is not a line-7 distribution)."""
    if doc.rolled_over and doc.rolled_over != doc.box1:
        raise Form8606Error(Problem(where, f"a direct rollover (code G) rolls over all of box 1 ({_m(doc.box1)}); "
                                    "remove `rolled_over` or fix it", "rolled_over"))
    dist = _make(Distribution, where, {"amount": "box1"}, who=doc.who, date=event_date(ledger, doc, reading),
                 **{"from": "traditional"}, amount=doc.box1, rolled_over=doc.box1)
    return [Derived("distribution", dist, f"rolled directly from a traditional IRA into an employer plan: "
                    f"{_m(doc.box1)}", {"amount": "box1", "rolled_over": "box1", "date": "date"})], []


def _roth(ledger: Ledger, doc: Form1099R, reading: box7.Reading, where: str):
    """Codes J, T, Q: a Roth IRA distribution; whether it is qualified is decided by the ledger's
    own 5-year and 59 1/2 rules (a disagreement with the code is warned about)."""
    names = {"amount": "box1", "rolled_over": "rolled_over", "qcd": "qcd", "reason": "reason",
             "homebuyer_expenses": "homebuyer_expenses", "date": "date"}
    dist = _make(Distribution, where, names, who=doc.who, date=event_date(ledger, doc, reading),
                 **{"from": "roth"}, amount=doc.box1, rolled_over=doc.rolled_over, qcd=doc.qcd, reason=doc.reason,
                 homebuyer_expenses=doc.homebuyer_expenses)
    return [Derived("distribution", dist, f"distributed from a Roth IRA: {_m(doc.box1)} (code "
                    f"{reading.text}: {box7.MEANING[next(iter(reading.codes))]})", names)], []


def _plan_rollover(ledger: Ledger, doc: Form1099R, reading: box7.Reading, where: str):
    """Code G from a plan: a direct rollover into the IRA named by `to`; box 5 is the after-tax
    money. Into a Roth IRA the rest is taxable (box 2a); into a traditional IRA it is pre-tax."""
    if doc.to is None:
        raise Form8606Error(Problem(where, "a direct rollover (code G): which kind of IRA received it? Add "
                                    "to = \"roth\" or to = \"traditional\"", "to"))
    if doc.box5 > doc.box1:
        raise Form8606Error(Problem(where, f"box 5 ({_m(doc.box5)}) is more than box 1 ({_m(doc.box1)})", "box5"))
    remarks = []
    if doc.to == "roth":
        taxable = doc.box1 - doc.box5 if doc.box2a is None else doc.box2a
        if taxable + doc.box5 != doc.box1:
            raise Form8606Error(Problem(where, f"box 2a ({_m(taxable)}) + box 5 ({_m(doc.box5)}) is not box 1 "
                                        f"({_m(doc.box1)}): part of this rollover went elsewhere. A rollover split "
                                        "between a Roth and a traditional IRA on one form is not supported; leave "
                                        "the form out and write a [[plan_rollover]] for each part", "box2a"))
    else:
        taxable = doc.box1 - doc.box5
        if doc.box2a:
            remarks.append(f"box 2a shows {_m(doc.box2a)} taxable, but a direct rollover into a traditional IRA is "
                           "not taxable; check `to`")
    roll = _make(PlanRollover, where, {"taxable": "box2a", "after_tax": "box5"}, who=doc.who,
                 date=event_date(ledger, doc, reading), to=doc.to, taxable=taxable, after_tax=doc.box5)
    return [Derived("plan_rollover", roll, f"rolled over from an employer plan into a {doc.to} IRA: pre-tax "
                    f"{_m(taxable)}, after-tax {_m(doc.box5)}", {"taxable": "box2a", "after_tax": "box5",
                                                                   "date": "date", "to": "to"})], remarks


def _designated_roth(ledger: Ledger, doc: Form1099R, reading: box7.Reading, where: str):
    """Code H: a designated Roth account rolled into a Roth IRA. Box 5 (its contributions) is Roth
    basis, and the rest too when the plan's distribution was qualified (Treas. Reg. 1.408A-10,
    A-3(a)): box 11 and the age or disability decide it (calc/qualified.py). Whatever would change
    the basis and is missing is asked for, never guessed."""
    if doc.to == "traditional":
        raise Form8606Error(Problem(where, "code H is a rollover into a Roth IRA; a designated Roth account can't go "
                                    "into a traditional IRA. Remove `to` or check box 7", "to"))
    if doc.box5 > doc.box1:
        raise Form8606Error(Problem(where, f"box 5 ({_m(doc.box5)}) is more than box 1 ({_m(doc.box1)})", "box5"))
    if doc.reason == "first_home":
        raise Form8606Error(Problem(where, "a first-time home purchase does not make a designated Roth account's "
                                    "distribution qualified (IRC 402A(d)(2)(A) leaves out 408A(d)(2)(A)(iv)); remove "
                                    "`reason`", "reason"))
    date, earnings = event_date(ledger, doc, reading), doc.box1 - doc.box5
    rolled = _rolled(ledger, doc, date, earnings, where)
    names = {"designated_roth_basis": "box5", "designated_roth_earnings": "box1",
             "designated_roth_first_year": "box11", "reason": "reason", "date": "date"}
    roll = _make(PlanRollover, where, names, who=doc.who, date=date, to="roth", designated_roth_basis=doc.box5,
                 designated_roth_earnings=earnings, designated_roth_first_year=doc.box11, reason=doc.reason)
    if rolled.qualified is None:
        basis = "no earnings"
    elif rolled.qualified:
        basis = f"a qualified distribution (box 11: {doc.box11}): all of it is Roth basis"
    else:
        basis = f"not a qualified distribution (box 11: {doc.box11}): the {_m(earnings)} of earnings are not basis"
    return [Derived("plan_rollover", roll, f"rolled over from a designated Roth account into a Roth IRA: "
                    f"{_m(doc.box1)}, of which {_m(doc.box5)} contributions; {basis}", names)], []


def _rolled(ledger: Ledger, doc: Form1099R, date: dt.date, earnings: Decimal, where: str) -> RolledRoth:
    """The rule's answer for the form, or a problem naming what decides it."""
    born = ledger.people[doc.who].birth_date if doc.who in ledger.people else None
    rolled = designated_roth_rollover(date, doc.box5, earnings, doc.box11, doc.reason, born)
    why = (f"whether the {_m(earnings)} of earnings (box 1 - box 5) are Roth basis depends on whether the plan's "
           "distribution was qualified (Treas. Reg. 1.408A-10, A-3(a))")
    if rolled.needs == "first_year":
        raise Form8606Error(Problem(where, f"{why}: copy box 11, the first year of designated Roth contributions "
                                    "(box11 = YEAR)", "box11"))
    if rolled.needs == "birth_date":
        raise Form8606Error(Problem(where, f"{why}, which 59 1/2 decides: add birth_date to [people.{doc.who}], or "
                                    "reason = \"disability\" if that applies"))
    if doc.date is None and born is not None:  # undated: December 31, unless 59 1/2 came during the year
        first = designated_roth_rollover(dt.date(doc.year, 1, 1), doc.box5, earnings, doc.box11, doc.reason, born)
        if first.qualified != rolled.qualified:
            raise Form8606Error(Problem(where, f"{why}, and 59 1/2 came on {half_past_59(born)}, during {doc.year}: "
                                        "add `date`, the day of the rollover", "date"))
    return rolled


def _code_year(doc: Form1099R, reading: box7.Reading, where: str, fixed: bool) -> int:
    """The year of the contribution corrected: the form's year for codes N and 8, the year before
    for R and P. `for_year` may say otherwise only for 8 and P (a contribution for one year made
    the next)."""
    prior = bool(reading.codes & {"R", "P"})
    year = doc.year - 1 if prior else doc.year
    if doc.for_year is not None and doc.for_year != year:
        if fixed:
            raise Form8606Error(Problem(where, f"code {reading.text} means a contribution for {year}, not "
                                        f"{doc.for_year}; remove `for_year` or check box 7", "for_year"))
        return doc.for_year
    return year


def _recharacterization(ledger: Ledger, doc: Form1099R, reading: box7.Reading, where: str):
    """Codes N and R: a contribution moved to the other kind of IRA; box 1 is what moved."""
    missing = [f for f in ("to", "amount") if getattr(doc, f) is None]
    if missing:
        asks = {"to": "which IRA received it: to = \"traditional\" (a Roth contribution recharacterized) or "
                      "to = \"roth\"",
                "amount": f"the contribution recharacterized, without its earnings (box 1, {_m(doc.box1)}, "
                          "includes them): amount = ..."}
        raise Form8606Error([Problem(where, f"a recharacterization (code {reading.text}) needs {asks[f]}", f)
                             for f in missing])
    names = {"amount": "amount", "moved": "box1", "deducted": "deducted", "contribution_date": "contribution_date",
             "for_year": "for_year", "date": "date"}
    rech = _make(Recharacterization, where, names, who=doc.who, date=event_date(ledger, doc, reading),
                 for_year=_code_year(doc, reading, where, fixed=True),
                 **{"from": "roth" if doc.to == "traditional" else "traditional"}, amount=doc.amount, moved=doc.box1,
                 deducted=doc.deducted, contribution_date=doc.contribution_date)
    what = (f"recharacterized {rech.for_year} contribution: {_m(doc.amount)} moved from the {_account(rech.from_)} "
            f"to the {_account(rech.to)} ({_m(doc.box1)} with earnings)")
    return [Derived("recharacterization", rech, what, names)], []


def _returned(ledger: Ledger, doc: Form1099R, reading: box7.Reading, where: str):
    """Codes 8 and P: a contribution returned before the due date; box 2a is the earnings."""
    if doc.box2a is None:
        raise Form8606Error(Problem(where, "a returned contribution (code 8 or P): box 2a holds the earnings paid out "
                                    "with it; copy it (box2a = 0 if none)", "box2a"))
    if doc.box2a > doc.box1:
        raise Form8606Error(Problem(where, f"box 2a ({_m(doc.box2a)}) is more than box 1 ({_m(doc.box1)})", "box2a"))
    source = "traditional" if doc.ira_sep_simple else "roth"
    names = {"amount": "box1", "earnings": "box2a", "for_year": "for_year", "contribution_date": "contribution_date",
             "date": "date"}
    ret = _make(ReturnedContribution, where, names, who=doc.who, date=event_date(ledger, doc, reading),
                for_year=_code_year(doc, reading, where, fixed=False), **{"from": source},
                amount=doc.box1 - doc.box2a, earnings=doc.box2a, contribution_date=doc.contribution_date)
    return [Derived("returned_contribution", ret, f"returned {ret.for_year} {source} contribution: "
                    f"{_m(ret.amount)}, with earnings {_m(ret.earnings)}", names)], []


_BUILDERS = {
    box7.IRA: _ira,
    box7.IRA_TO_PLAN: _ira_to_plan,
    box7.ROTH: _roth,
    box7.PLAN_ROLLOVER: _plan_rollover,
    box7.DESIGNATED_ROTH: _designated_roth,
    box7.RECHARACTERIZATION: _recharacterization,
    box7.RETURNED: _returned,
}
