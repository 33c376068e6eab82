"""The corpus index in SQLite: its schema, and every query that reads it.

build.py writes the index (reading and analysing the files); this module only reads, and
imports nothing of the text engine, so a reader's first screen costs a few queries. Both go
through the connections Library hands out: one writer, and one read connection per thread.

Articles are kept with their headers (the metadata as JSON) and entities, and their title
and paragraphs compressed together in `texts` (one zlib blob per article: the text is the
largest thing kept, and compresses fourfold with a preset dictionary of news words). Full-text search uses FTS5 over folded text (see
text/fold.py): `fts` holds every title and paragraph under rowid article << PARAGRAPH_BITS | n
(n = 0 the title, n = i + 1 paragraph i), `fts_titles` the titles alone, `article_tags` each
article's year, directives, people and place as terms (see tags.py), once per article (rowid
the article's): a filter selects articles there and the paragraphs' rowids are checked against
them. All three are contentless: the folded text is not stored a second time, only its index
(search reads the text from `texts`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from newsreader import __version__
from newsreader.core.model import Article, Entity, EntityKind, Skipped

# Bump when the schema or any extraction rule changes: older caches are then rebuilt.
SCHEMA = 11
RULES = f"{__version__}/4"
PARAGRAPH_BITS = 20
PARAGRAPH_MASK = (1 << PARAGRAPH_BITS) - 1

SCHEMA_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL, skipped TEXT NOT NULL, ctime_ns INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, file TEXT NOT NULL,
    directive TEXT, year INTEGER, sort_key TEXT NOT NULL, title TEXT NOT NULL,
    title_key TEXT NOT NULL, warnings INTEGER NOT NULL, header BLOB NOT NULL,
    entities BLOB NOT NULL, document TEXT NOT NULL,
    codes TEXT NOT NULL, needs_corpus INTEGER NOT NULL
);
CREATE INDEX articles_file ON articles(file);
CREATE INDEX articles_group ON articles(directive, year);
CREATE TABLE article_directives (
    article INTEGER NOT NULL, code TEXT NOT NULL, PRIMARY KEY (article, code)
) WITHOUT ROWID;
CREATE INDEX article_directives_code ON article_directives(code);
CREATE TABLE article_people (
    article INTEGER NOT NULL, folded TEXT NOT NULL, PRIMARY KEY (article, folded)
) WITHOUT ROWID;
CREATE INDEX article_people_folded ON article_people(folded);
CREATE TABLE article_places (
    article INTEGER NOT NULL, folded TEXT NOT NULL, PRIMARY KEY (article, folded)
) WITHOUT ROWID;
CREATE INDEX article_places_folded ON article_places(folded);
CREATE TABLE texts (article INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(
    folded, content='', columnsize=0, prefix='2', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE fts_titles USING fts5(
    folded, content='', columnsize=0, prefix='2', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE article_tags USING fts5(
    tags, content='', columnsize=0, detail=none, tokenize='unicode61 remove_diacritics 0'
);
"""
_SEPARATOR = "\x1e"  # record separator: a control character, stripped from all text at load

