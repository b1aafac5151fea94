"""What a new source does to the record: each candidate claim matched against the store.

Every candidate gets an `action`, with the claim it concerns, a score and a reason:

- `attach`: it says what stored claim C says about the same event, and no fact differs:
  its evidence joins C. A different origin makes C corroborated; the same origin (the
  release a blog quoted, or another translation of one statement) joins C as its
  primary appearance and the source count stays. Facts are compared first (date, kind,
  place, number, name, who led or took part), then content words (`similarity`); a
  sentence joins C only if it also says what C calls or numbers the event, since its
  origin would then count as calling or numbering it so (`record.identity`).
- `conflict`: it gives another value of a fact C states (date, place, kind, name,
  number) about the same event, or the same number to another event of the same series,
  or a person's name spelled otherwise: stored as a new claim in conflict with C.
- `new`: a fact the store lacks.
- `skip`: its very words (article and offsets) are already evidence in the store, or
  it is a re-post's sentence the record holds as no claim, or a re-post's carrier's line.

Events are matched on what the text says of them, never on the date alone: a stored
event on the same day joins when the kind, the place, a participant or the name agrees
too. A sentence reporting a meeting the store lacks (naming its kind, or giving it its
own day and its place or number) proposes a new event, which the article's later
sentences of that day join; so two governments' notes on one meeting meet in one event.
A sentence with no date is matched against the meetings its article reports, and only
joins. A re-post (an article whose `duplicate_of` is a stored post) is matched word for
word: each of its sentences joins the claim its words are in the post it repeats.

Matching reads only the claims of the candidates' events and dates (on SQLite an indexed
query per date) and of the meetings held in the week before each article was published,
so it stays fast on a large store.
"""

import datetime
import functools
import re

from usclet import dates, model
from usclet.record import origins, reposts
from usclet.record.identity import IDENTITY_FACTS
from usclet.record.agreement import COMPARED_FACTS, differing_facts, name_key, people_of, same_value, spelled_otherwise
from usclet.words import FUNCTION_WORDS, fold

ATTACH_THRESHOLD = 0.6  # how much of each other's words the new sentence and the stored claim say
# Words that say who speaks or that something happened, not what: two renderings of one
# statement differ in them ("according to a press release", "the Foreign Ministry said").
STOP_WORDS = FUNCTION_WORDS | {"also", "its", "not", "was", "are", "has",
              "said", "says", "two", "both", "countries", "united", "states", "cuba", "cuban", "u.s", "state",
              "department", "ministry", "according", "government", "sides", "parties", "held", "meeting",
              "there", "other", "among", "others", "those", "these", "such", "who", "whose", "would", "could",
              "press", "release", "statement", "note", "information", "communique", "announced", "reported", "told",
              "stated", "added", "noted", "highlighted", "explained", "indicated", "place", "took", "take", "high",
              "nations", "country", "foreign", "affairs", "interior", "side", "party", "part",
              "law", "enforcement", "bilateral", "officials", "authorities"}  # what every claim of the record is about
# One word of a statement, as its translations render it: words beginning so are one word
# (Spanish "ambiente" is an atmosphere, an environment or a climate; "acuerdo" an accord or
# an agreement; "flagelos" scourges or phenomena), and English spelled two ways.
RENDERINGS = [("atmospher", "environ", "climat", "ambienc"), ("dialog",), ("agree", "accord"),
              ("migra", "immigr", "emigr"), ("smuggl", "traffick"), ("scourg", "phenomen", "threat"),
              ("represent", "member", "compos", "consist", "made"), ("cooperat", "collaborat"),
              ("profession",), ("illeg", "illicit", "unlawful"), ("continu", "keep", "maintain", "pursu"),
              ("complian", "comply", "fulfil", "implement")]
CANONICAL = sorted(((prefix, group[0]) for group in RENDERINGS for prefix in group), key=lambda p: -len(p[0]))
SUFFIXES = ("ations", "ation", "ings", "ing", "ities", "ity", "ments", "ment", "ies", "ed", "es", "s", "e")


def _word(token):
    """A word as matching compares it: a rendering's one word, or without its ending
    ("requiring", "require": "requir")."""
    for prefix, canonical in CANONICAL:
        if token.startswith(prefix):
            return canonical
    for suffix in SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[:-len(suffix)]
    return token


@functools.lru_cache(maxsize=1 << 12)
def _stems(text):
    """The content words of a text, each as `_word` gives it."""
    return frozenset(_word(token) for token in re.findall(r"[a-z]{3,}", fold(text)) if token not in STOP_WORDS)


