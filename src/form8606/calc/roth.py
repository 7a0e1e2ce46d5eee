"""Roth IRA basis by layer and the ordering rules for Roth distributions.

Pub. 590-B, chapter 2, Ordering Rules for Distributions: distributions come first from regular
contributions, then from conversions and rollovers from qualified plans, oldest year first
(within a year, the part that was taxable when converted first), then from earnings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from form8606.money import ZERO


@dataclass(frozen=True)
class Layer:
    year: int
    amount: Decimal  # not yet distributed
    taxable: Decimal  # of which was taxable when converted or rolled over


@dataclass(frozen=True)
class Layers:
    contributions: Decimal = ZERO
    conversions: tuple[Layer, ...] = ()

    @property
    def conversion_total(self) -> Decimal:
        return sum((layer.amount for layer in self.conversions), ZERO)

    @property
    def total(self) -> Decimal:
        return self.contributions + self.conversion_total

    def add_contributions(self, amount: Decimal) -> Layers:
        return replace(self, contributions=self.contributions + amount)

    def add_conversion(self, year: int, amount: Decimal, taxable: Decimal) -> Layers:
        """Conversions and plan rollovers of the same year share a layer."""
        if amount <= 0:
            return self
        merged, found = [], False
        for layer in self.conversions:
            if layer.year == year:
                layer, found = Layer(year, layer.amount + amount, layer.taxable + taxable), True
            merged.append(layer)
        if not found:
            merged.append(Layer(year, amount, taxable))
        return replace(self, conversions=tuple(sorted(merged, key=lambda layer: layer.year)))

    def withdraw(self, amount: Decimal) -> tuple[Layers, Withdrawal]:
        """Take `amount` out in the order of the ordering rules."""
        from_contrib = min(amount, self.contributions)
        left = amount - from_contrib
        parts, kept = [], []
        for layer in self.conversions:
            take = min(left, layer.amount)
            left -= take
            taxable = min(take, layer.taxable)  # the taxable part first
            if take:
                parts.append(Layer(layer.year, take, taxable))
            if layer.amount - take:
                kept.append(Layer(layer.year, layer.amount - take, layer.taxable - taxable))
        after = Layers(self.contributions - from_contrib, tuple(kept))
        return after, Withdrawal(from_contrib, tuple(parts), left)


@dataclass(frozen=True)
class Withdrawal:
    """Where one distribution came from."""

    contributions: Decimal
    conversions: tuple[Layer, ...]
    earnings: Decimal
