"""What a sentence says happened: kind, name, number, place, who led and who took part.

`facts_of(sentence)` returns the structured facts a candidate claim asserts about its
event, in the shape the curated claims use (`model.FACT_KEYS`), and beside them the
words each fact came from, so a reviewer can check every one against the text.

Only what the sentence itself says counts. A kind is read only where the sentence
reports that something took place ("held", "met", "signed"...) or names it as a title
does ("Hold Third Law Enforcement Dialogue"); a passing mention of "the dialogue" says
nothing about what happened. Names are capitalised names ("Law Enforcement Dialogue"),
never a description.
"""

import re


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
_ORDINAL = r"(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"

# What happened, by the words for it; the first that matches wins, so the narrower come first.
KINDS = [
    ("agreement", r"\bmemorand(?:um|a) of understanding\b|\bMOUs?\b|\barrangements?\b(?= (?:on|to|for)\b)|"
                  r"\bagreements?\b(?= (?:on|to|for)\b)"),
    # a bare "meeting" (or "such meeting") can be any kind: only a technical one is a kind of its own
    ("meeting", r"\btechnical (?:meeting|exchange|discussions?)\b"),
    ("talks", r"\btalks\b|\bround of (?:talks|negotiations)\b|\bdiscussions?\b|\bconsultations\b"),
    ("dialogue", r"\bdialogue\b"),
]
_KINDS = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in KINDS]
# That something took place: without one of these a kind word is only a mention.
HAPPENED_RE = re.compile(
    r"\b(?:held|hold|holds|holding|took place|take place|takes place|met|meet|meets|convened|convene|hosted|host|"
    r"hosts|took part|participated|signed|sign|signs|concluded|conclude|concludes|carried out|was conducted|"
    r"were conducted|co-chaired|led|headed)\b", re.IGNORECASE)
# "The talks were held ...": a word pointing back at what was named before says no kind of its own
ANAPHOR_RE = re.compile(r"\b(?:[Tt]he|[Tt]hese|[Tt]his|[Tt]hose|[Ss]uch)\s+$")
SIGNED_RE = re.compile(r"\bsign(?:ed|s|ing)?\b", re.IGNORECASE)

# A capitalised name: "Third Law Enforcement Dialogue", "Bilateral Commission", "Migration Talks"
NAME_RE = re.compile(
    rf"\b(?:(?i:{_ORDINAL.replace('?P<ordinal>', '?:')})\s+|(?:U\.S\.[-–]Cuba|Cuba[-–]U\.S\.)\s+)*"
    r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+){0,3}(?:Dialogue|Talks|Meeting|Memorandum of Understanding)\b")
ORDINAL_RE = re.compile(
    rf"\b{_ORDINAL}(?:[ -](?:such|round of|bilateral|annual|U\.S\.[-–]Cuba|U\.S\.[-–]Cuban|Cuba[-–]U\.S\.|"
    r"law[- ]enforcement|migration|technical))*[ -](?:dialogue|meeting|round|talks|session|edition)s?\b",
    re.IGNORECASE)
# what follows "the first ..." when it means the first after a pause: "since 2018", "in five years"
FIRST_SINCE_RE = re.compile(r"(?:\s+[\w.,’'-]+){0,8}?\s+(?:since|in (?:\w+ )?(?:years|decades)|"
                            r"after (?:a |an )?(?:[\w-]+ )?(?:years?|pause|hiatus|gap|break))\b", re.IGNORECASE)
# "the sixth since 2015"
ORDINAL_SINCE_RE = re.compile(rf"\bthe {_ORDINAL} (?:such \w+ )?since\b", re.IGNORECASE)

PLACES = [
    ("Washington, D.C.", r"\bWashington(?:,? D\.? ?C\.?)?(?![\w-])"),
    ("Havana", r"\bHavana\b|\bLa Habana\b"),
    ("Miami", r"\bMiami\b"), ("Key West", r"\bKey West\b"), ("New York", r"\bNew York\b"),
    ("Guantánamo", r"\bGuant[aá]namo\b"),
]
# "the U.S. Embassy in Havana", "the Interests Section in Washington" name a body, not where something happened
_PLACES = [(name, re.compile(rf"(?<!Embassy )(?<!Section )\b(?:in|at|to) (?:the city of )?(?:{pattern})"))
           for name, pattern in PLACES]
# "held in the United States Capital", "in the U.S. capital"
_PLACES.insert(0, ("Washington, D.C.", re.compile(r"\b(?:in|at|to) the (?:U\.S\.|United States|US|American) [Cc]apital\b")))
STATE_DEPARTMENT_PLACE_RE = re.compile(r"\bat the (?:U\.S\. )?(?:State Department|Department of State)\b")

