"""An article's text as the stretches a claim can quote: sentences, clauses, footnote entries.

Offsets are into the file's text throughout, so every piece slices back exactly. The
splitting knows news text: "U.S." and "Dec." do not end sentences, "D.C. The" does,
closing quotes and footnote markers stay with their sentence, and a footnote's
reference runs up to its date however many periods its title holds.
"""

import re

from usclet.text import corpus

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
    # "signed it a few days after | the administration ended the policy": two events
    r"|(?<=days after )|(?<=days before )|(?<=weeks after )|(?<=weeks before )"
)
MARKER_RE = re.compile(r"\[(\d+)\]")
CAPTION_RE = re.compile(r"\((?:Photo|Image|Picture|Credit)\b[^)]*\)|^\s*(?:Photo|Image|Credit):|\| Photo:|"
                        r"^\s*In this (?:[\w,]+ ){0,4}(?:file )?photo\b|^\s*©", re.IGNORECASE)
# A dateline opening a paragraph: "HAVANA, Jan 17 (Reuters) -", "Havana, June 8 (RHC)--",
# "WASHINGTON (UrduPoint News / Sputnik - 20th January, 2023)", "EFE (via 14ymedio), Havana, 8 February 2024 —",
# "Havana, Jan 18 .-The Foreign Ministry".
_DATELINE_TOKEN = r"(?:[A-Z][\w.’'-]*|\([^()\n]{1,60}\)|\d{1,4}(?:st|nd|rd|th)?\b|[,/]|of|de)"
DATELINE_RE = re.compile(rf"^(?P<line>{_DATELINE_TOKEN}(?:[ \t]*{_DATELINE_TOKEN}){{0,12}}?)"
                         rf"(?:[ \t]*\.?[ \t]*[-–—]+[ \t]*|(?<=\))[ \t]+)(?=[A-Z“\"])")
# A line that only stamps the text: "Release Date: January 12, 2017", "Updated 01/16/2017, 07:40 PM".
STAMP_RE = re.compile(r"^\s*(?:(?:Release )?Date:?|Published:?|Posted:?|Updated:?|Fecha de publicación:?)\s|"
                      r"\b(?:Published|Updated)\b", re.IGNORECASE)
UPDATED_RE = re.compile(r"^\s*Updated\b", re.IGNORECASE)
# A page's furniture set in the text: links to other stories, share buttons, ads. Not the story's words.
FURNITURE_RE = re.compile(r"^\s*(?:Read (?:also|more)|Also read|See also|Related(?: (?:posts?|news|articles?|stories))?|"
                          r"Recommended|More from|Share(?: this(?: article| story)?| on \w+)?|Follow us|Subscribe|"
                          r"Advertisement)\b\s*(?:[:|»›-]|$)", re.IGNORECASE)
DATE_PAREN_RE = re.compile(r"\([^()]*\b\d{4}\)[.,;]?|\b\d{1,2}/\d{1,2}/\d{2,4}\b[.,;]?")


class Segment:
    """A stretch of an article's text to propose a claim from: a sentence or clause."""

    __slots__ = ("start", "end", "role", "paragraph", "footnote", "reference")

    def __init__(self, start, end, role, paragraph, footnote=None, reference=False):
        self.start, self.end, self.role, self.paragraph = start, end, role, paragraph
        self.footnote, self.reference = footnote, reference


def split_sentences(text, start, end):
    """Offsets (start, end) of the sentences of text[start:end]."""
    sentences, begin = [], start
    for match in SENTENCE_END_RE.finditer(text, start, end):
        stop = match.end()
        if match.group()[:1] == "." and not _ends_sentence(text, match.start(), stop):
            continue
        if not match.group() and re.search(r"\b(?:of|in|to|by|the|and|from|read|see|for)$", text[begin:stop]):
            continue  # "... in Another Country": a title, not a missing period
        first, last = corpus.trim(text, begin, stop)
        if last > first:
            sentences.append((first, last))
        begin = stop
    first, last = corpus.trim(text, begin, end)
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
            pieces.append(corpus.trim(text, begin, match.start() + (1 if text[match.start()] in ",;" else 0)))
        begin = match.end()
    pieces.append(corpus.trim(text, begin, end))
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
    return [corpus.trim(text, a, b) for a, b in spans]


