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
