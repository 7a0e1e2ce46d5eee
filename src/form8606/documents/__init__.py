"""Tax documents in the ledger (issue: Tax documents): Forms 1099-R and 5498 entered as printed,
turned into the events they stand for, and reconciled with everything else. Pure functions;
the `documents` command and `compute` print what they return.

    ledger, doc = documents.expand(ledger)   # before the forms are computed
    forms = documents.annotate(doc, forms)   # names and notes on the computed forms
"""

from form8606.documents.expand import Expansion, expand
from form8606.documents.notes import annotate

__all__ = ["Expansion", "annotate", "expand"]
