"""Reading state: the last article, passage and theme, and the last passage of each article.

It lives in the bookmark store; `load_state` reads the JSON file older versions kept, which
the store imports once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class ReadingState:
    article_id: str | None = None
    paragraph: int = 0
    theme: str | None = None
    positions: dict[str, int] = field(default_factory=dict)  # last paragraph per article


def load_state(path: Path) -> ReadingState:
    """The saved state, or a fresh one when the file is missing or unreadable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ReadingState()
    if not isinstance(raw, dict):
        return ReadingState()
    state = ReadingState()
    if isinstance(raw.get("article_id"), str):
        state.article_id = raw["article_id"]
    if isinstance(raw.get("paragraph"), int) and raw["paragraph"] >= 0:
        state.paragraph = raw["paragraph"]
    if isinstance(raw.get("theme"), str):
        state.theme = raw["theme"]
    if isinstance(raw.get("positions"), dict):
        state.positions = {
            k: v for k, v in raw["positions"].items() if isinstance(k, str) and isinstance(v, int)
        }
    return state
