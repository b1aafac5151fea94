"""Proposes candidate claims from an article: dated sentences, who says them, exact offsets.

The file is split into posts and comments as for the seeds (`corpus`); each article's
text into paragraphs, sentences and, where a sentence holds dates of different
things, clauses. Every candidate is a claim record in the store's shape with one piece
of evidence, plus a `review` object (the reasons for each guess and any ambiguity)
that `import` ignores.
"""

import re
from dataclasses import replace

from usclet import dates
from usclet.text import attribution, corpus, resolve, sentences, subject
from usclet.text.facts import facts_of
from usclet.words import content_stems, fold

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


# "Mayorkas also addressed ...", "The US official also met ...": more of what was just reported
ALSO_RE = re.compile(r"^[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,3}\s+also\b")
# An event named without a date: "Since the repeal of this immigration policy, ..."
UNDATED_EVENT_RE = re.compile(r"^(?:[Ss]ince|[Aa]fter|[Bb]efore|[Uu]ntil) the (?:repeal|end|adoption|signing|start|"
                              r"launch|creation|suspension|restoration|announcement|collapse) of\b")
STOP_WORDS = {"the", "and", "for", "that", "this", "with", "from", "have", "been", "will", "were", "into", "they",
              "their", "which", "about", "after", "before", "since", "even", "without", "who", "any", "its", "not"}


def _stems(text):
    return content_stems(text.lower(), STOP_WORDS)


def _names_again(who, earlier):
    """Whether `who` names the earlier speaker again: "the deputy foreign minister" after "Deputy Foreign
    Minister Carlos Fernandez de Cossio", or "Tablada de la Torre" after "Johana Tablada de la Torre"."""
    words = re.findall(r"\w+", fold(re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)))
    named = re.findall(r"\w+", fold(earlier))
    n = len(words)
    return n >= 2 and any(named[i:i + n] == words for i in range(len(named) - n + 1))


