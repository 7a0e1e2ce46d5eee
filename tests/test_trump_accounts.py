"""Trump accounts (issue 14): refused, naming the entry, the rule and its source, until the 2026
form's treatment is final."""

from __future__ import annotations

from tests.helpers import BACKDOOR, YOUNG, form_1099r, form_5498, run, year_end


def test_a_trump_account_is_refused_as_not_supported_yet(tmp_path):
    # Pub. 590-A (2025), What's New: "Recent legislation allows parents, guardians, and other authorized
    # individuals to elect to establish a new type of individual retirement account, called a Trump
    # account, for the exclusive benefit of certain children" (IRC 530A, added by P.L. 119-21).
    body = (BACKDOOR + year_end() + form_5498(trustee="Kid's Trump account", kind="trump", box1=1000, box5=1000)
            + form_1099r(payer="Trump account trustee", box1=500, box7="7", ira_sep_simple=True, converted=0,
                         trump_account=True))
    result = run("compute", "LEDGER", text=YOUNG + body, tmp_path=tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    first, second = [line for line in result.stderr.splitlines() if "Trump account" in line]
    assert "[[form_5498]] #1 (you, 2025) Kid's Trump account, field `kind`: not supported yet: a Trump account " \
           "(IRC 530A, added by P.L. 119-21; Pub. 590-A (2025), What's New)" in first
    assert "[[form_1099r]] #1 (you, 2025) Trump account trustee, field `trump_account`: not supported yet" in second
    assert "2026 form" in first and "Leave this form out" in second


def test_without_the_trump_account_the_same_ledger_computes(tmp_path):
    body = BACKDOOR + year_end() + form_5498(kind="traditional", box1=7000, box5=0)
    assert run("compute", "LEDGER", text=YOUNG + body, tmp_path=tmp_path).exit_code == 0
