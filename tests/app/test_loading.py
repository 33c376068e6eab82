"""The loading paths: in a thread, and in a forked child (preload) with its fallbacks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from newsreader.app import preload
from newsreader.app.loading import LoadedCorpus, load, prepare
from newsreader.core.corpus.grouping import sidebar_order
from newsreader.core.corpus.load import load_corpus
from newsreader.locations import bundled_corpus

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def test_prepare_groups_like_the_core():
    corpus = load_corpus(bundled_corpus())
    loaded = prepare(corpus)
    assert [a.id for a in loaded.order] == [a.id for a in sidebar_order(corpus.articles)]
    assert loaded.label("39-CT/TW") == "Chỉ thị 39-CT/TW"


@fork_only
def test_preload_gives_the_same_corpus_as_loading_here():
    seen = []
    loading = preload.start(bundled_corpus())
    assert loading is not None
    result = loading.result(lambda done, total: seen.append((done, total)))
    here = load(bundled_corpus())
    assert isinstance(result, LoadedCorpus)
    assert [a.to_json() for a in result.corpus.articles] == [a.to_json() for a in here.corpus.articles]
    assert result.groups == here.groups and result.labels == here.labels
    assert seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(ChildProcessError):
        os.waitpid(loading.pid, os.WNOHANG)  # reaped


@fork_only
def test_a_dead_preload_child_falls_back_to_loading_here():
    loading = preload.start(bundled_corpus())
    os.kill(loading.pid, signal.SIGKILL)
    result = loading.result()
    assert len(result.corpus.articles) == len(load(bundled_corpus()).corpus.articles)


def test_preload_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("NEWSREADER_NO_PRELOAD", "1")
    assert preload.start(bundled_corpus()) is None


def test_the_cli_without_the_reader_never_imports_textual():
    code = ("import sys; from newsreader.cli import main; "
            "main(['list']); assert 'textual' not in sys.modules, 'textual imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "NEWSREADER_CORPUS": str(bundled_corpus())})
    assert result.returncode == 0, result.stderr
