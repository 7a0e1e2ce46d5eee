"""How entries are named in messages: kind, position in the file, who and date."""

from __future__ import annotations

from collections.abc import Mapping


def entry_label(source: str, kind: str, index: int | None, entry: Mapping | object) -> str:
    """'rivera.toml: [[contribution]] #2 (you, 2026-02-03)'. `index` counts from 1;
    None takes the entry's own position in the file."""
    if index is None:
        index = entry.position
    get = entry.get if isinstance(entry, Mapping) else lambda k: getattr(entry, k, None)
    bits = [str(v) for v in (get("who"), get("date") or get("year")) if v is not None]
    detail = f" ({', '.join(bits)})" if bits else ""
    return f"{source}: [[{kind}]] #{index}{detail}"
