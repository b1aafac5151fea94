"""The seed parser: posts, comments, footnotes, authors, publication dates, duplicates."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from usclet.text import corpus
from curation import seed_files

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def parsed():
    return {article["id"]: article for article in corpus.parse_corpus(seed_files(SEEDS))}


def text_of(name):
    return (SEEDS / name).read_text(encoding="utf-8")


def test_every_post_and_comment_is_found():
    assert list(parsed()) == [
        "a000-1", "a001-1", "a001-2", "a001-3", "a002-1", "a003-1", "a003-1-c1", "a004-1", "a004-1-c1",
    ]


def test_one_file_holds_three_posts_with_their_titles():
    articles = parsed()
    assert [articles[f"a001-{n}"]["title"] for n in (1, 2, 3)] == [
        "U.S. and Cuba Hold Law Enforcement Dialogue",
        "U.S. and Cuba Resume Law Enforcement Dialogue",
        "United States and Cuba Hold Second Law Enforcement Dialogue",
    ]


def test_post_offsets_are_spans_of_the_file():
    articles = parsed()
    text = text_of("001_bebcdb9e810e73c2.txt")
    second = articles["a001-2"]
    assert text[second["start"]:].startswith("U.S. and Cuba Resume Law Enforcement Dialogue")
    assert text[:second["end"]].endswith("discuss terrorism and migration, (Jan. 20, 2023).")
    assert articles["a001-1"]["end"] < second["start"] < second["end"] < articles["a001-3"]["start"]


def test_comments_are_articles_with_a_parent():
    articles = parsed()
    comment = articles["a004-1-c1"]
    assert comment["kind"] == "comment" and comment["parent"] == "a004-1"
    assert comment["title"] == "More Details on December 12, 2017, U.S.-Cuba Meeting"
    text = text_of(comment["file"])
    assert "Leave a Reply" not in text[comment["start"]:comment["end"]]
    assert "CDA" in text[comment["start"]:comment["end"]]


def test_authors_from_byline_and_from_the_blog_bio():
    articles = parsed()
    assert articles["a000-1"]["author"] == "Sarah Lafen"
    assert articles["a002-1"]["author"] == "Cassidy Slater"
    assert articles["a003-1"]["author"] == "Duane W. Krohnke"
    assert articles["a001-1"]["author"] is None  # not given in that file


def test_stated_publication_date():
    article = parsed()["a002-1"]
    assert article["published"] == "2017-02-22"
    assert article["published_basis"].startswith("stated")


def test_an_undated_post_gets_only_its_earliest_date():
    """The latest date a post cites bounds its publication from below; it is not its date."""
    articles = parsed()
    assert articles["a000-1"]["published"] is None
    assert articles["a000-1"]["published_earliest"] == "2017-01-17"
    assert "17 January 2017" in articles["a000-1"]["published_basis"]
    assert articles["a004-1"]["published_earliest"] == "2017-12-13"
    assert articles["a004-1"]["published_basis"].startswith("inferred: no earlier than")
    assert articles["a004-1-c1"]["published_earliest"] == "2017-12-15"


def test_conflicting_footnote_years_are_reported():
    article = parsed()["a001-1"]
    assert article["published"] is None and article["published_earliest"] == "2024-04-18"
    assert "2022" in article["published_basis"]
    [footnote] = article["citations"]
    assert [d["date"] for d in footnote["dates"]] == ["2024-04-18", "2022-04-18"]
    assert footnote["text"].endswith("Diario de Cuba (April 18, 2022).")  # the footnote's second paragraph


def test_footnotes_numbered_and_unnumbered():
    articles = parsed()
    assert [(c["number"], c["date"]) for c in articles["a004-1"]["citations"]] == [
        (1, "2017-12-13"), (2, "2017-12-12"), (3, "2017-01-14"),
    ]
    assert [c["date"] for c in articles["a000-1"]["citations"]] == [
        "2017-01-17", "2017-01-16", "2017-01-16", "2017-01-12",
    ]
    assert [c["date"] for c in articles["a004-1-c1"]["citations"]] == ["2017-12-15", "2017-09-15"]
    text = text_of("004_038e472c2dd6021a.txt")
    for citation in articles["a004-1"]["citations"]:
        assert text[citation["start"]:citation["end"]] == citation["text"]


def test_endnotes_numbered_as_web_pages_number_them_are_footnotes_and_a_numbered_list_is_not():
    text = ("Talks\n\nThe two governments agreed on three points.[1]\n\n"
            "1. Cooperate against smuggling.\n2. Meet again next year.\n\nNotes\n\n"
            "1. Reuters, “U.S., Cuba hold law enforcement talks” (Dec. 13, 2017)\n"
            "2) Cuba Foreign Ministry, Meeting held, https://www.minrex.gob.cu/en/meeting\n")
    (article,) = corpus.parse_file("new.txt", text.encode(), "new")
    assert [(c["number"], c["date"], c["text"].split(",")[0]) for c in article["citations"]] == [
        (1, "2017-12-13", "1. Reuters"), (2, None, "2) Cuba Foreign Ministry")]
    assert article["published_earliest"] == "2017-12-13"


def test_the_same_post_in_two_files_is_marked_duplicate():
    articles = parsed()
    assert articles["a003-1"]["duplicate_of"] == "a001-3"
    assert [a for a, r in articles.items() if r["duplicate_of"]] == ["a003-1"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "Title Line", "", "  ", "Body sentence one. Two.", "[1] Source, Outlet (May 17, 2016).",
    "[2] Other; ", "By Jane Doe", "Published on February 22, 2017", "3 thoughts on “x”",
    "  1. A comment", "    Comment body (June 10, 2016), https://x.org/a", "Leave a Reply", "=====",
    "Published by", "Jane Q. Public has views.", "For more information, please see:", "ABC — T — 16 January 2017",
]) | st.text(), max_size=30))
def test_parser_survives_any_text_and_keeps_spans_inside(lines):
    text = lines if isinstance(lines, str) else "\n".join(lines)
    articles = corpus.mark_duplicates(corpus.parse_file("x.txt", text.encode("utf-8", "surrogatepass"), "ax")) \
        if _encodable(text) else []
    for article in articles:
        assert 0 <= article["start"] <= article["end"] <= len(text)
        for citation in article["citations"]:
            assert text[citation["start"]:citation["end"]] == citation["text"]


def _encodable(text):
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False
