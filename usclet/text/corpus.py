"""Splits a source file into its posts and readers' comments.

A file may hold several posts, each with a title, a body, footnotes and possibly a
comment section; comments are articles of their own (kind "comment", with a parent),
since they make claims and cite sources of their own. Every offset is a character
offset into the file's text, so `text[start:end]` is the exact span.
"""

import hashlib
import re
from pathlib import Path

from usclet import dates
from usclet.errors import BadInput

COMMENTS_HEADER_RE = re.compile(r"^\s*\d+ (?:thoughts?|comments?|responses?) on\b", re.IGNORECASE)
COMMENT_START_RE = re.compile(r"^ {1,4}(\d+)\. {1,2}(\S.*)$")
FOOTNOTE_RE = re.compile(r"^\s*\[(\d+)\]\s")
# An endnote as web pages number them: "1. Reuters, “U.S., Cuba hold talks” (Dec. 13, 2017)", at the
# start of its line (a reader's comment is indented) and closed by its date or address.
NUMBERED_REFERENCE_RE = re.compile(r"^(\d{1,3})[.)]\s+\S")
SEPARATOR_RE = re.compile(r"^\s*(?:={3,}|-{3,}|_{3,})\s*$")
BYLINE_RE = re.compile(r"^\s*By ([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\s*$")
BIO_AUTHOR_RE = re.compile(r"((?:[A-Z][a-z]+|[A-Z]\.)(?: (?:[A-Z][a-z]+|[A-Z]\.)){1,3}) has\b")
PUBLISHED_RE = re.compile(r"^\s*(?:Published|Posted) on (.+?)\s*$", re.IGNORECASE)
# Lines that close a post's text: what follows is the blog's furniture, not the post.
TRAILER_RE = re.compile(r"^\s*(?:Published by|Related Posts|Author:|Share this:|Leave a Reply)", re.IGNORECASE)
REFERENCE_LIST_RE = re.compile(r"^\s*For more information,? (?:please )?see:?\s*$", re.IGNORECASE)
LEAVE_REPLY_RE = re.compile(r"^\s*Leave a Reply\s*$", re.IGNORECASE)
URL_RE = re.compile(r"https?://\S+")
SENTENCE_BREAK_RE = re.compile(r"[a-z]{2,}[.!?] [A-Z]")
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


def prefix_for(file_name):
    """The article id prefix of a source file: `003_d430….txt` gives `a003`."""
    return "a" + file_name.split("_")[0]


def sha256_of(data):
    return hashlib.sha256(data).hexdigest()


def read_article_file(path):
    """The bytes of a new article, refused unless it is non-empty UTF-8 text of sane size."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise BadInput(f"{path} is a folder, not an article file")
        if size > MAX_ARTICLE_BYTES:
            raise BadInput(f"{path} is {size} bytes; articles larger than {MAX_ARTICLE_BYTES} bytes are refused")
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror or error}") from None
    if not data.strip():
        raise BadInput(f"{path} is empty")
    if b"\x00" in data:
        raise BadInput(f"{path} is binary, not text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(f"{path} is not UTF-8 text (byte {error.start}); convert it first") from None
    return data


class _Line:
    __slots__ = ("start", "end", "text")

    def __init__(self, start, end, text):
        self.start, self.end, self.text = start, end, text

    @property
    def blank(self):
        return not self.text.strip()


def _lines(text, start=0, end=None):
    end = len(text) if end is None else end
    lines = []
    position = start
    for raw in text[start:end].splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append(_Line(position, position + len(content), content))
        position += len(raw)
    return lines


def _is_title_like(line):
    stripped = line.text.strip()
    return (
        0 < len(stripped) <= 150
        and stripped[-1] not in ".:;,”\"?!)"
        and not FOOTNOTE_RE.match(line.text)
        and not SEPARATOR_RE.match(line.text)
        and not BYLINE_RE.match(line.text)
        and not TRAILER_RE.match(line.text)
        and not COMMENTS_HEADER_RE.match(line.text)
        and not URL_RE.search(stripped)
    )


def _paragraphs(lines):
    """Groups consecutive non-blank lines: [(first_line, last_line), ...]."""
    groups, current = [], []
    for line in lines:
        if line.blank:
            if current:
                groups.append(current)
                current = []
        else:
            current.append(line)
    if current:
        groups.append(current)
    return [(group[0], group[-1]) for group in groups]


def _post_starts(lines):
    """Indices of the lines that open a post: the first text, then each title after footnotes."""
    starts = []
    seen_footnote = False
    previous_blank = True
    for index, line in enumerate(lines):
        if line.blank:
            previous_blank = True
            continue
        if not starts:
            starts.append(index)
        elif seen_footnote and previous_blank and _is_title_like(line) and not _continues_footnote(lines, index):
            starts.append(index)
            seen_footnote = False
        if FOOTNOTE_RE.match(line.text):
            seen_footnote = True
        previous_blank = False
    return starts


def _continues_footnote(lines, index):
    """A paragraph right after a footnote ending in ';' is that footnote's next entry."""
    for previous in reversed(lines[:index]):
        if not previous.blank:
            return previous.text.rstrip().endswith(";")
    return False


