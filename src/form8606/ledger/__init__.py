"""The household ledger: model, loading with located errors, and cross-entry checks."""

from form8606.ledger.load import load_ledger, load_text
from form8606.ledger.model import Ledger

__all__ = ["Ledger", "load_ledger", "load_text"]