def similarity(candidate_text, claim, said=None, theirs=None):
    """How much of the stored claim the new words say, 0..1: the share of its words they say,
    or, when they say it in other words, how much each says of the other's. `said` and
    `theirs` are the stems already taken of the new words and of the claim's texts."""
    said = _stems(candidate_text) if said is None else said
    theirs = claim_stems(claim) if theirs is None else theirs
    best = 0.0
    for stems in theirs:
        if stems and said:
            # all of what the claim says, or most of each other's words (Dice): a fragment of
            # the claim's sentence says too little of it to pass for it
            shared = len(said & stems)
            best = max(best, shared / len(stems), 2 * shared / (len(stems) + len(said)))
    return round(best, 2)


def claim_stems(claim):
    """The stems of a claim's text and of each of its quotes."""
    return [_stems(text) for text in [claim["text"]] + [item["quote"] for item in claim["evidence"]]]


class ByDate:
    """Records found by the days they may share with a date: a record dated 2017-12 can
    be the one a sentence dates 2017-12-12, and the reverse. Keyed by date, so a
    sentence looks at the records of its own dates, not at every record of the period."""

    def __init__(self, records):
        self.by_date, self.spans = {}, []
        for record in records:
            if record.get("end_date"):
                self.spans.append(record)
            elif record.get("date"):
                self.by_date.setdefault(record["date"], []).append(record)

    def meeting(self, date, end_date=None):
        if date is None:
            return []
        found = [r for r in self.spans if dates.overlaps(r["date"], r["end_date"], date, end_date)]
        if end_date:  # a span: its days' records, by overlap
            found += [r for key, rows in self.by_date.items() if dates.overlaps(key, None, date, end_date) for r in rows]
            return found
        prefixes = {date[:4], date[:7], date}  # the year, the month and the day it may be read as
        for key in prefixes:
            found += self.by_date.get(key, [])
        if len(date) < 10:  # a month or a year: every record dated within it
            found += [r for key, rows in self.by_date.items() if key.startswith(date) and key not in prefixes
                      for r in rows]
        return found


def _spelling_conflicts(facts, known_people):
    """[(new name, stored name, claim id)] for the same person written otherwise."""
    found = []
    for name in people_of(facts):
        for stored, claim_id in known_people.get(fold(name).split()[0], ()):
            if spelled_otherwise(name, stored):
                found.append((name, stored, claim_id))
    return found


def _event_score(candidate, event):
    """(score, [what agrees]) of a stored event for a candidate dated within it."""
    facts = candidate.get("facts") or {}
    agrees = ["date"]
    kind = facts.get("kind")
    if kind and (kind == event.get("kind") or GENERIC_KIND in (kind, event.get("kind"))
                 and {kind, event.get("kind")} <= MEETING_KINDS):
        agrees.append("kind")  # a dialogue or talks are a meeting too, as one government calls them; a policy is not
    place = facts.get("place")
    if place and event.get("place") and same_value("place", place, event["place"]):
        agrees.append("place")
    participants = {fold(name) for names in (event.get("participants") or {}).values() for name in names}
    if participants & {fold(name) for name in people_of(facts)}:
        agrees.append("participants")
    if facts.get("ordinal") is not None and facts["ordinal"] == event.get("ordinal"):
        agrees.append("ordinal")
    name = facts.get("name")
    if name and any(name_key(name) and name_key(name) in name_key(known)
                    for known in [event.get("name") or ""] + list(event.get("aliases") or [])):
        agrees.append("name")
    return len(agrees), agrees


def _as_registered(store, candidates):
    """Each candidate's origin on the side the store's registry gives it, and {id(candidate):
    the origin as the registry names it}: a
    name the text uses ("CubaMinrex") may be one the registry knows for a government body,
    and `import` takes it as that body, so the side proposed must be the body's."""
    registry = origins.Registry(store.meta())
    names = {}
    for candidate in candidates:
        item = candidate["evidence"][0]
        registered = registry.canonical(item.get("origin"))
        if not registered:
            continue
        names[id(candidate)] = registered
        sides = registry.sides(registered)
        if item.get("side") not in sides:  # the name stays as the text has it: import maps it too
            candidate.setdefault("review", {})["side"] = (f"{item.get('origin')!r} is {registered} in the record's "
                                                          f"registry, which speaks for {sides[0]}")
            item["side"] = sides[0]
    return names


GENERIC_KIND = "meeting"
MEETING_KINDS = {"dialogue", "talks", "meeting", "exchange"}


