"""One module per CLI command; each defines a click command named like the module."""
