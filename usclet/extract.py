"""Proposes candidate claims from an article: dated sentences, who says them, exact offsets.

The file is split into posts and comments as for the seeds (`corpus`); each article's
text into paragraphs, sentences and, where a sentence holds dates of different
things, clauses. Every candidate is a claim record in the store's shape with one piece
of evidence, plus a `review` object (the reasons for each guess and any ambiguity)
that `import` ignores.
"""

import re
from dataclasses import replace

from usclet import corpus, dates, model, resolve

# A sentence ends at . ! or ? (after closing quotes and footnote markers) before a
# capital or an opening quote; or at a period wedged between two words ("Cuba.Increased").
# A missing period shows as a lowercase word running into a word that only opens
# sentences ("a New Mexico state policeman Another, Nehanda ...").
SENTENCE_END_RE = re.compile(
    r"[.!?][”\"’')\]]*(?:\s?\[\d+\])*(?=\s+[“\"‘(]?[A-Z0-9]|\s*$)|[a-z]{2}\.(?=[A-Z][a-z])"
    r"|(?<=[a-z]{3})(?= (?:Another|Then|Meanwhile),? )"
)
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "adm", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov",
    "pres", "no", "vs", "al", "inc", "co", "corp", "dept", "assoc", "univ", "approx", "e.g", "i.e", "ft", "mt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "ed", "eds",
}
# After an acronym such as "U.S." a sentence ends only if a word that starts sentences follows.
SENTENCE_STARTERS = {
    "The", "A", "An", "It", "This", "That", "These", "Those", "They", "He", "She", "We", "I", "In", "On", "At",
    "According", "But", "However", "Both", "Currently", "Its", "Their", "His", "Her", "There", "Since", "After",
    "Before", "During", "While", "Despite", "Surprisingly", "Meanwhile", "Also", "As",
}
# Where a sentence's clauses may be about different dates.
CLAUSE_BREAK_RE = re.compile(
    r",\s+(?=(?:which|not|but|something that|something which|where|when|signed|held|issued|adopted|"
    r"announced)\b)|;\s+|\s+(?=and that\b)"
)
MARKER_RE = re.compile(r"\[(\d+)\]")
CAPTION_RE = re.compile(r"\((?:Photo|Image|Picture|Credit)\b[^)]*\)|^\s*(?:Photo|Image|Credit):", re.IGNORECASE)
DATE_PAREN_RE = re.compile(r"\([^()]*\b\d{4}\)[.,;]?|\b\d{1,2}/\d{1,2}/\d{2,4}\b[.,;]?")

SPEECH_VERBS = (
    r"said|says|say|stated|states|explained|explains|added|adds|commented|comments|noted|notes|announced|"
    r"announces|reported|reports|suggested|suggests|claimed|claims|asserted|asserts|argued|argues|wrote|writes|"
    r"declared|declares|expressed|confirmed|confirms|insisted|warned|acknowledged|stressed|emphasized|"
    r"indicated|revealed|told|tells|believes|maintains"
)
_ADVERB = r"(?:also |further |then |later |again |recently |previously |publicly )?"
SUBJECT_VERB_RE = re.compile(
    rf"^(?:[A-Z][a-z]+, )?(?P<who>[“\"]?[A-Z][^,;:“”\"]{{0,90}}?|[Tt]hey|[Hh]e|[Ss]he|[Ii]t)\s+{_ADVERB}"
    rf"(?:has |have |had )?(?P<verb>{SPEECH_VERBS})\b"
)
ACCORDING_RE = re.compile(
    r"\b[Aa]ccording to (?:a statement (?:by|from) |a report (?:by|from) )?"
    r"(?P<who>[^,;“”\"]+?)(?=\s*(?:,|;|“|\"|\.\s|\.$|$))"
)
STATEMENT_BY_RE = re.compile(r"\ba (?:statement|release|report) (?:by|from) (?P<who>(?:the )?[A-Z][\w’'.-]*(?: (?:of|for|the|and|[A-Z][\w’'.-]*))*)")
TOLD_RE = re.compile(r"\btold (?P<outlet>[A-Z][\w.&’'-]*(?: [A-Z][\w.&’'-]*){0,3})")
# "..., officials revealed on state television."
TRAILING_RE = re.compile(
    rf",\s+(?P<who>(?:[A-Za-z]+ ){{0,3}}?(?:officials?|sources?|spokes\w+|diplomats?|[A-Z][\w.]+(?: [A-Z][\w.]+)*))"
    rf"\s+(?:{SPEECH_VERBS})(?P<where> (?:on|in|to) [\w ]+)?[.”\"]*$"
)
INVERTED_RE = re.compile(rf"[”\"],?\s+(?:{SPEECH_VERBS}) (?P<who>(?:the |a |an )?[\w.’' -]{{2,60}}?)(?=[.,;]|$)")
PRONOUN_RE = re.compile(r"^(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]hat official|[Tt]he official|[Tt]his official|"
                        r"[Tt]he spokesperson|[Tt]he spokesman|[Tt]he spokeswoman|[Tt]he ministry)$")