def _reports_meeting(candidate):
    """The kind of meeting a sentence reports taking place, or None. A sentence that says
    what kind it was reports one; so does one that gives a meeting its own day and its
    place or number ("On January 18 and 19, the authorities ... met in Havana", "the third
    meeting ... was held"), as a ministry's note often does without naming its series:
    a meeting, which the other government's note naming the series then joins."""
    facts = candidate.get("facts") or {}
    if facts.get("kind"):
        return None if facts["kind"] == "agreement" else facts["kind"]
    own_date = (candidate.get("review") or {}).get("date_basis") != "from the surrounding context"
    if own_date and (facts.get("place") or facts.get("ordinal") is not None):
        return GENERIC_KIND
    return None


def _on_day(candidate):
    date = candidate.get("date")
    return date is not None and dates.precision(date) == "day"


def _new_event_id(kind, date, exists):
    base = {"dialogue": "led", "agreement": "agreement", "talks": "talks", "meeting": "meeting"}.get(kind, "event")
    event_id, number = f"{base}-{date}", 2
    while exists(event_id):
        event_id, number = f"{base}-{date}-{number}", number + 1
    return event_id


def _proposed_event(candidate, event_id, kind):
    facts = candidate["facts"]
    place = facts.get("place")
    name = {"dialogue": "U.S.–Cuba Law Enforcement Dialogue", "talks": "U.S.–Cuba talks",
            "agreement": "U.S.–Cuba agreement", "meeting": "U.S.–Cuba meeting"}[kind]
    participants = {}
    for key in ("leads", "participants"):
        for side, names in (facts.get(key) or {}).items():
            participants.setdefault(side, []).extend(n for n in names if n not in participants.get(side, []))
    return {"type": "event", "id": event_id, "kind": kind, "name": f"{name} in {place}" if place else name,
            "aliases": [], "ordinal": None, "date": candidate["date"], "end_date": candidate.get("end_date"),
            "date_text": candidate.get("date_text"), "date_basis": candidate.get("date_basis"), "place": place,
            "participants": participants}


def propose(store, candidates):
    """Sets `action`, `match` (claim, score, reason) and `event` on each candidate, and
    returns the new events they propose (event records with `"type": "event"`).

    Candidates are in article order; an article's later sentences of the same day join
    the event its earlier ones matched or proposed.
    """
    if not candidates:
        return []
    registered = _as_registered(store, candidates)
    windows = [(c["date"], c.get("end_date") or c["date"]) for c in candidates if c.get("date")]
    events = ByDate(store.events(min(w[0] for w in windows), max(w[1] for w in windows)) if windows else [])
    by_article_day = {}
    proposed, taken = [], set()
    spans = _stored_spans(store, candidates)
    same_day = {}
    for candidate in candidates:
        _choose_event(candidate, events, by_article_day, same_day)
        item = candidate["evidence"][0]
        stored_as = spans.get((item["article"], item["start"], item["end"]))
        if stored_as:  # already in the store: nothing to match, nothing to propose
            candidate["event"] = stored_as[1]
            _set(candidate, "skip", stored_as[0], 1.0, f"these words are already evidence of {stored_as[0]}")
    _match_reposts(store, [c for c in candidates if c.get("action") is None])
    # the stored claims that can match: those of the chosen events, and those dated alike;
    # for a sentence with no date, those of the meetings its article reports (see `_reported`)
    reported = _reported(store, candidates)
    chosen = sorted({c["event"] for c in candidates if c.get("event")} | {e for ids in reported.values() for e in ids}
                    | {e for ids in same_day.values() for e in ids})
    pool = Pool(store.claims(events=chosen) if chosen else [])
    pool.reported, pool.same_day, pool.registered = reported, same_day, registered
    # and those of no event on the candidates' dates: another government's note on the meeting may be there
    dated = [c for c in candidates if c.get("action") is None and c.get("date")]
    if dated:
        periods = sorted({(c["date"], c.get("end_date") or c["date"]) for c in dated})
        if store.indexed:  # one narrow query per date the sentences give
            found = {claim["id"]: claim for since, until in periods for claim in store.claims(since=since, until=until)}
        else:  # one pass over the record, not one per date
            found = {claim["id"]: claim for claim in store.claims(since=periods[0][0], until=max(p[1] for p in periods))}
        pool.add_loose(claim for claim in found.values() if not claim.get("event"))
    numbered, people = _numbering_and_people(store)
    for candidate in candidates:
        if candidate.get("action") is not None:  # already in the store, or a re-post's
            continue
        key = (candidate["evidence"][0]["article"], candidate.get("date"))
        if candidate.get("event") is None and key in by_article_day and _on_day(candidate):
            candidate["event"] = by_article_day[key][0]  # the meeting an earlier sentence proposed
            candidate["review"]["event"] = f"same day as {by_article_day[key][1]}"
        kind = _reports_meeting(candidate)
        if candidate.get("event") is None and kind and _on_day(candidate):
            event_id = _new_event_id(kind, candidate["date"], lambda i: i in taken or store.get(i) is not None)
            taken.add(event_id)
            event = _proposed_event(candidate, event_id, kind)
            proposed.append(event)
            candidate["event"] = event_id
            candidate["review"]["event"] = (f"no stored event on {candidate['date']} is a {event['kind']}"
                                            f"{' in ' + event['place'] if event['place'] else ''}: proposes {event_id}")
            by_article_day[key] = (event_id, f"the {event['kind']} this article reports on {candidate['date']}, "
                                             f"proposed as {event_id}")
        _choose_claim(candidate, pool, numbered, people)
    for candidate in candidates:  # later sentences of a proposed event's day
        if candidate.get("event") is None and _on_day(candidate):
            joined = by_article_day.get((candidate["evidence"][0]["article"], candidate["date"]))
            if joined:
                candidate["event"] = joined[0]
                candidate["review"]["event"] = f"same day as {joined[1]}"
    _one_meeting_reported(store, candidates)
    return proposed


