"""Whether the name or SSN printed on a form is a known person's: how forms are matched to the
ledger's people (check) and to one another (intake)."""

from __future__ import annotations


def same_ssn(printed: str | None, known: str | None) -> bool:
    """Equal SSNs; a masked one (***-**-6789) matches on its last four digits."""
    if not printed or not known:
        return False
    digits = "".join(ch for ch in printed if ch.isdigit())
    return digits == known.replace("-", "") or (len(digits) == 4 and known.endswith(digits))


def same_name(printed: str, known: str) -> bool:
    """The same words, ignoring case, commas and middle initials."""
    def words(name: str) -> set[str]:
        return {w for w in name.lower().replace(",", " ").replace(".", " ").split() if len(w) > 1}
    return words(printed) == words(known)

