import json
import subprocess
import sys

import pytest

from newsreader import __version__
from newsreader.cli import main

A000 = "000_74aa4278611824f9.txt"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_follows_the_contract(capsys):
    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"corpus", "articles", "skipped"}
    keys = {
        "id",
        "title",
        "path",
        "published",
        "year",
        "year_source",
        "directive",
        "directives",
        "people",
        "paragraph_count",
        "byline",
        "place",
    }
    assert len(data["articles"]) == 2
    for summary in data["articles"]:
        assert set(summary) == keys
    assert data["skipped"] == []


def test_show_json_has_paragraphs_and_entities(capsys):
    code, out, _ = run(capsys, "show", A000, "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == A000
    assert data["paragraph_count"] == len(data["paragraphs"])
    for entity in data["entities"]:
        assert set(entity) == {"kind", "text", "value", "paragraph", "start", "end"}
        source = (
            data["title"]
            if entity["paragraph"] is None
            else data["paragraphs"][entity["paragraph"]]
        )
        assert source[entity["start"] : entity["end"]] == entity["text"]


def test_readable_list_groups_by_directive_and_year(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Chỉ thị 39-CT/TW (2)"
    assert lines.index("  2024") < lines.index("  2019")


def test_readable_show(capsys):
    code, out, _ = run(capsys, "show", A000)
    assert code == 0
    assert out.startswith("Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị")
    assert "Published: 04/11/2019 08:10" in out and "Lê Văn Châu" in out and "¶1  Sáng 31/10" in out


def test_corpus_option_and_env(tmp_path, capsys, monkeypatch):
    (tmp_path / "x.txt").write_text("Tiêu đề riêng\n\nNội dung bài viết.", encoding="utf-8")
    code, out, _ = run(capsys, "--corpus", str(tmp_path), "list", "--json")
    assert [a["id"] for a in json.loads(out)["articles"]] == ["x.txt"]
    code, out, _ = run(capsys, "list", "--json", "--corpus", str(tmp_path))
    assert [a["id"] for a in json.loads(out)["articles"]] == ["x.txt"]
    monkeypatch.setenv("NEWSREADER_CORPUS", str(tmp_path))
    code, out, _ = run(capsys, "list", "--json")
    assert json.loads(out)["corpus"] == str(tmp_path)


def test_empty_corpus_is_not_an_error(tmp_path, capsys):
    code, out, err = run(capsys, "--corpus", str(tmp_path), "list", "--json")
    assert code == 0 and json.loads(out)["articles"] == []
    assert "no articles" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["show", "nope.txt"], "no article with id 'nope.txt'"),
        (["--corpus", "/no/such/folder", "list"], "corpus folder not found"),
        (["list", "--bogus"], "unrecognized arguments"),
        (["frobnicate"], "invalid choice"),
        (["show"], "required"),
    ],
)
def test_errors_are_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_version_and_help_through_the_real_command():
    for argv in (["--version"], ["list", "--version"]):
        result = subprocess.run(
            [sys.executable, "-m", "newsreader", *argv], capture_output=True, text=True
        )
        assert result.returncode == 0 and __version__ in result.stdout
    for argv in (["--help"], ["list", "--help"], ["show", "--help"]):
        result = subprocess.run(
            [sys.executable, "-m", "newsreader", *argv], capture_output=True, text=True
        )
        assert result.returncode == 0 and "usage:" in result.stdout


def test_skipped_files_are_reported_on_stderr(tmp_path, capsys):
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Tốt\n\nNội dung.", encoding="utf-8")
    code, out, err = run(capsys, "--corpus", str(tmp_path), "list")
    assert code == 0 and "skipped bad.json: invalid JSON" in err