def _text_of(candidate):
    """The text a candidate is from: its article, or the file extracted without one."""
    item = candidate["evidence"][0]
    return item["article"] or ("file", item.get("file"))


def _one_meeting_reported(store, candidates):
    """A sentence with no date of its own (a headline, who made up the delegations, what was
    discussed), in a text that reports one meeting and no other, is of that meeting: a note's
    "Cuba reiterated its concern ..." below "On April 21 ... met in Washington", a wire's
    "The talks, which included ..." below "concluded two days of talks on Thursday". The
    meeting is the one event its dated sentences name, or, when they name none, the one
    meeting the record holds as held in the week up to its publication."""
    texts = {}
    for candidate in candidates:
        texts.setdefault(_text_of(candidate), []).append(candidate)
    for found in texts.values():
        # a period opened in the past and running on ("the first formal talks ... since 2018") dates no
        # event of its own: the sentence speaks of the time of the text, as an undated one does
        undated = [c for c in found if (c.get("date") is None or _opens_period(c)) and c.get("event") is None
                   and c.get("action") not in ("skip", None)]
        # and those dated within a meeting whose date alone agreed: "wrapped up two days of talks ... on Thursday"
        on_its_days = [c for c in found if c.get("date") is not None and not _opens_period(c) and c.get("event") is None
                       and c.get("action") not in ("skip", None) and not _reports_meeting(c)]
        if not undated and not on_its_days:
            continue
        # the events its dated sentences name, and those whose stored claims its sentences say again
        named = {c["event"] for c in found if c.get("event") and (c.get("date") is not None
                                                                   or c.get("action") == "attach")
                 and c.get("action") != "skip"}
        dated = [c for c in found if c.get("date") is not None and c.get("action") != "skip"]
        how = "the one meeting this text reports"
        if len(named) > 1:
            named = _of_the_news(named, dated, found)
        elif not named and not any(_reports_meeting(c) for c in dated):
            named = set(_held_in_reporting_window(store, found))
            how = f"the one meeting the record holds as held in the {REPORTING_WINDOW} days up to its publication"
        if len(named) > 1:
            _beside_its_neighbours(found, undated, named)
            continue
        if len(named) != 1:
            continue
        [event] = named
        for candidate in undated:
            if not PRESS_REMARK.search(candidate["text"]) or MEETING_WORDS.search(candidate["text"]):
                _join(candidate, event, how)
        held = store.get(event)
        if not held or held[0] != "event" or dates.precision(held[1]["date"]) != "day":
            continue  # a meeting proposed from this text, or known only by its month: its days are not known
        for candidate in on_its_days:
            if _on_day(candidate) and dates.overlaps(held[1]["date"], held[1].get("end_date"), candidate["date"],
                                                     candidate.get("end_date") or candidate["date"]):
                candidate["event"] = event
                candidate["review"]["event"] = f"{event}: {how}, held on its day"


# A remark made to the press ("A State Department spokesperson told reporters that the United States will
# continue to engage ...") is its speaker's stance, not an account of the meeting the text reports, unless
# it speaks of a meeting: by words such as these ("the talks were mutually beneficial", "This type of dialogue")
PRESS_REMARK = re.compile(r"\btold (?:reporters|journalists|the press|a (?:news|press) conference)\b|"
                          r"\b(?:at|in) a (?:news|press) (?:conference|briefing)\b", re.IGNORECASE)
