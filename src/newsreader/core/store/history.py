"""Search query history: the most recent query first, kept between runs as a small JSON file.

The file is `{"version": 1, "queries": [...]}`; a missing, unreadable or foreign file reads as
an empty history (it is only a convenience), and writes are atomic.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsreader.core.store.atomic import write_atomic

MAX_HISTORY = 50
MAX_QUERY_CHARS = 500  # a pasted page is not worth remembering whole


def remember(history: list[str], query: str, limit: int = MAX_HISTORY) -> list[str]:
    """History with `query` moved (or added) to the front; blank queries are not kept."""
    query = query.strip()[:MAX_QUERY_CHARS]
    if not query:
        return list(history[:limit])
    return [query, *(q for q in history if q != query)][:limit]


def load_history(path: Path) -> list[str]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    queries = raw.get("queries") if isinstance(raw, dict) else None
    if not isinstance(queries, list):
        return []
    result: list[str] = []
    for query in queries:
        if isinstance(query, str) and query.strip() and query not in result:
            result.append(query)
    return result[:MAX_HISTORY]


def save_history(path: Path, history: list[str]) -> None:
    """Write atomically; a read-only data dir raises OSError for the caller to report."""
    data = {"version": 1, "queries": history[:MAX_HISTORY]}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
