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


def config_dir() -> Path:
    """The user's settings (the keymap). NEWSREADER_CONFIG_DIR overrides the platform location."""
    override = os.environ.get("NEWSREADER_CONFIG_DIR")
    return (
        Path(override)
        if override
        else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )


def keymap_file() -> Path:
    return config_dir() / "keymap.toml"


def settings_file() -> Path:
    return config_dir() / "config.toml"


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


def search_history_file(data: Path | None = None) -> Path:
    """The last queries typed in the search panel (most recent first)."""
    return (data or data_dir()) / "search_history.json"


def old_state_file(data: Path | None = None) -> Path:
    """Where versions before the bookmark store kept the reading state (imported once)."""
    return (data or data_dir()) / "state.json"
