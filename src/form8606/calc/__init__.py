"""The pure calculator: a Ledger in, a Result (every form's lines and notes) out."""

from form8606.calc.result import FormResult, Line, Note, Result
from form8606.calc.timing import CHECKS
from form8606.calc.years import compute

__all__ = ["CHECKS", "FormResult", "Line", "Note", "Result", "compute"]