# Who is who: the canonical origin of a speaker, and the side it speaks for.
ORIGINS = [
    (r"\bState Dep(?:artmen)?[’']?t\b|\bDepartment of State\b|\bSecretary of State\b", "U.S. Department of State", "us"),
    (r"\bHomeland Security\b|\bDHS\b", "U.S. Department of Homeland Security", "us"),
    (r"\bDepartment of Justice\b|\bJustice Department\b|\bFBI\b", "U.S. Department of Justice", "us"),
    (r"\bNational Security Council\b|\bNSC\b", "U.S. National Security Council", "us"),
    (r"\bWhite House\b", "White House", "us"),
    (r"\b(?:Obama|Biden|Trump|Bush|Clinton) administration\b", None, "us"),
    (r"\bCoast Guard\b", "U.S. Coast Guard", "us"),
    (r"\b(?:U\.S\.|US|American|United States) (?:offici?als?|diplomats?|spokes(?:person|man|woman))\b",
     "unnamed U.S. official", "us"),
    (r"\bCuba(?:n|’s|'s)? (?:Foreign Ministry|Ministry of Foreign Affairs)\b|\bMinistry of Foreign Affairs of Cuba\b|"
     r"\bForeign Ministry of Cuba\b|\bMINREX\b|\bCuban Ministry\b", "Cuban Ministry of Foreign Affairs", "cuba"),
    (r"\bInterior Ministry\b|\bMinistry of (?:the )?Interior\b|\bMININT\b", "Cuban Ministry of Interior", "cuba"),
    (r"\bFern[aá]ndez de Coss[ií]o\b|\bCoss[ií]o\b", "Carlos Fernandez de Cossío", "cuba"),
    (r"\bstate television\b", "Cuban state television", "cuba"),
    (r"\bAssociated Press\b|\bAssoc\. Press\b|\bAP\b", "Associated Press", "independent"),
    (r"\bCBS\b", "CBS News", "independent"),
    (r"\bReuters\b", "Reuters", "independent"),
    (r"\bMiami Herald\b", "Miami Herald", "independent"),
    (r"\bN\.?Y\.? Times\b|\bNew York Times\b", "The New York Times", "independent"),
    (r"\bDiario de Cuba\b", "Diario de Cuba", "independent"),
    (r"\bGazette Xtra\b", "Gazette Xtra", "independent"),
    (r"\bCenter for Democracy in the Americas\b|\bCDA\b", "Center for Democracy in the Americas", "independent"),
    (r"\bdwkcommentaries\b", "dwkcommentaries", "independent"),
    (r"\bImpunity Watch\b", "Impunity Watch", "independent"),
    (r"\bMart[ií]\b", "Radio y Televisión Martí", "us"),
]
_ORIGINS = [(re.compile(pattern), origin, side) for pattern, origin, side in ORIGINS]
_CUBAN_RE = re.compile(r"\bCuba(?:n|’s|'s)?\b|\bHavana\b")
_US_RE = re.compile(r"\bU\.?S\.?\b|\bUS\b|\bAmerican\b|\bUnited States\b|\bWashington\b")
GENERIC_ORIGINS = {"unnamed U.S. official", "Cuban government", "U.S. government"}

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


