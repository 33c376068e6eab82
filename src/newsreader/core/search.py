"""Fuzzy, diacritic-insensitive search over the corpus index.

SQLite FTS5 over folded text finds candidate paragraphs fast but cannot rank them the way a
reader expects; this module ranks the candidates itself, best first:

  title phrase (96+) > paragraph phrase (88+) > every word in one paragraph (60-84, order and
  nearness count) > fuzzy match that tolerates typos (30-59, rapidfuzz)

plus a small bonus when the query's diacritics agree exactly with the text's. Offsets of a
match are offsets into the original, accented text: folding keeps length.
"""

from __future__ import annotations

import bisect
import itertools
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from newsreader.core.paragraph_cache import ParagraphCache
from newsreader.core.store.index import PARAGRAPH_BITS, PARAGRAPH_MASK, IndexReader
from newsreader.core.store.tags import directive_tag, person_tag, place_tag, year_tag
from newsreader.core.text.directives import canonical_code
from newsreader.core.text.fold import fold

MAX_QUERY = 500  # characters of a query that are looked at; the rest is ignored
# Candidate paragraphs fetched per stage at most, as a multiple of the results asked for. FTS
# returns them in index order, unranked; each stage's hits all outrank the next stage's, so a
# later stage runs only when the earlier ones found too few articles.
CANDIDATES_PER_RESULT = 8
MIN_CANDIDATES = 200
# How deep the ranked list is built, in articles, whatever the limit asked: `limit` only cuts
# this one list, so `--limit 5` is always the head of `--limit 50` (and the panel ranks alike).
# It also bounds the work: a stage stops reading rows at the first one of an article past
# this many (each article found is read, folded and scored), so what a keystroke costs is set
# by counts of rows and articles, never by the clock, and a query always gets the same answer.
RANKED_ARTICLES = 200
# A last word still being typed is a prefix. FTS5 reads a prefix longer than its prefix index
# (prefix='2', store/index.py) by merging the whole row lists of every word it begins before
# the first row, whatever the LIMIT; an OR of those words is read row by row like any term.
# So such a prefix is spelt out from the vocabulary, when it begins at most this many words.
INDEXED_PREFIX = 2
MAX_PREFIX_TERMS = 128
# FTS5 finds a phrase by checking word positions in every row that holds all its words, to
# the end of the index when the phrase is rare: a phrase of common words cost 70-240 ms at
# 100k articles. When its words share about this many rows or more (reckoned from where
# the first PROBE_ROWS of those rows end), the phrase is looked for among the rows of the
# words together instead (the next stage; the scoring ranks its phrase hits alike).
PHRASE_ROWS = 40_000
PROBE_ROWS = 500
EXACT_FLOOR = 60  # scores from here up found the query's words; below, fuzzy closest matches
MAX_SPANS = 40  # occurrences of one word looked at per paragraph, for nearness
FUZZY_CUTOFF = 75
_WORD = re.compile(r"\w+")
_FILTER = re.compile(r"^(?P<key>[ydpt]):(?P<value>.+)$", re.IGNORECASE)


@dataclass(slots=True)
class Query:
    text: str  # the free words, as typed
    words: list[str]  # folded tokens
    last_is_prefix: bool  # the user is still typing the last word
    year: int | None = None
    directive: str | None = None  # a full code, or a prefix such as "39-" / "39-CT/"
    person: str | None = None  # folded
    place: str | None = None  # folded: the article's place (t:"Nghệ An")


def parse_query(raw: str) -> Query:
    """Split filters (y:2024, d:39-CT/TW, d:39, p:"Lê Văn Châu", t:"Nghệ An") from free words. A filter
    that cannot be read is kept as words, never an error."""
    raw = raw[:MAX_QUERY]
    try:
        parts = shlex.split(raw)
    except ValueError:  # an unclosed quote
        parts = raw.split()
    words: list[str] = []
    query = Query("", [], False)
    for part in parts:
        match = _FILTER.match(part)
        if match and _apply_filter(query, match["key"].lower(), match["value"]):
            continue
        words.append(part)
    query.text = " ".join(words)
    query.words = _WORD.findall(fold(query.text))
    query.last_is_prefix = bool(query.words) and not raw[-1:].isspace()
    return query


