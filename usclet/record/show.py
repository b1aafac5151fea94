"""One event, claim or article in full, each quote in the sentence around it."""

from usclet import model
from usclet.errors import NotFound
from usclet.record import identity
from usclet.record.listings import with_chains
from usclet.store.base import ArticlesMissing
from usclet.text.sentences import split_sentences


def _sources(claims):
    return list(dict.fromkeys(origin for claim in claims for origin in model.sources_of(claim)))


def _with_sources(event, claims):
    """An event with `sources` (the chains of the claims placing it) and `said_about_by` (the others)."""
    row = dict(event)
    placing = [claim for claim in claims if not claim.get("set_aside")
               and any(key in (claim.get("facts") or {}) for key in identity.PLACING_FACTS)]
    row["sources"] = _sources(placing)
    row["said_about_by"] = [source for source in _sources(claims) if source not in row["sources"]]
    row["claims"] = [claim["id"] for claim in claims]
    return row


def sentence_around(text, start, end, limit_start=0, limit_end=None):
    """Bounds of the sentence(s) holding text[start:end], within the article's span and
    the lines the quote is on (a heading or a list item is a sentence of its own)."""
    limit_end = len(text) if limit_end is None else limit_end
    line_start = max(limit_start, text.rfind("\n", limit_start, start) + 1)
    line_end = text.find("\n", end, limit_end)
    sentences = split_sentences(text, line_start, limit_end if line_end < 0 else line_end)
    left = max((first for first, _ in sentences if first <= start), default=line_start)
    right = min((last for _, last in sentences if last >= end), default=end)
    return left, max(right, end)


def evidence_in_context(store, item):
    """An evidence item with the sentence around its quote and the footnote it cites."""
    found = store.get(item["article"])
    article = found[1] if found else {}
    row = dict(item)
    row["article_title"] = article.get("title")
    try:
        text = store.seed_text(item["file"])
    except ArticlesMissing:
        raise  # not one text missing: the whole folder, a store problem (exit 3)
    except (OSError, UnicodeDecodeError):
        text = None
    row["path"] = store.text_path(item["file"])
    if text is not None:
        left, right = sentence_around(text, item["start"], item["end"], article.get("start", 0), article.get("end"))
        row["context"] = {"before": text[left:item["start"]], "quote": text[item["start"]:item["end"]], "after": text[item["end"]:right]}
    footnote = item.get("footnote")
    if footnote is not None:
        cited = [c for c in article.get("citations", []) if c.get("number") == footnote]
        row["footnote_text"] = cited[0]["text"] if cited else None
    return row


def show(store, record_id):
    """An event, claim or article in full, with what refers to it."""
    found = store.get(record_id)
    if not found:
        raise NotFound(f"no event, claim or article with id {record_id!r}; `usclet list events|claims|articles` lists ids")
    kind, record = found
    if kind == "event":
        claims = store.claims(events=[record_id])
        return {"kind": "event", "record": _with_sources(record, claims), "claims": claims}
    if kind == "claim":
        row = with_chains(dict(record))
        row["sources"] = model.sources_of(record)
        return {
            "kind": "claim",
            "record": row,
            "evidence": [evidence_in_context(store, item) for item in record["evidence"]],
        }
    claims = store.claims(article=record_id)
    return {"kind": "article", "record": record, "claims": claims}