class Segment:
    """A stretch of an article's text to propose a claim from: a sentence or clause."""

    __slots__ = ("start", "end", "role", "paragraph", "footnote", "reference")

    def __init__(self, start, end, role, paragraph, footnote=None, reference=False):
        self.start, self.end, self.role, self.paragraph = start, end, role, paragraph
        self.footnote, self.reference = footnote, reference


def _trim(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text, start, end):
    """Offsets (start, end) of the sentences of text[start:end]."""
    sentences, begin = [], start
    for match in SENTENCE_END_RE.finditer(text, start, end):
        stop = match.end()
        if match.group()[:1] == "." and not _ends_sentence(text, match.start(), stop):
            continue
        if not match.group() and re.search(r"\b(?:of|in|to|by|the|and|from|read|see|for)$", text[begin:stop]):
            continue  # "... in Another Country": a title, not a missing period
        first, last = _trim(text, begin, stop)
        if last > first:
            sentences.append((first, last))
        begin = stop
    first, last = _trim(text, begin, end)
    if last > first:
        sentences.append((first, last))
    return sentences


def _ends_sentence(text, period, stop):
    """Whether the period at `period` ends a sentence (not 'U.S.', 'Dr.', 'John S.')."""
    word = re.search(r"([\w’'.-]*)$", text[max(0, period - 20):period]).group(1)
    bare = word.lower().strip(".")
    if "." in word.strip(".") and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word.strip(".")):
        # an acronym: "U.S. Embassy" goes on, "D.C. The main objective" ends
        following = re.match(r"\s*[“\"]?([A-Za-z]+)", text[stop:stop + 30])
        return bool(following and following.group(1) in SENTENCE_STARTERS)
    if bare in ABBREVIATIONS:
        return False
    if re.fullmatch(r"[A-Z]", word):  # an initial: "John S. Creamer"
        return False
    return True


def split_clauses(text, start, end):
    """Offsets of the clauses of one sentence, at breaks where a new date may apply."""
    pieces, begin = [], start
    for match in CLAUSE_BREAK_RE.finditer(text, start, end):
        if match.start() > begin:
            pieces.append(_trim(text, begin, match.start() + (1 if text[match.start()] in ",;" else 0)))
        begin = match.end()
    pieces.append(_trim(text, begin, end))
    return [(a, b) for a, b in pieces if b > a]


def _paragraphs(text, start, end):
    spans, begin = [], None
    position = start
    for line in text[start:end].splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            if begin is None:
                begin = position
            last = position + len(content)
        elif begin is not None:
            spans.append((begin, last))
            begin = None
        position += len(line)
    if begin is not None:
        spans.append((begin, last))
    return [_trim(text, a, b) for a, b in spans]


def _citation_items(text, citation):
    """A footnote's entries: the reference up to its date, then any sentences after it."""
    start = citation["start"]
    marker = re.match(r"\s*\[\d+\]\s*", text[start:citation["end"]])
    if marker:
        start += marker.end()
    items = []
    for a, b in _split_on(text, start, citation["end"], re.compile(r";\s+|\n\s*\n")):
        reference_end = b
        dated = DATE_PAREN_RE.search(text, a, b)
        if dated:
            reference_end = re.compile(r"[\])]*[.,;:]?").match(text, dated.end()).end()
            if not re.match(r"\s*[A-Z“\"]", text[reference_end:b]):
                reference_end = b  # what follows continues the reference, not a sentence
        items.append((a, reference_end, True))
        if reference_end < b:
            items.extend((s, e, False) for s, e in split_sentences(text, reference_end, b))
    return items


def _split_on(text, start, end, regex):
    pieces, begin = [], start
    for match in regex.finditer(text, start, end):
        pieces.append(_trim(text, begin, match.start() + (1 if text[match.start()] == ";" else 0)))
        begin = match.end()
    pieces.append(_trim(text, begin, end))
    return [(a, b) for a, b in pieces if b > a]


