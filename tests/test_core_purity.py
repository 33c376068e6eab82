"""The core and the CLI's data paths must not import the UI."""

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newsreader"
UI_PACKAGES = {"textual"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
            if node.module.startswith("newsreader.app"):
                names.add("newsreader.app")
    return names


def test_no_core_module_imports_textual_or_the_app():
    offenders = []
    for path in sorted((SRC / "core").rglob("*.py")):
        found = imported_modules(path) & (UI_PACKAGES | {"newsreader.app"})
        if found:
            offenders.append(f"{path.relative_to(SRC)}: {sorted(found)}")
    assert not offenders, offenders


def test_loading_the_corpus_and_running_list_never_loads_textual():
    code = (
        "import sys\n"
        "from newsreader.cli import main\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['list', '--json'])\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
