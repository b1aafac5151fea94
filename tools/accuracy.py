"""Measures how well `extract` dates the curated claims: `python tools/accuracy.py`.

Each seed file is extracted as if it were new (no store, publication dates found in
the text). Every curated quote from that file is matched to the candidate holding the words
its curated date came from (else the one holding its start), and the candidate's date and end date are compared with the
curated ones. Quotes the curators left undated are counted apart: there the question
is only whether extract proposed no date of its own.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from usclet.store import open_store  # noqa: E402
from usclet.text import extract  # noqa: E402


def _candidate_for(candidates, start, end, date_text=None):
    """The candidate a curated quote corresponds to: the one holding the words its date
    came from, else the one holding its start, else the one overlapping it most."""
    if date_text:
        for candidate in candidates:
            evidence = candidate["evidence"][0]
            if evidence["start"] < end and start < evidence["end"] and date_text in evidence["quote"]:
                return candidate
    for candidate in candidates:
        evidence = candidate["evidence"][0]
        if evidence["start"] <= start < evidence["end"]:
            return candidate
    overlapping = [c for c in candidates if c["evidence"][0]["start"] < end and start < c["evidence"][0]["end"]]
    return max(overlapping, key=lambda c: min(end, c["evidence"][0]["end"]) - max(start, c["evidence"][0]["start"]),
               default=None)


def _in_citations(store, item):
    found = store.get(item["article"])
    citations = found[1].get("citations") or [] if found else []
    return any(c["start"] <= item["start"] and item["end"] <= c["end"] for c in citations)


def measure(store):
    """Per seed file: {"file", "dated", "agreed", "undated", "undated_agreed", "misses"}."""
    by_file = {}
    for claim in store.claims():
        for item in claim["evidence"]:
            by_file.setdefault(item["file"], []).append((claim, item))
    results = []
    # the seeds only: the texts added since were extracted and reviewed through the loop, so agreeing
    # with their reviewed claims would measure the reviewer's edits, not the extraction
    seeds = {path.name for path in store.seeds_dir.glob("*.txt")}
    for name in sorted({a["file"] for a in store.articles()} & seeds):
        candidates = [c for _, _, found in extract.extract(name, store.seed_bytes(name)) for c in found]
        row = {"file": name, "dated": 0, "agreed": 0, "undated": 0, "undated_agreed": 0, "misses": []}
        for claim, item in by_file.get(name, []):
            if _in_citations(store, item):
                continue  # a cited headline: its date is the citation's, not what the claim is about
            candidate = _candidate_for(candidates, item["start"], item["end"], claim.get("date_text"))
            proposed = (candidate["date"], candidate["end_date"]) if candidate else (None, None)
            curated = (claim["date"], claim.get("end_date"))
            if curated[0] is None:
                row["undated"] += 1
                row["undated_agreed"] += proposed[0] is None
                continue
            row["dated"] += 1
            if proposed == curated:
                row["agreed"] += 1
            else:
                row["misses"].append((claim["id"], item["start"], curated, proposed))
        results.append(row)
    return results


def _percent(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(results, verbose=False, out=None):
    out = out or sys.stdout
    out.write(f"{'seed file':<28} {'dated quotes':>12} {'same date':>10} {'agreement':>10}\n")
    for row in results:
        out.write(f"{row['file']:<28} {row['dated']:>12} {row['agreed']:>10} {_percent(row['agreed'], row['dated']):>10}\n")
        if verbose:
            for claim_id, start, curated, proposed in row["misses"]:
                out.write(f"    miss: {claim_id} at {start}: curated {curated}, extract {proposed}\n")
    dated = sum(r["dated"] for r in results)
    agreed = sum(r["agreed"] for r in results)
    out.write(f"{'all seeds':<28} {dated:>12} {agreed:>10} {_percent(agreed, dated):>10}\n")
    undated = sum(r["undated"] for r in results)
    kept = sum(r["undated_agreed"] for r in results)
    out.write(f"quotes curated without a date: {undated}; extract proposed no date for {kept} "
              f"(it dates the rest from their context)\n")
    return agreed / dated if dated else 0.0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python tools/accuracy.py", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the store whose curated claims to measure against (default: shipped)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    report(measure(open_store(args.db)), args.verbose)


if __name__ == "__main__":
    main()
