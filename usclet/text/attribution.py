"""Who says it: the speaker a sentence names, and the origin and side behind the words.

A speaker is found from how news text attributes ("X said", "according to X", "X told
CBS News", "a statement by X", "..., officials said"); `origin_of` maps a speaker to
the canonical origin the store uses ("the Cuban Foreign Ministry" and "MINREX" are
both the Cuban Ministry of Foreign Affairs) and the side it speaks for, with the
reason, so a reviewer can check each guess. `Voices` reads an article's sentences in
order and says whose voice each is, with what it learned from the sentences before.
"""

import re

from usclet.text import sentences
from usclet.words import fold

MARKER_RE = re.compile(r"\[(\d+)\]")
SPEECH_VERBS = (
    r"said|says|say|stated|states|explained|explains|added|adds|commented|comments|noted|notes|announced|"
    r"announces|reported|reports|suggested|suggests|claimed|claims|asserted|asserts|argued|argues|wrote|writes|"
    r"declared|declares|expressed|confirmed|confirms|insisted|warned|acknowledged|stressed|emphasized|"
    r"indicated|revealed|told|tells|believes|maintains|demanded|demands|denounced|reiterated|affirmed|"
    r"highlighted|underlined|pointed out|reaffirmed|reaffirms|ratified|informed|informs|"
    # how wires report a stance: "The State Department described the meeting as ...", "De Cossio cited ..."
    r"described|describes|cited|cites|praised|praises|assured|assures|replied|replies|criticized|criticizes|"
    r"welcomed|welcomes|urged|urges"
)
_ADVERB = (r"(?:also |further |then |later |again |earlier |already |recently |previously |publicly |separately |"
           r"repeatedly |officially )?")
# "had earlier said", "earlier had said"
_AUXILIARY = rf"(?:(?:has |have |had ){_ADVERB}|{_ADVERB}(?:has |have |had )?)"
# "In a statement, the U.S. State Department said"; "The ... (ICE) agency, says it is"
# "During a visit to Cuba on November 10, the Under Secretary ..., Rena Bitter, reported": an opening
# phrase, and a name set off by commas after the title, before the verb
SUBJECT_VERB_RE = re.compile(
    rf"^(?:[A-Z][^,;“”\"]{{0,140}}, )??(?P<who>[“\"]?(?:the |a |an )?[A-Z][^,;:“”\"]{{0,90}}?|[Tt]hey|[Hh]e|[Ss]he|[Ii]t)"
    rf"(?P<apposition>, [A-Z][\w.’'-]*(?: (?:de |del |la |de la |y )?[A-Z][\w.’'-]*){{1,4}},)?"
    # "..., in a statement, said", "..., speaking on condition of anonymity, said", "..., who led the delegation, said"
    rf"(?P<title>, (?:the|a|an) [^,;:“”\"]{{1,100}},)?"
    rf"(?P<aside>, (?:who|whose|which|in|on|at|speaking|writing|according|after|during|asked|when)\b[^,;:“”\"]{{1,100}},)?"
    rf"(?P<comma>,)?\s+{_AUXILIARY}(?P<verb>{SPEECH_VERBS})\b"
)
# "..., the U.S. Department of State reported."; "...,” a DHS spokesperson said in an emailed statement."
SPEAKER_LAST_RE = re.compile(
    rf"(?:,[”\"]?|[”\"])\s+(?P<who>(?:the |a |an |[A-Z])[^,;“”\"]{{1,80}}?)\s+{_ADVERB}(?:has |had )?"
    rf"(?P<verb>{SPEECH_VERBS})\b(?P<rest>[^“”\"]*)$"
)
# "..., stated Johana Tablada de la Torre, the Deputy Director of ..."; "...,” said Tablada de la Torre."
VERB_FIRST_RE = re.compile(
    # "..., reported today a source of the Cuban chancellery"
    rf"(?:,[”\"]?|[”\"])\s+(?:{SPEECH_VERBS})\s+(?:(?:today|yesterday|on \w+day|\w+day)\s+)?"
    rf"(?P<who>(?:(?:the |a |an )?[A-Z]|(?:a |an )[a-z])[^,;“”\"]{{1,60}}?)"
    rf"(?P<role>,\s+[^“”\"]{{1,120}}?)?[.”\"]*$"
)
ACCORDING_RE = re.compile(
    r"\b[Aa]ccording to (?:a statement (?:by|from) |a report (?:by|from) )?"
    # "a U.S. official", "the Dept. of State": the period of an abbreviation does not end the speaker
    r"(?P<who>[^,;“”\"]+?)(?=\s*(?:,|;|“|\"|(?<!\b[A-Z])(?<!\bDept)(?<!\bGov)\.\s|\.$|$))"
)
STATEMENT_BY_RE = re.compile(r"\ba (?:(?:press |brief |official )?(?:statement|release|report|note)) "
                             r"(?:(?:released|issued|published) )?(?:by|from) (?P<who>(?:the )?[A-Z][\w’'.-]*(?: (?:of|for|the|and|[A-Z][\w’'.-]*))*)")
