"""The client worksheet's glossary: the words it uses that a client may not know."""

GLOSSARY = (
    ("basis", "money in your traditional IRAs that was already taxed, such as nondeductible contributions; it "
              "comes out tax-free, and Form 8606 keeps track of it from year to year."),
    ("nondeductible contribution", "a traditional IRA contribution you do not deduct on your return, so it "
                                   "becomes basis."),
    ("pro-rata rule", "each dollar that comes out of a traditional IRA is part basis and part pre-tax money, in "
                      "the same proportion as in all your traditional, SEP and SIMPLE IRAs together; you cannot "
                      "take out only the basis."),
    ("December 31 value", "what all your traditional, SEP and SIMPLE IRAs were worth on the last day of the year "
                          "(Form 5498, box 5)."),
    ("conversion", "moving money from a traditional, SEP or SIMPLE IRA to a Roth IRA; the part that is not basis "
                   "is taxed in the year of the conversion."),
    ("distribution", "money taken out of an IRA and not put back (rolled over) within 60 days."),
    ("recharacterization", "treating a contribution made to one kind of IRA (Roth or traditional) as made to the "
                           "other, by moving it with its earnings before the tax return is due."),
    ("Form 1040 line 4b", "the line of your tax return where the taxable part of IRA money goes."),
)
