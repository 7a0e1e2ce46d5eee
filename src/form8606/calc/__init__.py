"""The pure calculator: a Ledger in, a Result (every form's lines and notes) out."""

from form8606.calc.result import FormResult, Line, Note, Result
from form8606.calc.years import compute

__all__ = ["FormResult", "Line", "Note", "Result", "compute"]