TOLD_RE = re.compile(r"\btold (?P<outlet>[A-Z][\w.&’'-]*(?: [A-Z][\w.&’'-]*){0,3})")
# "..., officials revealed on state television."
TRAILING_RE = re.compile(
    rf",\s+(?P<who>(?:[\w.]+ ){{0,3}}?(?:officials?|sources?|spokes\w+|diplomats?|[A-Z][\w.]+(?: [A-Z][\w.]+)*))"
    rf"\s+(?:{SPEECH_VERBS})(?P<where> (?:on|in|to) [\w ]+)?[.”\"]*$"
)
INVERTED_RE = re.compile(rf"[”\"],?\s+(?:{SPEECH_VERBS}) (?P<who>(?:the |a |an )?[\w.’' -]{{2,60}}?)(?=[.,;]|$)")
# Words that point back to the speaker named before: "he said", "the ministry said", "according to the release".
PRONOUN_RE = re.compile(r"^(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]hat official|[Tt]he official|[Tt]his official|"
                        r"[Tt]he spokesperson|[Tt]he spokesman|[Tt]he spokeswoman|[Tt]he ministry|[Tt]he department|"
                        r"[Tt]he (?:press |brief |official |short |written |[\w]+-[\w]+ )?(?:release|statement|note|report|information|"
                        r"text|document)|"
                        r"[Aa] (?:brief |short |written )?statement)$")

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
     r"\bForeign Ministry of Cuba\b|\b(?i:(?:Cuba)?MINREX)\b|\bCuban Ministry\b", "Cuban Ministry of Foreign Affairs", "cuba"),
    (r"\bCuba(?:n|’s|'s)? Foreign Affairs Ministry\b", "Cuban Ministry of Foreign Affairs", "cuba"),
    (r"\bInterior Ministry\b|\bMinistry of (?:the )?Interior\b|\bMININT\b", "Cuban Ministry of Interior", "cuba"),
    # the record is of the U.S. and Cuba, and the U.S. has no ministries: an unqualified one is Cuba's
    (r"\bForeign (?:Affairs )?Ministry\b|\bMinistry of Foreign Affairs\b|\b[Dd]eputy [Ff]oreign [Mm]inister\b",
     "Cuban Ministry of Foreign Affairs", "cuba"),
    (r"\bthe regime\b", "Cuban government", "cuba"),
    (r"\bImmigration and Customs Enforcement\b|\bICE\b", "U.S. Immigration and Customs Enforcement", "us"),
    (r"\bCustoms and Border Protection\b|\bCBP\b", "U.S. Customs and Border Protection", "us"),
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
# The two governments, or those meeting for them, named together: "Both parties expressed ...", "The two
# sides agreed ...", "Cuba and the United States reported ...". They are not a source: the sentence
# speaks in the voice of the text it is in.
_GOVERNMENT = r"(?:Cuba|the United States|the U\.S\.|the US|the USA|U\.S\.|US|USA|Havana|Washington)"
PARTICIPANTS_RE = re.compile(
    r"^(?i:both|the two|the|each)\s+(?i:parties|sides|delegations|governments|countries|nations)\b"
    rf"|^(?:(?i:the)\s+(?:governments|delegations|authorities|representatives|officials)\s+of\s+)?{_GOVERNMENT}\s+and\s+"
    rf"{_GOVERNMENT}\b|^(?i:the\s+)?(?:Cuban and (?:U\.S\.|US|American)|(?:U\.S\.|US|American) and Cuban)\s+"
    r"(?:officials|authorities|delegations|representatives|governments)\b")
