"""Words reduced to their stems, as SQLite's FTS5 `porter` tokenizer reduces them.

The JSON engine searches with these functions and the SQLite engine with FTS5, and the
two must find the same claims: tokens are runs of letters and digits, case- and
accent-folded (FTS5's unicode61), and stemmed with Martin Porter's original algorithm as
FTS5 applies it: to the token's UTF-8 bytes, digits and other letters counting as
consonants, tokens of 3 to 64 bytes only (a test holds the two to the same stems).
"""

import functools
import re

from usclet.words import fold

TOKEN = re.compile(r"[^\W_]+")


def tokens(text, starts=None):
    """The stemmed tokens of a text, in order. With `starts` (from `start_of`), only tokens
    beginning so are stemmed; the others cannot stem to what is looked for and are None."""
    text = fold(text)
    if starts is None:
        return [stem(token) for token in TOKEN.findall(text)]
    if not any(start in text for start in starts):
        return []  # no token can begin so: nothing to split
    return [stem(token) if token.startswith(starts) else None for token in TOKEN.findall(text)]


def start_of(stemmed):
    """What every token stemming to `stemmed` begins with. Porter's steps cut a word's end and
    write back at most its last three letters ("ability" to "abl", "filing" to "file"), so all
    but the stem's last three letters were the word's own."""
    return stemmed[:-3]


def _consonant(word, i):
    ch = word[i]
    if ch in "aeiou":
        return False
    if ch == "y":
        return i == 0 or not _consonant(word, i - 1)
    return True


def _measure(stem_part):
    """m in [C](VC)^m[V]."""
    m, i, n = 0, 0, len(stem_part)
    while i < n and _consonant(stem_part, i):
        i += 1
    while i < n:
        while i < n and not _consonant(stem_part, i):
            i += 1
        if i >= n:
            break
        while i < n and _consonant(stem_part, i):
            i += 1
        m += 1
    return m


def _has_vowel(stem_part):
    return any(not _consonant(stem_part, i) for i in range(len(stem_part)))


def _double_consonant(word):
    return len(word) >= 2 and word[-1] == word[-2] and _consonant(word, len(word) - 1)


def _cvc(word):
    if len(word) < 3:
        return False
    return (_consonant(word, len(word) - 3) and not _consonant(word, len(word) - 2)
            and _consonant(word, len(word) - 1) and word[-1] not in "wxy")


def _replace(word, rules, condition):
    """Applies the first rule whose suffix ends the word; (word, whether a suffix matched)."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            return (base + replacement if condition(base) else word), True
    return word, False


STEP2 = (("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
         ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"),
         ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"),
         ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"))
STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""))
STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
         "ate", "iti", "ous", "ive", "ize")

STEP4_LONGEST_FIRST = tuple(sorted(STEP4, key=len, reverse=True))


# a text repeats its words, and a search stems every text of the record: each word is stemmed once
@functools.lru_cache(maxsize=1 << 16)
def stem(word):
    """The Porter stem of a folded token."""
    if word.isascii():
        return _stem(word) if 3 <= len(word) <= 64 else word
    raw = word.encode()
    if not 3 <= len(raw) <= 64:
        return word
    # one character per byte, as FTS5 sees them; its suffixes are ASCII, so no character is cut
    return _stem(raw.decode("latin-1")).encode("latin-1").decode("utf-8", "surrogateescape")


def _stem(word):    # step 1a (FTS5 takes "sses", "ies" and, below, "eed" as suffixes only of longer words)
    if word.endswith("sses") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 3:
        word = word[:-2]
    elif word.endswith("ss"):
        pass
    elif word.endswith("s"):
        word = word[:-1]
    # step 1b
    if word.endswith("eed") and len(word) > 3:
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif len(word) > 1 and word[-1] == word[-2] and word[-1] not in "aeioulsz":  # FTS5: "y" too
                    word = word[:-1]
                elif _measure(word) == 1 and _cvc(word):
                    word += "e"
                break
    # step 1c
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word, _ = _replace(word, STEP2, lambda base: _measure(base) > 0)
    word, _ = _replace(word, STEP3, lambda base: _measure(base) > 0)
    # step 4
    for suffix in STEP4_LONGEST_FIRST:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if _measure(base) > 1 and (suffix != "ion" or base.endswith(("s", "t"))):
                word = base
            break
    # step 5
    if word.endswith("e"):
        base = word[:-1]
        if _measure(base) > 1 or (_measure(base) == 1 and not _cvc(base)):
            word = base
    if _measure(word) > 1 and _double_consonant(word) and word.endswith("l"):
        word = word[:-1]
    return word