def _apply_filter(query: Query, key: str, value: str) -> bool:
    value = value.strip()
    if key == "y" and value.isdigit() and len(value) == 4:
        query.year = int(value)
        return True
    if key == "d":
        code = canonical_code(value)
        if code:
            query.directive = code
            return True
        number = re.fullmatch(r"(\d{1,5})(?:\W*(\w{2,5}))?", value)
        if number:
            kind = (number[2] or "").upper().replace("QD", "QĐ")
            query.directive = f"{number[1]}-{kind}/" if kind else f"{number[1]}-"
            return True
        return False
    if key == "p" and _WORD.search(value):
        query.person = " ".join(_WORD.findall(fold(value)))
        return True
    if key == "t" and _WORD.search(value):
        query.place = " ".join(_WORD.findall(fold(value)))
        return True
    return False


@dataclass(slots=True)
class Hit:
    article_id: str
    title: str
    paragraph: int | None  # None: the title
    score: int
    text: str  # the whole paragraph (or title)
    start: int
    end: int
    snippet: str = ""
    snippet_start: int = 0  # where the snippet starts in text, to place the highlight
    more: int = 0  # further hits of the same article, not listed, counted after its last one
    date: str = ""  # the article's published date (ISO) or year

    @property
    def exact(self) -> bool:
        """The query's words were found (as typed, folded, or with one typo); not fuzzy."""
        return self.score >= EXACT_FLOOR

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.article_id,
            "title": self.title,
            "paragraph": self.paragraph,
            "score": self.score,
            "snippet": self.snippet,
            "match": [self.start, self.end],
            "exact": self.exact,
        }


@dataclass(slots=True)
class _Matcher:
    query: Query
    phrase: re.Pattern[str]
    words: list[re.Pattern[str]]
    variants: list[re.Pattern[str] | None] = field(default_factory=list)
    original: list[str] = field(default_factory=list)  # query words, lower-cased, with marks


def _word_pattern(alternatives: list[str], prefix: bool) -> str:
    body = "|".join(re.escape(w) for w in sorted(alternatives, key=len, reverse=True))
    return rf"(?<!\w)(?:{body})" + ("" if prefix else r"(?!\w)")


def _matcher(query: Query, variants: dict[str, list[str]]) -> _Matcher:
    words = query.words
    last = len(words) - 1
    phrase = r"\W+".join(
        re.escape(w) + ("" if (i == last and query.last_is_prefix) else r"(?!\w)")
        for i, w in enumerate(words)
    )
    word_patterns = [
        re.compile(_word_pattern([w], i == last and query.last_is_prefix))
        for i, w in enumerate(words)
    ]
    variant_patterns = [
        re.compile(_word_pattern(variants[w], False)) if variants.get(w) else None for w in words
    ]
    return _Matcher(
        query,
        re.compile(rf"(?<!\w){phrase}"),
        word_patterns,
        variant_patterns,
        [w.lower() for w in _WORD.findall(query.text)],
    )


def _diacritics_agree(matcher: _Matcher, text: str, start: int, end: int) -> bool:
    found = [w.lower() for w in _WORD.findall(text[start:end])]
    wanted = matcher.original
    if len(found) != len(wanted):
        return False
    return all(
        f == w or (i == len(wanted) - 1 and f.startswith(w))
        for i, (f, w) in enumerate(zip(found, wanted, strict=True))
    )


def _best_window(positions: list[list[tuple[int, int]]]) -> tuple[int, int, bool]:
    """The shortest span holding one occurrence of every word; whether it keeps query order.

    A sliding window over the occurrences sorted by start; the window's end is taken as the
    end of its last-starting occurrence, which is exact for words of similar length."""
    events = sorted((s, e, i) for i, spans in enumerate(positions) for s, e in spans)
    need = len(positions)
    counts = [0] * need
    have = 0
    best_left, best_right = 0, len(events) - 1
    best_width = 1 << 60
    left = 0
    for right, (_, end, word) in enumerate(events):
        if counts[word] == 0:
            have += 1
        counts[word] += 1
        while have == need:
            if end - events[left][0] < best_width:
                best_width = end - events[left][0]
                best_left, best_right = left, right
            counts[events[left][2]] -= 1
            if counts[events[left][2]] == 0:
                have -= 1
            left += 1
    window = events[best_left : best_right + 1]
    order = [w for _, _, w in window]
    firsts = [order.index(i) for i in range(need)]
    return window[0][0], max(e for _, e, _ in window), firsts == sorted(firsts)