def _citation(text, start, end, number):
    found = dates.find_absolute(text[start:end])
    cited = [{"date": iso, "text": text[start + s:start + e]} for s, e, iso in found]
    latest = max(cited, key=lambda c: dates.sort_key(c["date"]), default=None)
    return {
        "number": number,
        "text": text[start:end],
        "start": start,
        "end": end,
        "date": latest["date"] if latest else None,
        "date_text": latest["text"] if latest else None,
        "dates": cited,
    }


def _citations(text, lines):
    """Footnotes ([1] ...), 'For more information, please see:' lists, and bare reference lines."""
    citations = []
    paragraphs = _paragraphs(lines)
    in_reference_list = False
    for first, last in paragraphs:
        paragraph = text[first.start:last.end]
        stripped_start = first.start + (len(first.text) - len(first.text.lstrip()))
        footnote = FOOTNOTE_RE.match(first.text)
        if footnote:
            in_reference_list = False
            citations.append(_citation(text, stripped_start, last.end, int(footnote.group(1))))
        elif citations and citations[-1]["number"] is not None and citations[-1]["text"].rstrip().endswith(";"):
            # a footnote continued in a paragraph of its own
            previous = citations.pop()
            citations.append(_citation(text, previous["start"], last.end, previous["number"]))
        elif _numbered_references(first, last, lines):
            for line in (l for l in lines if first.start <= l.start <= last.start and not l.blank):
                number = int(NUMBERED_REFERENCE_RE.match(line.text).group(1))
                citations.append(_citation(text, line.start, line.end, number))
        elif REFERENCE_LIST_RE.match(paragraph):
            in_reference_list = True
        elif TRAILER_RE.match(first.text):
            in_reference_list = False
        elif in_reference_list and dates.find_absolute(paragraph):
            for line in (l for l in lines if first.start <= l.start <= last.start and not l.blank):
                citations.append(_citation(text, line.start, line.end, None))
        elif URL_RE.search(paragraph) and dates.find_absolute(paragraph) and not SENTENCE_BREAK_RE.search(
            URL_RE.sub("", paragraph)
        ):
            citations.append(_citation(text, stripped_start, last.end, None))
    return citations


def _numbered_references(first, last, lines):
    """Whether every line of a paragraph is a numbered reference ending in its date or address."""
    for line in (l for l in lines if first.start <= l.start <= last.start and not l.blank):
        if not NUMBERED_REFERENCE_RE.match(line.text):
            return False
        content = line.text.rstrip()
        found = dates.find_absolute(content)
        ends_dated = found and not content[found[-1][1]:].strip(" )].,;")
        if not (ends_dated or URL_RE.search(content.split()[-1])):
            return False
    return True


