"""Cross-checking another program's Form 8606 against the ledger: reading their figures,
one comparison engine (shared with [[assert]]), and the catalogue of likely causes."""