def segments_of(text, article):
    """The article's text as Segments in reading order, with the role of each."""
    citations = article["citations"]
    inside_citation = [(c["start"], c["end"], c) for c in citations]
    segments, seen_lines = [], set()
    for number, (p_start, p_end) in enumerate(_paragraphs(text, article["start"], article["end"])):
        paragraph = text[p_start:p_end]
        first_line = paragraph.splitlines()[0]
        if corpus.TRAILER_RE.match(first_line) or corpus.COMMENTS_HEADER_RE.match(first_line):
            break
        citation = next((c for a, b, c in inside_citation if a <= p_start < b or p_start <= a < p_end), None)
        if citation is not None:
            for c in [c for a, b, c in inside_citation if p_start <= a < p_end or a <= p_start < b]:
                if any(s.footnote is c for s in segments):
                    continue
                for a, b, reference in _citation_items(text, c):
                    segments.append(Segment(a, b, "footnote", number, c, reference))
            continue
        if (corpus.SEPARATOR_RE.match(paragraph) or corpus.BYLINE_RE.match(paragraph)
                or corpus.PUBLISHED_RE.match(paragraph) or corpus.REFERENCE_LIST_RE.match(paragraph)):
            continue
        if number == 0 and (article["kind"] == "comment" or article.get("title")):
            title = corpus.COMMENT_START_RE.match(first_line)
            offset = p_start + (title.start(2) if title else 0)
            segments.append(Segment(offset, p_start + len(first_line), "title", number))
            continue
        if CAPTION_RE.search(paragraph):
            for line_start, line_end in _lines(text, p_start, p_end):
                line = text[line_start:line_end]
                if line not in seen_lines:
                    segments.append(Segment(line_start, line_end, "caption", number))
                seen_lines.add(line)
            continue
        if "\n" not in paragraph and _title_like(paragraph):
            continue  # a desk line or heading, not a statement
        for s_start, s_end in split_sentences(text, p_start, p_end):
            if re.search(r"[A-Za-z]", MARKER_RE.sub("", text[s_start:s_end])):
                segments.append(Segment(s_start, s_end, "body", number))
    return segments


def _lines(text, start, end):
    lines, position = [], start
    for line in text[start:end].splitlines(keepends=True):
        a, b = _trim(text, position, position + len(line.rstrip("\r\n")))
        if b > a:
            lines.append((a, b))
        position += len(line)
    return lines


def _title_like(paragraph):
    stripped = paragraph.strip()
    return bool(stripped) and stripped[-1] not in ".:;,”\"?!)]" and len(stripped) <= 150