MEETING_WORDS = re.compile(r"\b(?:talks|meetings?|dialogues?|dialog|discussions?|conversations|delegations?|"
                           r"exchanges?|round|agenda)\b", re.IGNORECASE)


def _beside_its_neighbours(found, undated, named):
    """In a text that reports several things (a statement ending one policy and announcing a
    joint statement the same day), a sentence with no date of its own is of the thing the
    sentences before it tell of ("These actions are part of ..." after two on the policy), or,
    opening the text, of the thing the sentences after it tell of."""
    undated = {id(c) for c in undated}
    order = sorted(found, key=lambda c: c["evidence"][0]["start"])
    for index, candidate in enumerate(order):
        if id(candidate) not in undated:
            continue
        before = next((c["event"] for c in reversed(order[:index]) if c.get("event") in named), None)
        after = next((c["event"] for c in order[index + 1:] if c.get("event") in named), None)
        event = before or after
        if event:
            _join(candidate, event, f"of the {len(named)} things this text reports, the one the sentences "
                                    f"{'before' if before else 'after'} it tell of")


def _join(candidate, event, how):
    """Makes a sentence with no date of its own (or only a running period's start) one of `event`'s."""
    candidate["event"] = event
    candidate["review"]["event"] = f"{event}: {how}"
    if _opens_period(candidate):  # when the period began is no date of this meeting: not a fact of it
        candidate["facts"] = {k: v for k, v in candidate["facts"].items() if k not in ("date", "end_date")}


def _of_the_news(named, dated, found):
    """Of several events a text's dated sentences name, those not told as history: held no earlier
    than the week before its publication ("The first law enforcement dialogue was held ... on
    November 9, 2015", in a report of the dialogue resumed in 2023, is background)."""
    published = next((((c.get("review") or {}).get("published") or {}).get("date") for c in found), None)
    if not published or dates.precision(published) != "day":
        return named
    since = (datetime.date.fromisoformat(published) - datetime.timedelta(days=REPORTING_WINDOW)).isoformat()
    history = {event for event in named if all(
        c.get("date") is not None and not dates.overlaps(c["date"], c.get("end_date"), since)
        for c in found if c.get("event") == event)}
    return set(named) - history


def _opens_period(candidate):
    """Whether a sentence's date is the start of a period whose end it does not state ("since 2018")."""
    return not candidate.get("end_date") and (candidate.get("date_note") or "").startswith("a period from")


def _held_in_reporting_window(store, found):
    """Ids of the record's meetings held, to the day, in the week up to a text's publication."""
    published = next((((c.get("review") or {}).get("published") or {}).get("date") for c in found), None)
    if not published or dates.precision(published) != "day":
        return []
    since = (datetime.date.fromisoformat(published) - datetime.timedelta(days=REPORTING_WINDOW)).isoformat()
    return [event["id"] for event in store.events(since, published)
            if dates.precision(event["date"]) == "day" and since <= event["date"] <= published]


def _match_reposts(store, candidates):
    """A re-post's sentences are the words of the post it repeats (`duplicate_of`): each
    joins the claim those words are evidence of, as the same origin's further appearance,
    and adds nothing else. Its words that the record holds as no claim there (a reviewer
    left them out), and the carrier's own lines around the body, are skipped."""
    by_article = {}
    for candidate in candidates:
        by_article.setdefault(candidate["evidence"][0]["article"], []).append(candidate)
    for article_id, found in by_article.items():
        record = store.get(article_id) if article_id else None
        held_id = record[1].get("duplicate_of") if record and record[0] == "article" else None
        held = store.get(held_id) if held_id else None
        if not held or held[0] != "article":
            continue
        held = held[1]
        words = reposts.Held(store.seed_text(held["file"])[held["start"]:held["end"]])
        quoted = [(item, claim) for claim in store.claims(article=held_id) for item in claim["evidence"]
                  if item["article"] == held_id]
        for candidate in found:
            place = words.locate(candidate["evidence"][0]["quote"])
            if place is None:
                _set(candidate, "skip", None, 1.0, f"a re-post of {held_id}: these words are not in it "
                                                   "(the carrier's own lines)")
                continue
            start, end = held["start"] + place[0], held["start"] + place[1]
            best = max(((min(end, item["end"]) - max(start, item["start"]), item, claim) for item, claim in quoted),
                       key=lambda found: found[0], default=None)
            if best is None or best[0] <= 0 or best[0] < 0.5 * min(end - start, best[1]["end"] - best[1]["start"]):
                _set(candidate, "skip", None, 1.0, f"a re-post of {held_id}: the record holds these words there "
                                                   f"as no claim (extract {held_id} to propose them)")
                continue
            _, item, claim = best
            evidence = candidate["evidence"][0]
            evidence.update(speaker=item["speaker"], side=item["side"], origin=item["origin"])
            candidate["event"] = claim.get("event")
            # it is that claim: its date, as the record has it (import keeps only the evidence)
            candidate.update({key: claim.get(key)
                              for key in ("date", "end_date", "date_text", "date_basis", "date_note")})
            candidate["review"]["event"] = f"{claim.get('event')}: the event of {claim['id']}, which these words are"
            _set(candidate, "attach", claim["id"], 1.0,
                 f"a re-post of {held_id}: these words are its words at {item['start']}..{item['end']}, evidence "
                 f"of {claim['id']}; the same origin ({item['origin']}): a further appearance, sources stay "
                 f"{len(model.sources_of(claim))}")


