"""Builds a large, realistic usclet store, deterministically, through usclet's own write path.

    python benchmarks/generate.py                      # 1,000 articles, 100,000 claims, 5,000 events
    python benchmarks/generate.py --articles 20 --claims 400 --events 40 --out /some/dir

Articles are news-like text files (byline, paragraphs, footnotes such as
`[1] ... (Dec. 13, 2017)`, sometimes a second post or readers' comments, a few copies
of earlier posts) added with `ingest.add_article`; events go in through
the store's transaction; claims through `ingest.add_claims`, in batches. Every event
has a list of facts; each fact is a claim, told by one to three articles, usually
with different origins, sometimes by two articles repeating the same origin. The
result passes `usclet check`.
"""

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from usclet.record import ingest  # noqa: E402
from usclet.store import create  # noqa: E402
from usclet.store.base import SCHEMA_VERSION  # noqa: E402

DEFAULT_OUT = ROOT / "benchmarks" / "out"
SEED = 20171212
CLAIM_BATCH = 10_000

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
SHORT_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
ORIGINS = {
    "us": ["U.S. Department of State", "U.S. Department of Homeland Security", "U.S. Department of Justice",
           "U.S. Coast Guard", "U.S. Embassy in Havana", "Federal Bureau of Investigation",
           "U.S. Customs and Border Protection", "Drug Enforcement Administration"],
    "cuba": ["Cuban Ministry of Foreign Affairs", "Cuban Ministry of the Interior", "Cuban Embassy in Washington",
             "Cuban Border Guard", "Attorney General of Cuba", "Cuban Customs"],
}
OUTLET_PARTS = (["Gulf", "Harbor", "Capital", "Island", "Coastal", "Southern", "Continental", "Caribbean",
                 "Atlantic", "Metro", "Bay", "Keys"],
                ["Ledger", "Observer", "Herald", "Dispatch", "Review", "Monitor", "Post", "Report", "Wire",
                 "Journal"])
FIRST = ["Ana", "John", "Maria", "David", "Elena", "Robert", "Laura", "Carlos", "Susan", "Miguel", "Karen", "Jorge"]
LAST = ["Smith", "Garcia", "Johnson", "Rodriguez", "Miller", "Fernandez", "Davis", "Perez", "Wilson", "Diaz"]
PLACES = ["Havana", "Washington, D.C.", "Miami", "Key West", "Santiago de Cuba", "Mexico City", "Panama City"]
KINDS = [("dialogue", "Law Enforcement Dialogue"), ("talks", "Migration Talks"),
         ("meeting", "Meeting on Migrant Smuggling"), ("meeting", "Technical Meeting on Counternarcotics"),
         ("agreement", "Memorandum of Understanding on Law Enforcement"), ("statement", "Joint Statement"),
         ("policy", "Change in Deportation Policy"), ("talks", "Talks on Fugitives")]
SUBJECTS = {
    "migration": "irregular migration by sea", "deportation": "deportation flights",
    "trafficking": "trafficking in persons", "smuggling": "migrant smuggling",
    "immigration-fraud": "immigration fraud", "terrorism": "counterterrorism",
    "narcotics": "drug interdiction", "fugitives": "fugitives wanted in the United States",
    "extradition": "extradition requests", "cybercrime": "cybercrime", "border-security": "border security",
    "aviation-security": "aviation security", "information-sharing": "sharing of case information",
    "human-rights": "human rights", "sanctions": "sanctions",
}
FACTS = [
    "the two delegations reviewed {n} cases of {subject}",
    "officials agreed to exchange information on {subject} within {n} days",
    "the meeting addressed {subject} and {other}",
    "{n} officials took part in the session on {subject}",
    "both sides promised further technical exchanges on {subject}",
    "the talks covered {n} pending requests concerning {subject}",
    "the parties described cooperation on {subject} as useful",
    "a working group on {subject} will meet again in {n} weeks",
]


def date_phrase(rng, iso):
    year, month, day = iso.split("-")
    month_name = MONTHS[int(month) - 1] if rng.random() < 0.8 else SHORT_MONTHS[int(month) - 1]
    return f"{month_name} {int(day)}, {year}"


def make_events(rng, count):
    events = []
    for number in range(1, count + 1):
        kind, name = rng.choice(KINDS)
        iso = f"{rng.randint(1995, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events.append({
            "id": f"{kind}-{iso}-{number}", "kind": kind, "name": f"{name} No. {number}", "aliases": [],
            "ordinal": None,  # a number is settled by claims that give it, none of which are generated
            "date": iso, "end_date": None, "date_text": None, "date_basis": "stated", "place": rng.choice(PLACES),
            "participants": {"us": [f"{rng.choice(FIRST)} {rng.choice(LAST)}"]} if rng.random() < 0.3 else {},
            "_phrase": date_phrase(rng, iso),
        })
    return events