# Institutions that take part, by side.
INSTITUTIONS = [
    ("us", "Department of State", r"\b(?:U\.S\. )?(?:Department of State|State Department)\b"),
    ("us", "Department of Homeland Security", r"\bDepartment of Homeland Security\b|\bDHS\b"),
    ("us", "Department of Justice", r"\bDepartment of Justice\b|\bJustice Department\b|\bDOJ\b"),
    ("us", "Federal Bureau of Investigation", r"\bFederal Bureau of Investigation\b|\bFBI\b"),
    ("us", "Drug Enforcement Administration", r"\bDrug Enforcement Administration\b|\bDEA\b"),
    ("us", "U.S. Coast Guard", r"\bCoast Guard\b"),
    ("us", "Department of the Treasury", r"\bDepartment of the Treasury\b|\bTreasury Department\b"),
    ("us", "Immigration and Customs Enforcement", r"\bImmigration and Customs Enforcement\b|\bICE\b"),
    ("us", "Customs and Border Protection", r"\bCustoms and Border Protection\b|\bCBP\b"),
    ("cuba", "Ministry of the Interior", r"\bMinistry of (?:the )?Interior\b|\bInterior Ministry\b|\bMININT\b"),
    ("cuba", "Ministry of Foreign Affairs", r"\bMinistry of Foreign Affairs\b|\bForeign Ministry\b|\bMINREX\b"),
    ("cuba", "Ministry of Justice", r"\bMinistry of Justice\b"),
    ("cuba", "Attorney General's Office", r"\bAttorney General[’']s Office\b|\bAttorney General of the Republic\b|"
                                          r"(?<=Cuban )Attorney General\b|(?<=Cuba[’']s )Attorney General\b"),
    ("cuba", "General Customs of the Republic", r"\bGeneral Customs\b|\bCustoms General\b"),
    ("cuba", "Border Guard Troops", r"\bBorder Guard\b"),
]
_INSTITUTIONS = [(side, name, re.compile(pattern)) for side, name, pattern in INSTITUTIONS]
CUBAN_RE = re.compile(r"\bCuba(?:n|[’']s)?\b")
US_RE = re.compile(r"\bU\.S\.|\bUnited States\b|\bAmerican\b|\bUS\b")

# "led by Deputy Assistant Secretary John S. Creamer", "headed by ..."
LED_BY_RE = re.compile(r"\b(?:led|headed|co-chaired|chaired|coordinated|presided over) by (?P<who>.+?)(?=[;:()“”\"]|\.\s*$|$)")
# "Foreign Ministry Director General Carlos Fernández de Cossío led the Cuban delegation"
LEADS_RE = re.compile(r"^(?P<who>.+?)\s+(?:led|headed|chaired|co-chaired) the "
                      r"(?P<whose>U\.S\.|Cuban|American) delegation")
PERSON_RE = re.compile(r"(?:[A-Z][a-z]+\.? )*?(?P<name>[A-Z][a-zá-ú]+(?: (?:[A-Z]\.|de|del|la|[A-Z][a-zá-ú]+(?:-[A-Z][a-zá-ú]+)?)){1,4})$")
TITLE_WORDS = {"Deputy", "Assistant", "Secretary", "Under", "Acting", "Director", "General", "Minister", "Vice",
               "Ambassador", "Chargé", "Principal", "Senior", "Chief", "Counselor", "Commissioner", "Attorney",
               "Foreign", "Ministry", "Department", "State", "Homeland", "Security", "Justice", "Bureau",
               "Western", "Hemisphere", "Affairs", "Interior", "Cuban", "American", "Mr", "Mrs", "Ms", "Dr",
               "Admiral", "Colonel", "General", "Brigadier", "Officer", "Lieutenant", "Division", "Head",
               "Strategy", "Policy", "Plans", "Office", "Legal", "Adviser", "Advisor", "Law", "Enforcement",
               "United", "States", "National", "Defense", "Commission", "Bilateral", "Republic", "Cuba", "U.S.",
               "Threat", "Prevention", "Operations", "Intelligence", "Counterterrorism", "Migration", "Consular"}

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
COUNT_RE = re.compile(r"\b(?P<n>\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
                      r"(?:new |bilateral |such )?(?P<what>agreements|memoranda(?: of understanding)?|meetings|"
                      r"rounds|flights?|deportation flights?|dialogues|instruments|fugitives)\b", re.IGNORECASE)


def ordinal_number(word):
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else None


