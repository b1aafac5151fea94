"""Full-text search of the record, answered by SQLite's FTS5 on both engines.

The SQLite engine keeps `claims_fts` (claim texts) and `evidence_fts` (quotes) up to date
with its tables; for the JSON engine the same two indexes are built in memory from its
records when a search asks (`Store.full_text`). Either way the question is the same SQL,
so both engines find the same claims in the same order: FTS5's `porter` tokenizer over
`unicode61` (stemmed, case- and accent-insensitive), each term a phrase whose words
come in a row.
"""

import re

from usclet import dates
from usclet.errors import BadInput, NotFound

# each term is given to FTS5 as one quoted phrase: its words in a row, no operator parsed
FOUND = ("SELECT id FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :term) "
         "UNION SELECT claim FROM evidence WHERE rowid IN (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :term)")
# where each term occurs: highlight() opens one mark per occurrence (char(1) never occurs in a text)
CLAIM_HITS = ("SELECT claims.id, highlight(claims_fts, 0, char(1), '') FROM claims_fts "
              "JOIN claims ON claims.rowid = claims_fts.rowid WHERE claims_fts MATCH :term")
QUOTE_HITS = ("SELECT evidence.claim, evidence.quote, highlight(evidence_fts, 0, char(1), '') FROM evidence_fts "
              "JOIN evidence ON evidence.rowid = evidence_fts.rowid WHERE evidence_fts MATCH :term")


def terms_of(text):
    """The words and "quoted phrases" of a search, each a term every claim found must hold;
    a term with no letter or digit (FTS5 would find no token in it) is dropped."""
    terms = [phrase or word for phrase, word in re.findall(r'"([^"]*)"?|(\S+)', text)]
    return [term for term in terms if any(character.isalnum() for character in term)]


def phrase(term):
    return '"' + term.replace('"', '""') + '"'


def search(store, text, filters, event=None):
    """Claims whose text or quotes hold every word and "quoted phrase" of `text`, best
    first: the most occurrences of the terms, then by date. Each has `matches`, the quotes
    holding a term. `filters` narrow them as listings do."""
    terms = terms_of(text)
    if not terms:
        raise BadInput("search: give at least one word to look for")
    if event is not None and (store.get(event) or (None,))[0] != "event":
        raise NotFound(f"--event: no event {event!r}; `usclet list events` lists the event ids")
    index = store.full_text()
    found, score, matches = None, {}, {}
    for term in terms:
        wanted = {"term": phrase(term)}
        ids = {row[0] for row in index.execute(FOUND, wanted)}
        found = ids if found is None else found & ids
        if not found:
            return []
        for claim_id, marked in index.execute(CLAIM_HITS, wanted):
            score[claim_id] = score.get(claim_id, 0) + marked.count("\x01")
        for claim_id, quote, marked in index.execute(QUOTE_HITS, wanted):
            score[claim_id] = score.get(claim_id, 0) + marked.count("\x01")
            matches.setdefault(claim_id, set()).add(quote)
    rows = []
    for claim in store.claims(since=filters.since, until=filters.until):
        if claim["id"] not in found or not filters.claim_matches(claim):
            continue
        if event is not None and claim.get("event") != event:
            continue
        held = matches.get(claim["id"], set())
        rows.append(dict(claim, matches=[item["quote"] for item in claim["evidence"] if item["quote"] in held]))
    rows.sort(key=lambda claim: (-score.get(claim["id"], 0), dates.sort_key(claim.get("date"))))
    return rows