class Article:
    """One article being extracted: its record, text and what has been learned so far."""

    def __init__(self, text, record, published=None, published_basis=None, known_origins=(), stored=True):
        self.text, self.record, self.stored = text, record, stored
        self.published = published or record.get("published")
        self.published_basis = published_basis or record.get("published_basis") or "unknown"
        stated = self.published_basis.startswith("stated")
        footnotes = {}
        for citation in record["citations"]:
            if citation["number"] is not None:
                footnotes.setdefault(citation["number"], []).extend((d["date"], d["text"]) for d in citation["dates"])
        self.context = resolve.Context(self.published, self.published_basis, stated, footnotes)
        self.known_origins = {_fold(origin): origin for origin in known_origins}
        self.citing = {}  # footnote number -> Resolution of the first sentence citing it
        self.last_speaker = None  # (speaker, origin, side) of the latest attributed sentence
        self.paragraph_speaker = None
        self.sentence_markers = []
        self.previous_subject = None

    def candidates(self):
        segments = segments_of(self.text, self.record)
        body_markers = {}
        for segment in segments:
            if segment.role == "body":
                for number in MARKER_RE.findall(self.text[segment.start:segment.end]):
                    body_markers.setdefault(segment.paragraph, []).append(int(number))
        results, paragraph = [], None
        for segment in segments:
            if segment.paragraph != paragraph:
                paragraph = segment.paragraph
                if segment.role != "footnote" or segment.reference:
                    self.context.paragraph = None
                self.paragraph_speaker = None
            if segment.role == "title":
                self._learn_from_title(segment)
                continue
            results.extend(self._sentence(segment, body_markers.get(segment.paragraph, [])))
        return results

    def _learn_from_title(self, segment):
        for expression in resolve.find(self.text[segment.start:segment.end]):
            resolution = resolve.resolve(expression, self.context)
            if resolution.known and "-" in resolution.date:
                self.context.previous.append(resolution)
                self.context.lede = self.context.lede or resolution
                return

    def _sentence(self, segment, paragraph_markers):
        text = self.text
        sentence = text[segment.start:segment.end]
        markers = [int(n) for n in MARKER_RE.findall(sentence)]
        self.context.markers = list(dict.fromkeys(markers + paragraph_markers))
        if segment.footnote is not None and segment.footnote["number"] is not None:
            self.context.markers = [segment.footnote["number"]]
        self.sentence_markers = markers
        speaker = self._speaker(sentence, segment, _inside_quotation(text, segment))
        subject = re.match(r"^([A-Z][^,;“”]{2,80}?) (?:was|is|were|are|has|have|had)\b", sentence)
        subject = subject and _trim_speaker(subject.group(1))
        self.previous_subject = subject if subject and len(subject.split()) <= 8 else None
        clauses = []
        for c_start, c_end in split_clauses(text, segment.start, segment.end):
            clauses.append([c_start, c_end, *self._date_of(c_start, c_end, segment, clauses)])
        merged = []
        for clause in clauses:
            if merged and (merged[-1][2].date, merged[-1][2].end_date) == (clause[2].date, clause[2].end_date):
                merged[-1][1] = clause[1]
                merged[-1][3].extend(x for x in clause[3] if x not in merged[-1][3])
            else:
                merged.append(clause)
        for match in MARKER_RE.finditer(text, segment.start, segment.end):
            # the footnote reports what the clause carrying its marker says
            clause = next((c for c in clauses if c[0] <= match.start() <= c[1] + 1), clauses[-1])
            if clause[2].known:
                self.citing.setdefault(int(match.group(1)), clause[2])
        return [self._candidate(a, b, resolution, notes, segment, speaker, markers)
                for a, b, resolution, notes in merged
                if resolution.known or speaker[0] is not None]

    def _date_of(self, start, end, segment, earlier_clauses):
        """The Resolution of a clause, and notes on other dates it mentions."""
        context = self.context
        notes, own = [], None
        for expression in resolve.find(self.text[start:end]):
            resolution = resolve.resolve(expression, context)
            if not resolution.known:
                notes.extend(resolution.ambiguity)
                continue
            if own is None:
                own = resolution
            else:
                notes.append(f"also mentions {resolution.date_text.strip()!r} ({resolution.date})")
            if segment.role != "caption":
                context.previous.append(resolution)
        if segment.role == "footnote" and segment.reference:
            own = self._reference_date(segment, own)
        if own is not None:
            if segment.role != "caption":
                context.paragraph = own
                if context.lede is None and "-" in own.date and segment.role == "body":
                    context.lede = own
            return own, notes
        inherited = next((c[2] for c in reversed(earlier_clauses) if c[2].known), None)
        if inherited is not None:
            return inherited, notes
        anchor = context.paragraph or (context.lede if segment.role != "footnote" else None)
        if anchor is not None:
            where = "earlier in the paragraph" if anchor is context.paragraph else "the article's first dated statement"
            return replace(anchor, basis=resolve.CONTEXT, ambiguity=[],
                           explanation=f"no date in the sentence; the date of {anchor.date_text.strip()!r}, {where}"), notes
        cited = self._cited_date()
        if cited is not None:
            return cited, notes
        return resolve.Resolution(), notes

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
        """A footnote's reference reports what the sentence citing it says, dated by that sentence."""
        number = segment.footnote["number"]
        citing = self.citing.get(number)
        if citing is None or not citing.known:
            return own
        if not citing.year_inferred or own is None or dates.precision(citing.date) != "day":
            return replace(citing, basis=resolve.CONTEXT, ambiguity=[],
                           explanation=f"the reference of footnote [{number}] reports what the sentence citing it "
                                       f"says, dated {citing.date} ({citing.date_text.strip()!r})")
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
        return resolve.Resolution(value, end, citing.date_text, resolve.FOOTNOTE,
                                  f"day from the sentence citing footnote [{number}] ({citing.date_text.strip()!r}), "
                                  f"year {year} from this reference's date ({own.date_text.strip()})", ambiguity, True)

    def _speaker(self, sentence, segment, in_quotation=False):
        """(speaker, origin, side, reasons) of a sentence; speaker None when unattributed."""
        if segment.role == "footnote" and segment.reference:
            return self._reference_speaker(sentence)
        found = _attribution(sentence)
        if found is not None:
            who, how = found
            antecedent = self.last_speaker
            if PRONOUN_RE.match(who) and antecedent is None and self.previous_subject:
                antecedent = self._attributed(self.previous_subject, "")[:3]
            if PRONOUN_RE.match(who) and antecedent:
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
        return self._unattributed(segment)

    def _attributed(self, who, how):
        origin, side, reason = self.origin_of(who)
        if origin in GENERIC_ORIGINS and self.last_speaker and self.last_speaker[2] == side:
            origin = self.last_speaker[1]
            reason = f"{who!r} taken to be the same {side} source as the previous speaker, {self.last_speaker[0]}"
        return (who, origin, side, {"speaker": how, "origin": reason, "side": f"{origin} speaks for {_SIDE_NAMES[side]}"})

    def _unattributed(self, segment):
        author = self.record.get("publisher") or self.record.get("author")
        cited = self._single_cited_source()
        if cited is not None:
            origin, side, reason = cited
            return (None, origin, side, {"speaker": "no attribution in the sentence: the author",
                                         "origin": reason, "side": f"{origin} speaks for {_SIDE_NAMES[side]}"})
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
            for a, b, reference in _citation_items(self.text, citation):
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
                                     "origin": reason, "side": f"{origin} speaks for {_SIDE_NAMES[side]}"})

    def _reference_origin(self, reference):
        """Who published a cited reference: its author if a known body, else its publication."""
        lead = re.split(r",|—| – ", reference, maxsplit=1)[0].strip()
        origin, side, reason = self.origin_of(lead)
        if reason.startswith("known") or re.search(r"\s[—–]\s", reference):
            # "Publication — Title — date" lists name the publication first
            return origin, side, f"the reference's author or publication, {lead!r}: {reason}"
        before_date = re.split(r"\s*\([^()]*\d{4}\)|\s*—\s*\d", reference)[0]
        publication = re.split(r"[,.]\s+|\s+—\s+", before_date.strip())[-1].strip(" ,.;")
        for candidate in (publication, reference):
            origin, side, reason = self.origin_of(candidate)
            if reason.startswith("known"):
                return origin, side, f"the reference's publication, {publication!r}: {reason}"
        name = publication if len(re.findall(r"[A-Za-z]", publication)) > 1 else lead
        return name, "independent", f"the reference's publication, {name!r}"

    def origin_of(self, who):
        """(origin, side, reason) for a speaker's words."""
        found = sorted((m.start(), index, m, origin, side) for index, (regex, origin, side) in enumerate(_ORIGINS)
                       for m in [regex.search(who)] if m)
        if found:
            # the body named first is the origin; any other is said, not dropped
            _, _, match, origin, side = found[0]
            origin = origin or match.group(0)
            reason = f"known: {match.group(0)!r} is {origin}"
            others = [o or m.group(0) for _, _, m, o, _ in found[1:] if (o or m.group(0)) != origin]
            if others:
                reason += f"; the text also names {', '.join(dict.fromkeys(others))}, a further source to add as evidence"
            return origin, side, reason
        cleaned = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", who).strip(" “”\"")
        if cleaned in ("Cuba", "Havana", "Cuban government", "Cuban authorities"):
            return "Cuban government", "cuba", f"{who!r} speaks for the Cuban government"
        if cleaned in ("United States", "U.S.", "US", "Washington", "U.S. government"):
            return "U.S. government", "us", f"{who!r} speaks for the U.S. government"
        stored = self.known_origins.get(_fold(cleaned))
        if stored:
            return stored, _side_of(cleaned), f"matches the stored origin {stored!r}"
        side = _side_of(who)
        if side == "cuba" and re.search(r"\b(?:officials?|government|authorities|statement)\b", who):
            return "Cuban government", side, f"{who!r} speaks for the Cuban government"
        return cleaned, side, f"{who!r} as named in the text"

    def _candidate(self, start, end, resolution, notes, segment, speaker, markers):
        quote = self.text[start:end]
        who, origin, side, reasons = speaker
        footnote = segment.footnote["number"] if segment.footnote is not None else (markers[0] if markers else None)
        if footnote is None and self.context.markers and segment.role == "body":
            footnote = self.context.markers[0]
        ambiguity = list(resolution.ambiguity) + [n for n in notes if n not in resolution.ambiguity]
        return {
            "id": None,
            "event": None,
            "date": resolution.date,
            "end_date": resolution.end_date,
            "date_text": resolution.date_text.strip() if resolution.date_text else None,
            "date_basis": resolution.describe() if resolution.known else None,
            "text": " ".join(quote.split()),
            "topics": [topic for topic, regex in _TOPICS if regex.search(quote)],
            "facts": {},
            "evidence": [{
                "article": self.record["id"] if self.stored else None, "file": self.record["file"], "start": start, "end": end,
                "quote": quote, "speaker": who or ("the photo caption" if segment.role == "caption" else "the author"),
                "side": side, "origin": origin, "footnote": footnote,
            }],
            "conflicts_with": [],
            "review": {
                "date_basis": resolution.basis,
                "ambiguity": ambiguity,
                "where": _where(segment),
                "in_file": self.record["id"] if self.stored else f"{self.record['kind']} {self.record['id'][4:]} of the file",
                "speaker": reasons["speaker"],
                "origin": reasons["origin"],
                "side": reasons["side"],
                "published": {"date": self.published, "basis": self.published_basis},
            },
        }


