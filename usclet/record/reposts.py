"""The same text again: a post the record holds, re-posted under another header.

Outlets re-post government notes with their own furniture: a masthead and a date above
the body ("Channel1 Los Angeles / 10 de Julio de 2018"), a "Fecha de publicación" line,
a headline of their own or none. Two texts are compared as runs of words (case, accents,
punctuation and line breaks ignored), cut into overlapping shingles of a few words: a new
post repeats a stored one when it holds nearly every shingle of the stored post, and adds
no more than a few lines of its own.

To stay linear on a large record, each stored post keeps a small sketch in the store's
meta (`post_sketches`: its smallest shingle hashes); a new text is compared in full only
with the posts whose sketch it mostly holds.

Where a re-post's words are in the post it repeats, `locate` finds them there, so its
sentences can join the claims those words already are.
"""

import re
import zlib
from collections import Counter

from usclet.words import fold

SHINGLE = 6  # words per shingle
SKETCH = 24  # shingle hashes kept per stored post
MIN_SHINGLES = 20  # a post shorter than this is too short to tell a re-post by
HELD = 0.8  # share of the stored post's shingles the new text must hold
MISSING = (30, 0.1)  # the stored post's shingles it may lack: a few, or a tenth
ADDED = (40, 0.25)  # shingles of its own it may add: a few lines, or a quarter of the stored post
WORD_RE = re.compile(r"\w+")


def tokens(text):
    """[(folded word, start, end)] of `text`, offsets into it."""
    return [(fold(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def _hash(words):
    return zlib.crc32(" ".join(words).encode("utf-8"))


def shingles(words):
    """The set of hashes of every run of SHINGLE words."""
    return set(_runs(words))


def _runs(words):
    """The hash of each run of SHINGLE words, in order."""
    return [_hash(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def sketch(text):
    """A stored post's sketch: its smallest shingle hashes, as one hex string (None if too short)."""
    found = shingles([w for w, _, _ in tokens(text)])
    if len(found) < MIN_SHINGLES:
        return None
    return "".join(f"{h:08x}" for h in sorted(found)[:SKETCH])


def _unpack(packed):
    return [int(packed[i:i + 8], 16) for i in range(0, len(packed), 8)]


def repeats(new_text, sketches, text_of):
    """(id of the stored post `new_text` repeats, how much of it it holds) or None.

    `sketches` is {post id: sketch}; `text_of(post id)` its text, read only for the posts
    whose sketch the new text mostly holds."""
    runs = _runs([w for w, _, _ in tokens(new_text)])
    new = set(runs)
    if len(new) < MIN_SHINGLES:
        return None
    best = None
    for post_id, packed in sketches.items():
        if not packed:
            continue
        sample = _unpack(packed)
        if sum(h in new for h in sample) < 0.6 * len(sample):
            continue
        stored = shingles([w for w, _, _ in tokens(text_of(post_id))])
        shared = len(stored & new)
        # what it adds is counted in runs of words, repeated ones too
        missing, added = len(stored) - shared, sum(run not in stored for run in runs)
        if shared >= HELD * len(stored) and missing <= max(MISSING[0], MISSING[1] * len(stored)) \
                and added <= max(ADDED[0], ADDED[1] * len(stored)):
            held = shared / len(stored)
            if best is None or held > best[1]:
                best = (post_id, round(held, 3))
    return best


class Held:
    """The words of a stored post, to find a re-post's passage in it."""

    N = 4  # words per run compared

    def __init__(self, text):
        self.words = tokens(text)
        self.index = {}
        plain = [w for w, _, _ in self.words]
        for i in range(len(plain) - self.N + 1):
            self.index.setdefault(tuple(plain[i:i + self.N]), []).append(i)

    def locate(self, passage):
        """(start, end) offsets in the stored text of the words `passage` repeats, or None
        when fewer than half of its runs of words are there. The runs vote on where the
        passage lies (the offset between the two texts), so words common to many places
        ("the United States and") do not scatter it."""
        plain = [w for w, _, _ in tokens(passage)]
        n = min(self.N, len(plain))
        if n == 0:
            return None
        runs = [tuple(plain[i:i + n]) for i in range(len(plain) - n + 1)]
        votes, where = Counter(), {}
        for q, run in enumerate(runs):
            positions = self.index.get(run, []) if n == self.N else [
                i for i in range(len(self.words) - n + 1) if tuple(w for w, _, _ in self.words[i:i + n]) == run]
            for position in positions:
                votes[position - q] += 1
                where.setdefault(position - q, []).append(q)
        if not votes:
            return None
        shift, count = votes.most_common(1)[0]
        if count < 0.5 * len(runs):
            return None
        first, last = min(where[shift]) + shift, max(where[shift]) + shift + n - 1
        return self.words[first][1], self.words[last][2]