class Article:
    """One article being extracted: its record, text and what has been learned so far."""

    def __init__(self, text, record, published=None, published_basis=None, known_origins=(), stored=True):
        self.text, self.record, self.stored = text, record, stored
        # relative dates need a day: a post known to the month or only from below is anchored
        # at its earliest day (its latest citation)
        known = record.get("published")
        day = known if known and dates.precision(known) == "day" else None
        self.published = published or day or record.get("published_earliest") or known
        self.published_basis = published_basis or record.get("published_basis") or "unknown"
        stated = self.published_basis.startswith("stated")
        footnotes = {}
        for citation in record["citations"]:
            if citation["number"] is not None:
                footnotes.setdefault(citation["number"], []).extend((d["date"], d["text"]) for d in citation["dates"])
        self.context = resolve.Context(self.published, self.published_basis, stated, footnotes)
        self.known_origins = {fold(origin): origin for origin in known_origins}
        self.citing = {}  # footnote number -> Resolution of the first sentence citing it
        self.last_speaker = None  # (speaker, origin, side) of the latest attributed sentence
        self.paragraph_speaker = None
        self.reported_before = None  # (speaker, origin, side) of the sentence just before, if it was attributed
        self.sentence_markers = []
        self.previous_subject = None
        self.mentions = []  # (start, end, Resolution) of every date expression resolved, in file offsets
        self.statements = subject.Statements()  # the body's dated statements, for words that refer back to them
        self.paragraph_link = None  # the earlier event the current paragraph's words refer back to
        self.pending_voice = None  # a government body named in a heading, before its release's dateline
        self.voice = None  # (speaker, origin, side) of a quoted release the sentences below belong to

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
                if segment.role != "footnote" or segment.reference:
                    self.context.paragraph = None
                self.paragraph_speaker = self.reported_before = None
                self.paragraph_link = self._paragraph_link(body_of.get(paragraph, []))
            elif segment.role == "footnote" and segment.reference:
                self.context.paragraph = None  # the next entry of a list of references is another source
            if segment.role == "title":
                # a headline is a claim too, but not the context the body's sentences inherit
                saved = (self.context.paragraph, list(self.context.previous), self.last_speaker, self.paragraph_speaker)
                results.extend(self._sentence(segment, []))
                self.context.paragraph, self.context.previous, self.last_speaker, self.paragraph_speaker = saved
                self._learn_from_title(segment)
                continue
            if segment.role == "heading" and self.voice is not None and not self._names_a_body(segment):
                segment.role = "title"  # the headline of a quoted release: its words, a claim
                results.extend(self._sentence(segment, []))
                continue
            if segment.role in ("dateline", "stamp", "heading"):
                self._learn_from_header(segment)
                continue
            results.extend(self._sentence(segment, body_markers.get(segment.paragraph, [])))
        self._date_undated_words(results)
        return results

    def _date_undated_words(self, results):
        """An article with no date of its own said its words no earlier than the latest day it
        states in full (a report follows what it reports): that is each quote's earliest date."""
        if self.published or self.record.get("published") or self.record.get("published_earliest"):
            return
        stated = [c["date"] for c in results if c["date"] and c["review"]["date_basis"] == resolve.ABSOLUTE
                  and dates.precision(c["date"]) == "day"]
        if not stated:
            return
        latest = max(stated, key=dates.sort_key)
        for candidate in results:
            if candidate["evidence"][0].get("said_on"):
                continue  # a cited source's words, dated by its reference
            candidate["evidence"][0].update(
                said_on=None, said_on_earliest=latest,
                said_on_basis=f"inferred: the article gives no date; no earlier than the latest day it states ({latest})")

    def _paragraph_link(self, body):
        """The earlier event a paragraph is about, by the first words of its undated sentences
        that refer back to one ("the memorandum", "the two sides"), or None."""
        for segment in body:
            words = self.text[segment.start:segment.end]
            if not resolve.find(words):
                link = self.statements.refer_back(words)
                if link is not None:
                    return link
        return None

    def _learn_from_title(self, segment):
        for expression in resolve.find(self.text[segment.start:segment.end]):
            resolution = resolve.resolve(expression, self.context)
            if resolution.known and "-" in resolution.date:
                self.context.previous.append(resolution)
                self.context.lede = self.context.lede or resolution
                return

    def _names_a_body(self, segment):
        """(origin, side) of a short heading naming a government body ("/United States Department of
        State", "Ministry of Foreign Affairs"), or None."""
        line = self.text[segment.start:segment.end].strip(" /")
        if len(line.split()) > 8:
            return None
        origin, side, reason = self._origin_of(line)
        if side != "independent" and reason.startswith("known"):
            return origin, side
        return None

    def _learn_from_header(self, segment):
        """A dateline anchors the body's weekdays and "today"; a heading naming a government body
        above one opens that body's release (a blog quoting a statement under its own header).
        Neither is a claim, nor a date later sentences inherit; an "updated" stamp anchors nothing."""
        line = self.text[segment.start:segment.end]
        if segment.role == "heading":
            named = self._names_a_body(segment)
            if named:
                self.pending_voice, self.voice = named, None
            return
        if segment.role == "stamp":
            return
        for expression in resolve.find(line):
            resolution = resolve.resolve(expression, self.context)
            if resolution.known and dates.precision(resolution.date) == "day":
                self.context.dateline = (resolution.date, line.strip())
                if self.context.published is None and resolution.basis == resolve.ABSOLUTE:
                    # a text that gives no other date of publication is dated by its dateline
                    self.published, self.published_basis = resolution.date, f"stated: the dateline {line.strip()!r}"
                    self.context.published, self.context.published_basis = self.published, self.published_basis
                    self.context.published_stated = True
                break
        if self.pending_voice is not None:
            origin, side = self.pending_voice
            self.voice = (origin, origin, side)
            self.pending_voice = None

    def _sentence(self, segment, paragraph_markers):
        text = self.text
        sentence = text[segment.start:segment.end]
        markers = [int(n) for n in sentences.MARKER_RE.findall(sentence)]
        self.context.markers = list(dict.fromkeys(markers + paragraph_markers))
        if segment.footnote is not None and segment.footnote["number"] is not None:
            self.context.markers = [segment.footnote["number"]]
        self.sentence_markers = markers
        speaker = self._speaker(sentence, segment, sentences.inside_quotation(text, segment))
        self.reported_before = speaker[:3] if speaker[0] is not None and segment.role == "body" else None
        subject = re.match(r"^([A-Z][^,;“”]{2,80}?) (?:was|is|were|are|has|have|had)\b", sentence)
        subject = subject and attribution.trim_speaker(subject.group(1))
        self.previous_subject = subject if subject and len(subject.split()) <= 8 else None
        clauses = []
        for c_start, c_end in sentences.split_clauses(text, segment.start, segment.end):
            clauses.append([c_start, c_end, *self._date_of(c_start, c_end, segment, clauses)])
        merged = []
        for clause in clauses:
            if merged and (merged[-1][2].date, merged[-1][2].end_date) == (clause[2].date, clause[2].end_date):
                merged[-1][1] = clause[1]
                merged[-1][3].extend(x for x in clause[3] if x not in merged[-1][3])
            else:
                merged.append(clause)
        for match in sentences.MARKER_RE.finditer(text, segment.start, segment.end):
            # the footnote reports what the clause carrying its marker says
            clause = next((c for c in clauses if c[0] <= match.start() <= c[1] + 1), clauses[-1])
            if clause[2].known:
                self.citing.setdefault(int(match.group(1)), clause[2])
        # an undated sentence of a dated article is still proposed, its date left for the reviewer
        left_undated = self.context.lede is not None and segment.role != "footnote"
        return [self._candidate(a, b, resolution, notes, segment, speaker, markers)
                for a, b, resolution, notes in merged
                if resolution.known or speaker[0] is not None or self._speaks_for_government() or left_undated]

    def _date_of(self, start, end, segment, earlier_clauses):
        """The Resolution of a clause, and notes on other dates it mentions."""
        context = self.context
        notes, own, stated, unresolved = [], None, [], []
        for expression in resolve.find(self.text[start:end]):
            resolution = resolve.resolve(expression, context)
            if not resolution.known:
                notes.extend(resolution.ambiguity)
                if expression.kind != "vague":
                    unresolved.append(expression.text.strip())
                continue
            self.mentions.append((start + expression.start, start + expression.end, resolution))
            stated.append((resolution, (expression.start, expression.end)))
            if own is None:
                own = resolution
            else:
                notes.append(f"also mentions {resolution.date_text.strip()!r} ({resolution.date})")
            if segment.role != "caption":
                context.previous.append(resolution)
        if segment.role == "footnote" and segment.reference:
            own = self._reference_date(segment, own)
        if own is not None:
            resolution = own
            if segment.role != "caption":
                context.paragraph = own
                if context.lede is None and "-" in own.date and segment.role == "body":
                    context.lede = own
        elif unresolved:
            # the words give a date, though not one that can be worked out: no other date replaces it
            resolution = resolve.Resolution(ambiguity=[
                f"the sentence gives its own date ({', '.join(map(repr, unresolved))}) but it cannot be resolved; "
                "no date from the context is put in its place"])
        else:
            resolution = self._context_date(start, end, segment, earlier_clauses)
        if segment.role == "body" and own is not None:
            self.statements.add_stated(self.text[start:end], stated)
        elif segment.role == "body":
            self.statements.add_inherited(self.text[start:end], resolution)  # if it says something took place
        return resolution, notes

    def _context_date(self, start, end, segment, earlier_clauses):
        """The Resolution of a clause that states no date: from a cited source that names its
        event, the sentence's earlier clause, or its paragraph's subject; else unknown, saying
        what the article's first dated statement was (reported, never applied)."""
        context = self.context
        matched = self._matching_citation(start, end, earlier_clauses)
        if matched is not None:
            context.paragraph = matched
            return matched
        inherited = next((c[2] for c in reversed(earlier_clauses) if c[2].known), None)
        if inherited is not None:
            return inherited
        body = segment.role == "body"
        link = self.statements.refer_back(self.text[start:end]) if body else None
        if context.paragraph is not None:
            anchor = context.paragraph
            ambiguity = []
            dated = link.statement.resolution if link is not None else anchor
            if (dated.date, dated.end_date) != (anchor.date, anchor.end_date):
                ambiguity.append(f"{link.words!r} could also refer back to {dated.date_text.strip()!r} ({dated.date})")
            return replace(anchor, basis=resolve.CONTEXT, ambiguity=ambiguity,
                           explanation=f"no date in the sentence; the date of {anchor.date_text.strip()!r}, "
                                       "earlier in its paragraph")
        if link is not None:
            return self._linked(link, "")
        if body and self.paragraph_link is not None:
            return self._linked(self.paragraph_link, "in its paragraph, ")
        cited = self._cited_date()
        if cited is not None:
            return cited
        if context.lede is not None and segment.role != "footnote":
            return resolve.Resolution(ambiguity=[
                "no date in the sentence or earlier in its paragraph, and no words in its paragraph refer back to a "
                f"dated event: left undated (the article's first dated statement, {subject.first_dated(context.lede)}, "
                "is not applied)"])
        return resolve.Resolution()

    def _linked(self, link, where):
        """The date of the statement a reference points at, saying which words linked them."""
        dated = link.statement.resolution
        return replace(dated, basis=resolve.CONTEXT, ambiguity=link.ambiguity(),
                       explanation=f"no date in the sentence; {where}{link.words!r} refers back to the event "
                                   f"dated by {dated.date_text.strip()!r} (reported as "
                                   f"{', '.join(map(repr, link.reported))})")

    def _matching_citation(self, start, end, earlier_clauses):
        """The date of an undated event ("a few days after X", "Since the repeal of X") from
        the one cited source whose title shares its words, or None.

        The text names the event but not its date; the article's references often
        report it. Only a clear match counts: three shared words and two more than any
        other reference.
        """
        clause = self.text[start:end]
        after_vague = earlier_clauses and re.search(r"\b(?:days|weeks) (?:after|before)$",
                                                    self.text[earlier_clauses[-1][0]:earlier_clauses[-1][1]])
        if not (after_vague or UNDATED_EVENT_RE.match(clause)):
            return None
        words = _stems(clause)
        scored = sorted(((len(words & _stems(c["text"])), index, c) for index, c in enumerate(self.record["citations"])
                         if c["date"]), key=lambda item: (-item[0], item[1]))
        if not scored or scored[0][0] < 3 or (len(scored) > 1 and scored[0][0] - scored[1][0] < 2):
            return None
        citation = scored[0][2]
        anchor = self.context.anchor()
        if anchor is not None and anchor.known and dates.sort_key(citation["date"]) > dates.sort_key(anchor.date):
            return None  # the event comes before what the article reports
        where = f"footnote [{citation['number']}]" if citation["number"] is not None else "a cited source"
        shared = ", ".join(sorted(words & _stems(citation["text"])))
        return resolve.Resolution(citation["date"], None, citation["date_text"], resolve.FOOTNOTE,
                                  f"the event is not dated in the text; {where} reports it ({shared}): "
                                  f"{' '.join(citation['text'].split())[:90]!r}",
                                  ["dated by matching words with a cited title: check the source"])

    def _cited_date(self):
        for number in self.context.markers:
            entries = self.context.footnotes.get(number) or []
            dated = [(iso, text) for iso, text in entries if iso]
            if dated:
                iso, text = max(dated, key=lambda d: dates.sort_key(d[0]))
                return resolve.Resolution(iso, None, text, resolve.FOOTNOTE,
                                          f"no date in the sentence; the date of the source it cites, footnote [{number}] "
                                          f"({text})", ["the event may be earlier than the report that is cited"])
        return None

    def _reference_date(self, segment, own):
        """A footnote's reference reports what the sentence citing it says, dated by that sentence;
        its own date (`own`, "(Dec. 13, 2017)") is when the source said it, its evidence's said_on."""
        number = segment.footnote["number"]
        citing = self.citing.get(number)
        if citing is None or not citing.known:
            return own
        if not citing.year_inferred or own is None or dates.precision(citing.date) != "day":
            resolution = replace(citing, basis=resolve.CONTEXT, ambiguity=[],
                                 explanation=f"the reference of footnote [{number}] reports what the sentence citing "
                                             f"it says, dated {citing.date} ({citing.date_text.strip()!r})")
        else:
            cited_day = dates.bounds(own.date)[0]
            day = dates.bounds(citing.date)[0]
            year = resolve._closest_year(day.month, day.day, cited_day)
            value = dates.make(year, day.month, day.day)
            end = None
            if citing.end_date:
                last = dates.bounds(citing.end_date)[1]
                end = dates.make(year + (last.year - day.year), last.month, last.day)
            ambiguity = []
            if value != citing.date:
                ambiguity.append(f"the text citing it dates this {citing.date}; this source's own date "
                                 f"({own.date_text.strip()}) makes it {value}")
            resolution = resolve.Resolution(value, end, citing.date_text, resolve.FOOTNOTE,
                                            f"day from the sentence citing footnote [{number}] "
                                            f"({citing.date_text.strip()!r}), year {year} from this reference's date "
                                            f"({own.date_text.strip()})", ambiguity, True)
        if own is not None:
            resolution.explanation += f"; the source itself is dated {own.date} ({own.date_text.strip()})"
            if dates.sort_key(resolution.date) > dates.sort_key(dates.bounds(own.date)[1].isoformat()):
                resolution.ambiguity.append(f"the source is dated {own.date}, before {resolution.date}: "
                                            "check what it reports")
        return resolution

    @staticmethod
    def _cited_on(reference, segment):
        """When a cited source's words appeared: the date its reference closes with, "(Dec. 13, 2017)",
        at the precision written, whatever the sentence citing it is about."""
        found = dates.find_absolute(reference)
        if not found:
            return {}
        start, end, iso = found[-1]
        number = segment.footnote["number"]
        where = f"footnote [{number}]" if number is not None else "a cited source"
        return {"said_on": iso, "said_on_earliest": None,
                "said_on_basis": f"the date of the source {where} cites ({reference[start:end]})"}

    def _speaker(self, sentence, segment, in_quotation=False):
        """(speaker, origin, side, reasons) of a sentence; speaker None when unattributed."""
        if segment.role == "footnote" and segment.reference:
            return self._reference_speaker(sentence)
        found = attribution.find_attribution(sentence)
        if found is not None:
            who, how = found
            who = re.sub(r"^(?:And|But|Yet|So|Also)\s+", "", who)  # "And they noted ..." is "they"
            antecedent = self.last_speaker
            if attribution.PRONOUN_RE.match(who) and antecedent is None and self.previous_subject:
                antecedent = self._attributed(self.previous_subject, "")[:3]
            if antecedent and not attribution.PRONOUN_RE.match(who) and _names_again(who, antecedent[0]):
                who = antecedent[0]  # "the deputy foreign minister", "Tablada de la Torre": named before
            if attribution.PRONOUN_RE.match(who) and not antecedent and self.record.get("side") in ("us", "cuba"):
                return self._unattributed(segment)  # "they noted" in a release, with no one named before: its own voice
            if attribution.PRONOUN_RE.match(who) and antecedent:
                speaker, origin, side = antecedent
                result = (speaker, origin, side, {"speaker": f"{who!r} taken to be the previous speaker, {speaker}",
                                                  "origin": f"as for {speaker}", "side": f"as for {speaker}"})
            else:
                result = self._attributed(who, how)
            self.last_speaker = self.paragraph_speaker = result[:3]
            return result
        quoting = in_quotation or "“" in sentence
        continuing = self.paragraph_speaker if quoting else None
        if continuing is None and sentence.lstrip().startswith(("“", "\"", "”")):
            continuing = self.paragraph_speaker or self.last_speaker
        if continuing:
            speaker, origin, side = continuing
            return (speaker, origin, side, {"speaker": f"a quotation continuing {speaker}'s statement",
                                            "origin": f"as for {speaker}", "side": f"as for {speaker}"})
        if self.reported_before is not None and ALSO_RE.match(sentence):
            speaker, origin, side = self.reported_before
            return (speaker, origin, side, {"speaker": f"adds ('also') to what {speaker} reported in the sentence before",
                                            "origin": f"as for {speaker}", "side": f"as for {speaker}"})
        return self._unattributed(segment)

    def _attributed(self, who, how):
        origin, side, reason = self._origin_of(who)
        if origin in attribution.GENERIC_ORIGINS and self.last_speaker and self.last_speaker[2] == side:
            origin = self.last_speaker[1]
            reason = f"{who!r} taken to be the same {side} source as the previous speaker, {self.last_speaker[0]}"
        return (who, origin, side, {"speaker": how, "origin": reason, "side": f"{origin} speaks for {attribution.SIDE_NAMES[side]}"})

    def _speaks_for_government(self):
        """Whether the article's own words are a government's account (its release)."""
        return self.record.get("side") in ("us", "cuba")

    def _unattributed(self, segment):
        author = self.record.get("publisher") or self.record.get("author")
        if self.voice is not None and segment.role in ("body", "title"):
            speaker, origin, side = self.voice
            return (speaker, origin, side, {"speaker": f"under the header of {origin}'s release: its words",
                                            "origin": f"the release's header names {origin}",
                                            "side": f"{origin} speaks for {attribution.SIDE_NAMES[side]}"})
        cited = self._single_cited_source()
        if cited is None and segment.role != "caption" and self.record.get("side"):
            # the article's own words are its origin's account, on its side (a release is its government's)
            origin, side = self.record.get("origin") or author, self.record["side"]
            speaker = origin if side != "independent" else None
            return (speaker, origin, side, {
                "speaker": f"no attribution in the sentence: the publisher's own words ({origin})" if speaker
                else "no attribution in the sentence: the author",
                "origin": f"the article's origin, {origin} ({self.record.get('origin_basis') or 'stored'})",
                "side": f"{origin} speaks for {attribution.SIDE_NAMES[side]}"})
        if cited is not None:
            origin, side, reason = cited
            return (None, origin, side, {"speaker": "no attribution in the sentence: the author",
                                         "origin": reason, "side": f"{origin} speaks for {attribution.SIDE_NAMES[side]}"})
        who = "the photo caption" if segment.role == "caption" else "the author"
        return (None, author, "independent", {
            "speaker": f"no attribution in the sentence: {who}",
            "origin": f"the author's own reporting ({author})" if author else "the author's own reporting",
            "side": "the author reports, for neither government"})

    def _single_cited_source(self):
        """The government body a sentence's footnotes cite, when they cite just one."""
        numbers = self.sentence_markers
        citations = [c for c in self.record["citations"] if c["number"] in numbers]
        if not citations:
            return None
        bodies = set()
        for citation in citations:
            for a, b, reference in sentences.citation_items(self.text, citation):
                if reference:
                    origin, side, _ = self._reference_origin(self.text[a:b])
                    bodies.add((origin, side))
        if len(bodies) == 1:
            origin, side = bodies.pop()
            if side != "independent":
                numbers_text = ", ".join(f"[{c['number']}]" for c in citations)
                return origin, side, f"footnote {numbers_text} cites one source, {origin}"
        return None

    def _reference_speaker(self, reference):
        origin, side, reason = self._reference_origin(reference)
        return (None, origin, side, {"speaker": "a cited reference: the author cites it",
                                     "origin": reason, "side": f"{origin} speaks for {attribution.SIDE_NAMES[side]}"})

    def _origin_of(self, who):
        return attribution.origin_of(who, self.known_origins)

    def _reference_origin(self, reference):
        return attribution.reference_origin(reference, self.known_origins)

    def _candidate(self, start, end, resolution, notes, segment, speaker, markers):
        quote = self.text[start:end]
        who, origin, side, reasons = speaker
        footnote = segment.footnote["number"] if segment.footnote is not None else (markers[0] if markers else None)
        if footnote is None and self.context.markers and segment.role == "body":
            footnote = self.context.markers[0]
        ambiguity = list(resolution.ambiguity) + [n for n in notes if n not in resolution.ambiguity]
        stated = resolution if resolution.known and resolution.date_text and resolution.date_text.strip() in quote \
            else None  # a fact's date is the one its own sentence states
        facts, fact_words = facts_of(quote, stated)
        evidence = {
            "article": self.record["id"] if self.stored else None, "file": self.record["file"], "start": start, "end": end,
            "quote": quote, "speaker": who or ("the photo caption" if segment.role == "caption" else "the author"),
            "side": side, "origin": origin, "footnote": footnote,
        }
        if segment.role == "footnote" and segment.reference:
            evidence.update(self._cited_on(quote, segment))
        return {
            "id": None,
            "event": None,
            "date": resolution.date,
            "end_date": resolution.end_date,
            "date_text": resolution.date_text.strip() if resolution.date_text else None,
            "date_basis": resolution.describe() if resolution.known else None,
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
                "published": {"date": self.published, "basis": self.published_basis},
                "facts": fact_words,
                "dates": [{"text": self.text[a:b], "start": a, "end": b, "date": r.date, "end_date": r.end_date}
                          for a, b, r in self.mentions if start <= a and b <= end],
            },
        }


def extract(file_name, data, articles=None, published=None, only=None, known_origins=(), speaks=None):
    """Candidate claims of a file.

    `articles` are the file's stored article records (ids, publisher, published) when
    it has been added; otherwise it is parsed afresh and candidates carry no article.
    `published` (ISO) overrides every post's publication date; `only` keeps one article.
    `speaks` gives a file not yet added its publisher: {publisher, origin, side, basis},
    whose account its own words are. Returns [(article record, publication (date, basis), [candidates])].
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
        article = Article(text, record, *given, known_origins=known_origins, stored=stored)
        found = article.candidates()  # first: a dateline can date the text
        results.append((record, (article.published, article.published_basis), found))
    return results


def extract_file(store, path, published=None, article_id=None, speaks=None, known_origins=()):
    """Candidates of the article file at `path`, as `extract` returns them.

    When the file's text is already in the store, candidates carry the ids of its
    stored articles (so they import as they are); `article_id` keeps one article and
    requires that the file is its text.
    """
    from usclet.errors import BadInput, NotFound

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
    return extract(name, data, stored or None, published, article_id, known_origins, None if stored else speaks)
