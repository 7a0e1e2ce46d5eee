"""The pure calculator: a Ledger in, a Result (every form's lines and notes) out."""

from form8606.calc import deadlines, timing
from form8606.calc.result import FormResult, Line, Note, Result
from form8606.calc.years import compute

CHECKS = timing.CHECKS + deadlines.CHECKS  # whole-ledger checks of the calculator's rules, run at load

__all__ = ["CHECKS", "FormResult", "Line", "Note", "Result", "compute"]
