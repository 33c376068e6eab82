import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests harder than a developer's quick loop.
settings.register_profile("ci", max_examples=1000, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

SEEDS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own data and cache dirs; nothing touches the user's."""
    base = tmp_path_factory.mktemp("newsreader-home")
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("NEWSREADER_CONFIG_DIR", str(base / "config"))
    monkeypatch.delenv("NEWSREADER_CORPUS", raising=False)
    monkeypatch.delenv("NEWSREADER_MAX_FILE_MB", raising=False)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """The hostile corpus (tests/hostile.py), built once for every test that reads it:
    (root, expected outcome per file). Tests must not change it."""
    from hostile import build_hostile_corpus, restore_permissions

    root = tmp_path_factory.mktemp("hostile") / "corpus"
    expected = build_hostile_corpus(root)
    yield root, expected
    restore_permissions(root)