def attribute(rng, side, origin, body, phrase):
    """A sentence telling `body`, attributed to `origin` the way news text does."""
    if side == "independent":
        return rng.choice((f"{body[0].upper()}{body[1:]}", f"Officials told this outlet that {body}",
                           f"{body[0].upper()}{body[1:]}, reporters learned on {phrase}"))
    form = rng.randrange(3)
    if form == 0:
        return f"According to the {origin}, {body}"
    if form == 1:
        return f"The {origin} said on {phrase} that {body}"
    return f"In a statement, the {origin} said {body}"


def plan(rng, articles, claims, events):
    """Which sentences each article holds, and which sentences each claim quotes."""
    outlets = sorted({f"{a} {b}" for a in OUTLET_PARTS[0] for b in OUTLET_PARTS[1]})
    papers = [{"publisher": rng.choice(outlets), "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "blocks": {}}
              for _ in range(articles)]
    coverage = {}
    for event in events:
        coverage[event["id"]] = rng.sample(range(articles), min(articles, rng.randint(3, 5)))
    facts = []
    for index in range(claims):
        event = events[index % len(events)]
        bound = rng.random() < 0.95  # a few claims name no event, only a date
        topic = rng.choice(list(SUBJECTS))
        body = rng.choice(FACTS).format(n=rng.randint(2, 400), subject=SUBJECTS[topic],
                                        other=SUBJECTS[rng.choice(list(SUBJECTS))])
        body += f" at the {event['name']}"
        count = rng.choices((1, 2, 3), weights=(45, 35, 20))[0]
        holders = rng.sample(coverage[event["id"]], min(count, len(coverage[event["id"]])))
        same_origin = count > 1 and rng.random() < 0.2
        side = rng.choices(("us", "cuba", "independent"), weights=(40, 30, 30))[0]
        first_origin = None
        evidence = []
        for paper in holders:
            if not same_origin or first_origin is None:
                side = rng.choices(("us", "cuba", "independent"), weights=(40, 30, 30))[0] if evidence else side
                origin = papers[paper]["publisher"] if side == "independent" else rng.choice(ORIGINS[side])
                first_origin = (side, origin)
            side, origin = first_origin
            if side == "independent":
                origin = papers[paper]["publisher"]  # an outlet's own reporting is its own origin
            sentence = attribute(rng, side, origin, body, event["_phrase"])
            papers[paper]["blocks"].setdefault(event["id"], []).append(sentence)
            evidence.append({"paper": paper, "sentence": sentence, "side": side, "origin": origin,
                             "speaker": "the author" if side == "independent" else f"the {origin}"})
        facts.append({"event": event if bound else None, "topic": topic, "body": body, "evidence": evidence,
                      "when": event})
    return papers, facts


def write_article(rng, number, paper, events_by_id):
    """The text of one article file, and its title."""
    title = f"U.S. and Cuba Law Enforcement Cooperation, Report {number + 1}"
    lines = [title, "", f"By {paper['author']}", ""]
    if rng.random() < 0.3:
        lines += [f"Published on {date_phrase(rng, rng.choice(list(events_by_id.values()))['date'])}", ""]
    footnotes = []
    for event_id, sentences in paper["blocks"].items():
        event = events_by_id[event_id]
        intro = f"The {event['name']} took place in {event['place']} on {event['_phrase']}."
        if rng.random() < 0.6:
            footnotes.append(f"[{len(footnotes) + 1}] {rng.choice(ORIGINS['us'] + ORIGINS['cuba'])}, "
                             f"Statement on the {event['name']} ({date_phrase(rng, event['date']).replace('December', 'Dec.')}).")
            intro += f"[{len(footnotes)}]"
        paragraph = [intro]
        for sentence in sentences:
            paragraph.append(sentence + ".")
            if len(paragraph) == 4:
                lines += [" ".join(paragraph), ""]
                paragraph = []
        if paragraph:
            lines += [" ".join(paragraph), ""]
    if footnotes:
        lines.append("")
        for footnote in footnotes:
            lines += [footnote, ""]
    if footnotes and rng.random() < 0.05:
        lines += ["", f"Further Notes on Cooperation, Report {number + 1}", "",
                  "This short post adds nothing new about the meetings described above.", ""]
    if rng.random() < 0.1:
        lines += ["Published by", "", "", f"2 thoughts on “{title}”", ""]
        for reply in (1, 2):
            lines += [f"  {reply}. Comment: reader reply {reply}", "",
                      "    A reader points out that the meetings continued in later years.", ""]
        lines += ["Leave a Reply", ""]
    return "\n".join(lines) + "\n", title


def locate(text, article, sentence):
    """The quote (the sentence) with the occurrence that makes it unambiguous in its article."""
    position = text.index(sentence, article["start"], article["end"])
    before = text.count(sentence, article["start"], position)
    total = text.count(sentence, article["start"], article["end"])
    return None if total == 1 else before + 1


def generate(out, articles=1000, claims=100_000, events=5000, seed=SEED, progress=None):
    """Writes the store at out/usclet.json with its seeds; returns the store's path."""
    say = progress or (lambda message: None)
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "seeds").mkdir(exist_ok=True)
    sources = out / "articles"
    sources.mkdir(exist_ok=True)
    path = out / "usclet.json"
    store = create(path, {"schema_version": SCHEMA_VERSION, "seeds": "seeds"})
    event_records = make_events(rng, max(1, events))
    events_by_id = {e["id"]: e for e in event_records}
    papers, facts = plan(rng, max(1, articles), claims, event_records)

    say(f"adding {len(papers)} articles")
    texts, posts = {}, {}
    for number, paper in enumerate(papers):
        text, title = write_article(rng, number, paper, events_by_id)
        source = sources / f"{number:04d}.txt"
        source.write_text(text, encoding="utf-8")
        added = ingest.add_article(store, source, title, paper["author"], paper["publisher"],
                                   event_records[number % len(event_records)]["date"])
        texts[number] = text
        posts[number] = [a for a in added if a["kind"] == "post"][0]
        if rng.random() < 0.01 and number:
            # a copy of an earlier post with other comments: `duplicate_of`, and no claims quote it
            copy = text.split("Published by")[0] + f"Published by\n\n\n1 thought on “{title}”\n\n  1. Copy\n\n    Seen elsewhere.\n"
            copy_path = sources / f"{number:04d}-copy.txt"
            copy_path.write_text(copy, encoding="utf-8")
            ingest.add_article(store, copy_path, title + " (copy)", paper["author"], paper["publisher"], repost=True)

    say(f"adding {len(event_records)} events")
    with store.transaction() as tx:
        tx.insert("events", [{k: v for k, v in event.items() if not k.startswith("_")} for event in event_records])

    say(f"adding {len(facts)} claims")
    entries, added = [], []
    for index, fact in enumerate(facts, 1):
        evidence = []
        for item in fact["evidence"]:
            article = posts[item["paper"]]
            quote = item["sentence"]
            evidence.append({"article": article["id"], "quote": quote,
                             "occurrence": locate(texts[item["paper"]], article, quote),
                             "speaker": item["speaker"], "side": item["side"], "origin": item["origin"]})
        when = fact["when"]
        said_on = when["_phrase"] in evidence[0]["quote"]
        claim = {
            "id": f"{when['id']}-c{index}", "event": fact["event"]["id"] if fact["event"] else None,
            "date": when["date"], "date_text": when["_phrase"] if said_on else None,
            "date_basis": "stated" if said_on else "inferred: the date of the event the paragraph describes",
            "text": f"{fact['body'][0].upper()}{fact['body'][1:]}.", "topics": [fact["topic"]],
            "facts": {"place": when["place"]} if rng.random() < 0.05 else {}, "evidence": evidence,
        }
        if index % 97 == 0 and added:
            claim["conflicts_with"] = [rng.choice(added)]  # an explicit conflict with a stored claim
        entries.append((f"claim {index}", claim))
        if len(entries) == CLAIM_BATCH or index == len(facts):
            ingest.add_claims(store, entries)
            added.extend(claim["id"] for _, claim in entries)
            entries = []
            say(f"  {index} claims")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="folder for usclet.json and seeds/ (default: benchmarks/out/a<N>-c<N>-e<N>)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if min(args.articles, args.claims, args.events) < 1:
        parser.error("--articles, --claims and --events must be at least 1")
    out = args.out or DEFAULT_OUT / f"a{args.articles}-c{args.claims}-e{args.events}"
    if (out / "usclet.json").exists():
        parser.error(f"{out / 'usclet.json'} already exists; remove it or give another --out")
    path = generate(out, args.articles, args.claims, args.events, args.seed, progress=lambda m: print(m, file=sys.stderr))
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