def _inside_quotation(text, segment):
    """Whether a body sentence starts inside a quotation opened earlier in its paragraph."""
    if segment.role != "body":
        return False
    paragraph_start = text.rfind("\n", 0, segment.start) + 1
    depth = 0
    for char in text[paragraph_start:segment.start]:
        if char == "“":
            depth += 1
        elif char == "”" and depth:
            depth -= 1
        elif char == '"':
            depth = 0 if depth else 1
    return depth > 0


_SIDE_NAMES = {"us": "the United States", "cuba": "Cuba", "independent": "neither government"}


def _where(segment):
    if segment.role == "footnote":
        number = segment.footnote["number"]
        label = f"footnote [{number}]" if number is not None else "a cited source"
        return label + (" (its reference)" if segment.reference else "")
    return {"body": "the body", "caption": "a photo caption"}[segment.role]


def _attribution(sentence):
    """(who, how) when the sentence says who says it, else None."""
    body = MARKER_RE.sub("", sentence).strip()
    match = ACCORDING_RE.search(body)
    if match:
        return match.group("who").strip(), f"'according to {match.group('who').strip()}'"
    match = STATEMENT_BY_RE.search(body)
    if match:
        return match.group("who").strip(), f"'a statement by {match.group('who').strip()}'"
    told = TOLD_RE.search(body)
    if told:
        subject = re.split(r",| who | which | struck | and told ", body[:told.start()], maxsplit=1)[0].strip()
        if subject and len(subject.split()) <= 10:
            return subject, f"{subject!r} told {told.group('outlet')}"
    match = SUBJECT_VERB_RE.match(body)
    if match:
        who = _trim_speaker(match.group("who").strip(" “\""))
        if len(who.split()) <= 10 and not re.search(r"\b(?:is|was|were|are|has|have|had)\b", who):
            return who, f"{who!r} {match.group('verb')}"
    match = TRAILING_RE.search(body)
    if match:
        who, where = match.group("who").strip(), (match.group("where") or "").strip()
        # "officials ... on state television": where they said it can tell whose they are
        named = f"{who} {where}" if where and re.search(r"\b(?:officials?|sources?)$", who) else who
        return named, f"'..., {who} {match.group(0).split(who, 1)[1].strip(' .”')}' ends the sentence"
    match = INVERTED_RE.search(body)
    if match:
        return match.group("who").strip(), f"said {match.group('who').strip()}"
    return None