REPORTING_WINDOW = 7  # days: a report is about a meeting held in the week before it was published


def _reported(store, candidates):
    """{article id: [event ids]}: the meetings an article reports, that its sentences with no
    date of their own ("The meeting was held in an environment of mutual respect ...", below a
    dateline) may be about: those its dated sentences matched, and those stored as held in
    the week up to its publication (in its month, when only the month is known). Such a
    sentence joins a claim of one of them only when it says what the claim says."""
    found = {}
    for candidate in candidates:
        article = _text_of(candidate)
        events = found.setdefault(article, set())
        if candidate.get("event") and candidate.get("action") is None:
            events.add(candidate["event"])
    for article in found:
        published = next((((c.get("review") or {}).get("published") or {}).get("date") for c in candidates
                          if _text_of(c) == article), None)
        if not published or dates.precision(published) == "year" or not any(
                _text_of(c) == article and c.get("date") is None and c.get("action") is None
                for c in candidates):
            continue
        since = published
        if dates.precision(published) == "day":
            since = (datetime.date.fromisoformat(published) - datetime.timedelta(days=REPORTING_WINDOW)).isoformat()
        found[article].update(event["id"] for event in store.events(since, published))
    return {article: sorted(events) for article, events in found.items() if events}


class Pool:
    """The stored claims a batch can match: by event, and those of no event by date; each
    claim's stems taken once, however many sentences compare with it."""

    def __init__(self, claims):
        self.by_event, self.loose, self._stems = {}, ByDate([]), {}
        for claim in claims:
            self.by_event.setdefault(claim.get("event"), []).append(claim)

    def add_loose(self, claims):
        self.loose = ByDate(claims)

    reported, same_day, registered = {}, {}, {}

    def for_candidate(self, candidate):
        if candidate.get("date") is None and not candidate.get("event"):
            return [claim for event in self.reported.get(_text_of(candidate), ())
                    for claim in self.by_event.get(event, [])]
        loose = self.loose.meeting(candidate.get("date"), candidate.get("end_date"))
        if candidate.get("event"):  # its event's claims, and those of no event on its very days
            precision = dates.precision(candidate["date"])
            return self.by_event.get(candidate["event"], []) + [
                claim for claim in loose if dates.precision(claim["date"]) == precision and dates.overlaps(
                    claim["date"], claim.get("end_date"), candidate["date"], candidate.get("end_date"))]
        # no event chosen: those of no event on its dates, and those of the meetings of its day
        return loose + [claim for event in self.same_day.get(id(candidate), ())
                        for claim in self.by_event.get(event, [])]

    def stems(self, claim):
        if claim["id"] not in self._stems:
            self._stems[claim["id"]] = claim_stems(claim)
        return self._stems[claim["id"]]


