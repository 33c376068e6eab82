"""The benchmark corpus generator: deterministic, sized as asked, NFC, and fully readable by
the loader with directives, people and dates in (nearly) every article."""

import json
import unicodedata
from pathlib import Path

import pytest

from generated import gen_corpus
from newsreader.core.corpus.load import load_corpus

gen = gen_corpus()


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    return root, gen.generate(root, 60, seed=3, formats=("txt", "md", "json"))


def test_same_seed_same_bytes(tmp_path):
    a = gen.generate(tmp_path / "a", 30, seed=7)
    b = gen.generate(tmp_path / "b", 30, seed=7)
    assert a == b
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    gen.generate(tmp_path / "c", 30, seed=8)
    assert tree(tmp_path / "c") != tree(tmp_path / "a")


def test_counts_and_size_are_proportional(tmp_path):
    stats = gen.generate(tmp_path, 40)
    files = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert stats.articles == stats.files == len(files) == 40
    assert stats.bytes == sum(p.stat().st_size for p in files)
    assert 9 <= stats.paragraphs / stats.articles <= 15
    assert 3000 <= stats.characters / stats.articles <= 5000
    assert all(p.suffix == ".txt" for p in files)
    # <year>/<province>/NNNNNN_hash.txt, ASCII paths
    for p in files:
        year, folder, _ = p.relative_to(tmp_path).parts
        assert 2014 <= int(year) <= 2025 and folder.isascii()


def test_text_is_nfc(mixed):
    root, _ = mixed
    for path in root.rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path


def test_regenerating_clears_own_folder_refuses_others(tmp_path):
    gen.generate(tmp_path / "out", 12)
    before = tree(tmp_path / "out")
    gen.generate(tmp_path / "out", 5)
    marker = json.loads((tmp_path / "out" / gen.MARKER).read_text())
    assert marker["complete"] and marker["articles"] == 5
    assert len(tree(tmp_path / "out")) == 6 < len(before)  # 5 articles + marker
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        gen.generate(tmp_path / "mine", 3)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_loader_reads_every_article_with_entities(mixed):
    root, stats = mixed
    corpus = load_corpus(root)
    assert corpus.skipped == []
    assert corpus.warnings == []
    articles = corpus.articles
    assert len(articles) == stats.articles == 60
    assert stats.files < stats.articles  # some JSON files hold lists
    assert {Path(a.path).suffix for a in articles} == {".txt", ".md", ".json"}
    assert sum(len(a.paragraphs) for a in articles) == stats.paragraphs

    def share(test) -> float:
        return sum(1 for a in articles if test(a)) / len(articles)

    assert share(lambda a: a.directives) >= 0.9
    assert share(lambda a: a.people) >= 0.9
    assert share(lambda a: any(e.kind == "date" for e in a.entities)) >= 0.9
    assert share(lambda a: a.year) >= 0.8
    assert share(lambda a: a.published) >= 0.6


def test_directives_are_skewed(tmp_path):
    gen.generate(tmp_path, 150, seed=1)
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.txt"))
    counts = sorted((text.count(d.code) for d in gen.DIRECTIVES), reverse=True)
    assert counts[0] == text.count("39-CT/TW")
    assert counts[0] > 5 * counts[len(counts) // 2]
    for form in ("Chỉ thị số 39", "Chỉ thị 39", "TWcủa", "2/3 số đại biểu", "/NĐ-CP", "quý "):
        assert form in text, form