def facts_of(sentence, resolution=None):
    """({fact: value}, {fact: the words it came from}) for one sentence.

    `resolution` is the date resolved from the sentence's own words, if it has one:
    a sentence that reports a meeting and states its day dates that meeting.
    """
    facts, words = {}, {}

    def found(key, value, text):
        facts[key], words[key] = value, text.strip()

    happened = HAPPENED_RE.search(sentence)
    name = _name(sentence)
    if happened or name:
        for kind, regex in _KINDS:
            match = regex.search(sentence)
            if match and not (kind == "agreement" and not SIGNED_RE.search(sentence)) \
                    and not ANAPHOR_RE.search(sentence, 0, match.start()):
                found("kind", kind, match.group())
                break
    if name:
        # a number in lower case is the writer's count ("the third Law Enforcement Dialogue"), not the name
        text = re.sub(rf"^(?:{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))\s+", "", name.group().strip())
        found("name", text, name.group())
    ordinal = ORDINAL_RE.search(sentence) or ORDINAL_SINCE_RE.search(sentence)
    if ordinal and ordinal_number(ordinal.group("ordinal")) == 1 and FIRST_SINCE_RE.match(sentence, ordinal.end()):
        ordinal = None  # "the first Dialogue since 2018" ends a pause; it does not number a series
    # "the third such meeting was held": a number and a place, whatever the kind
    # "The talks were held in Washington": a place, though the kind was named before
    # "officials met in Havana": where it happened, whatever it is called
    took_place = "kind" in facts or bool(happened)
    if ordinal and took_place:
        found("ordinal", ordinal_number(ordinal.group("ordinal")), ordinal.group())
    if took_place:
        for place, regex in _PLACES:
            match = regex.search(sentence)
            if match:
                found("place", place, match.group())
                break
        else:
            match = STATE_DEPARTMENT_PLACE_RE.search(sentence)
            if match:
                found("place", "Washington, D.C.", match.group())
        if resolution is not None and resolution.known and resolution.basis != "from the surrounding context":
            facts["date"], words["date"] = resolution.date, (resolution.date_text or "").strip()
            if resolution.end_date:
                facts["end_date"], words["end_date"] = resolution.end_date, words["date"]
    leads = _leads(sentence)
    if leads:
        facts["leads"], words["leads"] = leads
    if "kind" in facts or leads or re.search(r"\bdelegations?\b|\bparticipat|\btook part\b|\brepresent", sentence):
        participants = _participants(sentence, facts.get("leads"))
        if participants and ("kind" in facts or re.search(r"\bdelegations?\b|\bparticipat|\btook part|\brepresent|"
                                                          r"\bsigned\b|\bmet\b", sentence)):
            facts["participants"], words["participants"] = participants
    count = COUNT_RE.search(sentence)
    if count:
        number = count.group("n").lower()
        found("count", NUMBER_WORDS.get(number) or int(number), count.group())
    return facts, words


HEADLINE_VERBS = {"Hold", "Holds", "Held", "Sign", "Signs", "Discuss", "Discusses", "Meet", "Meets", "Resume",
                  "Resumes", "Begin", "Begins", "Conclude", "Concludes", "Host", "Hosts", "New", "A", "The"}
# Who does things in a headline: the capitalised word after one of these is its verb ("Cuba and the USA
# Celebrate Meeting", "Cuba Considers Migration Talks", "Cuba, U.S. to Hold ..."), not part of a name.
SUBJECT_WORDS = {"cuba", "cuban", "cubans", "us", "u.s.", "usa", "united", "states", "sates", "america", "american",
                 "americans", "havana", "washington", "officials", "authorities", "delegations", "countries",
                 "nations", "governments", "sides", "parties", "to", "will"}
_ORDINAL_WORD_RE = re.compile(rf"^{_ORDINAL}$", re.IGNORECASE)


def _is_subject(word):
    return word.lower().strip(",’'s") in SUBJECT_WORDS or word.lower() in SUBJECT_WORDS


def _name(sentence):
    """The event's name: a naming phrase ("Law Enforcement Dialogue", "Migration Talks"), never
    the verb a headline capitalises ("Hold", "Celebrate", "Considers") nor a subject before it."""
    for match in NAME_RE.finditer(sentence):
        words = match.group().split()
        before = sentence[:match.start()].split()
        previous = before[-1] if before else ""
        changed = True
        while changed and words:
            changed = False
            # a country paired with another ("U.S. – Cuba Law Enforcement Dialogue") is part of the name
            subject = max((i for i, w in enumerate(words[:-1]) if _is_subject(w)
                           and not (words[i - 1] if i else previous).endswith(("-", "–"))), default=None)
            if subject is not None:  # "Cuba Considers Migration Talks": the subject and its verb
                words, changed = words[subject + 2:], True
            elif words[0] in HEADLINE_VERBS or (_is_subject(previous) and len(words) > 1
                                                and not (before[-2:-1] or [""])[0].endswith(("-", "–"))):
                previous, words, changed = words[0], words[1:], True  # "... the USA Celebrate Meeting"
        # a name is capitalised: "Law Enforcement Dialogue", not "law enforcement dialogue"; its number
        # ("Fifth Meeting") names nothing by itself
        named = [w for w in words if w[0].isupper() and not _ORDINAL_WORD_RE.match(w)]
        if words and words[-1][0].isupper() and len(named) >= 2:
            return NamedSpan(" ".join(words), match.group())
    return None


