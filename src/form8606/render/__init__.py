"""Renderers of the calculator's result: none of them computes tax."""
