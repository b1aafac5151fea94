"""Words compared as a reader compares them: without case or accents."""

import re
import unicodedata


# the combining marks' blocks (accents, cedillas, tildes...): what NFKD splits off a letter
COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text):
    """Case- and accent-insensitive form, spaces collapsed: 'Cossío' and 'COSSIO' both give 'cossio'."""
    text = " ".join((text or "").split())
    if text.isascii():  # most text: nothing to decompose (check folds every quote of the record)
        return text.casefold()
    return COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


# words that carry no content of their own: left out when two texts are compared by what they say
FUNCTION_WORDS = frozenset({
    "the", "and", "for", "that", "this", "with", "from", "have", "been", "will", "were", "into", "they", "their",
    "which", "about", "after", "before", "since", "even", "without", "who", "any", "its", "not"})


def content_stems(text, stop_words=FUNCTION_WORDS):
    """The content words of lower-case `text`, crudely stemmed, as a set: 'ends', 'ended' and
    'ending' all give 'end'. Enough to tell whether two sentences speak of the same thing."""
    stems = set()
    for word in re.findall(r"[a-z]{3,}", text):
        if word in stop_words:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[:-len(suffix)]
                break
        stems.add(word)
    return stems
