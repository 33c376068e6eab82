"""The reader's settings file: config.toml in the config folder, next to keymap.toml.

    [reader]
    measure = 88   # the longest line of text, in columns (40–200); centred on wide terminals

Read without Textual, so the CLI can check `--measure` the same way. A bad value is reported
(and the default kept); the rest of the file still applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MEASURE = 88
MIN_MEASURE = 40
MAX_MEASURE = 200
MEASURE_STEP = 8  # the columns `<` and `>` take off or add


@dataclass(frozen=True, slots=True)
class Settings:
    measure: int = DEFAULT_MEASURE


def measure_problem(value: object) -> str | None:
    """Why a value is not a reading measure, or None when it is one."""
    if not isinstance(value, int) or isinstance(value, bool):
        return f"the measure must be a whole number of columns ({MIN_MEASURE}–{MAX_MEASURE})"
    if not MIN_MEASURE <= value <= MAX_MEASURE:
        return f"the measure must be {MIN_MEASURE}–{MAX_MEASURE} columns, not {value}"
    return None


def parse_measure(text: str) -> int:
    """`--measure N` from the command line; ValueError says what is wrong."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(measure_problem(text)) from None
    problem = measure_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in `path` and what was wrong in it (each problem ignored, the rest
    applied). No file: the defaults."""
    import tomllib

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        return Settings(), [f"{path}: {exc.strerror or exc}"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(), [f"{path}: not valid TOML ({exc})"]
    reader = data.get("reader", {})
    if not isinstance(reader, dict):
        return Settings(), [f"{path}: [reader] must be a table of settings"]
    problems = []
    measure = DEFAULT_MEASURE
    if "measure" in reader:
        problem = measure_problem(reader["measure"])
        if problem:
            problems.append(f"{path}: {problem}")
        else:
            measure = reader["measure"]
    for name in reader:
        if name != "measure":
            problems.append(f"{path}: no setting {name!r} in [reader] (there is: measure)")
    return Settings(measure=measure), problems