# Words and phrases of Vietnamese news about the Party and the state, as a preset dictionary
# for each article's compressed text: a 5 kB article has little of its own to refer back to
# at its start (a quarter smaller, on generated and real articles alike). Fixed here, never
# learnt from the corpus: an index packed with other words cannot be read (SCHEMA says so).
_TEXT_WORDS = (
    "Theo đó, trong thời gian qua, đồng chí nhấn mạnh, đề nghị các cấp ủy, tổ chức đảng, "
    "chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tiếp tục quán "
    "triệt, triển khai thực hiện nghiêm túc, có hiệu quả. Phát biểu tại hội nghị, Ủy ban "
    "nhân dân, Hội đồng nhân dân tỉnh, thành phố, huyện, thị xã, xã, phường, thị trấn. "
    "Ban Chấp hành Trung ương Đảng, Bộ Chính trị, Ban Bí thư, Tổng Bí thư, Chủ tịch nước, "
    "Thủ tướng Chính phủ, Quốc hội, Ban Thường vụ Tỉnh ủy, Thành ủy, Huyện ủy, Đảng ủy, "
    "Bí thư, Phó Bí thư Thường trực, Chủ tịch, Phó Chủ tịch, Trưởng ban Tuyên giáo, Ban "
    "Tổ chức, Ủy ban Kiểm tra, Ban Dân vận, Ban Nội chính. Nghị quyết, Chỉ thị, Quy định, "
    "Kết luận, Hướng dẫn, Kế hoạch, Quyết định, Thông báo số. Công tác xây dựng, chỉnh "
    "đốn Đảng và hệ thống chính trị trong sạch, vững mạnh; đội ngũ cán bộ, đảng viên, "
    "công chức, viên chức; phẩm chất chính trị, đạo đức, lối sống; nêu gương; học tập và "
    "làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; bảo vệ nền tảng tư tưởng của "
    "Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch; suy thoái về tư tưởng "
    "chính trị, tự diễn biến, tự chuyển hóa; phòng, chống tham nhũng, lãng phí, tiêu "
    "cực; kiểm tra, giám sát, kỷ luật đảng; lãnh đạo, chỉ đạo, điều hành; tổ chức cơ sở "
    "đảng; phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh; nâng cao năng lực "
    "lãnh đạo và sức chiến đấu; sơ kết, tổng kết, đánh giá kết quả, những tồn tại, hạn "
    "chế, nguyên nhân và bài học kinh nghiệm; nhiệm vụ, giải pháp trọng tâm trong thời "
    "gian tới; người dân, nhân dân, cộng đồng, doanh nghiệp; cơ quan, đơn vị, địa phương; "
    "được, không, những, các, của, và, với, cho, này, đã, đang, sẽ, cũng, nhằm, để, về, "
    "từ, theo, tại, trên, dưới, đến, năm, tháng, ngày, người, việc, vụ, có, là, một, hai, "
    "ba, nhiều, chủ trương, đường lối, chính sách, pháp luật của Nhà nước; Việt Nam, Hà "
    "Nội, Thành phố Hồ Chí Minh; công tác cán bộ, bảo vệ chính trị nội bộ; thường xuyên, "
    "kịp thời, chặt chẽ, đồng bộ, toàn diện, quyết liệt; tăng cường, đẩy mạnh, nâng cao "
    "chất lượng, hiệu lực, hiệu quả."
).encode()


def pack_texts(texts: list[str]) -> bytes:
    """An article's title and paragraphs, as `texts` keeps them."""
    packer = zlib.compressobj(6, zdict=_TEXT_WORDS)
    return packer.compress(_SEPARATOR.join(texts).encode("utf-8")) + packer.flush()


Decode = Callable[[bytes], str]


def _utf8(data: bytes) -> str:
    return data.decode("utf-8")


def unpack_texts(body: bytes, decode: Decode = _utf8) -> list[str]:
    # Split before decoding: a cleaning decoder would take the separator for a control.
    return [decode(part) for part in _inflate_texts(body).split(_SEPARATOR.encode())]


def _inflate_texts(body: bytes) -> bytes:
    unpacker = zlib.decompressobj(zdict=_TEXT_WORDS)
    return unpacker.decompress(body) + unpacker.flush()


