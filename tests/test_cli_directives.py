"""`newsreader directives` and `newsreader directive CODE`: the done-when figures on the
bundled corpus, lenient codes, the brief, and a corpus of our own on disk."""

from __future__ import annotations

import json
import os

import pytest

from newsreader.cli import main
from test_dossier import DOCS

A000 = "000_74aa4278611824f9.txt"
A002 = "002_585a4bc561e6506a.txt"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_directives_json_on_the_bundled_corpus(capsys):
    code, out, err = run(capsys, "directives", "--json")
    assert code == 0, err
    data = json.loads(out)
    (ct39,) = [d for d in data["directives"] if d["code"] == "39-CT/TW"]
    assert ct39["issued"] == "2014-08-18"
    assert "bảo vệ chính trị nội bộ" in ct39["subject"]
    assert ct39["years"] == {"2019": 1, "2024": 1}
    assert ct39["issuer"] == "Bộ Chính trị"
    assert ct39["kind"] == "Chỉ thị"
    assert ct39["articles"] == 2
    kinds = [(r["kind"], r["years"]) for r in ct39["reviews"]]
    assert sorted(kinds) == [("sơ kết", 5), ("tổng kết", 10)]
    assert {r["article"] for r in ct39["reviews"]} == {A000, A002}


def test_directives_text_is_readable(capsys):
    code, out, _ = run(capsys, "directives")
    assert code == 0
    assert out.splitlines()[0] == "Chỉ thị 39-CT/TW (2 articles)"
    assert "Bộ Chính trị · issued 18/08/2014" in out
    assert "reviews: sơ kết 5 năm (2019), tổng kết 10 năm (2024)" in out


@pytest.mark.parametrize("typed", ["39-CT/TW", "39", "CT39", "ct39", "chỉ thị 39", "39-ct/tw"])
def test_directive_code_matched_leniently(capsys, typed):
    code, out, err = run(capsys, "directive", typed, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["code"] == "39-CT/TW"
    assert [a["id"] for a in data["article_list"]] == [A002, A000]  # newest first
    first = data["article_list"][0]
    assert set(first) == {"id", "title", "published", "year", "place", "review"}
    assert first["review"] == "tổng kết 10 năm"


def test_unknown_code_is_one_line_with_near_matches(capsys):
    code, out, err = run(capsys, "directive", "40-CT/TW")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "39-CT/TW" in err


def test_text_dossier_lists_articles_newest_first(capsys):
    code, out, _ = run(capsys, "directive", "39")
    assert code == 0
    assert out.index(A002) < out.index(A000)
    assert "sơ kết 5 năm" in out


def test_brief_written_with_both_articles(capsys, tmp_path):
    target = tmp_path / "brief.md"
    code, out, err = run(capsys, "directive", "39-CT/TW", "--format", "md", "-o", str(target))
    assert code == 0, err
    brief = target.read_text(encoding="utf-8")
    assert brief.startswith("# Chỉ thị 39-CT/TW về ")
    assert "- Issued: 18/08/2014" in brief
    assert "| 2019 | 1 | sơ kết 5 năm |" in brief
    assert "| 2024 | 1 | tổng kết 10 năm |" in brief
    assert "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW" in brief
    assert "Tổng kết 10 năm thực hiện Chỉ thị số 39-CT/TW" in brief
    assert "- People: Lê Văn Châu" in brief
    assert f"— Tổng kết 10 năm thực hiện Chỉ thị số 39-CT/TW của Bộ Chính trị, 2024, {A002}" in (
        brief
    )
    assert "brief.md" in err


def test_brief_never_overwrites_silently(capsys, tmp_path):
    target = tmp_path / "brief.md"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "directive", "39", "--format", "md", "-o", str(target))
    assert code == 1
    assert err.strip().endswith(f"{target} already exists; use --force to replace it")
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, _ = run(capsys, "directive", "39", "--format", "md", "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Chỉ thị 39-CT/TW")


def test_brief_to_a_fifo_is_refused(capsys, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "directive", "39", "--format", "md", "-o", str(fifo), "--force")
    assert code == 1
    assert "nothing was written" in err


def test_brief_to_stdout_without_output(capsys):
    code, out, _ = run(capsys, "directive", "39", "--format", "md")
    assert code == 0
    assert out.startswith("# Chỉ thị 39-CT/TW")


def test_bad_flag_combinations_are_usage_errors(capsys):
    code, _, err = run(capsys, "directive", "39", "--format", "md", "--json")
    assert code == 2 and err.count("\n") == 1
    code, _, err = run(capsys, "directive", "39", "-o", "x.md")
    assert code == 2 and "--format md" in err


def _write_corpus(root):
    for name, doc in DOCS.items():
        text = f"{doc.title}\n\n{doc.published}\n\n" + "\n\n".join(doc.paragraphs) + "\n"
        (root / name).write_text(text, encoding="utf-8")


def test_own_corpus_ambiguous_code_lists_the_candidates(capsys, tmp_path):
    _write_corpus(tmp_path)
    (tmp_path / "nq05.txt").write_text(
        "Tỉnh ủy quán triệt Nghị quyết 05-NQ/TU\n\n2023-04-04\n\n"
        "Tỉnh ủy ban hành Nghị quyết số 05-NQ/TU về phát triển du lịch.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--corpus", str(tmp_path), "directive", "05")
    assert code == 2
    assert "05-CT/TW" in err and "05-NQ/TU" in err and err.count("\n") == 1
    code, out, err = run(capsys, "--corpus", str(tmp_path), "directives", "--json")
    assert code == 0, err
    by_code = {d["code"]: d for d in json.loads(out)["directives"]}
    assert by_code["05-CT/TW"]["related"] == {"35-NQ/TW": 2, "01-KL/TW": 2}
    assert by_code["05-NQ/TU"]["issuer"] == "Tỉnh ủy"
    assert by_code["05-NQ/TU"]["subject"] == "phát triển du lịch"
