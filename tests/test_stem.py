"""The stemmer the JSON engine searches with: Porter's, as SQLite's FTS5 applies it."""

import sqlite3
import string

from hypothesis import given
from hypothesis import strategies as st

from usclet.stem import start_of, stem, tokens

WORDS = st.text(alphabet=string.ascii_lowercase + "y" * 5 + string.digits[:3], min_size=1, max_size=16)


@given(WORDS)
def test_a_word_begins_with_the_start_of_its_stem(word):
    """What a search relies on to leave most words unstemmed: Porter's steps rewrite at most
    the last three letters of what they keep."""
    assert word.startswith(start_of(stem(word)))


@given(st.lists(WORDS, min_size=1, max_size=12), WORDS)
def test_tokens_stemmed_only_where_they_can_match_find_the_same_words(words, wanted):
    text = " ".join(words)
    target = stem(wanted)
    every = tokens(text)
    some = tokens(text, (start_of(target),))
    assert [i for i, token in enumerate(every) if token == target] == \
        [i for i, token in enumerate(some) if token == target]


def _fts5_stems(words):
    """The terms SQLite's FTS5 porter tokenizer makes of these words."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.execute("INSERT INTO t VALUES (?)", (" ".join(words),))
    return [row[0] for row in conn.execute("SELECT term FROM v ORDER BY offset")]


@given(st.lists(st.one_of(WORDS, st.text(alphabet=string.ascii_lowercase + string.digits + "жñ", min_size=1, max_size=70)),
                min_size=1, max_size=20))
def test_stems_are_those_of_sqlite(words):
    """The JSON engine and the SQLite engine find the same claims because they split and stem alike."""
    assert tokens(" ".join(words)) == _fts5_stems(words)


def test_porter_examples():
    words = ("deportation", "deported", "flights", "ability", "filing", "relational", "happiness", "agreed", "hopping")
    assert [stem(w) for w in words] == _fts5_stems(words)
    assert [stem(w) for w in words][:3] == ["deport", "deport", "flight"]
    odd = ["ies", "eed", "sses", "yyed", "00s", "дs", "b" * 60 + "ations"]  # where FTS5's porter is its own
    assert [stem(w) for w in odd] == _fts5_stems(odd)
