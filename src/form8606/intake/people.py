"""Whose each filed form is, from its heading: the people of a new ledger.

Form 8606 names one person ("If married, file a separate form for each spouse"), so a joint
return has two forms a year. Forms that share a name or an SSN are one person's; the first
person met, in the order the files were given, is "you", the second "spouse".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from form8606 import rules
from form8606.check.identity import same_name, same_ssn
from form8606.check.theirs import TheirForm
from form8606.errors import CONTROL, Form8606Error

WHO = ("you", "spouse")
FULL_SSN = re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{4}")  # as a ledger takes it (ledger.base)
LAST_YEAR = rules.SUPPORTED_YEARS.stop - 1


@dataclass(frozen=True)
class Filed:
    """One filed Form 8606, whose it is, and the file it was read from (as the user named it)."""

    who: str
    year: int
    form: TheirForm
    file: str

    @property
    def lines(self):
        return self.form.lines


@dataclass(frozen=True)
class Person:
    """A person as the latest of their forms prints them."""

    who: str
    name: str | None
    ssn: str | None  # as printed: full, masked or None
    source: str  # the form the heading was read from


def whose(read: list[tuple[str, list[TheirForm]]], year: int | None) -> tuple[list[Filed], list[Person]]:
    """Every form with its person and year, oldest first, and the people. `year` labels a form
    whose file doesn't say (a CSV), as in `check`."""
    forms = [(file, form, _year(file, form, year)) for file, read_forms in read for form in read_forms]
    groups = _groups([form for _, form, _ in forms])
    labels = _labels(groups)
    whom = {id(form): label for group, label in zip(groups, labels) for form in group}
    filed = [Filed(whom.get(id(form)) or _nobody(form, groups, labels), when, form, file) for file, form, when in forms]
    filed = _one_per_year(sorted(filed, key=lambda f: (WHO.index(f.who), f.year)))
    people = [_person(who, [f for f in filed if f.who == who]) for who in WHO if any(f.who == who for f in filed)]
    return filed, people


def _groups(forms: list[TheirForm]) -> list[list[TheirForm]]:
    """The forms that name someone, by person: forms sharing a label, a name or an SSN."""
    groups: list[list[TheirForm]] = []
    for form in forms:
        if not (form.person or form.name or form.ssn):
            continue
        group = next((g for g in groups if any(_same(form, member) for member in g)), None)
        if group is None:
            groups.append([form])
        else:
            group.append(form)
    return groups


def _year(file: str, form: TheirForm, year: int | None) -> int:
    when = form.year if form.year is not None else year
    if when is None:
        raise Form8606Error(f"{file}: the file doesn't say which tax year it is; pass --year")
    if when > LAST_YEAR:
        raise Form8606Error(f"{form.source}: a form for {when}; form8606 supports tax years through {LAST_YEAR}")
    return when


def _same(a: TheirForm, b: TheirForm) -> bool:
    if a.person or b.person:
        return a.person == b.person
    return (bool(a.name and b.name) and same_name(a.name, b.name)) or same_ssn(a.ssn, b.ssn) or same_ssn(b.ssn, a.ssn)


def _labels(groups: list[list[TheirForm]]) -> list[str]:
    """"you" or "spouse" for each group: its own label (the JSON of `compute`), else the first free."""
    if len(groups) > len(WHO):
        names = ", ".join(_shown(g[0]) for g in groups)
        raise Form8606Error(f"the forms are of {len(groups)} people ({names}); a ledger holds one person or a couple")
    free = [w for w in WHO if w not in {g[0].person for g in groups}]
    return [g[0].person or free.pop(0) for g in groups]


def _nobody(form: TheirForm, groups: list[list[TheirForm]], labels: list[str]) -> str:
    """Whose a form without a heading (a CSV) is: the only person's."""
    if len(labels) <= 1:
        return (labels or ["you"])[0]
    raise Form8606Error(f"{form.source}: can't tell whose form this is: it prints no name or SSN, and the other forms "
                        f"are of {' and '.join(_shown(g[0]) for g in groups)}; give the form as the return prints it")


def _one_per_year(filed: list[Filed]) -> list[Filed]:
    """The same form given twice (a PDF and its JSON) counts once; two different forms of one
    person for one year can't both be right."""
    out: list[Filed] = []
    for f in filed:
        twin = next((o for o in out if (o.who, o.year) == (f.who, f.year)), None)
        if twin is None:
            out.append(f)
        elif twin.lines != f.lines:
            raise Form8606Error(f"two different Forms 8606 of {f.who} for {f.year}: {twin.form.source} and "
                                f"{f.form.source}; give the one that was filed (an amended return's, if any)")
    return out


def _person(who: str, filed: list[Filed]) -> Person:
    """The name of the latest form that prints one; the SSN of the latest that prints it whole
    (else masked)."""
    named = [f for f in filed if f.form.name]
    numbered = sorted((f for f in filed if f.form.ssn), key=lambda f: bool(FULL_SSN.fullmatch(f.form.ssn)))
    return Person(who, _clean(named[-1].form.name) if named else None,
                  numbered[-1].form.ssn if numbered else None, (named or filed)[-1].form.source)


def _clean(name: str) -> str | None:
    """A printed name as a ledger takes it: no control characters, spaces as one."""
    return " ".join(CONTROL.sub(" ", name).split()) or None


def _shown(form: TheirForm) -> str:
    return form.name or form.ssn or form.person or form.source
