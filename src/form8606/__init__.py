"""form8606: prepare and check IRS Form 8606 (Nondeductible IRAs) from a TOML ledger."""

__version__ = "0.1.0"
