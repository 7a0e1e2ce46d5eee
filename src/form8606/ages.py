"""Ages as the rules count them."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def half_past_59(born: dt.date) -> dt.date:
    """The day a person reaches age 59 1/2: six calendar months after the 59th birthday
    (Pub. 590-B, Age 59 1/2 Rule)."""
    return add_months(born, 59 * 12 + 6)


def half_past_70(born: dt.date) -> dt.date:
    """The day a person reaches age 70 1/2 (the age of the contribution limit before 2020 and of
    QCDs, Pub. 590-B): six calendar months after the 70th birthday, as the publications counted
    it for the age 70 1/2 rules before 2020, and as half_past_59 counts 59 1/2."""
    return add_months(born, 70 * 12 + 6)


def traditional_barred(born: dt.date | None, year: int) -> bool | None:
    """Traditional IRA contributions for `year` are not allowed: the person reached 70 1/2 by
    December 31 in a year the limit applied (rules data: traditional_age_limit). None when the
    birth date is needed and unknown."""
    from form8606 import rules

    if not rules.parameter("traditional_age_limit")(year):
        return False
    if born is None:
        return None
    return half_past_70(born) <= dt.date(year, 12, 31)


def age_at_year_end(born: dt.date, year: int) -> int:
    """Age on December 31 of `year` (catch-up contributions: "age 50 or older at the end of the year")."""
    return year - born.year