def _choose_event(candidate, events, by_article_day, same_day):
    candidate["event"] = None
    date = candidate.get("date")
    if date is None:
        return
    end = candidate.get("end_date") or date
    within = [e for e in events.meeting(date, candidate.get("end_date"))
              if dates.overlaps(e["date"], e.get("end_date"), date, end)
              and (dates.precision(e["date"]) == dates.precision(date) or _on_day(candidate))]
    if _on_day(candidate):  # the meetings of its day: it may say what one of their claims says
        same_day[id(candidate)] = [e["id"] for e in within]
    # what agrees most, and of as much agreeing, the event dated as finely as the sentence: a meeting
    # of its very day before a policy of its year
    scored = sorted(((_event_score(candidate, e), i, e) for i, e in enumerate(within)),
                    key=lambda s: (-s[0][0], _coarser(s[2], date), s[1]))
    key = (candidate["evidence"][0]["article"], date)
    earlier = by_article_day.get(key) if _on_day(candidate) else None
    if earlier and scored and _coarser(scored[0][2], date) and scored[0][2]["id"] != earlier[0]:
        scored = []  # a month's or year's event does not take a sentence from the meeting of its day told before
    if scored and scored[0][0][0] >= 2 and (len(scored) == 1 or (scored[1][0][0], -_coarser(scored[1][2], date))
                                            < (scored[0][0][0], -_coarser(scored[0][2], date))):
        (score, agrees), _, event = scored[0]
        candidate["event"] = event["id"]
        candidate["review"]["event"] = f"{event['id']}: its {', '.join(agrees)} agree"
        if _on_day(candidate):
            by_article_day.setdefault(key, (event["id"], f"the event this article's sentence on {date} matched"))
    elif key in by_article_day and _on_day(candidate):
        event_id, why = by_article_day[key]
        candidate["event"] = event_id
        candidate["review"]["event"] = f"{event_id}: same day as {why}"
    elif scored:
        names = ", ".join(e["id"] for _, _, e in scored)
        candidate["review"]["event"] = f"stored events on {date} ({names}) agree on the date alone: none chosen"


def _coarser(event, date):
    """Whether an event is dated less finely than a sentence (a year or month for a day)."""
    return len(event["date"]) < len(date)


def _stored_spans(store, candidates):
    """{(article, start, end): (claim id, its event)} of the evidence already stored from these articles."""
    spans = {}
    for claim in store.claims_quoting({c["evidence"][0]["article"] for c in candidates if c["evidence"][0]["article"]}):
        for item in claim["evidence"]:
            spans.setdefault((item["article"], item["start"], item["end"]), (claim["id"], claim.get("event")))
    return spans


def _numbering_and_people(store):
    """{ordinal: [(event, claim id, kind, name)]} of the numbers sources give events, and
    {folded first name: [(name, claim id)]} of the people the record names."""
    numbered, people = {}, {}
    for claim_id, event, facts in store.claim_facts():
        if facts.get("ordinal") is not None and event:
            numbered.setdefault(facts["ordinal"], []).append((event, claim_id, facts.get("kind"), facts.get("name")))
        for name in people_of(facts):
            people.setdefault(fold(name).split()[0], []).append((name, claim_id))
    return numbered, people


NAME_PARTICLES = {"the", "of", "de", "del", "la", "and", "u", "s", "us"}


def _name_words(name):
    return frozenset(re.findall(r"[a-z]+", fold(name))) - NAME_PARTICLES


def _one_name(one, other):
    """Whether two written names are one person's or body's: the words of one are all in the
    other ("Carlos Fernandez de Cossio Dominguez", "Carlos Fernández de Cossío"; "Interior
    Ministry", "Ministry of the Interior")."""
    a, b = _name_words(one), _name_words(other)
    return min(len(a), len(b)) >= 2 and (a <= b or b <= a)


def _same_people(facts, stored):
    """["leads"], ["participants"], both or neither: where the two name, on one side, at least
    half the same people or bodies (of the shorter list)."""
    agree = []
    for key in ("leads", "participants"):
        for side, names in (facts.get(key) or {}).items():
            theirs = (stored.get(key) or {}).get(side, [])
            shared = sum(any(_one_name(name, known) for known in theirs) for name in names)
            if theirs and names and shared >= 0.5 * min(len(theirs), len(names)):
                agree.append(key)
                break
    return agree


