"""One module per CLI command, each defining a click command named like the module; options.py
and exits.py hold what the commands share."""
