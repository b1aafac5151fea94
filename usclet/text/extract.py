"""Proposes candidate claims from an article: dated sentences, who says them, exact offsets.

The file is split into posts and comments as for the seeds (`corpus`); each article's
text into paragraphs, sentences and, where a sentence holds dates of different
things, clauses. Every candidate is a claim record in the store's shape with one piece
of evidence, plus a `review` object (the reasons for each guess and any ambiguity)
that `import` ignores. `dating.Dating` dates each clause, `attribution.Voices` says
whose voice each sentence is; `Article` walks the segments and assembles candidates.
"""

import re

from usclet.errors import BadInput, NotFound
from usclet.text import attribution, corpus, dating, sentences
from usclet.text.facts import facts_of

TOPIC_WORDS = [
    ("dialogue", r"\bdialogue"), ("agreement", r"\bmemorandum|\bMOU\b|\bagreement|\bjoint statement|\bdeclaration"),
    ("migration", r"\bmigra|\bimmigration\b(?! fraud)"), ("deportation", r"\bdeport|\bremoval flights?|\breturn of cuban"),
    ("trafficking", r"\btraffick"), ("smuggling", r"\bsmuggl"), ("immigration-fraud", r"\bimmigration fraud"),
    ("terrorism", r"\bterroris|\bcounterterroris"), ("narcotics", r"\bnarcotic|\bdrug"),
    ("fugitives", r"\bfugitive"), ("extradition", r"\bextradit"), ("cybercrime", r"\bcyber"),
    ("border-security", r"\bborder|\bcoast guard"), ("aviation-security", r"\bair service|\bairport|\baviation"),
    ("information-sharing", r"\bexchang\w* (?:of )?information|\bsharing of information|\binformation sharing"),
    ("human-rights", r"\bhuman rights"), ("sanctions", r"\bsanction|\bembargo"), ("economy", r"\beconom|\bbankrupt"),
]
_TOPICS = [(topic, re.compile(pattern, re.IGNORECASE)) for topic, pattern in TOPIC_WORDS]


class Article:
    """One article being extracted: walks its segments in reading order and makes a candidate of
    each clause, dated by `dating.Dating` and voiced by `attribution.Voices`."""

    def __init__(self, text, record, published=None, published_basis=None, registry=None, stored=True):
        self.text, self.record, self.stored = text, record, stored
        self.dating = dating.Dating(text, record, published, published_basis)
        self.voices = attribution.Voices(text, record, registry)

    @property
    def published(self):
        return self.dating.published

    @property
    def published_basis(self):
        return self.dating.published_basis

    def candidates(self):
        segments = sentences.segments_of(self.text, self.record)
        body_markers, body_of = {}, {}
        for segment in segments:
            if segment.role == "body":
                body_of.setdefault(segment.paragraph, []).append(segment)
                for number in sentences.MARKER_RE.findall(self.text[segment.start:segment.end]):
                    body_markers.setdefault(segment.paragraph, []).append(int(number))
        results, paragraph = [], None
        for segment in segments:
            if segment.paragraph != paragraph:
                paragraph = segment.paragraph
                self.dating.new_paragraph(segment, body_of.get(paragraph, []))
                self.voices.new_paragraph()
            elif segment.role == "footnote" and segment.reference:
                self.dating.new_reference()
            if segment.role == "title":
                # a headline is a claim too, but not the context the body's sentences inherit
                saved = self.dating.saved(), self.voices.saved()
                results.extend(self._sentence(segment, []))
                self.dating.restore(saved[0])
                self.voices.restore(saved[1])
                self.dating.learn_from_title(segment)
                continue
            if segment.role == "heading" and self.voices.voice is not None and not self.voices.names_a_body(segment):
                segment.role = "title"  # the headline of a quoted release: its words, a claim
                results.extend(self._sentence(segment, []))
                continue
            if segment.role == "heading":
                self.voices.learn_from_heading(segment)
            elif segment.role == "dateline":  # an "updated" stamp anchors nothing
                self.dating.learn_from_dateline(segment)
                self.voices.learn_from_dateline()
            if segment.role in ("dateline", "stamp", "heading"):
                continue
            results.extend(self._sentence(segment, body_markers.get(segment.paragraph, [])))
        self.dating.date_undated_words(results)
        return results

    def _sentence(self, segment, paragraph_markers):
        markers = [int(n) for n in sentences.MARKER_RE.findall(self.text[segment.start:segment.end])]
        self.dating.start_sentence(segment, markers, paragraph_markers)
        speaker = self.voices.of_sentence(segment, markers)
        merged = self.dating.clauses(segment)
        # an undated sentence of a dated article is still proposed, its date left for the reviewer
        left_undated = self.dating.has_a_day and segment.role != "footnote"
        return [self._candidate(a, b, resolution, notes, segment, speaker, markers)
                for a, b, resolution, notes in merged
                if resolution.known or speaker[0] is not None or self.voices.speaks_for_government() or left_undated]

    def _candidate(self, start, end, resolution, notes, segment, speaker, markers):
        quote = self.text[start:end]
        who, origin, side, reasons = self.voices.settled(speaker)
        footnote = segment.footnote["number"] if segment.footnote is not None else (markers[0] if markers else None)
        if footnote is None and self.dating.context.markers and segment.role == "body":
            footnote = self.dating.context.markers[0]
        ambiguity = list(resolution.ambiguity) + [n for n in notes if n not in resolution.ambiguity]
        stated = resolution if resolution.known and resolution.date_text and resolution.date_text.strip() in quote \
            else None  # a fact's date is the one its own sentence states
        facts, fact_words = facts_of(quote, stated)
        evidence = {
            "article": self.record["id"] if self.stored else None, "file": self.record["file"], "start": start, "end": end,
            "quote": quote, "speaker": who or ("the photo caption" if segment.role == "caption" else "the author"),
            "side": side, "origin": origin, "footnote": footnote,
        }
        if reasons.get("derived_from"):
            evidence.update(derived_from=reasons["derived_from"], derived_basis=reasons["derived_basis"])
        if segment.role == "footnote" and segment.reference:
            evidence.update(self.dating.cited_on(quote, segment))
        return {
            "id": None,
            "event": None,
            "date": resolution.date,
            "end_date": resolution.end_date,
            "date_text": resolution.date_text.strip() if resolution.date_text else None,
            "date_basis": resolution.describe() if resolution.known else None,
            "date_note": resolution.period_note() if stated is not None else None,
            "text": " ".join(quote.split()),
            "topics": [topic for topic, regex in _TOPICS if regex.search(quote)],
            "facts": facts,
            "evidence": [evidence],
            "conflicts_with": [],
            "review": {
                "date_basis": resolution.basis,
                "ambiguity": ambiguity,
                "where": sentences.where(segment),
                "in_file": self.record["id"] if self.stored else f"{self.record['kind']} {self.record['id'][4:]} of the file",
                "speaker": reasons["speaker"],
                "origin": reasons["origin"],
                "side": reasons["side"],
                "published": {"date": self.dating.published, "basis": self.dating.published_basis},
                "facts": fact_words,
                "dates": self.dating.mentions_in(start, end),
            },
        }

