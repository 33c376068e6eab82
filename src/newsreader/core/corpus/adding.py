"""Adding a web page to the corpus: fetch it (or read a saved .html), take the article out
of it as a saved page is read, and write it as one Markdown file with YAML front matter.

Nothing is written unless the whole page was fetched and holds an article; the file is
written atomically and never replaces another.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsreader import __version__
from newsreader.core.corpus.formats import FormatError, read_html
from newsreader.core.model import Document
from newsreader.core.store.atomic import write_atomic
from newsreader.core.text.clean import DecodeError, decode_bytes
from newsreader.core.text.fold import fold

USER_AGENT = f"newsreader/{__version__} (a reader for a local news corpus; one page per add)"
TIMEOUT_SECONDS = 20.0
MAX_PAGE_BYTES = 8 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SLUG_MAX = 80
# Query parameters that only track where a reader came from.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|zarsrc|zalo_source|ref|source)$", re.I)


class AddError(Exception):
    """Why a source could not be added, in one line for the user (English, for the CLI);
    `kind` and `params` let a face say it in its own language."""

    def __init__(self, message: str, kind: str = "other", **params: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.params = params


@dataclass(frozen=True, slots=True)
class Added:
    source: str
    id: str  # the article's id: its path in the corpus
    title: str
    url: str | None
    added: bool  # False: the URL was already in the corpus, as `id`

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "added": self.added,
        }


def normalise_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no
    tracking parameters, no trailing slash."""
    parts = urllib.parse.urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not (
        (parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)
    ):
        host = f"{host}:{port}"
    query = urllib.parse.urlencode(
        [
            (k, v)
            for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        ]
    )
    path = parts.path.rstrip("/") or ""
    return urllib.parse.urlunsplit((parts.scheme.lower(), host, path, query, ""))


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch_page(
    url: str, *, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_PAGE_BYTES
) -> tuple[bytes, str]:
    """The page's bytes and its final URL (after redirects, which urllib follows)."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in _HTML_TYPES:
                raise AddError(f"{url} is not a web page ({kind})", "not_page", type=kind)
            data = response.read(limit + 1)
            final = response.geturl()
    except AddError:
        raise
    except urllib.error.HTTPError as exc:
        raise AddError(
            f"{url}: the server answered {exc.code} {exc.reason}",
            "http",
            status=f"{exc.code} {exc.reason}",
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise AddError(
                f"{url}: no answer within {timeout:g} s", "timeout", seconds=f"{timeout:g}"
            ) from None
        raise AddError(f"{url}: {reason}", "network", detail=str(reason)) from None
    except TimeoutError:
        raise AddError(
            f"{url}: no answer within {timeout:g} s", "timeout", seconds=f"{timeout:g}"
        ) from None
    except (OSError, ValueError) as exc:
        raise AddError(f"{url}: {exc}", "network", detail=str(exc)) from None
    if len(data) > limit:
        raise AddError(
            f"{url} is larger than {limit // (1024 * 1024)} MB",
            "too_large",
            mb=str(limit // (1024 * 1024)),
        )
    return data, final


def slug(title: str) -> str:
    """A readable, portable file name from a title: folded to ASCII, words joined by -."""
    words = re.findall(r"[a-z0-9]+", fold(title).lower())
    text = ""
    for word in words:
        if len(text) + len(word) + 1 > _SLUG_MAX:
            break
        text = f"{text}-{word}" if text else word
    return text or "bai-viet"


def to_markdown(doc: Document, url: str | None, fetched: dt.datetime) -> str:
    meta: dict[str, object] = {"title": doc.title}
    if doc.published:
        meta["published"] = doc.published
    if doc.author or doc.byline:
        meta["author"] = doc.author or doc.byline
    if doc.source:
        meta["source"] = doc.source
    if url:
        meta["url"] = url
    meta["fetched"] = fetched.strftime("%Y-%m-%dT%H:%M:%SZ")
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n# {doc.title}\n\n" + "\n\n".join(doc.paragraphs) + "\n"


def _free_path(root: Path, folder: str, name: str) -> Path:
    path = root / folder / f"{name}.md"
    number = 2
    while path.exists():
        path = root / folder / f"{name}-{number}.md"
        number += 1
    return path


def add_source(
    root: Path,
    source: str,
    known: dict[str, tuple[str, str]],
    *,
    now: dt.datetime | None = None,
    timeout: float = TIMEOUT_SECONDS,
    limit: int = MAX_PAGE_BYTES,
) -> Added:
    """Add one URL or saved .html to the corpus at `root`. `known` maps normalised URLs of
    the corpus to (id, title) and learns the new one."""
    now = now or dt.datetime.now(dt.UTC)
    if is_url(source):
        url: str | None = normalise_url(source)
        if url in known:
            return Added(source, *known[url], url, False)
        data, final = fetch_page(source, timeout=timeout, limit=limit)
        url = normalise_url(final)
        if url in known:
            return Added(source, *known[url], url, False)
    else:
        path = Path(source)
        if path.suffix.lower() not in (".html", ".htm"):
            raise AddError(f"{source} is neither an http(s):// URL nor a .html file", "not_source")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise AddError(
                f"{source}: {exc.strerror or exc}", "unreadable", detail=str(exc.strerror or exc)
            ) from None
        if len(data) > limit:
            raise AddError(
                f"{source} is larger than {limit // (1024 * 1024)} MB",
                "too_large",
                mb=str(limit // (1024 * 1024)),
            )
        url = None
    try:
        doc = read_html(decode_bytes(data))
    except (FormatError, DecodeError) as exc:
        raise AddError(f"{source}: {exc}", "no_article", detail=str(exc)) from None
    if url is None and doc.url and is_url(doc.url):
        url = normalise_url(doc.url)  # a saved page that says where it came from
        if url in known:
            return Added(source, *known[url], url, False)
    year = doc.published[:4] if doc.published else f"{now.year:04d}"
    target = _free_path(root, year, slug(doc.title))
    text = to_markdown(doc, url, now)
    try:
        write_atomic(target, text.encode("utf-8"), overwrite=False)
    except FileExistsError:  # taken between the look and the write
        raise AddError(
            f"{target} appeared while adding; nothing was written", "appeared", path=str(target)
        ) from None
    except OSError as exc:
        raise AddError(
            f"cannot write {target}: {exc.strerror or exc}",
            "cannot_write",
            path=str(target),
            detail=str(exc.strerror or exc),
        ) from None
    article_id = target.relative_to(root).as_posix()
    if url:
        known[url] = (article_id, doc.title)
    return Added(source, article_id, doc.title, url, True)
