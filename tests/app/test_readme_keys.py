"""The README's key table is the registry's: a key added to the app shows up in the README."""

from pathlib import Path

from newsreader.app.keys import markdown_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_key_table_matches_the_registry():
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- keys:start -->\n", 1)[1].split("<!-- keys:end -->", 1)[0]
    assert table == markdown_table("en"), "run: python scripts/screenshot.py"
