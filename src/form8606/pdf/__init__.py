"""Official IRS Form 8606 PDFs: field maps read off each revision, filling, reading."""
