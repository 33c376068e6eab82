"""Reading state (last article, passage, theme) kept between runs as a small JSON file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsreader.core.store.atomic import write_atomic


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


def save_state(path: Path, state: ReadingState) -> None:
    """Write atomically; a read-only data dir raises OSError for the caller to report."""
    data = json.dumps(asdict(state), ensure_ascii=False, indent=1).encode("utf-8")
    write_atomic(path, data)
