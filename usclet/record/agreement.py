"""Whether two sources give the same value of a fact: names without their numbers, one
person written two ways, places and kinds without case or accents.

Matching a new sentence against the record and showing an event's conflicts ask the
same questions; this module answers them without the extraction's patterns, so a read
such as `compare` does not compile them.
"""

import re

from usclet import dates
from usclet.words import fold

COMPARED_FACTS = ("kind", "date", "end_date", "place", "ordinal", "name")


def same_value(key, one, other):
    """Whether two sources give the same value of a fact (names compared without case or accents)."""
    if key in ("leads", "participants"):
        return True  # lists of people and bodies add to each other; spelling is compared apart
    if isinstance(one, str) and isinstance(other, str):
        return _plain(one) == _plain(other)
    return one == other


def _plain(text):
    return re.sub(r"[^a-z0-9 ]", "", fold(text).replace("–", " ").replace("-", " "))


def name_key(name):
    """A name without its number: the number is a fact of its own."""
    words = fold(name).replace("–", " ").replace("-", " ").split()
    return " ".join(w for w in words if w not in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                                  "eighth", "ninth", "tenth", "u.s.", "cuba", "the"))


def differing_facts(new, stored):
    """[(fact, new value, stored value)] where both state a fact and the values differ."""
    differ = []
    for key in COMPARED_FACTS:
        if key not in new or key not in stored or new[key] is None or stored[key] is None:
            continue
        one, other = new[key], stored[key]
        if key == "name":
            if name_key(one) != name_key(other):
                differ.append((key, one, other))
        elif key in ("date", "end_date"):
            if not dates.overlaps(one, one, other, other):
                differ.append((key, one, other))
        elif not same_value(key, one, other):
            differ.append((key, one, other))
    return differ


BODY_WORDS = {"ministry", "ministries", "department", "office", "bureau", "commission", "customs", "guard", "council",
              "embassy", "attorney", "agency", "administration", "service", "troops", "police", "court"}


def people_of(facts):
    """The people (not the bodies) a claim's facts name as leads or participants."""
    for key in ("leads", "participants"):
        for side, names in (facts.get(key) or {}).items():
            for name in names:
                if not BODY_WORDS & set(fold(name).split()):
                    yield name


def _letters(name):
    """A name as its letters: no accents, case or initials ("John S. Creamer" is "john creamer")."""
    return [word for word in fold(name).replace(".", " ").split() if len(word) > 1]


def same_person(one, other):
    """Whether two written names are one person's: the same first name and a surname
    at most a letter or two apart ("Bruce Swartz", "Bruce Schwartz")."""
    from difflib import SequenceMatcher

    a, b = _letters(one), _letters(other)
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2 or a[0] != b[0]:
        return False
    return SequenceMatcher(None, a[-1], b[-1]).ratio() >= 0.8


def spelled_otherwise(one, other):
    """The same person with other letters: not a missing initial, an accent or a capital."""
    return _letters(one) != _letters(other) and same_person(one, other)