def _trim_speaker(who):
    """'The State Department release about the prior meeting' names the State Department release."""
    return re.sub(r"\s+(?:about|regarding|concerning|on the)\s.*$", "", who)


def _side_of(who):
    if _CUBAN_RE.search(who):
        return "cuba"
    if _US_RE.search(who):
        return "us"
    return "independent"


def _fold(text):
    from usclet.queries import fold

    return fold(" ".join(text.split()))


def extract(file_name, data, articles=None, published=None, only=None, known_origins=()):
    """Candidate claims of a file.

    `articles` are the file's stored article records (ids, publisher, published) when
    it has been added; otherwise it is parsed afresh and candidates carry no article.
    `published` (ISO) overrides every post's publication date; `only` keeps one article.
    Returns [(article record, publication (date, basis), [candidates])].
    """
    text = data.decode("utf-8")
    stored = articles is not None
    if not stored:
        articles = corpus.mark_duplicates(corpus.parse_file(file_name, data, "new"))
    results = []
    for record in articles:
        if only is not None and record["id"] != only:
            continue
        given = (published, "stated: given with --published") if published else (None, None)
        article = Article(text, record, *given, known_origins=known_origins, stored=stored)
        results.append((record, (article.published, article.published_basis), article.candidates()))
    return results


def extract_file(store, path, published=None, article_id=None):
    """Candidates of the article file at `path`, as `extract` returns them.

    When the file's text is already in the store, candidates carry the ids of its
    stored articles (so they import as they are); `article_id` keeps one article and
    requires that the file is its text.
    """
    from usclet.errors import BadInput
    from usclet.ingest import read_article_file

    data = read_article_file(path)
    sha = corpus.sha256_of(data)
    stored = [a for a in store.articles if a["sha256"] == sha]
    if article_id is not None:
        found = store.get(article_id)
        if not found or found[0] != "article":
            raise BadInput(f"--article: no article {article_id!r} in the store; add it first with `usclet add article`")
        if found[1]["sha256"] != sha:
            raise BadInput(f"{path} is not the text of article {article_id} (added from {found[1]['file']}); "
                           "extract the file it was added from")
    origins = {item["origin"] for claim in store.claims for item in claim["evidence"]}
    name = stored[0]["file"] if stored else str(path).replace("\\", "/").rsplit("/", 1)[-1]
    results = extract(name, data, stored or None, published, article_id, sorted(origins))
    for _, _, candidates in results:
        for candidate in candidates:
            _suggest_event(candidate, store.events)
    return results


def _suggest_event(candidate, events):
    """Ties a candidate dated to the day to the one stored event that day, if just one."""
    date = candidate["date"]
    if date is None or dates.precision(date) != "day":
        return
    first, last = dates.bounds(date)[0], dates.bounds(candidate["end_date"] or date)[1]
    matching = [e for e in events if e["date"] and dates.precision(e["date"]) == "day"
                and dates.bounds(e["date"])[0] <= first and last <= dates.bounds(e.get("end_date") or e["date"])[1]]
    if len(matching) == 1:
        event = matching[0]
        candidate["event"] = event["id"]
        candidate["review"]["event"] = f"the only stored event on {date}: {event['name']} ({event['id']}); check it"
    elif matching:
        candidate["review"]["event"] = f"several stored events on {date}: {', '.join(e['id'] for e in matching)}; choose one"
