"""Words compared as a reader compares them: without case or accents."""

import unicodedata


def fold(text):
    """Case- and accent-insensitive form, spaces collapsed: 'Cossío' and 'COSSIO' both give 'cossio'."""
    decomposed = unicodedata.normalize("NFKD", " ".join((text or "").split()))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