def citation_items(text, citation):
    """A footnote's entries: the reference up to its date, then any sentences after it."""
    start = citation["start"]
    # its number, "[1]" or "1.", is not part of the reference
    marker = citation["number"] is not None and re.match(r"\s*(?:\[\d+\]|\d{1,3}[.)])\s*", text[start:citation["end"]])
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
        pieces.append(corpus.trim(text, begin, match.start() + (1 if text[match.start()] == ";" else 0)))
        begin = match.end()
    pieces.append(corpus.trim(text, begin, end))
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
                for a, b, reference in citation_items(text, c):
                    segments.append(Segment(a, b, "footnote", number, c, reference))
            continue
        if (corpus.SEPARATOR_RE.match(paragraph) or corpus.BYLINE_RE.match(paragraph)
                or corpus.PUBLISHED_RE.match(paragraph) or corpus.REFERENCE_LIST_RE.match(paragraph)):
            continue
        if number == 0 and (article["kind"] == "comment" or article.get("title")):
            title = corpus.COMMENT_START_RE.match(first_line)
            offset = p_start + (title.start(2) if title else 0)
            segments.append(Segment(offset, p_start + len(first_line), "title", number))
            rest = _after_repeated_title(text, p_start + len(first_line), p_end, first_line)
            if rest[1] > rest[0] and ("\n" not in text[rest[0]:rest[1]] or _lines_are_paragraphs(text, *rest)):
                # a text with no blank lines: each further line is a paragraph of its own
                for index, (a, b) in enumerate(_lines(text, *rest), 1):
                    segments.extend(_paragraph_segments(text, a, b, (number, index), seen_lines))
            elif rest[1] > rest[0]:  # lines wrapped under the headline: one paragraph
                segments.extend(_paragraph_segments(text, *rest, (number, 1), seen_lines))
            continue
        if article.get("title"):
            p_start, p_end = _after_repeated_title(text, p_start, p_end, article["title"])
            if p_end <= p_start:
                continue
            paragraph = text[p_start:p_end]
        if "\n" in paragraph:
            # lines set apart at its top (a site's name, a byline, a stamp, the headline again): each its own
            for index, (a, b) in enumerate(_header_lines(text, p_start, p_end)):
                segments.extend(_paragraph_segments(text, a, b, (number, "header", index), seen_lines))
                p_start = corpus.trim(text, b, p_end)[0]
            paragraph = text[p_start:p_end]
        if "\n" in paragraph and _lines_are_paragraphs(text, p_start, p_end):
            for index, (a, b) in enumerate(_lines(text, p_start, p_end)):
                segments.extend(_paragraph_segments(text, a, b, (number, index), seen_lines))
            continue
        segments.extend(_paragraph_segments(text, p_start, p_end, number, seen_lines))
    return segments


def _after_repeated_title(text, start, end, title):
    """(start, end) of text[start:end] less the lines at its top that repeat the headline (a page
    that prints it twice, as a heading and again over the story)."""
    wanted = " ".join(title.split()).casefold()
    start, end = corpus.trim(text, start, end)
    while start < end:
        line_end = text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        if " ".join(text[start:line_end].split()).casefold() != wanted:
            break
        start, end = corpus.trim(text, line_end, end)
    return start, end


def _header_lines(text, start, end):
    """The lines at the top of a paragraph of wrapped lines that stand apart from its text: short
    headings and stamps ("RADIO HABANA CUBA", "22/05/2015 15:29:36"), up to the first line of prose.
    None when every line is such a line (a block of headings is read line by line anyway)."""
    lines = _lines(text, start, end)
    header = []
    for a, b in lines[:-1]:
        if not _heading(text[a:b]):
            break
        header.append((a, b))
    return header if len(header) < len(lines) - 1 else []


def _lines_are_paragraphs(text, start, end):
    """Whether each line of text[start:end] stands alone (a heading, a stamp or a whole sentence),
    as in a text copied without blank lines, rather than a paragraph wrapped across lines."""
    lines = _lines(text, start, end)
    return len(lines) > 1 and all(_heading(text[a:b]) or text[b - 1] in ".!?:”\"" for a, b in lines[:-1])


