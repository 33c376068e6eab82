"""The bundled corpus ships inside the wheel and is found from any working directory."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_corpus_and_lists_it_from_elsewhere(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("newsreader-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    shipped = {Path(n).name for n in names if "/bundled_corpus/" in n}
    assert shipped == {p.name for p in (ROOT / "corpus").iterdir()}

    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import newsreader, sys; from newsreader.cli import main; "
            "assert newsreader.__file__.startswith(sys.argv[1]), newsreader.__file__; main(['list', '--json'])",
            str(site),
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 2
    assert "bundled_corpus" in data["corpus"]
