"""The reader answers keys while a first build runs in the background (issue 13): the build's
workers and its writer thread must not starve the event loop. The latencies are printed
(`pytest -s`), not asserted: speed is measured, not tested."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time

from generated import gen_corpus
from newsreader.app.screens import HelpScreen

from .conftest import app_on, wait_for

ARTICLES = 2000  # enough for worker processes and a build of several seconds


async def test_keys_are_answered_while_a_first_build_runs(tmp_path):
    root = tmp_path / "corpus"
    gen_corpus().generate(root, ARTICLES, seed=3)
    app = app_on(root)
    latencies: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: screen.flow.state != "opening", "the build to start")
        while not screen.flow.done and len(latencies) < 5:
            answered = await answer(pilot, screen)
            if not screen.flow.done:  # answered while the build still ran
                latencies.append(answered)
        assert latencies, "the build ended before a key could be pressed"
        loading = [t for t in threading.enumerate() if t.name == "load-corpus"]
        for thread in loading:  # the build's end, however busy the machine
            await asyncio.to_thread(thread.join, 600)
            assert not thread.is_alive(), "the build did not end within 10 minutes"
        await wait_for(pilot, lambda: screen.flow.done, "the build's last message")
        idle = [await answer(pilot, screen) for _ in range(5)]
    print(
        f"\nkey answered during a {ARTICLES}-article first build: median "
        f"{statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
        f"({len(latencies)} presses); idle after it: median "
        f"{statistics.median(idle) * 1000:.0f} ms, max {max(idle) * 1000:.0f} ms"
    )


async def answer(pilot, screen) -> float:
    """Seconds from pressing ? to the help screen shown; closes it again."""
    app = pilot.app
    start = time.perf_counter()
    await pilot.press("question_mark")
    await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
    answered = time.perf_counter() - start
    await pilot.press("escape")
    await wait_for(pilot, lambda: app.screen is screen, "help to close")
    return answered