def score_text(
    matcher: _Matcher, text: str, is_title: bool, folded: str | None = None
) -> tuple[int, int, int] | None:
    """(score, start, end) of the best match of the query in one paragraph or title
    (`folded`: fold(text), when it is at hand)."""
    if folded is None:
        folded = fold(text)
    found = _score_folded(matcher, text, folded, is_title)
    if found is None:
        return None
    score, start, end = found
    # A highlight covers whole words: the word typed so far, a fuzzy window's cut words.
    while start > 0 and folded[start - 1].isalnum():
        start -= 1
    while end < len(folded) and folded[end].isalnum():
        end += 1
    return score, start, end


def _score_folded(
    matcher: _Matcher, text: str, folded: str, is_title: bool
) -> tuple[int, int, int] | None:
    phrase = matcher.phrase.search(folded)
    if phrase:
        score = (96 if is_title else 88) + (
            4 if _diacritics_agree(matcher, text, *phrase.span()) else 0
        )
        score -= min(3, phrase.start() // 400)  # earlier in a paragraph reads as more central
        return min(score, 100), phrase.start(), phrase.end()

    positions: list[list[tuple[int, int]]] = []
    used_variant = False
    for exact, variant in zip(matcher.words, matcher.variants, strict=True):
        spans = [m.span() for m in itertools.islice(exact.finditer(folded), MAX_SPANS)]
        if not spans and variant is not None:
            spans = [m.span() for m in itertools.islice(variant.finditer(folded), MAX_SPANS)]
            used_variant = bool(spans)
        if not spans:
            positions = []
            break
        positions.append(spans)
    if positions and len(positions) > 1 or (positions and used_variant):
        start, end, in_order = _best_window(positions)
        letters = sum(len(w) for w in matcher.query.words)
        closeness = min(1.0, letters / max(1, end - start))
        score = 60 + round(16 * closeness) + (6 if in_order else 0) - (10 if used_variant else 0)
        return max(30, min(score, 84)), start, end
    if positions:  # a single word, present: that is a phrase hit handled above unless prefix-only
        spans = positions[0]
        return (80 if is_title else 72), spans[0][0], spans[0][1]

    needle = " ".join(matcher.query.words)
    if len(needle) < 4:
        return None
    alignment = fuzz.partial_ratio_alignment(needle, folded, score_cutoff=FUZZY_CUTOFF)
    if alignment is None:
        return None
    score = 30 + round((alignment.score - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF) * 29)
    start, end = alignment.dest_start, alignment.dest_end
    while start < end and not folded[start].isalnum():
        start += 1
    while end > start and not folded[end - 1].isalnum():
        end -= 1
    return (score, start, end) if end > start else None


Scored = list[tuple[int, int, int, int, str]]  # (score, rowid, start, end, text)


class _RowScores:
    """score_text of each candidate row, worked out once per search: the phrase-led pass
    and the full scoring look at the same rows."""

    def __init__(self, matcher: _Matcher) -> None:
        self.matcher = matcher
        self._phrases: dict[int, bool] = {}
        self._scores: dict[int, tuple[int, int, int] | None] = {}

    def has_phrase(self, rowid: int, folded: str) -> bool:
        held = self._phrases.get(rowid)
        if held is None:
            held = self._phrases[rowid] = self.matcher.phrase.search(folded) is not None
        return held

    def score(self, rowid: int, text: str, folded: str) -> tuple[int, int, int] | None:
        if rowid not in self._scores:
            self._scores[rowid] = score_text(
                self.matcher, text, (rowid & PARAGRAPH_MASK) == 0, folded
            )
        return self._scores[rowid]


def _scored(scores: _RowScores, articles: dict[int, list[tuple[int, str, str]]]) -> Scored:
    scored: Scored = []
    for rows in articles.values():
        for rowid, text, folded in rows:
            result = scores.score(rowid, text, folded)
            if result:
                scored.append((result[0], rowid, result[1], result[2], text))
    return scored


def _phrase_led(
    scores: _RowScores,
    articles: dict[int, list[tuple[int, str, str]]],
    limit: int,
    per_article: int,
) -> Scored | None:
    """The scored hits of the articles that hold the first `limit` hits, when phrase hits
    alone decide which they are; None when they do not (then every candidate is scored).

    A phrase hit scores 85 or more, any other hit 84 at most, so articles with a phrase hit
    rank first, in the order of their best phrase hit: finding the phrase is one regex per
    paragraph, where scoring the words' nearness is the dearest step of a search. The
    articles taken are scored in full (their other hits, the count after them), so the
    answer is the one scoring every candidate gives, only cut sooner."""
    firsts: list[tuple[int, int, int]] = []  # (-best phrase score, its rowid, article)
    for article, rows in articles.items():
        best: tuple[int, int] | None = None
        for rowid, text, folded in rows:
            if not scores.has_phrase(rowid, folded):
                continue
            found = scores.score(rowid, text, folded)
            if found is not None and (best is None or (-found[0], rowid) < best):
                best = (-found[0], rowid)
        if best is not None:
            firsts.append((*best, article))
    firsts.sort()
    taken: Scored = []
    wanted = limit
    for _, _, article in firsts:
        if wanted <= 0:
            break
        hits = _scored(scores, {article: articles[article]})
        taken.extend(hits)
        # Its fuzzy hits, if any, are listed after every article's exact ones.
        wanted -= min(per_article, sum(1 for hit in hits if hit[0] >= EXACT_FLOOR))
    return taken if wanted <= 0 else None


def snippet_of(
    text: str, start: int, end: int, before: int = 50, after: int = 90
) -> tuple[str, int]:
    """A window of text around [start, end), cut at spaces; returns it and its offset."""
    lo = max(0, start - before)
    hi = min(len(text), max(end, start) + after)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    return f"{prefix}{text[lo:hi]}{suffix}", lo - len(prefix)


class Searcher:
    """Search one index through a read connection. The vocabulary (for typo expansion and
    spelt-out prefixes) is read once and may be shared by the searchers of several threads
    (`vocabulary`: a new list when the index's words changed), and so may the paragraphs
    read for the last queries (`texts`). `settled` says whether the index is still what the
    vocabulary was read from (False while a build adds articles)."""

    def __init__(
        self,
        reader: IndexReader,
        vocabulary: Callable[[], list[str]] | None = None,
        texts: ParagraphCache | None = None,
        settled: Callable[[], bool] = lambda: True,
    ) -> None:
        self.reader = reader
        self.texts = texts if texts is not None else ParagraphCache()
        self._shared_vocabulary = vocabulary
        self._settled = settled
        self._vocabulary: list[str] | None = None
        self._sorted: list[str] | None = None
        self._neighbours: dict[str, list[str]] = {}

    def vocabulary(self) -> list[str]:
        if self._shared_vocabulary is not None:
            words = self._shared_vocabulary()
        elif self._vocabulary is None:
            words = self.reader.vocabulary()
        else:
            words = self._vocabulary
        if words is not self._vocabulary:  # read again after the index changed
            self._vocabulary, self._sorted, self._neighbours = words, None, {}
        return words

    def _completions(self, stem: str) -> list[str]:
        """The index's words that begin with `stem`, if there are from one to
        MAX_PREFIX_TERMS of them; else [] and FTS5 reads the prefix itself: also while a
        build adds articles, whose words the vocabulary read may not hold."""
        if not self._settled():
            return []
        vocabulary = self.vocabulary()
        if self._sorted is None:
            self._sorted = sorted(vocabulary)
        words = self._sorted
        start = bisect.bisect_left(words, stem)
        found = list(itertools.islice(words, start, start + MAX_PREFIX_TERMS + 1))
        while found and not found[-1].startswith(stem):
            found.pop()
        return found if len(found) <= MAX_PREFIX_TERMS else []

    def _variants(self, words: list[str]) -> dict[str, list[str]]:
        """Words of five letters or more may carry one typo: their neighbours in the index.
        Remembered per word, since typing repeats the same words keystroke after keystroke."""
        variants: dict[str, list[str]] = {}
        for word in words:
            if len(word) < 5:
                continue
            if word not in self._neighbours:
                near = process.extract(
                    word, self.vocabulary(), scorer=Levenshtein.distance, score_cutoff=1, limit=12
                )
                self._neighbours[word] = [term for term, distance, _ in near if distance == 1]
            if self._neighbours[word]:
                variants[word] = self._neighbours[word]
        return variants

    def _filter_terms(self, query: Query) -> str | None:
        """The filters as an FTS5 expression over the articles' tags; "" when there are none,
        None when a filter matches nothing (so nothing can be found)."""
        terms = []
        if query.year is not None:
            terms.append(year_tag(query.year))
        if query.directive:
            number, _, rest = query.directive.partition("-")
            kind, _, issuer = rest.partition("/")
            tag = directive_tag(number, kind, issuer)
            terms.append(tag if issuer else f"{tag}*")
        if query.person:
            names = self.reader.people_like(query.person)
            if not names:
                return None
            terms.append("(" + " OR ".join(person_tag(n) for n in names) + ")")
        if query.place:
            places = self.reader.places_like(query.place)
            if not places:
                return None
            terms.append("(" + " OR ".join(place_tag(p) for p in places) + ")")
        return " AND ".join(terms)

    @staticmethod
    def _match(expression: str) -> str:
        return f"folded : ({expression})"

    def _phrase(self, words: list[str], prefix: bool) -> str:
        """The FTS5 phrase of several words, the last perhaps a prefix. A prefix longer than
        the prefix index is read through it (its first letters) with the word itself among
        the completions spelt out: rows a little wider than the phrase (the scoring keeps
        only true phrase hits as such), but never a merge of whole row lists."""
        stem = words[-1]
        spelt = self._completions(stem) if prefix and len(stem) > INDEXED_PREFIX else []
        if not spelt:
            return '"' + " ".join(words) + '"' + ("*" if prefix else "")
        shortened = " ".join([*words[:-1], stem[:INDEXED_PREFIX]])
        return f'"{shortened}"* AND (' + " OR ".join(f'"{w}"' for w in spelt) + ")"

    def _words_share_many_rows(self, together: str, filters: str) -> bool:
        """Whether the words hold about PHRASE_ROWS rows together or more: the first
        PROBE_ROWS of those rows end before article PROBE_ROWS / PHRASE_ROWS of the way in."""
        probe = self.reader.fts_nth_rowid("fts", self._match(together), PROBE_ROWS, tags=filters)
        if probe is None:
            return False
        reached = max(1, probe >> PARAGRAPH_BITS)
        return PROBE_ROWS * self.reader.last_article() >= PHRASE_ROWS * reached

    def _add_stage(
        self,
        found: dict[int, None],
        articles: set[int],
        table: str,
        expression: str,
        filters: str,
        rows: int,
        limit: int,
    ) -> None:
        """Add one stage's rowids to `found` (and their articles to `articles`), in index
        order, of its first `rows` rows, as long as fewer than `limit` articles are held;
        past that only rows of articles already held (an earlier stage's titles) are kept, and
        the stage ends at the first row beyond the last of them. An article's rows are
        adjacent, so each article found brings all of its rows the stage matched."""
        match = self._match(expression)
        last_held = max(articles, default=-1)
        for rowid in self.reader.fts_rows(table, match, rows, tags=filters):
            article = rowid >> PARAGRAPH_BITS
            if article not in articles:
                if len(articles) >= limit:
                    if article > last_held:
                        break
                    continue
                articles.add(article)
                last_held = max(last_held, article)
            found[rowid] = None

    def _candidates(
        self, query: Query, filters: str, limit: int = RANKED_ARTICLES
    ) -> tuple[list[int], dict[str, list[str]]]:
        """Candidate rowids, and the typo variants used to find them (if any were needed)."""
        words = query.words
        fts_words = [
            w
            for i, w in enumerate(words)
            if len(w) > 1 or i < len(words) - 1 or not query.last_is_prefix
        ]
        if not fts_words:
            return [], {}
        prefix_last = query.last_is_prefix and fts_words[-1] == words[-1]
        budget = max(MIN_CANDIDATES, limit * CANDIDATES_PER_RESULT)
        seen: dict[int, None] = {}
        articles: set[int] = set()

        def enough() -> bool:
            return len(articles) >= limit

        def term(word: str, prefix: bool, variants: dict[str, list[str]]) -> str:
            spelt = self._completions(word) if prefix and len(word) > INDEXED_PREFIX else []
            options = [f'"{w}"' for w in spelt] or [f'"{word}"' + ("*" if prefix else "")]
            options += [f'"{v}"' for v in variants.get(word, []) if v not in spelt]
            return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"

        def stage(table: str, expression: str, rows: int) -> None:
            self._add_stage(seen, articles, table, expression, filters, rows, limit)

        last = len(fts_words) - 1
        together = " AND ".join(
            term(w, prefix_last and i == last, {}) for i, w in enumerate(fts_words)
        )
        phrase = together if last == 0 else self._phrase(fts_words, prefix_last)
        # A title phrase outranks every paragraph: with enough of them nothing else shows.
        stage("fts_titles", phrase, limit)
        if enough():
            return list(seen), {}
        if last == 0 or not self._words_share_many_rows(together, filters):
            stage("fts", phrase, budget)
            if enough():
                return list(seen), {}

        variants = self._variants(query.words)
        conjunction = " AND ".join(
            term(w, prefix_last and i == last, variants) for i, w in enumerate(fts_words)
        )
        stage("fts", conjunction, budget)
        if enough() or (len(fts_words) == 1 and not variants):
            return list(seen), variants
        disjunction = " OR ".join(
            term(w, prefix_last and i == last, variants) for i, w in enumerate(fts_words)
        )
        stage("fts", disjunction, budget // 2)
        return list(seen), variants

    def search(self, raw: str, limit: int = 20, per_article: int = 3) -> list[Hit]:
        query = parse_query(raw)
        if not query.words:
            return [
                Hit(article_id, title, None, 100, title, 0, 0, title, 0, date=date)
                for article_id, title, date in self.reader.filtered(
                    query.year, query.directive, query.person, limit, query.place
                )
            ]
        filters = self._filter_terms(query)
        if filters is None:
            return []
        rowids, variants = self._candidates(query, filters)
        if not rowids:
            return []
        matcher = _matcher(query, variants)
        articles: dict[int, list[tuple[int, str, str]]] = {}
        for row in self.texts.paragraphs(self.reader, rowids):
            articles.setdefault(row[0] >> PARAGRAPH_BITS, []).append(row)
        scores = _RowScores(matcher)
        scored = _phrase_led(scores, articles, limit, per_article)
        if scored is None:
            scored = _scored(scores, articles)
        return self._assemble(scored, limit, per_article)

    def _assemble(self, scored: Scored, limit: int, per_article: int) -> list[Hit]:
        """Exact hits before fuzzy ones; within each, articles by their best hit, and an
        article's hits together in score order (`per_article` of them, the rest counted in
        the last one's `more`). Then the first `limit` of that one list."""
        scored.sort(key=lambda item: (-item[0], item[1]))
        groups: dict[tuple[bool, int], list[tuple[int, int, int, int, str]]] = {}
        for item in scored:
            key = (item[0] < EXACT_FLOOR, item[1] >> PARAGRAPH_BITS)
            groups.setdefault(key, []).append(item)
        ordered = sorted(
            groups.items(), key=lambda pair: (pair[0][0], -pair[1][0][0], pair[1][0][1])
        )
        chosen: list[tuple[tuple[int, int, int, int, str], int]] = []
        for _, items in ordered:
            kept = items[:per_article]
            for position, item in enumerate(kept):
                last = position == len(kept) - 1
                chosen.append((item, len(items) - len(kept) if last else 0))
        chosen = chosen[:limit]
        articles = self.reader.ids_and_titles(
            list({item[1] >> PARAGRAPH_BITS for item, _ in chosen})
        )
        hits = []
        for (score, rowid, start, end, text), more in chosen:
            article_id, title, date = articles[rowid >> PARAGRAPH_BITS]
            paragraph = (rowid & PARAGRAPH_MASK) - 1
            snippet, offset = snippet_of(text, start, end)
            hits.append(
                Hit(
                    article_id,
                    title,
                    None if paragraph < 0 else paragraph,
                    score,
                    text,
                    start,
                    end,
                    snippet,
                    offset,
                    more,
                    date,
                )
            )
        return hits