# In a government's own note, one delegation or one country named as the subject ("The Cuban delegation
# insisted ...", "Cuba likewise emphasized ...", "The U.S. delegation highlighted ...") is the note telling
# what was said at the meeting: its voice is the note's.
DELEGATION_RE = re.compile(
    rf"^(?i:the\s+)?(?:(?:Cuban|U\.\s?S\.?|US|USA|American|United States)\s+(?:government\s+)?(?i:delegation|side)"
    rf"|{_GOVERNMENT})(?:\s+(?:likewise|also|further|moreover|too))?$")
# A government body whose note a text of its own side relays
RELAYED_BODY_RE = re.compile(r"\b(?:Ministry|Department|MINREX)\b")
GENERIC_ORIGINS = {"unnamed U.S. official", "Cuban government", "U.S. government"}
SIDE_NAMES = {"us": "the United States", "cuba": "Cuba", "independent": "neither government"}



# "according to US authorities the official met ...": with no comma, a determiner not governed by
# a preposition opens the clause that follows the speaker
CLAUSE_AFTER_SPEAKER_RE = re.compile(r"(?<!\bof)(?<!\bfor)(?<!\bin)(?<!\bat)(?<!\bfrom)(?<!\bby)(?<!\bto)(?<!\band)"
                                     r"(?<!\bon)(?<!\bwith)\s+(?=(?:the|a|an)\s)")


CLAUSE_IN_SPEAKER_RE = re.compile(r"\s+(?:did|does|do|could|would)(?:\s+not|n[’']t)\b.*$|\s+(?:never|not)\b.*$")


def _noun_phrase(who):
    cut = CLAUSE_AFTER_SPEAKER_RE.search(who)
    return who[:cut.start()] if cut else who


def find_attribution(sentence):
    """(who, how) when the sentence says who says it, else None. Those who met, named as a subject
    ("Both parties expressed ..."), are returned only when no one else is named as saying it ("Cuba and
    the United States reported ..., reported a source of the Cuban chancellery")."""
    participants = None
    for who, how in _attributions(MARKER_RE.sub("", sentence).strip()):
        if not PARTICIPANTS_RE.match(who):
            return who, how
        participants = participants or (who, how)
    return participants


def _attributions(body):
    """Each pattern's (who, how), in order of preference, as they are tried."""
    match = ACCORDING_RE.search(body)
    if match:
        who = _noun_phrase(match.group("who").strip())
        yield who, f"'according to {who}'"
    match = STATEMENT_BY_RE.search(body)
    if match:
        yield match.group("who").strip(), f"'a statement by {match.group('who').strip()}'"
    told = TOLD_RE.search(body)
    if told:
        before = body[:told.start()]
        # "..., DHS Secretary Alejandro Mayorkas told reporters": the speaker follows the last comma
        last = re.search(r"[,”\"]\s+([A-Z][^,”\"]+)$", before)
        if last and not re.search(r"\b(?:who|which)\b", last.group(1)):
            before = last.group(1)
        subject = re.split(r",| who | which | struck | and told ", before, maxsplit=1)[0].strip()
        if subject and len(subject.split()) <= 10:
            yield subject, f"{subject!r} told {told.group('outlet')}"
    match = SUBJECT_VERB_RE.match(body)
    # "The meeting took place in ..., reported the CubaMinrex webpage": a clause set off by a comma before
    # the verb is what was said, not who said it (the verb-first pattern below names the speaker)
    if match and not (match.group("comma") and VERB_FIRST_RE.search(body)):
        # "The official did not give dates for the meeting but said": the speaker ends where a verb begins
        who = CLAUSE_IN_SPEAKER_RE.sub("", trim_speaker(match.group("who").strip(" “\"")))
        if len(who.split()) <= 10 and not re.search(r"\b(?:is|was|were|are|has|have|had|will|would|can|may)\b", who):
            for part in ("apposition", "title"):  # "Josefina Vidal, the Cuban Foreign Ministry official ...,"
                if match.group(part):
                    who = f"{who}{match.group(part).rstrip(',')}"
            # "The measures it said were resulting in ...": the pronoun before the verb is who said it
            who = re.sub(r"^.*\s(it|he|she|they)$", r"\1", who)
            yield who, f"{who!r} {match.group('verb')}"
    match = SPEAKER_LAST_RE.search(body)
    if match and len(match.group("who").split()) <= 10 and not re.search(
            r"\b(?:is|was|were|are|has|have|had|will|that)\b|\b(?:and|or|of|to|the)$", match.group("who")):
        who = match.group("who").strip()
        yield who, f"'..., {who} {match.group('verb')}' ends the sentence"
    match = VERB_FIRST_RE.search(body)
    if match:
        who = match.group("who").strip()
        role = (match.group("role") or "").strip(" ,.")
        yield (f"{who}, {role}" if role else who), f"'..., {match.group(0).strip(' ,.”')[:60]}' ends the sentence"
    match = TRAILING_RE.search(body)
    if match:
        who, where = match.group("who").strip(), (match.group("where") or "").strip()
        # "officials ... on state television": where they said it can tell whose they are
        named = f"{who} {where}" if where and re.search(r"\b(?:officials?|sources?)$", who) else who
        yield named, f"'..., {who} {match.group(0).split(who, 1)[1].strip(' .”')}' ends the sentence"
    match = INVERTED_RE.search(body)
    if match:
        yield match.group("who").strip(), f"said {match.group('who').strip()}"


