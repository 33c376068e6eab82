"""The benchmarks' corpus generator (benchmarks/gen_corpus.py), for tests that need many
generated articles. tests/ is on sys.path, so `from generated import gen_corpus`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

GEN_CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "gen_corpus.py"


def gen_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_corpus", GEN_CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_corpus", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