def trim(text, start, end):
    """Narrows start..end to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _published(text, lines, citations):
    for line in lines:
        match = PUBLISHED_RE.match(line.text)
        if match:
            found = dates.find_absolute(match.group(1))
            if found:
                return found[0][2], None, f"stated: {line.text.strip()!r}"
    dated = [c for c in citations if c["date"]]
    if not dated:
        return None, None, "unknown: no stated date and no dated citation"
    latest = max(dated, key=lambda c: dates.sort_key(c["date"]))
    where = f"footnote [{latest['number']}]" if latest["number"] is not None else "a cited source"
    basis = f"inferred: no earlier than the latest cited date, {latest['date_text']} in {where}"
    # Footnotes can disagree with each other; say so rather than hide it.
    other_years = sorted({d["date"][:4] for c in dated for d in c["dates"]} - {latest["date"][:4]})
    if other_years:
        basis += f" (citations also give {', '.join(other_years)})"
    return None, latest["date"], basis


def _author(lines):
    for line in lines[:6]:
        match = BYLINE_RE.match(line.text)
        if match:
            return match.group(1).strip()
    for index, line in enumerate(lines):
        if line.text.strip().lower() == "published by":
            for later in lines[index + 1:index + 6]:
                match = BIO_AUTHOR_RE.search(later.text)
                if match:
                    return match.group(1)
    return None


def _content_key(lines):
    """Normalised title, body and footnotes: the same post copied elsewhere gives the same key.

    Separator lines, whitespace and the blog's trailing furniture are ignored.
    """
    kept = []
    for line in lines:
        if TRAILER_RE.match(line.text) or COMMENTS_HEADER_RE.match(line.text):
            break
        if not line.blank and not SEPARATOR_RE.match(line.text):
            kept.append(" ".join(line.text.split()))
    return sha256_of("\n".join(kept).encode())


def _article(file_name, text, sha, article_id, kind, lines, title, parent=None):
    start, end = trim(text, lines[0].start, lines[-1].end)
    citations = _citations(text, lines)
    published, earliest, basis = _published(text, lines, citations)
    return {
        "id": article_id,
        "kind": kind,
        "parent": parent,
        "file": file_name,
        "start": start,
        "end": end,
        "sha256": sha,
        "title": title,
        "author": _author(lines) if kind == "post" else None,
        "publisher": None,
        "published": published,
        "published_earliest": earliest,
        "published_basis": basis,
        "url": None,
        "duplicate_of": None,
        "citations": citations,
        "_key": _content_key(lines),
    }


def parse_file(file_name, data, prefix):
    """The articles (posts, then their comments) of one file, as store records.

    `prefix` makes the ids: posts are `<prefix>-1`, `<prefix>-2`, ...; comments
    `<prefix>-1-c1`. `data` is the file's bytes; offsets are into its decoded text.
    """
    text = data.decode("utf-8")
    sha = sha256_of(data)
    lines = _lines(text)
    header = next((i for i, line in enumerate(lines) if COMMENTS_HEADER_RE.match(line.text)), None)
    body_lines = lines if header is None else lines[:header + 1]
    starts = _post_starts(body_lines) or [0]
    articles = []
    posts = []
    for number, begin in enumerate(starts, 1):
        finish = starts[number] if number < len(starts) else len(body_lines)
        post_lines = [l for l in body_lines[begin:finish]]
        while post_lines and post_lines[-1].blank:
            post_lines.pop()
        if not post_lines:
            continue
        first = post_lines[0]
        title = first.text.strip() if _is_title_like(first) else None
        post = _article(file_name, text, sha, f"{prefix}-{number}", "post", post_lines, title)
        posts.append(post)
        articles.append(post)
    if header is not None and posts:
        articles.extend(_comments(file_name, text, sha, lines[header + 1:], posts[-1]))
    return articles


def _comments(file_name, text, sha, lines, post):
    stop = next((i for i, line in enumerate(lines) if LEAVE_REPLY_RE.match(line.text)), len(lines))
    # what follows the reply form is the page, not a comment
    starts = [i for i, line in enumerate(lines[:stop]) if COMMENT_START_RE.match(line.text)]
    comments = []
    for number, begin in enumerate(starts, 1):
        finish = starts[number] if number < len(starts) else stop
        comment_lines = lines[begin:finish]
        while comment_lines and comment_lines[-1].blank:
            comment_lines.pop()
        title = COMMENT_START_RE.match(comment_lines[0].text).group(2).strip()
        comments.append(
            _article(file_name, text, sha, f"{post['id']}-c{number}", "comment", comment_lines, title, post["id"])
        )
    return comments


def mark_duplicates(articles, first_seen=None):
    """Sets `duplicate_of` on each post whose text repeats an earlier one, and drops the keys.

    `first_seen` ({content key: article id}) names posts seen before these, and learns
    the new ones.
    """
    first_seen = {} if first_seen is None else first_seen
    for article in articles:
        key = article.pop("_key")
        if article["kind"] != "post":
            continue
        if key in first_seen:
            article["duplicate_of"] = first_seen[key]
        else:
            first_seen[key] = article["id"]
    return articles


def parse_corpus(files):
    """Articles of several files, given as [(file_name, bytes, prefix)], in that order."""
    articles = []
    for file_name, data, prefix in files:
        articles.extend(parse_file(file_name, data, prefix))
    return mark_duplicates(articles)
