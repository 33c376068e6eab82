"""Helpers for the reader's Pilot and snapshot tests: ready-made articles, and waiting on state."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsreader.app.main import NewsreaderApp
from newsreader.core.library import Library
from newsreader.core.model import Article, Entity, Skipped
from newsreader.locations import bundled_corpus

WAIT_ROUNDS = 200  # pilot.pause() rounds before a wait gives up (no sleeps: state polling)
TEST_ROOT = "/tmp/corpus-for-tests"


def article(
    id: str,
    title: str,
    paragraphs: list[str] | None = None,
    *,
    published: str | None = None,
    year: int | None = None,
    directive: str | None = "39-CT/TW",
    people: tuple[str, ...] = (),
) -> Article:
    """An article; each name in `people` is marked wherever it occurs in the text."""
    paragraphs = (
        paragraphs if paragraphs is not None else [f"{title}: đoạn {i}." for i in range(1, 6)]
    )
    if year is None and published:
        year = int(published[:4])
    entities = []
    for index, text in enumerate(paragraphs):
        for name in people:
            start = text.find(name)
            if start >= 0:
                entities.append(Entity("person", name, name, index, start, start + len(name)))
        if directive:
            start = text.find(directive)
            if start >= 0:
                entities.append(
                    Entity("directive", directive, directive, index, start, start + len(directive))
                )
    return Article(
        id=id,
        path=f"{id}.txt",
        title=title,
        paragraphs=paragraphs,
        published=published,
        year=year,
        year_source="published" if published else None,
        directive=directive,
        directives=[directive] if directive else [],
        people=list(people),
        entities=entities,
    )


def long_paragraphs(n: int = 40) -> list[str]:
    return [
        f"Đoạn {i}: Hội nghị sơ kết việc thực hiện Chỉ thị 39-CT/TW về bảo vệ chính trị nội bộ, "
        f"đồng chí Lê Văn Châu phát biểu chỉ đạo các cấp ủy, tổ chức đảng trong toàn Đảng bộ."
        for i in range(1, n + 1)
    ]


def sample_articles() -> list[Article]:
    """Five articles in three groups: 39-CT/TW (2024, 2019), 04-CT/TW, and no directive."""
    from newsreader.core.corpus.grouping import sort_newest_first

    return sort_newest_first(
        [
            article(
                "a2024",
                "Tổng kết 10 năm Chỉ thị 39-CT/TW",
                long_paragraphs(),
                published="2024-05-23T09:00",
                people=("Lê Văn Châu",),
            ),
            article(
                "a2019",
                "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW",
                ["Đồng chí Lê Văn Châu phát biểu.", "Thực hiện Chỉ thị 39-CT/TW.", "Kết luận."],
                published="2019-11-04T08:10",
                people=("Lê Văn Châu",),
            ),
            article("a2018", "Bảo vệ chính trị nội bộ năm 2018", published="2018-03-01"),
            article("b2020", "Chỉ thị 04 về kinh tế", published="2020-02-02", directive="04-CT/TW"),
            article("nodir", "Tin không có chỉ thị", published="2021-06-06", directive=None),
        ]
    )


def library_for(
    articles: list[Article], skipped: list[Skipped] | None = None, root: str = TEST_ROOT
) -> Library:
    """A Library over these articles (no folder is read)."""
    return Library.of_articles(Path(root), articles, skipped)


def make_app(
    articles: list[Article] | None = None,
    skipped: list[Skipped] | None = None,
    lang: str = "en",
    root: str = TEST_ROOT,
    **options,
) -> NewsreaderApp:
    articles = sample_articles() if articles is None else articles
    return NewsreaderApp(library_for(articles, skipped, root), lang, **options)


def app_on(root: Path, lang: str = "en", **options) -> NewsreaderApp:
    """The reader on a real folder, through its index (as `newsreader --corpus root`)."""
    return NewsreaderApp(Library(Path(root)), lang, **options)


async def wait_for(pilot, condition, what: str = "condition") -> None:
    """Let the app run until `condition()` holds (bounded; fails instead of hanging)."""
    for _ in range(WAIT_ROUNDS):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"timed out waiting for {what}")


async def loaded(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.main_screen.flow.done, "the corpus to load")
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def bundled_copy(tmp_path) -> Path:
    """The bundled corpus copied to a folder named `corpus` (stable header for snapshots)."""
    target = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), target)
    return target
