#!/usr/bin/env python3
"""Which frequent capitalised words the name matcher takes for a taxonomy value (issue 22,
point 2): the N most frequent capitalised words of the first K UN General Debate speeches
(../shared/corpora/ungdc-speeches.jsonl.gz), one per line as `Word said.`, through
`concord extract --json`; prints every word taken for a value, marking those whose matched
text is not the whole word, for a person to judge.

    python3 benches/names_precision.py [--words 1000] [--speeches 3000] [--concord PATH]
"""

import argparse
import collections
import gzip
import json
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--speeches", type=int, default=3000)
    parser.add_argument("--concord", default="target/release/concord")
    parser.add_argument(
        "--corpus-file", default=str(ROOT.parent / "shared/corpora/ungdc-speeches.jsonl.gz")
    )
    args = parser.parse_args()
    counts: collections.Counter = collections.Counter()
    with gzip.open(args.corpus_file, "rt") as lines:
        for number, line in enumerate(lines):
            if number >= args.speeches:
                break
            speech = json.loads(line)
            text = speech.get("text") or speech.get("body") or ""
            counts.update(re.findall(r"\b[A-Z][a-z]{2,}\b", text))
    words = [word for word, _ in counts.most_common(args.words)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as page:
        page.write("Capitalised words\n\n" + "\n".join(f"{w} said." for w in words) + "\n")
        path = page.name
    output = subprocess.run(
        [args.concord, "extract", path, "--corpus", str(ROOT / "corpus"), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    text = Path(path).read_text()
    mentions = json.loads(output)[0]["extraction"]["mentions"]
    taken = []
    for mention in mentions:
        start = mention["start"]
        line_start = text.rfind("\n", 0, start) + 1
        word = text[line_start : text.find("\n", start)].split(" ")[0]
        taken.append((word, mention["group"], mention["id"], text[start : mention["end"]]))
    print(f"{len({row[0] for row in taken})} of {len(words)} words taken for a value")
    for word, group, value, matched in sorted(set(taken)):
        note = "" if matched == word else f"   (matched {matched!r})"
        print(f"{word:<16} {group:<7} {value}{note}")


if __name__ == "__main__":
    main()
