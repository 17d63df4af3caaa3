#!/usr/bin/env python3
"""Librarian benchmark: full rebuild throughput, and the time from changing one file in a large
corpus to a running `concord serve` answering with the new content.

    cargo build --release
    python3 benches/reindex_latency.py --docs 100000

The corpus is generated deterministically from the shipped `corpus/`: document i is a copy of
shipped document i mod 210 (Markdown, raw text and HTML pages alike; the JSON-lines batch is
left out, its ids are fixed) with a line naming its copy number, spread over folders of 1,000
files. The taxonomy is the shipped one. Nothing is downloaded.

Measured:
  1. `concord index --full` of the whole corpus: seconds, documents/s, MB/s of source text.
  2. `concord index` with nothing changed (the cost of listing and comparing).
  3. Five times: append a unique word to one file, run `concord index` (incremental), and poll
     `/api/search?q=<word>` on the running server until it finds the document; the time from
     the write to the first answer that finds it, and the indexer's own time.
Results are printed as a Markdown table for benches/README.md.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shipped_documents():
    corpus = ROOT / "corpus"
    files = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix in (".md", ".txt", ".html") and path.name != "README.md":
            files.append((path.suffix, path.read_text(encoding="utf-8")))
    return files


def generate(target: Path, docs: int) -> int:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "taxonomy.yaml", target / "taxonomy.yaml")
    sources = shipped_documents()
    total = 0
    for i in range(docs):
        suffix, text = sources[i % len(sources)]
        folder = target / f"part-{i // 1000:04d}"
        if i % 1000 == 0:
            folder.mkdir()
        text = f"{text}\n\nCopy {i} of this document for the reindex benchmark.\n"
        data = text.encode("utf-8")
        (folder / f"doc-{i:07d}{suffix}").write_bytes(data)
        total += len(data)
    return total


def run(concord: Path, *args: str) -> tuple[float, dict]:
    started = time.perf_counter()
    output = subprocess.run(
        [str(concord), *args, "--json", "--no-dict-setup"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "RUST_LOG": "warn"},
    )
    return time.perf_counter() - started, json.loads(output.stdout)


def search_total(address: str, word: str) -> int:
    with urllib.request.urlopen(f"http://{address}/api/search?q={word}&limit=1") as response:
        return json.load(response)["total"]


def start_server(concord: Path, corpus: Path, index: Path) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen(
        [str(concord), "serve", "--no-dict-setup", "--addr", "127.0.0.1:0",
         "--corpus", str(corpus), "--index", str(index)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "RUST_LOG": "info"},
    )
    for line in server.stderr:
        if "serving at http://" in line:
            address = line.split("serving at http://", 1)[1].split("/", 1)[0]
            # Keep draining the log so the server never blocks on a full pipe.
            import threading
            threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
            return server, address
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--concord", type=Path, default=ROOT / "target/release/concord")
    parser.add_argument("--work", type=Path, default=Path("/tmp/concord-reindex-bench"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    corpus, index = args.work / "corpus", args.work / "index"

    print(f"generating {args.docs} documents in {corpus} ...", file=sys.stderr)
    total_bytes = generate(corpus, args.docs)
    if index.exists():
        shutil.rmtree(index)

    print("full rebuild ...", file=sys.stderr)
    full_seconds, full = run(args.concord, "index", "--full", "--corpus", str(corpus), "--index", str(index))
    noop_seconds, _ = run(args.concord, "index", "--corpus", str(corpus), "--index", str(index))

    server, address = start_server(args.concord, corpus, index)
    latencies, indexer_times = [], []
    try:
        for run_number in range(args.runs):
            word = f"zqxbench{run_number}x{int(time.time())}"
            target = corpus / "part-0000" / "doc-0000003.md"
            if not target.exists():
                target = next(corpus.glob("part-0000/doc-*"))
            started = time.perf_counter()
            with target.open("a", encoding="utf-8") as file:
                file.write(f"\nA new paragraph mentions {word}.\n")
            indexer_seconds, report = run(args.concord, "index", "--corpus", str(corpus), "--index", str(index))
            assert report["mode"] == "incremental" and len(report["updated"]) == 1, report
            while search_total(address, word) == 0:
                if time.perf_counter() - started > 30:
                    raise SystemExit("the server never answered with the new content")
                time.sleep(0.005)
            latencies.append(time.perf_counter() - started)
            indexer_times.append(indexer_seconds)
    finally:
        server.terminate()
        server.wait()

    mb = total_bytes / 1e6
    print()
    print(f"| measure ({args.docs} documents, {mb:.0f} MB of source) | value |")
    print("|---|---:|")
    print(f"| full rebuild (`concord index --full`) | {full_seconds:.1f} s: {full['documents'] / full_seconds:.0f} documents/s, {mb / full_seconds:.1f} MB/s |")
    print(f"| incremental run with nothing changed | {noop_seconds:.2f} s |")
    print(f"| one file changed: `concord index` alone (median of {args.runs}) | {statistics.median(indexer_times):.2f} s |")
    print(f"| one file changed: write → server answers with it (median of {args.runs}) | {statistics.median(latencies):.2f} s |")
    print(f"| same, worst of {args.runs} | {max(latencies):.2f} s |")


if __name__ == "__main__":
    main()
