"""Dates a sentence: the dates its words give, else the date its context gives it.

`Dating` owns what the resolver knows of an article (`resolve.Context`: its publication,
dateline, footnotes, the dates read so far) and the article's dated events (`subject`),
and dates each sentence's clauses in reading order: a date the clause states wins; a
clause with none takes one from a cited source naming its event, an earlier clause, its
paragraph's subject or a footnote, each saying which words it came from, or is left
undated. EXTRACTION.md gives the rules in order.
"""

import re
from dataclasses import replace

from usclet import dates
from usclet.text import resolve, sentences, subject
from usclet.words import content_stems

# An event named without a date: "Since the repeal of this immigration policy, ..."
UNDATED_EVENT_RE = re.compile(r"^(?:[Ss]ince|[Aa]fter|[Bb]efore|[Uu]ntil) the (?:repeal|end|adoption|signing|start|"
                              r"launch|creation|suspension|restoration|announcement|collapse) of\b")
# "Published: ...", "Apr 14, 2023, 9:15 AM": a stamp; "HAVANA, Jan 17 (Reuters) -": a dateline
CLOCK_RE = re.compile(r"\d:\d\d")


def _stems(text):
    return content_stems(text.lower())


class Dating:
    """The dates of one article's sentences, read in order."""

    def __init__(self, text, record, published=None, published_basis=None):
        self.text, self.record = text, record
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
        self.citing = {}  # footnote number -> Resolution of the first sentence citing it
        self.mentions = []  # (start, end, Resolution) of the date expressions resolved in the sentence being read
        self.statements = subject.Statements()  # the body's dated statements, for words that refer back to them
        self.paragraph_link = None  # the earlier event the current paragraph's words refer back to

    @property
    def has_a_day(self):
        """Whether the text has dated something, or stands under a dateline: its undated sentences are
        then still proposed, their dates left for the reviewer."""
        return self.context.lede is not None or self.context.dateline is not None

    def new_paragraph(self, segment, body):
        """A paragraph starts: its own subject, and the earlier event its words refer back to."""
        if segment.role != "footnote" or segment.reference:
            self.context.paragraph = None
        self.paragraph_link = self._paragraph_link(body)

    def new_reference(self):
        self.context.paragraph = None  # the next entry of a list of references is another source

    def saved(self):
        """What a headline must leave as it found: it is a claim, not the body's context."""
        return self.context.paragraph, list(self.context.previous)

    def restore(self, saved):
        self.context.paragraph, self.context.previous = saved

    def start_sentence(self, segment, markers, paragraph_markers):
        """The footnotes a sentence cites (its own, else its paragraph's) are where its year may come from."""
        self.context.markers = list(dict.fromkeys(markers + paragraph_markers))
        if segment.footnote is not None and segment.footnote["number"] is not None:
            self.context.markers = [segment.footnote["number"]]
        self.mentions = []  # a candidate's dates are in its own sentence: the list stays short

    def clauses(self, segment):
        """[(start, end, Resolution, notes)] of a sentence: its clauses, those of one date merged."""
        text = self.text
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
        return merged

    def mentions_in(self, start, end):
        """{text, start, end, date, end_date} of every date expression resolved within start..end."""
        return [{"text": self.text[a:b], "start": a, "end": b, "date": r.date, "end_date": r.end_date}
                for a, b, r in self.mentions if start <= a and b <= end]

    def learn_from_dateline(self, segment):
        """A dateline or stamp anchors the body's weekdays and "today", and dates a text that gives no
        other date of publication. It is no claim, nor a date later sentences inherit."""
        line = self.text[segment.start:segment.end]
        for expression in resolve.find(line):
            resolution = resolve.resolve(expression, self.context)
            if resolution.known and dates.precision(resolution.date) == "day":
                self.context.dateline = (resolution.date, line.strip())
                if self.context.published is None and resolution.basis == resolve.ABSOLUTE:
                    kind = "stamp" if sentences.STAMP_RE.search(line) or CLOCK_RE.search(line) else "dateline"
                    self.published, self.published_basis = resolution.date, f"stated: the {kind} {line.strip()!r}"
                    self.context.published, self.context.published_basis = self.published, self.published_basis
                    self.context.published_stated = True
                return

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
    def cited_on(reference, segment):
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

    def date_undated_words(self, results):
        """An article stored with no date is dated by its dateline or stamp when it has one: that is when
        each quote appeared. Otherwise it said its words no earlier than the latest day it states in full
        (a report follows what it reports): that is each quote's earliest date."""
        if self.record.get("published") or self.record.get("published_earliest"):
            return
        if self.published and self.published_basis.startswith(("stated: the dateline", "stated: the stamp")):
            for candidate in results:
                if not candidate["evidence"][0].get("said_on"):  # a cited source's words keep their reference's
                    candidate["evidence"][0].update(said_on=self.published, said_on_earliest=None,
                                                    said_on_basis=self.published_basis)
            return
        if self.published:
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

    def learn_from_title(self, segment):
        for expression in resolve.find(self.text[segment.start:segment.end]):
            resolution = resolve.resolve(expression, self.context)
            if resolution.known and "-" in resolution.date:
                self.context.previous.append(resolution)
                self.context.lede = self.context.lede or resolution
                return
