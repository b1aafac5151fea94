"""schema.org ClaimReview JSON-LD: the markup fact-checking publishers and search engines read.

One `ClaimReview` per claim, published by the desk (`--publisher`, `--publisher-url`)
at the claim's anchor on the published report (`--base-url`), dated the day the claim
was last reviewed. It embeds the reviewed `Claim`: its full text, its authors (the
bodies whose claim it is), when it first appeared and every appearance (the quoted
words in an article, with its url, publisher and date).

The rating says what was checked, in words, and nothing about truth: "Corroborated by
2 independent sources", "Single source: U.S. Department of State", with the facts
sources differ on where a conflict touches the claim. There is no `ratingValue`: a
number on a scale reads as a truth verdict to every reader of ClaimReview.
"""

from usclet import dates
from usclet.export import SIDE_NAMES as SIDES, appeared, claim_url, disputes, review_dates, sourcing

CONTEXT = "https://schema.org"
# the length search engines recommend for claimReviewed
SHORT = 75
EXPLAINED = ("Sourcing, not truth: this review says how many independent sources the record holds for the "
             "claim and where sources differ; it does not rate whether the claim is true.")


def document(selection, desk):
    """The JSON-LD document: {"@context", "@graph": [ClaimReview, ...]}. `desk` is
    {"publisher", "publisher_url", "base_url"} (see `usclet.export.desk_of`)."""
    disputed = disputes(selection)
    registry = selection.store.meta().get("origins") or {}
    logged, reviewed_on = review_dates(selection.store)
    others = {}
    for conflict_claims in _conflicting_claims(selection):
        for claim_id in conflict_claims:
            others.setdefault(claim_id, []).extend(c for c in conflict_claims if c != claim_id)
    desk_node = {"@type": "Organization", "name": desk.get("publisher") or "usclet"}
    if desk.get("publisher_url"):
        desk_node["url"] = desk["publisher_url"]
    graph = []
    for claim in selection.claims:
        url = claim_url(claim, desk.get("base_url"))
        appearances = [_appearance(item, selection.articles.get(item["article"]) or {})
                       for item in _in_order_of_appearance(claim["evidence"])]
        words = sourcing(claim, disputed.get(claim["id"], ()))
        item_reviewed = {
            "@type": "Claim",
            "@id": f"{url}-claim",
            "identifier": claim["id"],
            "text": claim["text"],
            "author": [_author(origin, registry) for origin in claim["sources"]],
            "firstAppearance": appearances[0],
            "appearance": appearances,
        }
        first_said = appearances[0].get("datePublished")
        if first_said:
            item_reviewed["datePublished"] = first_said
        if claim.get("date"):
            item_reviewed["temporalCoverage"] = claim["date"] + (f"/{claim['end_date']}" if claim.get("end_date") else "")
        if claim.get("topics"):
            item_reviewed["keywords"] = list(claim["topics"])
        review = {
            "@type": "ClaimReview",
            "@id": url,
            "url": url,
            "claimReviewed": short(claim["text"]),
            "itemReviewed": item_reviewed,
            "author": desk_node,
            "publisher": desk_node,
            "reviewRating": {
                "@type": "Rating",
                "alternateName": words,
                "ratingExplanation": _explanation(claim, words, others.get(claim["id"], []), selection),
            },
        }
        reviewed = logged.get(claim["id"]) or reviewed_on
        if reviewed:
            review["datePublished"] = reviewed
        if claim["id"] in others:
            review["citation"] = [{"@id": f"{claim_url({'id': other, 'event': _event_of(selection, other)}, desk.get('base_url'))}-claim"}
                                  for other in dict.fromkeys(others[claim["id"]])]
        graph.append(review)
    return {"@context": CONTEXT, "@graph": graph}


def short(text, limit=SHORT):
    """The claim in at most `limit` characters, for claimReviewed: whole when it fits, else
    cut at the last clause or word that fits, with an ellipsis (the whole text stays in
    the Claim)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[:limit - 1]
    for mark in ("; ", ", ", " — ", " ("):
        cut = room.rfind(mark)
        if cut >= limit // 2:
            return room[:cut].rstrip(" ,;—(") + "…"
    cut = room.rfind(" ")
    return (room[:cut] if cut > 0 else room).rstrip(" ,;:—(") + "…"


def _conflicting_claims(selection):
    for conflict in selection.conflicts:
        if conflict["field"] == "claims":
            yield list(conflict["claims"])
        else:
            yield [claim for value in conflict["values"] for claim in value["claims"]]


def _event_of(selection, claim_id):
    for claim in selection.claims:
        if claim["id"] == claim_id:
            return claim.get("event")
    found = selection.store.get(claim_id)
    return found[1].get("event") if found and found[0] == "claim" else None


def _in_order_of_appearance(evidence):
    """Quotes earliest first (the first is the claim's first appearance); undated ones last."""

    def key(item):
        when = item.get("said_on") or item.get("said_on_earliest") or item.get("said_on_latest")
        return (when is None, dates.sort_key(when) if when else ())

    return sorted(evidence, key=key)


def _appearance(item, article):
    work = {"@type": "CreativeWork"}
    if article.get("url"):
        work["url"] = article["url"]
    if article.get("title"):
        work["headline"] = article["title"]
    if article.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": article["publisher"]}
    if item.get("said_on"):
        work["datePublished"] = item["said_on"]
    work["text"] = item["quote"]
    # who says it in the text, as the text names them ("a U.S. official", "the author")
    work["description"] = f"the words of {item['speaker']} ({SIDES[item['side']]} side; origin: {item['origin']})"
    return work


def _author(origin, registry):
    """An origin as the registry describes it: a person when its note speaks of 'his own' or
    'her own' statements, otherwise an organization (a body, an outlet, a joint document's parties)."""
    note = (registry.get(origin) or {}).get("note") or ""
    kind = "Person" if note.startswith(("his own", "her own")) else "Organization"
    return {"@type": kind, "name": origin}


def _explanation(claim, words, others, selection):
    sources = claim.get("sources_in_words") or "; ".join(claim["sources"]) or "no source"
    text = f"{words}. {sources[0].upper() + sources[1:]}."
    if others:
        texts = {c["id"]: c["text"] for c in selection.claims}
        listed = "; ".join(f"{other}" + (f" ({texts[other]})" if other in texts else "")
                           for other in dict.fromkeys(others))
        text += f" Other accounts: {listed}."
    when = [appeared(item) for item in claim["evidence"] if appeared(item)]
    if when:
        text += f" Said on: {', '.join(dict.fromkeys(when))}."
    return f"{text} {EXPLAINED}"