# "A State Department statement Friday said": the day it was said is no part of who said it
_WHEN_SAID_RE = re.compile(r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)$")


def trim_speaker(who):
    """'The State Department release about the prior meeting' names the State Department release."""
    return _WHEN_SAID_RE.sub("", re.sub(r"\s+(?:about|regarding|concerning|on the)\s.*$", "", who))


# "U.S. Embassy in Havana", "Cuban Ambassador to the United States": where a body sits is not whose it is
_PLACE_OF_RE = re.compile(r"\s+(?:in|to|at)\s+(?:the\s+)?(?:Cuba|Havana|United States|U\.S\.|US|USA|Washington)\b")


# "the Center for a Free Cuba", "the Cuba Study Group": a body that is no government's, whatever country it names
_NON_GOVERNMENT_RE = re.compile(r"\b(?:Center|Centre|Council|Foundation|Institute|Committee|Association|Coalition|"
                                r"Network|University|Project|Alliance|Group|Watch|Society|Federation|Studies)\b")


def side_of(who):
    who = _PLACE_OF_RE.sub("", who)
    if _NON_GOVERNMENT_RE.search(who):
        return "independent"
    if _CUBAN_RE.search(who):
        return "cuba"
    if _US_RE.search(who):
        return "us"
    return "independent"


def origin_of(who, known_origins=None):
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
    stored = (known_origins or {}).get(fold(cleaned))
    if stored:
        return stored, side_of(cleaned), f"matches the stored origin {stored!r}"
    side = side_of(who)
    if side == "cuba" and re.search(r"\b(?:officials?|government|authorities|statement)\b", who):
        return "Cuban government", side, f"{who!r} speaks for the Cuban government"
    return cleaned, side, f"{who!r} as named in the text"


def reference_origin(reference, known_origins=None):
    """Who published a cited reference: its author if a known body, else its publication."""
    lead = re.split(r",|—| – ", reference, maxsplit=1)[0].strip()
    origin, side, reason = origin_of(lead, known_origins)
    if reason.startswith("known") or re.search(r"\s[—–]\s", reference):
        # "Publication — Title — date" lists name the publication first
        return origin, side, f"the reference's author or publication, {lead!r}: {reason}"
    before_date = re.split(r"\s*\([^()]*\d{4}\)|\s*—\s*\d", reference)[0]
    publication = re.split(r"[,.]\s+|\s+—\s+", before_date.strip())[-1].strip(" ,.;")
    for candidate in (publication, reference):
        origin, side, reason = origin_of(candidate, known_origins)
        if reason.startswith("known"):
            return origin, side, f"the reference's publication, {publication!r}: {reason}"
    name = publication if len(re.findall(r"[A-Za-z]", publication)) > 1 else lead
    return name, "independent", f"the reference's publication, {name!r}"