def pack_json(value: object) -> bytes:
    """JSON, compactly written and compressed (an article's entities)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


def unpack_json(body: bytes, decode: Decode = _utf8) -> Any:
    return json.loads(decode(zlib.decompress(body)))


# What every header's JSON repeats (its keys, common values, Vietnamese surnames of people
# lists, directive suffixes): a preset dictionary, so a few hundred bytes compress as well as
# a long text. Fixed: an index packed with another one cannot be read (SCHEMA says so).
_HEADER_WORDS = (
    '"Nguyễn","Trần","Lê","Phạm","Hoàng","Huỳnh","Phan","Vũ","Võ","Đặng","Bùi","Đỗ",'
    '"Hồ","Ngô","Dương","Lý","Văn ","Thị ","Hữu ","Đức ","Minh ","Thanh ","Quốc ","Hồng ",'
    '"-CT/TW","-NQ/TW","-QĐ/TW","-KL/TW","-HD/TW","-QĐ-TW","-CT/TU","-NQ/TU","-KH/TU",'
    '"metadata","published","content","Tỉnh","Thành phố","Hà Nội","Hồ Chí Minh",'
    '{"published":"2024-01-01T00:00","year":2024,"year_source":"published",'
    '"directive":"-CT/TW","directives":["-CT/TW"],"people":["Nguyễn Văn"],'
    '"paragraph_count":1,"byline":null,"place":null,"source":null,"url":null,'
    '"author":null,"warnings":[],"year_note":null}'
).encode()
_HEADER_OMITS = ("paragraphs", "entities")  # a header has neither


def pack_header(record: dict[str, Any]) -> bytes:
    """An article's header record (path left out when it is the id), compressed with the
    headers' preset dictionary. The id and title stay in it: as JSON they are read back
    exactly, where a plain column is cleaned of anything that looks like an escape."""
    kept = {k: v for k, v in record.items() if k not in _HEADER_OMITS}
    if kept.get("path") == record["id"]:
        del kept["path"]
    text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
    packer = zlib.compressobj(9, zdict=_HEADER_WORDS)
    return packer.compress(text.encode("utf-8")) + packer.flush()


def unpack_header(body: bytes, decode: Decode = _utf8) -> dict[str, Any]:
    """The record pack_header packed, whole again (no paragraphs or entities)."""
    unpacker = zlib.decompressobj(zdict=_HEADER_WORDS)
    data: dict[str, Any] = json.loads(decode(unpacker.decompress(body) + unpacker.flush()))
    data.setdefault("path", data["id"])
    return data | {"paragraphs": [], "entities": []}


_KIND_CODES: dict[str, str] = {"person": "p", "date": "d", "directive": "r", "place": "l"}
_KINDS: dict[str, EntityKind] = {"p": "person", "d": "date", "r": "directive", "l": "place"}


def pack_entities(entities: list[Entity]) -> bytes:
    """Entities without their text (it is the article's text at their offsets), a value
    equal to the text left empty."""
    return pack_json(
        [
            [
                _KIND_CODES[e.kind],
                "" if e.value == e.text else e.value,
                e.paragraph,
                e.start,
                e.end,
                *([1] if e.reconstructed else []),
            ]
            for e in entities
        ]
    )


def unpack_entities(body: bytes, texts: list[str], decode: Decode = _utf8) -> list[Entity]:
    """The entities of an article whose title and paragraphs are `texts`."""
    entities = []
    for code, value, paragraph, start, end, *reconstructed in unpack_json(body, decode):
        source = texts[0 if paragraph is None else paragraph + 1]
        text = source[start:end]
        entities.append(
            Entity(_KINDS[code], text, value or text, paragraph, start, end, bool(reconstructed))
        )
    return entities


# Newest first by published date (else year); undated last; ties by title, then id.
NEWEST_FIRST = "ORDER BY sort_key = '', sort_key DESC, title_key, id"


def cache_path_for(root: Path, cache_dir: Path) -> Path:
    key = hashlib.sha1(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir / f"corpus-{key}.sqlite3"


def sort_key(article: Article) -> str:
    return article.published or (str(article.year) if article.year else "")


def stale_reason(meta: dict[str, str], root: Path) -> str | None:
    """Why an index with this meta table cannot be used for root; None when it can."""
    if meta.get("schema") != str(SCHEMA) or meta.get("rules") != RULES:
        return "made by another version"
    if meta.get("complete") != "1":
        return "its first build was interrupted"
    if meta.get("root") != str(root.resolve()):
        return "made for another folder"
    return None


def connect_read(target: str) -> sqlite3.Connection:
    """A read connection: `target` is a file URI (?mode=ro) or a shared in-memory URI."""
    db = sqlite3.connect(target, uri=True, timeout=30, check_same_thread=False)
    if "mode=memory" in target:
        # A shared in-memory index is written in the same process: read what is committed
        # without waiting on the writer's table locks.
        db.execute("PRAGMA read_uncommitted = 1")
    return db


def file_uri(path: Path, *, read_only: bool = True) -> str:
    uri = path.absolute().as_uri()  # as_uri escapes ? and #
    return uri + "?mode=ro" if read_only else uri


class ArticleRow(NamedTuple):
    """A sidebar leaf, read from the articles table's columns (no header unpacked)."""

    id: str
    title: str
    sort_key: str  # the published date, else the year, else "" (see sort_key())


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int | None
    count: int


@dataclass(frozen=True, slots=True)
class GroupCount:
    """One directive of the sidebar (None: the articles that cite no directive)."""

    code: str | None
    label: str
    years: tuple[YearCount, ...]

    @property
    def count(self) -> int:
        return sum(y.count for y in self.years)


@dataclass(frozen=True, slots=True)
class Summary:
    """What the sidebar shows first: directives, years and counts, without any article."""

    root: str
    groups: tuple[GroupCount, ...]
    skipped: int = 0
    warnings: int = 0

    @property
    def articles(self) -> int:
        return sum(g.count for g in self.groups)

    def order(self) -> list[tuple[str | None, int | None]]:
        """(directive, year) of each year node, in the sidebar's order."""
        return [(g.code, y.year) for g in self.groups for y in g.years]


def order_groups(
    counts: list[tuple[str | None, int | None, int]], labels: dict[str, str]
) -> tuple[GroupCount, ...]:
    """Directives by number of articles (then code), no directive last; years newest first,
    unknown year last."""
    by_code: dict[str | None, list[YearCount]] = {}
    for code, year, count in counts:
        by_code.setdefault(code, []).append(YearCount(year, count))
    groups = [
        GroupCount(
            code,
            labels.get(code, code) if code else "",
            tuple(sorted(years, key=lambda y: (y.year is None, -(y.year or 0)))),
        )
        for code, years in by_code.items()
    ]
    groups.sort(key=lambda g: (g.code is None, -g.count, g.code or ""))
    return tuple(groups)


class IndexReader:
    """Queries over one connection to the index. Not shared between threads."""

    def __init__(self, db: sqlite3.Connection, decode: Decode | None = None) -> None:
        self.db = db
        # Compressed columns are decoded by `decode` (the Library's cleans what is read,
        # as its connection's factories clean the other columns).
        self.decode: Decode = decode or _utf8

    def close(self) -> None:
        self.db.close()

    # --- state of the index --------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def meta_value(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def labels(self) -> dict[str, str]:
        raw = self.meta_value("labels")
        return dict(json.loads(raw)) if raw else {}

    # --- the sidebar ------------------------------------------------------------------
    def summary(self, root: str) -> Summary:
        """The sidebar's first screen. A complete index keeps it in `meta` (written by each
        refresh that changed something), so a warm start reads one row, not the articles;
        during a first build it is counted from what is indexed so far."""
        kept = self.meta_value("summary")
        if kept is not None:
            facts = json.loads(kept)
            counts = [(code, year, int(n)) for code, year, n in facts["counts"]]
            skipped = int(facts["skipped"])
        else:
            counts = self.counts()
            skipped = len(self.skipped())
        warnings = self.meta_value("warnings")
        return Summary(
            root,
            order_groups(counts, self.labels()),
            skipped=skipped,
            warnings=int(warnings) if warnings else 0,
        )

    def counts(self) -> list[tuple[str | None, int | None, int]]:
        """(directive, year, articles) of every year node, counted from the articles."""
        return [
            (code, year, int(n))
            for code, year, n in self.db.execute(
                "SELECT directive, year, count(*) FROM articles GROUP BY directive, year"
            )
        ]

    def headers(self) -> list[Article]:
        """Every article's metadata, without text, newest first."""
        return self._headers(f"SELECT header FROM articles {NEWEST_FIRST}", ())

    def headers_in(self, directive: str | None, year: int | None) -> list[Article]:
        """The articles of one year node of the sidebar, newest first."""
        return self._headers(
            f"SELECT header FROM articles WHERE directive IS ? AND year IS ? {NEWEST_FIRST}",
            (directive, year),
        )

    def rows_in(self, directive: str | None, year: int | None) -> list[ArticleRow]:
        """What headers_in gives the sidebar (id, title, date), newest first, for a
        fraction of its cost: a large year's leaves before the first paint."""
        return [
            ArticleRow(*row)
            for row in self.db.execute(
                f"SELECT id, title, sort_key FROM articles WHERE directive IS ? AND year IS ?"
                f" {NEWEST_FIRST}",
                (directive, year),
            )
        ]

    def warned(self) -> list[Article]:
        """Headers of the articles loaded with something ignored."""
        return self._headers(f"SELECT header FROM articles WHERE warnings > 0 {NEWEST_FIRST}", ())

    def header(self, article_id: str) -> Article | None:
        found = self._headers("SELECT header FROM articles WHERE id = ?", (article_id,))
        return found[0] if found else None

    def _headers(self, sql: str, params: tuple[object, ...]) -> list[Article]:
        articles = []
        for (header,) in self.db.execute(sql, params):
            data = unpack_header(header, self.decode)
            article = Article.from_record(data)
            article.stored_paragraph_count = data["paragraph_count"]
            articles.append(article)
        return articles

    def place(self, article_id: str) -> tuple[str | None, int | None] | None:
        """(directive, year) of the article's year node; None when there is no such article."""
        row = self.db.execute(
            "SELECT directive, year FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def titles(self) -> list[tuple[str, str, str, str | None]]:
        """(id, title, date: published or year, directive) of every article, for finding
        one by its title."""
        return list(self.db.execute("SELECT id, title, sort_key, directive FROM articles"))

    # --- articles -----------------------------------------------------------------------
    def texts_of(self, rowid: int) -> list[str]:
        """The title then the paragraphs of the article stored at rowid."""
        row = self.db.execute("SELECT body FROM texts WHERE article = ?", (rowid,)).fetchone()
        return [] if row is None else unpack_texts(row[0], self.decode)

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute(
            "SELECT rowid, header, entities FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        rowid, header, entities = row
        data = unpack_header(header, self.decode)
        texts = self.texts_of(rowid)
        data["title"], *data["paragraphs"] = texts
        article = Article.from_record(data)
        article.entities = unpack_entities(entities, texts, self.decode)
        return article

    def text_fingerprint(self, article_id: str) -> str | None:
        """A digest of the article's stored title and paragraphs, as packed (not unpacked:
        cheap); None when there is no such article."""
        row = self.db.execute(
            "SELECT body FROM texts WHERE article = (SELECT rowid FROM articles WHERE id = ?)",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return "packed:" + hashlib.blake2b(bytes(row[0]), digest_size=16).hexdigest()

    def has_article(self, article_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def skipped(self) -> list[Skipped]:
        """Files the last refresh could not read, with their reasons."""
        items: list[Skipped] = []
        walk = self.meta_value("walk_skipped")
        if walk:
            items.extend(Skipped.from_record(s) for s in json.loads(walk))
        for (raw,) in self.db.execute(
            "SELECT skipped FROM files WHERE skipped != '[]' ORDER BY path"
        ):
            items.extend(Skipped.from_record(s) for s in json.loads(raw))
        return items

    # --- search -----------------------------------------------------------------------
    def _match_query(
        self, table: str, match: str, tags: str
    ) -> tuple[str, tuple[object, ...]] | None:
        """The SELECT of an FTS5 MATCH's rowids (paragraph rowids, for titles too) in index
        order, of the articles whose tags match `tags` (an FTS5 expression over article_tags;
        "" for all); None when no article has those tags."""
        if table not in ("fts", "fts_titles"):
            raise ValueError(table)
        shift = f" << {PARAGRAPH_BITS}" if table == "fts_titles" else ""
        sql = f"SELECT rowid{shift} FROM {table} WHERE {table} MATCH ?"
        params: tuple[object, ...] = (match,)
        if tags:
            first, last = self.db.execute(
                "SELECT min(rowid), max(rowid) FROM article_tags WHERE article_tags MATCH ?",
                (tags,),
            ).fetchone()
            if first is None:
                return None
            # The range lets FTS5 seek past the rows of articles outside it; the set decides.
            # +rowid: a plain `rowid IN` would make SQLite run the MATCH once per article.
            article = "+rowid" if table == "fts_titles" else f"(rowid >> {PARAGRAPH_BITS})"
            low, high = (
                (first, last)
                if table == "fts_titles"
                else (first << PARAGRAPH_BITS, ((last + 1) << PARAGRAPH_BITS) - 1)
            )
            sql += (
                f" AND rowid BETWEEN ? AND ? AND {article} IN"
                " (SELECT rowid FROM article_tags WHERE article_tags MATCH ?)"
            )
            params += (low, high, tags)
        return sql, params

    def fts_rows(self, table: str, match: str, limit: int, tags: str = "") -> Iterator[int]:
        """Rowids of an FTS5 MATCH (see _match_query), at most `limit`; read as they are
        consumed, so a caller that stops early stops the query."""
        query = self._match_query(table, match, tags)
        if query is None:
            return
        sql, params = query
        cursor = self.db.cursor()
        cursor.row_factory = None  # rowids: nothing for a cleaning row factory to look at
        cursor.execute(sql + " LIMIT ?", (*params, limit))
        try:
            for (rowid,) in cursor:
                yield rowid
        finally:
            cursor.close()

    def fts_nth_rowid(self, table: str, match: str, n: int, tags: str = "") -> int | None:
        """The rowid of the n-th row (from 1) of an FTS5 MATCH in index order (see
        _match_query), None when it has fewer rows; read up to that row, no further."""
        query = self._match_query(table, match, tags)
        if query is None:
            return None
        sql, params = query
        row = self.db.execute(sql + " LIMIT 1 OFFSET ?", (*params, max(0, n - 1))).fetchone()
        return None if row is None else int(row[0])

    def last_article(self) -> int:
        """The highest article rowid (0 for an empty index): rowids are given in order."""
        return int(self.db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])

    def article_parts(self, articles: list[int]) -> dict[int, list[bytes]]:
        """Article rowid -> its title and paragraphs as stored, not yet decoded (decode one
        with `decode`: a search reads one or two paragraphs of most articles it looks at),
        in the order of `articles` sorted. A paragraph's rowid is the article's
        << PARAGRAPH_BITS | n, n = 0 the title."""
        return {
            article: _inflate_texts(body).split(_SEPARATOR.encode())
            for article, body in self.db.execute(
                "SELECT article, body FROM texts WHERE article IN (SELECT value FROM json_each(?))"
                " ORDER BY article",
                (json.dumps(sorted(articles)),),
            )
        }

    def ids_and_titles(self, article_rowids: list[int]) -> dict[int, tuple[str, str, str]]:
        """rowid -> (id, title, date: published or year) of articles."""
        rows = self.db.execute(
            "SELECT rowid, id, title, sort_key FROM articles"
            " WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(article_rowids)),),
        )
        return {rowid: (article_id, title, date) for rowid, article_id, title, date in rows}

    def vocabulary(self) -> list[str]:
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, fts, 'row')"
        )
        return [term for (term,) in self.db.execute("SELECT term FROM temp.fts_vocab")]

    def people_like(self, folded: str, limit: int = 50) -> list[str]:
        return [
            name
            for (name,) in self.db.execute(
                "SELECT DISTINCT folded FROM article_people WHERE folded LIKE ? LIMIT ?",
                (f"%{folded}%", limit),
            )
        ]

    def places_like(self, folded: str, limit: int = 50) -> list[str]:
        """Folded article places containing `folded` (an article's `place`, the t: filter)."""
        return [
            name
            for (name,) in self.db.execute(
                "SELECT DISTINCT folded FROM article_places WHERE folded LIKE ? LIMIT ?",
                (f"%{folded}%", limit),
            )
        ]

    def filtered(
        self,
        year: int | None,
        directive: str | None,
        person: str | None,
        limit: int,
        place: str | None = None,
    ) -> list[tuple[str, str, str]]:
        """(id, title, date) of the newest articles that pass the filters alone (no words)."""
        clauses: list[str] = []
        params: list[object] = []
        if year is not None:
            clauses.append("a.year = ?")
            params.append(year)
        if directive:
            if directive.endswith(("-", "/")):
                clauses.append(
                    "a.rowid IN (SELECT article FROM article_directives WHERE code LIKE ?)"
                )
                params.append(directive + "%")
            else:
                clauses.append("a.rowid IN (SELECT article FROM article_directives WHERE code = ?)")
                params.append(directive)
        if person:
            clauses.append("a.rowid IN (SELECT article FROM article_people WHERE folded LIKE ?)")
            params.append(f"%{person}%")
        if place:
            clauses.append("a.rowid IN (SELECT article FROM article_places WHERE folded LIKE ?)")
            params.append(f"%{place}%")
        if not clauses:
            return []
        rows = self.db.execute(
            f"SELECT a.id, a.title, a.sort_key FROM articles a"
            f" WHERE {' AND '.join(clauses)} ORDER BY a.sort_key DESC LIMIT ?",
            (*params, limit),
        )
        return [(article_id, title, date) for article_id, title, date in rows]