def _heading(line):
    """A line set apart as a heading, not a sentence: short, unpunctuated, mostly capitalised."""
    stripped = line.strip()
    if not stripped or len(stripped) > 150 or stripped[-1] in ".:;,”\"?!)]":
        return False
    words = re.findall(r"[A-Za-z][\w’'-]*", stripped)
    long = [w for w in words if len(w) >= 4]
    return len(words) <= 6 or not long or sum(w[0].isupper() for w in long) >= len(long) / 2


def _paragraph_segments(text, p_start, p_end, number, seen_lines):
    """The Segments of one body paragraph: a stamp or dateline, a heading, a caption, or sentences."""
    paragraph = text[p_start:p_end]
    segments = []
    if FURNITURE_RE.match(paragraph) and "\n" not in paragraph:
        return segments
    if "\n" not in paragraph and len(paragraph) <= 120 and (STAMP_RE.search(paragraph) or _heading(paragraph)
                                                            or re.search(r"\d{4}\s*$", paragraph)):
        if resolve_dates_in(paragraph):
            return [Segment(p_start, p_end, "stamp" if UPDATED_RE.match(paragraph) else "dateline", number)]
        if _heading(paragraph):
            return [Segment(p_start, p_end, "heading", number)]
    if CAPTION_RE.search(paragraph):
        for line_start, line_end in _lines(text, p_start, p_end):
            line = text[line_start:line_end]
            if line not in seen_lines:
                segments.append(Segment(line_start, line_end, "caption", number))
            seen_lines.add(line)
        return segments
    if "\n" not in paragraph and _title_like(paragraph):
        return segments  # a desk line or heading, not a statement
    dateline = DATELINE_RE.match(paragraph)
    if dateline and len(dateline.group("line")) <= 100 and re.search(r"[A-Z]{3}|\(|\d", dateline.group("line")):
        segments.append(Segment(p_start, p_start + len(dateline.group("line")), "dateline", number))
        p_start += dateline.end()
    for s_start, s_end in split_sentences(text, p_start, p_end):
        if re.search(r"[A-Za-z]", MARKER_RE.sub("", text[s_start:s_end])):
            segments.append(Segment(s_start, s_end, "body", number))
    return segments


def resolve_dates_in(line):
    """Whether a short line holds a date of its own (a dateline or stamp), not just a number."""
    return bool(corpus.dates.find_absolute(line) or re.search(r"\b\d{4}-\d{2}-\d{2}\b", line))


def _lines(text, start, end):
    lines, position = [], start
    for line in text[start:end].splitlines(keepends=True):
        a, b = corpus.trim(text, position, position + len(line.rstrip("\r\n")))
        if b > a:
            lines.append((a, b))
        position += len(line)
    return lines


def _title_like(paragraph):
    return _heading(paragraph)


class Quotations:
    """Whether a body sentence starts inside a quotation opened earlier in its paragraph.

    Sentences are asked about in reading order, so each character of a paragraph is
    read once, however long the paragraph: the state is carried from one sentence to
    the next, and read afresh only when a new paragraph starts (or the order goes back).
    """

    def __init__(self, text):
        self.text = text
        self.position, self.depth = 0, 0

    def inside(self, segment):
        if segment.role != "body":
            return False
        text, start = self.text, segment.start
        if start < self.position:
            self.position, self.depth = text.rfind("\n", 0, start) + 1, 0
        else:
            newline = text.rfind("\n", self.position, start)
            if newline >= 0:
                self.position, self.depth = newline + 1, 0
        depth = self.depth
        for char in text[self.position:start]:
            if char == "“":
                depth += 1
            elif char == "”" and depth:
                depth -= 1
            elif char == '"':
                depth = 0 if depth else 1
        self.position, self.depth = start, depth
        return depth > 0


def where(segment):
    if segment.role == "footnote":
        number = segment.footnote["number"]
        label = f"footnote [{number}]" if number is not None else "a cited source"
        return label + (" (its reference)" if segment.reference else "")
    return {"body": "the body", "caption": "a photo caption", "title": "the title"}.get(segment.role, segment.role)
