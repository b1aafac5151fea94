"""schema.org ClaimReview JSON-LD: the markup fact-checking publishers and search engines read.

One `Claim` per claim (its text, its authors — the origins of its quotes — its first
appearance and every appearance, each the quoted words in an article) and one
`ClaimReview` per claim rating its *sourcing*, never its truth, on a documented scale:
3 corroborated by two or more independent sources, 2 single source, 1 contested.
"""

from usclet.export import SIDE_NAMES as SIDES, appeared, sourcing

CONTEXT = "https://schema.org"
SCALE = ("Sourcing, not truth: usclet rates how the record sources this claim, "
         "on a scale of 1 to 3: 3 corroborated by two or more independent sources, "
         "2 a single source, 1 contested (another claim in the record gives another value).")
REVIEWER = {"@type": "Organization", "name": "usclet"}


def document(selection, base="urn:usclet:"):
    """The JSON-LD document: {"@context", "@graph": [Claim, ClaimReview, ...]}."""
    contested = selection.contested()
    registry = (selection.store.meta().get("origins") or {})
    graph = []
    for claim in selection.claims:
        claim_id = f"{base}claim:{claim['id']}"
        appearances = [_appearance(item, selection.articles.get(item["article"]) or {}, base)
                       for item in _in_order_of_appearance(claim["evidence"])]
        node = {
            "@type": "Claim",
            "@id": claim_id,
            "identifier": claim["id"],
            "text": claim["text"],
            "author": [_author(origin, registry) for origin in claim["sources"]],
            "firstAppearance": {"@id": appearances[0]["@id"]},
            "appearance": appearances,
        }
        if claim.get("date"):
            node["temporalCoverage"] = claim["date"] + (f"/{claim['end_date']}" if claim.get("end_date") else "")
        if claim.get("topics"):
            node["keywords"] = list(claim["topics"])
        graph.append(node)
        value, words = sourcing(claim, contested)
        rating = {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": words,
            "ratingExplanation": _explanation(claim, words, contested.get(claim["id"], []), selection),
        }
        review = {
            "@type": "ClaimReview",
            "@id": f"{base}review:{claim['id']}",
            "claimReviewed": claim["text"],
            "itemReviewed": {"@id": claim_id},
            "author": REVIEWER,
            "reviewRating": rating,
        }
        if claim["id"] in contested:
            review["citation"] = [{"@id": f"{base}claim:{other}"} for other in contested[claim["id"]]]
        graph.append(review)
    return {"@context": CONTEXT, "@graph": graph}


def _in_order_of_appearance(evidence):
    """Quotes earliest first (the first is the claim's first appearance); undated ones last."""
    from usclet import dates

    def key(item):
        when = item.get("said_on") or item.get("said_on_earliest") or item.get("said_on_latest")
        return (when is None, dates.sort_key(when) if when else ())

    return sorted(evidence, key=key)


def _appearance(item, article, base):
    work = {"@type": "CreativeWork", "@id": f"{base}article:{item['article']}#{item['start']}-{item['end']}"}
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
    sources = claim.get("sources_in_words") or "; ".join(claim["sources"])
    text = f"{words}. Sources: {sources}."
    if others:
        texts = {c["id"]: c["text"] for c in selection.claims}
        listed = "; ".join(f"{other}" + (f" ({texts[other]})" if other in texts else "") for other in others)
        text += f" Conflicts with: {listed}."
    when = [appeared(item) for item in claim["evidence"] if appeared(item)]
    if when:
        text += f" Said on: {', '.join(dict.fromkeys(when))}."
    return f"{text} {SCALE}"
