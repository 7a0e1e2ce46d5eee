"""Eligibility rules the calculator applies itself (issue 14): QCDs (age, yearly limit, the
otherwise-taxable part), the once-in-a-lifetime HSA funding distribution, the deadline of
recharacterizations and returned contributions, and contributions returned after December 31.
Each test is built from the IRS text it cites."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from form8606 import rules
from form8606.ages import half_past_70
from form8606.errors import Form8606Error
from tests.helpers import (
    ELDER,
    SPOUSE,
    as_json,
    form_1099r,
    forms_of,
    ledger_of,
    lines_of,
    money_lines,
    run,
)

# Born 1950-06-01: 75 in 2025, 70 1/2 on 2020-12-01 (QCDs allowed since).
AMY = 'version = 1\n[people.you]\nname = "Amy"\nbirth_date = 1950-06-01\n'


def dist(date: str, amount: int, who: str = "you", **parts) -> str:
    extra = "".join(f"{k} = {v}\n" for k, v in parts.items())
    return f'[[distribution]]\nwho = "{who}"\ndate = {date}\nfrom = "traditional"\namount = {amount}\n{extra}'


def year_end(value: int, year: int = 2025, who: str = "you") -> str:
    return f'[[year_end]]\nwho = "{who}"\nyear = {year}\ntraditional = {value}\n'


def basis(amount: int, who: str = "you", **fields) -> str:
    extra = "".join(f"{k} = {v}\n" for k, v in fields.items())
    return f'[[opening]]\nwho = "{who}"\nyear = 2024\ntraditional_basis = {amount}\n{extra}'


def refused(body: str, header: str = AMY) -> list[str]:
    with pytest.raises(Form8606Error) as exc:
        forms_of(body, header)
    return [str(p) for p in exc.value.problems]


# ---- QCD limited to the otherwise-taxable amount ---------------------------------------------

# Pub. 590-B (2025), chapter 1, Qualified charitable distributions (QCDs), Example: "On December
# 23, 2025, Amy, age 75, directed the trustee of her IRA to make a distribution of $25,000 directly
# to a qualified section 501(c)(3) organization ... The total value of Amy's IRA is $30,000 and
# consists of $20,000 of deductible contributions and earnings and $10,000 of nondeductible
# contributions (basis). ... the part of the distribution that would otherwise be includible in
# Amy's income ($20,000) is a QCD. ... Amy enters -0- on line 4b. This is Amy's only IRA and she
# took no other distributions in 2025. ... After the distribution, her basis in her IRA is $5,000."
# Invented: her IRA keeps its value until December 31 (30,000 - 25,000 = 5,000 on line 6).
# Form 8606: 2 = 3 = 5 = 10,000; 6 = 5,000; 7 = 25,000 - 20,000 QCD = 5,000; 9 = 10,000;
# 10 = 1; 12 = 13 = 5,000; 14 = 5,000; 15a = 15c = 0.
AMY_2025 = basis(10000) + year_end(5000)
AMY_LINES = money_lines(l1=0, l2=10000, l3=10000, l4=0, l5=10000, l6=5000, l7=5000, l8=0, l9=10000, l10="1.00000",
                        l11=0, l12=5000, l13=5000, l14=5000, l15a=0, l15b=0, l15c=0)


@pytest.mark.parametrize("qcd", [25000, 20000])
def test_pub_590b_amy_qcd_comes_first_out_of_the_taxable_part(qcd):
    """Whether the ledger (or her Form 1099-R) calls all $25,000 or only $20,000 a QCD, only the
    $20,000 that would otherwise be taxable stays off line 7 (IRC 408(d)(8)(D))."""
    (form,) = forms_of(AMY_2025 + dist("2025-12-23", 25000, qcd=qcd), AMY)
    assert lines_of(form) == AMY_LINES
    assert form.basis_end == 5000 and form.taxable_ira.total == 0  # "Amy enters -0- on line 4b"
    assert form.required  # "she must file Form 8606 with her return"
    notes = [n for n in form.notes if n.code == "qcd_basis_part"]
    if qcd == 20000:
        assert notes == []
    else:
        (note,) = notes
        assert note.level == "warning" and note.subject.positions == (1,)
        assert "only 20,000.00 of the 25,000.00 given to charity would otherwise be taxable" in note.message
        assert "so 5,000.00 of this distribution's QCD is a distribution of basis" in note.message


def test_without_basis_the_whole_qcd_stays_off_line_7():
    (form,) = forms_of(dist("2025-12-23", 25000, qcd=25000) + year_end(5000), AMY)
    assert form.lines == {} and form.taxable_ira.total == 0 and not form.notes


def test_the_latest_qcd_gives_way_first():
    # Amy's figures split in two gifts: 15,000 in June and 10,000 in December, both called QCDs.
    # 20,000 is taxable: the June gift is all QCD, 5,000 of December's is basis.
    (form,) = forms_of(AMY_2025 + dist("2025-06-02", 15000, qcd=15000) + dist("2025-12-23", 10000, qcd=10000), AMY)
    assert lines_of(form) == AMY_LINES
    (note,) = [n for n in form.notes if n.code == "qcd_basis_part"]
    assert note.subject.positions == (2,) and note.subject.date == dt.date(2025, 12, 23)


# ---- QCD age ---------------------------------------------------------------------------------

# Pub. 590-B (2025), chapter 1, QCDs: "You must be at least age 70 1/2 when the distribution is
# made." Born 1955-08-15: 70 on 2025-08-15, 70 1/2 six months later, on 2026-02-15.
BORN_1955 = 'version = 1\n[people.you]\nname = "Ben"\nbirth_date = 1955-08-15\n'


def test_seventy_and_a_half_is_six_months_after_the_70th_birthday():
    assert half_past_70(dt.date(1955, 8, 15)) == dt.date(2026, 2, 15)
    assert half_past_70(dt.date(1955, 8, 31)) == dt.date(2026, 2, 28)  # no February 31


@pytest.mark.parametrize(("day", "on_line_7"), [("2026-02-14", 6000), ("2026-02-15", 0)])
def test_a_qcd_before_70_and_a_half_is_an_ordinary_distribution(day, on_line_7):
    # Basis 1,000, December 31 value 50,000: Part I is completed whenever line 7 has an amount.
    (form,) = forms_of(basis(1000) + dist(day, 6000, qcd=6000) + year_end(50000, 2026), BORN_1955)
    notes = [n for n in form.notes if n.code == "qcd_before_70_half"]
    if on_line_7:
        # 7 = 6,000; 9 = 56,000; 10 = 1,000 / 56,000 = 0.01786; 12 = 107; 15c = 5,893
        assert (form.value("7"), form.value("12"), form.value("15c")) == (6000, 107, 5893)
        (note,) = notes
        assert "before Ben was 70 1/2 (on 2026-02-15)" in note.message and note.level == "warning"
    else:
        # Form 8606, question after line 3: no line-7 distribution, so Part I is not completed
        assert form.lines == {} and form.basis_end == 1000 and form.taxable_ira.total == 0 and notes == []


def test_a_qcd_without_birth_date_is_refused_naming_birth_date():
    header = 'version = 1\n[people.you]\nname = "Ben"\n'
    (problem,) = refused(dist("2025-03-01", 6000, qcd=6000), header)
    assert problem.startswith("test.toml: [people.you], field `birth_date`: [[distribution]] #1 (you, 2025-03-01)")
    assert "on or after the day the owner is 70 1/2 (Pub. 590-B, chapter 1, Qualified charitable distributions)" \
        in problem


def test_a_qcd_from_a_roth_ira_is_refused():
    roth = ('[[opening]]\nwho = "you"\nyear = 2024\nroth_contribution_basis = 20000\nfirst_roth_year = 2010\n'
            '[[distribution]]\nwho = "you"\ndate = 2025-03-01\nfrom = "roth"\namount = 5000\nqcd = 5000\n')
    (problem,) = refused(roth)
    assert problem.startswith("test.toml: [[distribution]] #1 (you, 2025-03-01), field `qcd`: not supported")
    assert "IRC 408(d)(8)(D)" in problem


# ---- QCD yearly limit ------------------------------------------------------------------------

def test_the_qcd_limit_by_year():
    # $100,000 (IRC 408(d)(8)(A)) through 2023, then indexed: Notice 2023-75; Pub. 590-B (2025):
    # "The maximum annual exclusion for QCDs is $108,000"; its 2026 worksheet: "not to exceed $111,000".
    limits = {year: rules.for_year(year).qcd_limit for year in rules.SUPPORTED_YEARS}
    assert limits == {2018: 100000, 2019: 100000, 2020: 100000, 2021: 100000, 2022: 100000, 2023: 100000, 2024: 105000,
                      2025: 108000, 2026: 111000}


def test_qcds_over_the_yearly_limit_are_ordinary_distributions():
    # Pub. 590-B (2025): "Any QCD in excess of the $108,000 exclusion limit is included in income as
    # any other distribution." 70,000 in March and 50,000 in October: 12,000 of October's is over.
    # Basis 10,000; December 31 value 400,000: 7 = 12,000; 9 = 412,000; 10 = 0.02427; 12 = 291.
    (form,) = forms_of(basis(10000) + dist("2025-03-03", 70000, qcd=70000) + dist("2025-10-01", 50000, qcd=50000)
                       + year_end(400000), AMY)
    assert (form.value("7"), str(form.value("10")), form.value("12"), form.value("15c")) == (12000, "0.02427", 291,
                                                                                              11709)
    (note,) = [n for n in form.notes if n.code == "qcd_over_limit"]
    assert note.subject.positions == (2,)
    assert "reach the 108,000.00 limit (Notice 2024-80" in note.message and "12,000.00 of this one" in note.message


def test_each_spouse_has_a_qcd_limit_of_their_own():
    # Pub. 590-B (2025): "If you file a joint return, your spouse can also have a QCD and exclude
    # up to $108,000."
    header = AMY + SPOUSE + "birth_date = 1951-01-01\n"
    forms = forms_of(dist("2025-03-03", 108000, qcd=108000) + dist("2025-03-03", 108000, who="spouse", qcd=108000)
                     + year_end(0) + year_end(0, who="spouse"), header)
    assert [f.taxable_ira.total for f in forms] == [0, 0] and not [n for f in forms for n in f.notes]


# ---- HSA funding distribution ----------------------------------------------------------------

# Pub. 590-B (2025), chapter 1, One-time transfer: "Generally, only one qualified HSA funding
# distribution is allowed during your lifetime." (IRC 408(d)(9)(C)(ii)(I)).

def test_a_second_hsa_funding_distribution_in_a_later_year_is_ordinary():
    (y2024, y2025) = forms_of(dist("2024-03-01", 4000, hsa_funding=4000) + year_end(60000, 2024)
                              + dist("2025-03-01", 4000, hsa_funding=4000) + year_end(60000), ELDER)
    assert y2024.taxable_ira.total == 0 and not y2024.notes
    assert y2025.taxable_ira.no_basis == 4000
    (note,) = y2025.notes
    assert note.code == "hsa_funding_repeated" and "was made in 2024" in note.message


def test_an_opening_names_the_year_of_the_hsa_funding_distribution():
    (form,) = forms_of(basis(0, hsa_funding_year=2018) + dist("2025-03-01", 4000, hsa_funding=4000) + year_end(0),
                       ELDER)
    assert form.taxable_ira.no_basis == 4000 and [n.code for n in form.notes] == ["hsa_funding_repeated"]
    with pytest.raises(Form8606Error, match="`hsa_funding_year` \\(2025\\) is after the opening year 2024"):
        ledger_of(basis(0, hsa_funding_year=2025), ELDER)


def test_a_second_hsa_funding_distribution_in_the_same_year_is_warned_about():
    # IRC 408(d)(9)(C)(ii)(II): a second one in the same year after a change to family coverage.
    (form,) = forms_of(dist("2025-03-01", 4000, hsa_funding=4000) + dist("2025-09-01", 4000, hsa_funding=4000)
                       + year_end(60000), ELDER)
    assert form.taxable_ira.total == 0
    (note,) = form.notes
    assert note.code == "hsa_funding_second" and note.subject.positions == (2,)


# ---- deadline of recharacterizations and returned contributions ------------------------------

# Form 8606 instructions (2023), Recharacterizations: "You must generally make the transfer by the
# due date of your return (including extensions) ... if you timely filed your return without
# making the transfer, you can make the transfer within 6 months of the due date of your return,
# excluding extensions." Pub. 590-A (2025): "this period ends on October 15, 2026. When the date
# ... falls on a Saturday, Sunday, or legal holiday, the due date is delayed until the next
# business day."
CONTRIBUTION = '[[contribution]]\nwho = "you"\ndate = {year}-05-01\nto = "roth"\namount = 5000\n'


def correction(kind: str, year: int, day: str) -> str:
    return (CONTRIBUTION.format(year=year) + f'[[{kind}]]\nwho = "you"\ndate = {day}\nfor_year = {year}\n'
            'from = "roth"\namount = 5000\n')


@pytest.mark.parametrize(("year", "last"), [(2025, "2026-10-15"), (2021, "2022-10-17"), (2022, "2023-10-16")])
@pytest.mark.parametrize("kind", ["recharacterization", "returned_contribution"])
def test_a_correction_after_the_extended_due_date_is_refused(kind, year, last):
    ledger_of(correction(kind, year, last), AMY)  # on the day: fine
    day = dt.date.fromisoformat(last) + dt.timedelta(days=1)
    with pytest.raises(Form8606Error) as exc:
        ledger_of(correction(kind, year, day.isoformat()), AMY)
    (problem,) = [str(p) for p in exc.value.problems]
    done = "recharacterized" if kind == "recharacterization" else "returned"
    assert problem.startswith(f"test.toml: [[{kind}]] #1 (you, {day}), field `date`: {done} on {day}, after the "
                              f"deadline for {year} contributions, {last} (the due date of the {year} return "
                              "including extensions; Form 8606 instructions, ")


@pytest.mark.parametrize(("date", "late"), [("2026-11-02", True), (None, False)])
def test_a_recharacterization_read_from_a_form_1099r_meets_the_same_deadline(date, late):
    # Code R: a 2025 contribution recharacterized in 2026. Without `date` the form's day is not
    # known (December 31, 2026 only stands in for ordering), so there is nothing to check.
    dated = {"date": date} if date else {}
    doc = form_1099r(year=2026, box1=7150, box2a=0, box7="R", to="traditional", amount=7000, **dated)
    contribution = '[[contribution]]\nwho = "you"\ndate = 2025-03-01\nto = "roth"\namount = 7000\n'
    if not late:
        assert forms_of(contribution + doc, AMY)[0].value("1") == 7000
        return
    (problem,) = refused(contribution + doc)
    assert problem.startswith("test.toml: [[form_1099r]] #1 (you, 2026) -> [[recharacterization]], field `date`: "
                              "recharacterized on 2026-11-02, "
                              "after the deadline for 2025 contributions, 2026-10-15")


def test_a_late_recharacterization_is_refused_by_the_command_line(tmp_path):
    result = run("compute", "LEDGER", text=AMY + correction("recharacterization", 2025, "2026-11-02"),
                 tmp_path=tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "a later transfer is not a recharacterization" in result.stderr


# ---- contributions returned after December 31 ------------------------------------------------

# Form 8606 instructions (2023), Return of IRA Contributions: returned contributions "are treated
# as if they were never contributed"; Line 6 adjusts the December 31 value for recharacterizations
# made after December 31 only. A 2025 traditional contribution returned in February 2026 was in the
# December 31, 2025 value.
RETURNED_LATER = ('[[contribution]]\nwho = "you"\ndate = 2025-05-01\nto = "traditional"\namount = 8000\n'
                  '[[returned_contribution]]\nwho = "you"\ndate = 2026-02-10\nfor_year = 2025\nfrom = "traditional"\n'
                  'amount = 1000\nearnings = 40\n')


def test_returned_after_december_31_is_refused_when_line_6_is_needed():
    (problem,) = refused(RETURNED_LATER + '[[conversion]]\nwho = "you"\ndate = 2025-06-01\namount = 7000\n'
                         + year_end(1040))
    assert problem.startswith("test.toml: you 2025: [[returned_contribution]] #1 (you, 2026-02-10) returned 1,000.00 "
                              "of a 2025 traditional contribution after December 31, 2025")
    assert "not supported yet" in problem and "Return of IRA Contributions" in problem


def test_returned_after_december_31_is_computed_when_line_6_is_not_needed():
    # No distribution or conversion: lines 1-3 and 14 only; line 1 = 8,000 - 1,000 returned.
    (form,) = forms_of(RETURNED_LATER + year_end(8400), AMY)
    assert lines_of(form) == money_lines(l1=7000, l2=0, l3=7000, l14=7000)


def test_returned_in_the_next_year_of_a_contribution_made_then_is_not_on_line_6():
    # Made 2026-02-01 for 2025 and returned 2026-03-01: never in the December 31 value (line 4).
    body = ('[[contribution]]\nwho = "you"\ndate = 2026-02-01\nfor_year = 2025\nto = "traditional"\namount = 8000\n'
            '[[returned_contribution]]\nwho = "you"\ndate = 2026-03-01\nfor_year = 2025\nfrom = "traditional"\n'
            'amount = 1000\n' + dist("2025-06-01", 1000) + year_end(20000))
    (form,) = forms_of(body, AMY)
    assert (form.value("1"), form.value("4"), form.value("6")) == (7000, 7000, 20000)


def test_the_json_lists_the_qcd_warning(tmp_path):
    result = run("compute", "LEDGER", "--format", "json", text=AMY + AMY_2025 + dist("2025-12-23", 25000, qcd=25000),
                 tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    (form,) = as_json(result)["forms"]
    assert [w["code"] for w in form["warnings"]] == ["qcd_basis_part"]
    assert form["lines"]["7"] == Decimal(5000)