def extract(file_name, data, articles=None, published=None, only=None, registry=None, speaks=None):
    """Candidate claims of a file.

    `articles` are the file's stored article records (ids, publisher, published) when
    it has been added; otherwise it is parsed afresh and candidates carry no article.
    `published` (ISO) overrides every post's publication date; `only` keeps one article.
    `speaks` gives a file not yet added its publisher: {publisher, origin, side, basis},
    whose account its own words are. `registry` is the store's origin registry (`origins.Registry`):
    every origin proposed is then named and sided as `import` will accept it.
    Returns [(article record, publication (date, basis), [candidates])].
    """
    text = data.decode("utf-8")
    stored = articles is not None
    if not stored:
        articles = corpus.mark_duplicates(corpus.parse_file(file_name, data, "new"))
        if speaks:
            for record in articles:
                record.update(publisher=speaks.get("publisher"), origin=speaks.get("origin"), side=speaks.get("side"),
                              origin_basis=speaks.get("basis"))
    results = []
    for record in articles:
        if only is not None and record["id"] != only:
            continue
        given = (published, "stated: given with --published") if published else (None, None)
        article = Article(text, record, *given, registry=registry, stored=stored)
        found = article.candidates()  # first: a dateline can date the text
        results.append((record, (article.published, article.published_basis), found))
    return results


def extract_file(store, path, published=None, article_id=None, speaks=None, registry=None):
    """Candidates of the article file at `path`, as `extract` returns them.

    When the file's text is already in the store, candidates carry the ids of its
    stored articles (so they import as they are); `article_id` keeps one article and
    requires that the file is its text.
    """
    data = corpus.read_article_file(path)
    sha = corpus.sha256_of(data)
    stored = [a for a in store.articles() if a["sha256"] == sha]
    if article_id is not None:
        found = store.get(article_id)
        if not found or found[0] != "article":
            raise NotFound(f"--article: no article {article_id!r} in the store; add it first with `usclet add article`")
        if found[1]["sha256"] != sha:
            raise BadInput(f"{path} is not the text of article {article_id} (added from {found[1]['file']}); "
                           "extract the file it was added from")
    name = stored[0]["file"] if stored else str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return extract(name, data, stored or None, published, article_id, registry, None if stored else speaks)
