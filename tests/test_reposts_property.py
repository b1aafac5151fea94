"""Re-post detection as a property over the record's own statements: any stored note, under a
few header or footer lines of another outlet and with its line breaks and spaces redone, is
found as the post it repeats, and each of its sentences is located in it; the same note
inside a text that adds an account of its own is not a re-post."""

import re

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ADDED
from usclet.record import reposts

NOTES = {path.name: path.read_text(encoding="utf-8") for path in sorted(ADDED.glob("*.txt"))}
SKETCHES = {name: reposts.sketch(text) for name, text in NOTES.items()}
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÁÉíóú0123456789", min_size=1, max_size=10)
LINE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
SPACE = st.sampled_from([" ", "  ", "\n", "\n\n", " \n", "\t"])


def rewrap(text, spaces):
    """The text with each run of whitespace replaced by one of `spaces`, in turn."""
    parts = re.split(r"\s+", text.strip())
    return "".join(part + spaces[i % len(spaces)] for i, part in enumerate(parts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(NOTES)), header=st.lists(LINE, max_size=3), footer=st.lists(LINE, max_size=2),
       spaces=st.lists(SPACE, min_size=1, max_size=5))
def test_a_stored_note_under_another_header_is_found_and_located(name, header, footer, spaces):
    body = rewrap(NOTES[name], spaces)
    text = "\n".join(header + [body] + footer)
    found = reposts.repeats(text, SKETCHES, NOTES.get)
    assert found is not None and found[0] == name
    held = reposts.Held(NOTES[name])
    for sentence in re.split(r"(?<=[.!?])\s+", NOTES[name]):
        if len(sentence.split()) >= 6:
            start, end = held.locate(rewrap(sentence, spaces))
            assert " ".join(NOTES[name][start:end].split()) in " ".join(sentence.split())


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(sorted(NOTES)),
       account=st.lists(st.lists(WORD, min_size=5, max_size=12).map(" ".join), min_size=16, max_size=30))
def test_a_note_inside_an_account_of_its_own_is_not_a_repost(name, account):
    """A blog post quoting a whole statement and saying as much again of its own (80 words
    or more, in paragraphs around it) is its own account."""
    text = "\n".join(account[:8]) + "\n\n" + NOTES[name] + "\n\n" + "\n".join(account[8:])
    assert reposts.repeats(text, {name: SKETCHES[name]}, NOTES.get) is None