class NamedSpan(str):
    """A name found, and the words it was found in."""

    def __new__(cls, name, words):
        made = super().__new__(cls, name)
        made.words = words
        return made

    def group(self):
        return str(self)


def _side_near(text):
    cuban, us = CUBAN_RE.search(text), US_RE.search(text)
    if cuban and not us:
        return "cuba"
    if us and not cuban:
        return "us"
    return None


def _people(text):
    """Names of people in a list ("A, B and C"), their titles left out."""
    people = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", text):
        part = part.strip()
        match = PERSON_RE.search(part)
        if not match:
            continue
        tokens = match.group("name").split()
        while tokens and tokens[0].rstrip(".") in TITLE_WORDS:
            tokens = tokens[1:]
        if len(tokens) >= 2 and not all(t in TITLE_WORDS for t in tokens):
            people.append(" ".join(tokens))
    return people


# Where one delegation's lead ends and the other's begins: "...; the Cuban delegation was led by",
# ", and Yuri Gala López led the Cuban delegation" (not the "and" of a list of names)
LEAD_CLAUSE_RE = re.compile(r";\s*|,?\s+(?:and|while|whereas)\s+(?=(?:[Tt]he\s+)?(?:U\.S\.|Cuban|American|United States)"
                            r"\s+delegation\b|(?:[A-Z][\w.’'-]*\s+){1,8}(?:led|headed|chaired|co-chaired)\s+the\b)")


def _leads(sentence):
    """({side: [people]}, words) of who led each delegation, clause by clause, or None."""
    sides, spans = {}, []
    for clause in LEAD_CLAUSE_RE.split(sentence):
        found = _clause_leads(clause)
        if found:
            for side, people in found[0].items():
                sides.setdefault(side, []).extend(p for p in people if p not in sides.get(side, []))
            spans.append(found[1])
    if not sides:
        return None
    start = sentence.find(spans[0])  # the words: from the first lead's to the last's
    end = sentence.find(spans[-1], start) + len(spans[-1])
    return sides, sentence[start:end]


def _clause_leads(sentence):
    match = LEADS_RE.search(sentence)
    if match:
        side = "cuba" if match.group("whose") == "Cuban" else "us"
        people = _people(match.group("who"))
        if people:
            return {side: people}, match.group()
    match = LED_BY_RE.search(sentence)
    if not match:
        return None
    before = sentence[:match.start()]
    delegation = re.search(r"\b(U\.S\.|American|Cuban|United States)\b[^,;]*\bdelegation\b[^,;]*$", before)
    side = None
    if delegation:
        side = "cuba" if delegation.group(1) == "Cuban" else "us"
    side = side or _side_near(match.group("who")) or _side_near(before)
    people = _people(match.group("who"))
    if not people:
        institutions = [name for s, name, regex in _INSTITUTIONS if regex.search(match.group("who"))]
        if not institutions:
            return None
        side = side or next(s for s, name, regex in _INSTITUTIONS if regex.search(match.group("who")))
        return {side: institutions}, match.group()
    if side is None:
        return None
    return {side: people}, match.group()


def _participants(sentence, leads):
    """({side: [institutions]}, words) the sentence says took part, or None."""
    sides, spans = {}, []
    for side, name, regex in _INSTITUTIONS:
        match = regex.search(sentence)
        if not match:
            continue
        if side == "us" and name == "Department of State" and STATE_DEPARTMENT_PLACE_RE.search(sentence):
            continue  # "at the State Department" is where, not who
        before = sentence[max(0, match.start() - 12):match.start()]
        # "Cuba's Ministry of Foreign Affairs" / a U.S. body named with its country
        if side == "cuba" and US_RE.search(before) or side == "us" and CUBAN_RE.search(before):
            continue
        sides.setdefault(side, []).append(name)
        spans.append(match.group())
    for side, people in (leads or {}).items():
        sides[side] = [name for name in sides.get(side, []) if name not in people]
        if not sides[side]:
            del sides[side]
    if not sides:
        return None
    return sides, ", ".join(spans)