# "Mayorkas also addressed ...", "The US official also met ...": more of what was just reported
ALSO_RE = re.compile(r"^[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,3}\s+also\b")
# "The release ... was", "Secretary Johnson is": a sentence's subject, the antecedent of a later "it" or "he"
SUBJECT_RE = re.compile(r"^([A-Z][^,;“”]{2,80}?) (?:was|is|were|are|has|have|had)\b")


def _names_again(who, earlier):
    """Whether `who` names the earlier speaker again: "the deputy foreign minister" after "Deputy Foreign
    Minister Carlos Fernandez de Cossio", or "Tablada de la Torre" after "Johana Tablada de la Torre"."""
    words = re.findall(r"\w+", fold(re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)))
    named = re.findall(r"\w+", fold(earlier))
    n = len(words)
    return n >= 2 and any(named[i:i + n] == words for i in range(len(named) - n + 1))


# "Rodriguez", "Mr. Vidal", "Fernandez de Cossio": one person's surname, said again after the full name
SURNAME_RE = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.? )?(?P<name>[A-Z][a-zà-ÿ’'-]+(?: (?:de |del |de la )?[A-Z][a-zà-ÿ’'-]+)?)")


class Voices:
    """Whose voice each sentence of one article is, read in order: (speaker, origin, side, reasons).

    A sentence that names who says it is theirs; a pronoun or a title said again is the
    speaker named before; a quotation goes on in its speaker's voice; anything else is
    the article's own words: its origin's (a government's release), a release quoted
    under its own header, or the author's. With the store's origin registry (the one
    `import` checks against), every origin is named and sided as the registry has it.
    """

    def __init__(self, text, record, registry=None):
        self.text, self.record = text, record
        # the origin registry `import` checks evidence against (its `canonical`, `settle`, and `table` of
        # folded names); without one, origins and sides are extract's own guesses
        self.registry = registry
        self.known_origins = dict(registry.table) if registry is not None else {}
        self.last_speaker = None  # (speaker, origin, side) of the latest attributed sentence
        self.speakers = []  # every (speaker, origin, side) attributed so far, in order
        self.paragraph_speaker = None
        self.reported_before = None  # (speaker, origin, side) of the sentence just before, if it was attributed
        self.sentence_markers = []
        self.previous_subject = None
        self.pending_voice = None  # a government body named in a heading, before its release's dateline
        self.voice = None  # (speaker, origin, side) of a quoted release the sentences below belong to
        self.quotations = sentences.Quotations(text)

    def new_paragraph(self):
        self.paragraph_speaker = self.reported_before = None

    def saved(self):
        """What a headline must leave as it found: it is a claim, not the body's speaker."""
        return self.last_speaker, self.paragraph_speaker

    def restore(self, saved):
        self.last_speaker, self.paragraph_speaker = saved

    def learn_from_heading(self, segment):
        """A heading naming a government body opens that body's release (a blog quoting a statement
        under its own header), from the dateline below it."""
        named = self.names_a_body(segment)
        if named:
            self.pending_voice, self.voice = named, None

    def learn_from_dateline(self):
        if self.pending_voice is not None:
            origin, side = self.pending_voice
            self.voice = (origin, origin, side)
            self.pending_voice = None

    def of_sentence(self, segment, markers):
        """(speaker, origin, side, reasons) of a sentence; speaker None when unattributed."""
        sentence = self.text[segment.start:segment.end]
        self.sentence_markers = markers
        speaker = self._speaker(sentence, segment, self.quotations.inside(segment))
        self.reported_before = speaker[:3] if speaker[0] is not None and segment.role == "body" else None
        subject = SUBJECT_RE.match(sentence)
        subject = subject and trim_speaker(subject.group(1))
        self.previous_subject = subject if subject and len(subject.split()) <= 8 else None
        return speaker

    def _speaker(self, sentence, segment, in_quotation=False):
        """(speaker, origin, side, reasons) of a sentence; speaker None when unattributed."""
        if segment.role == "footnote" and segment.reference:
            return self.reference_speaker(sentence)
        found = find_attribution(sentence)
        if found is not None:
            who, how = found
            who = re.sub(r"^(?:And|But|Yet|So|Also)\s+", "", who)  # "And they noted ..." is "they"
            if PARTICIPANTS_RE.match(who):
                # "Both parties expressed ...": those who met, not a source; the text's own voice
                who_, origin, side, reasons = self._unattributed(segment)
                return who_, origin, side, dict(reasons, speaker=f"{who!r} are those who met, not a source: "
                                                                 f"{reasons['speaker']}")
            if self.speaks_for_government() and DELEGATION_RE.match(who):
                who_, origin, side, reasons = self._unattributed(segment)
                return who_, origin, side, dict(reasons, speaker=f"{who!r} at the meeting, as the note tells it: "
                                                                 f"{reasons['speaker']}")
            antecedent = self.last_speaker
            if PRONOUN_RE.match(who) and antecedent is None and self.previous_subject:
                antecedent = self._attributed(self.previous_subject, "")[:3]
            if antecedent and not PRONOUN_RE.match(who) and _names_again(who, antecedent[0]):
                who = antecedent[0]  # "the deputy foreign minister", "Tablada de la Torre": named before
            elif not PRONOUN_RE.match(who):
                named = self._named_before(who, segment.start)
                if named is not None:
                    result = named + ({"speaker": f"{who!r} said, named before as {named[0]!r}",
                                       "origin": f"as for {named[0]}", "side": f"as for {named[0]}"},)
                    self.last_speaker = self.paragraph_speaker = result[:3]
                    return result
            if PRONOUN_RE.match(who) and not antecedent and (self.record.get("side") in ("us", "cuba")
                                                             or re.fullmatch(r"[Hh]e|[Ss]he|[Ii]t|[Tt]hey", who)):
                # "they noted" with no one named before: no source, the text's own voice
                speaker, origin, side, reasons = self._unattributed(segment)
                return speaker, origin, side, dict(reasons, speaker=f"{who!r} names no one before: {reasons['speaker']}")
            if PRONOUN_RE.match(who) and antecedent:
                speaker, origin, side = antecedent
                result = (speaker, origin, side, {"speaker": f"{who!r} taken to be the previous speaker, {speaker}",
                                                  "origin": f"as for {speaker}", "side": f"as for {speaker}"})
            else:
                result = self._attributed(who, how)
            self.last_speaker = self.paragraph_speaker = result[:3]
            self.speakers.append(result[:3])
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

    def _named_before(self, who, before):
        """(speaker, origin, side) of the person a bare surname ("Rodriguez said", "Mr. Vidal said") names,
        from where the article named him or her in full with a title: "Cuba’s Foreign Minister Bruno
        Rodriguez". None when the surname is a known body, or the article named no one so on a side."""
        bare = SURNAME_RE.fullmatch(who)
        if not bare or side_of(who) != "independent" or self._origin_of(who)[2].startswith("known"):
            return None
        surname = bare.group("name")
        for speaker, origin, side in reversed(self.speakers):
            if re.search(rf"\b{re.escape(surname)}$", speaker) and speaker != who:
                return speaker, origin, side
        # named in the narration: the title before the full name says whose official it is
        full = None
        for full in re.finditer(rf"(?P<title>(?:[\w.’'-]+\s){{0,8}}?)[A-Z][\w’'-]+ {re.escape(surname)}\b",
                                self.text[:before]):
            pass
        if full is None:
            return None
        named = full.group(0)
        named = re.split(r"[,;:“”\"()]\s*|\b(?:and|but|said|says|met|with|by|of the)\s", named)[-1].strip()
        if not named.endswith(surname) or len(named.split()) < 2:
            return None
        origin, side, _ = self._origin_of(named)
        if side == "independent":
            # "Josefina Vidal, the Cuban Foreign Ministry official in charge of ...,": the title after the name
            role = re.match(r",\s+(?:the|a|an)\s+[^,;“”\"()]{3,100}", self.text[full.end():before])
            if role is None:
                return None
            origin, side, _ = self._origin_of(role.group(0).strip(" ,"))
            if side == "independent":
                return None
            named = f"{named}{role.group(0)}"
        return named, origin, side

    def _attributed(self, who, how):
        origin, side, reason = self._origin_of(who)
        if origin in GENERIC_ORIGINS and self.last_speaker and self.last_speaker[2] == side:
            origin = self.last_speaker[1]
            reason = f"{who!r} taken to be the same {side} source as the previous speaker, {self.last_speaker[0]}"
        return (who, origin, side, {"speaker": how, "origin": reason, "side": f"{origin} speaks for {SIDE_NAMES[side]}"})

    def speaks_for_government(self):
        """Whether the article's own words are a government's account (its release)."""
        return self.record.get("side") in ("us", "cuba")

    def _unattributed(self, segment):
        author = self.record.get("publisher") or self.record.get("author")
        if self.voice is not None and segment.role in ("body", "title"):
            speaker, origin, side = self.voice
            return (speaker, origin, side, {"speaker": f"under the header of {origin}'s release: its words",
                                            "origin": f"the release's header names {origin}",
                                            "side": f"{origin} speaks for {SIDE_NAMES[side]}"})
        relayed = self.last_speaker
        if (segment.role == "body" and relayed is not None and self.speaks_for_government()
                and relayed[2] == self.record.get("side")
                and RELAYED_BODY_RE.search(relayed[1] or "")):
            # state media relaying a ministry's note ("according to an official note of the Foreign Ministry"):
            # what follows, unattributed, goes on in the note's voice, on the same side
            speaker, origin, side = relayed
            return (speaker, origin, side, {"speaker": f"no attribution in the sentence: the note of {origin} "
                                                       f"this text relays, named before",
                                            "origin": f"as for {speaker}", "side": f"as for {speaker}"})
        cited = self._single_cited_source()
        if cited is None and segment.role != "caption" and self.record.get("side"):
            # the article's own words are its origin's account, on its side (a release is its government's)
            origin, side = self.record.get("origin") or author, self.record["side"]
            speaker = origin if side != "independent" else None
            return (speaker, origin, side, {
                "speaker": f"no attribution in the sentence: the publisher's own words ({origin})" if speaker
                else "no attribution in the sentence: the author",
                "origin": f"the article's origin, {origin} ({self.record.get('origin_basis') or 'stored'})",
                "side": f"{origin} speaks for {SIDE_NAMES[side]}"})
        if cited is not None:
            # the author's words relaying the one release its footnote cites: one chain with it
            relayed, _, reason = cited
            origin = self.record.get("origin") or author
            side = self.record.get("side") or "independent"
            return (None, origin, side, {"speaker": "no attribution in the sentence: the author",
                                         "origin": f"the author's words, derived from {relayed}: {reason}",
                                         "side": "the author reports, for neither government" if side == "independent"
                                         else f"{origin} speaks for {SIDE_NAMES[side]}",
                                         "derived_from": relayed, "derived_basis": reason})
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

    def reference_speaker(self, reference):
        origin, side, reason = self._reference_origin(reference)
        return (None, origin, side, {"speaker": "a cited reference: the author cites it",
                                     "origin": reason, "side": f"{origin} speaks for {SIDE_NAMES[side]}"})

    def _origin_of(self, who):
        return origin_of(who, self.known_origins)

    def _reference_origin(self, reference):
        return reference_origin(reference, self.known_origins)

    def settled(self, speaker):
        """The speaker with the origin and side `import` will accept: a registered origin under its
        registered name, on a side the registry gives it."""
        who, origin, side, reasons = speaker
        if self.registry is None or not origin:
            return speaker
        registered, settled, note = self.registry.settle(origin, side)
        if note:
            reasons = dict(reasons, side=f"{note}: the registry's side")
        return who, registered, settled, reasons

    def names_a_body(self, segment):
        """(origin, side) of a short heading naming a government body ("/United States Department of
        State", "Ministry of Foreign Affairs"), or None."""
        line = self.text[segment.start:segment.end].strip(" /")
        if len(line.split()) > 8:
            return None
        origin, side, reason = self._origin_of(line)
        if side != "independent" and reason.startswith("known"):
            return origin, side
        return None
