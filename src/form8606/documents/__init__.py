"""Tax documents in the ledger (issue: Tax documents): Forms 1099-R and 5498 entered as printed,
turned into the events they stand for, and reconciled with everything else. Pure functions,
run in order by form8606.pipeline:

    ledger, doc = documents.expand(ledger)   # before the forms are computed; each derived event
                                             # carries its document's Source, so it is named by it
    forms = documents.annotate(doc, forms)   # the documents' notes on the computed forms
"""

from form8606.documents.expand import Expansion, expand
from form8606.documents.notes import annotate

__all__ = ["Expansion", "annotate", "expand"]