def _choose_claim(candidate, pool, numbered, people):
    item = candidate["evidence"][0]
    facts = candidate.get("facts") or {}
    for new_name, stored_name, claim_id in _spelling_conflicts(facts, people):
        _set(candidate, "conflict", claim_id, 1.0,
             f"names {new_name!r}, which {claim_id} spells {stored_name!r}", fact="name spelling",
             values=(new_name, stored_name))
        return
    ordinal = facts.get("ordinal")
    if ordinal is not None and candidate.get("event"):
        # a number is compared within its series: the second migration talks are not the second dialogue,
        # nor the second Counter-Narcotics Dialogue the second Law Enforcement Dialogue
        other = [(e, c) for e, c, kind, name in numbered.get(ordinal, ()) if e != candidate["event"]
                 and kind == facts.get("kind") and not (name and facts.get("name")
                                                         and name_key(name) != name_key(facts["name"]))]
        if other:
            event, claim_id = other[0]
            _set(candidate, "conflict", claim_id, 1.0,
                 f"numbers {candidate['event']} the {ordinal}th, a number {claim_id} gives {event}",
                 fact="ordinal", values=(f"{ordinal}: {candidate['event']}", f"{ordinal}: {event}"))
            return
    best = unsaid = None
    new_stems = _stems(candidate["text"])
    for claim in pool.for_candidate(candidate):
        # not known to be that claim's meeting: it may join the claim, but another value is no conflict
        tentative = not candidate.get("event") and (candidate.get("date") is None or claim.get("event"))
        if not candidate.get("event") and candidate.get("date") is not None and not dates.overlaps(
                claim.get("date"), claim.get("end_date"), candidate["date"], candidate.get("end_date")) \
                and not claim.get("event"):
            continue
        stored_facts = claim.get("facts") or {}
        differ = differing_facts(facts, stored_facts)
        if differ and tentative:
            continue
        if any(key in ("date", "end_date") for key, _, _ in differ) and not (
                candidate.get("event") and claim.get("event") == candidate["event"]):
            continue  # dated otherwise and not known to be one event: another thing, not a conflict
        agree = [k for k in COMPARED_FACTS if k in facts and k in stored_facts and (k, facts[k], stored_facts[k])
                 not in differ] + _same_people(facts, stored_facts)
        text_score = similarity(candidate["text"], claim, new_stems, pool.stems(claim))
        if differ:
            key, new, old = differ[0]
            option = ("conflict", claim, round(0.5 + text_score / 2, 2),
                      f"says {key} {new!r} where {claim['id']} says {old!r}", key, (new, old))
        elif [key for key in IDENTITY_FACTS if stored_facts.get(key) is not None and facts.get(key) is None]:
            # joining C would count its origin as calling or numbering the event as C does, which it does not say
            if unsaid is None and (len(agree) >= 2 or text_score >= ATTACH_THRESHOLD):
                unsaid = (claim, [key for key in IDENTITY_FACTS if stored_facts.get(key) is not None
                                  and facts.get(key) is None])
            continue
        elif len(agree) >= 2 or text_score >= ATTACH_THRESHOLD and (
                agree or not stored_facts or not facts and (not tentative or text_score >= 0.8)):
            score = round(max(text_score, min(1.0, 0.4 + 0.2 * len(agree))), 2)
            said = f"agrees on {', '.join(agree)}" if agree else f"says what it says ({text_score:.0%} of its words)"
            option = ("attach", claim, score, said, None, None)
        else:
            continue
        # a claim that agrees wins over one that differs: that disagreement is in the record already
        if best is None or (option[0] == "attach", option[2]) > (best[0] == "attach", best[2]):
            best = option
    if best is None and unsaid:
        claim, keys = unsaid
        said = "; ".join(f"{key} {claim['facts'][key]!r}" for key in keys)
        _set(candidate, "new", None, 0.0, f"says what {claim['id']} says, but not its {said}: a claim of its own, "
                                          f"so {item['origin']} is not counted as giving that")
        return
    if best is None:
        _set(candidate, "new", None, 0.0, "no stored claim of this event or day says it")
        return
    action, claim, score, reason, fact, values = best
    if not candidate.get("event") and claim.get("event"):
        candidate["event"] = claim["event"]
        candidate["review"]["event"] = (
            f"{claim['event']}: a meeting of its day, of which {claim['id']} says what this sentence says"
            if candidate.get("date") else
            f"{claim['event']}: a meeting this article reports (held in the {REPORTING_WINDOW} days up to its "
            f"publication), of which {claim['id']} says what this sentence says")
    if action == "attach":
        origins = model.sources_of(claim)
        named = pool.registered.get(id(candidate), item["origin"])  # named as import will name it
        chain = item.get("derived_from") or named
        if chain in origins and chain != named:
            reason += (f"; relays {chain}, already a source ({item['origin']} derived from it): corroborates "
                       f"nothing, sources stay {len(origins)}")
        elif chain in origins:
            reason += (f"; same origin ({item['origin']}): joins as its primary appearance, "
                       f"sources stay {len(origins)}")
        elif chain != named:
            reason += f"; relays {chain} ({item['origin']} derived from it), a new chain: sources {len(origins)} → {len(origins) + 1}"
        else:
            reason += f"; a new origin ({item['origin']}): sources {len(origins)} → {len(origins) + 1}"
    _set(candidate, action, claim["id"], score, reason, fact=fact, values=values)


def _set(candidate, action, claim_id, score, reason, fact=None, values=None):
    candidate["action"] = action
    match = {"claim": claim_id, "score": score, "reason": reason}
    if fact:
        match.update(fact=fact, new=values[0], stored=values[1])
    candidate["match"] = match
    if action == "conflict":
        candidate["conflicts_with"] = [claim_id]
