"""Every path newsreader reads or writes, in one place."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"


def data_dir() -> Path:
    """Bookmarks and reading state. NEWSREADER_DATA_DIR overrides the platform location."""
    override = os.environ.get("NEWSREADER_DATA_DIR")
    return (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )


def cache_dir() -> Path:
    """The corpus index. NEWSREADER_CACHE_DIR overrides the platform location."""
    override = os.environ.get("NEWSREADER_CACHE_DIR")
    return (
        Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    )


def documents_dir() -> Path:
    return Path(platformdirs.user_documents_dir())


def bundled_corpus() -> Path:
    """The sample corpus: the repo's corpus/ in a checkout, the packaged copy when installed."""
    packaged = Path(str(resources.files("newsreader"))) / "bundled_corpus"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "corpus"


def default_corpus() -> Path:
    env = os.environ.get("NEWSREADER_CORPUS")
    return Path(env).expanduser() if env else bundled_corpus()


def state_file() -> Path:
    return data_dir() / "state.json"


def search_history_file() -> Path:
    """The last queries typed in the search panel (most recent first)."""
    return data_dir() / "search_history.json"
