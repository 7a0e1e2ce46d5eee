"""Package data: jinja templates, the official IRS Form 8606 PDFs and their field maps."""
