#!/usr/bin/env python3
"""Turns the JSON results of benches/run.sh into the results section of benches/README.md
(between the `results:start` and `results:end` markers) and the plot benches/scaling.svg.

    python3 benches/report.py target/bench-results benches/README.md

It renders the corpora benches/run.sh declares and no others: it asks `benches/run.sh
--corpora`, which reads the same environment as a run (CONCORD_BENCH_SIZES, CONCORD_UNGDC),
so run it standalone with the environment of the run it reports. Results of other corpora
in the folder (ad-hoc runs of the benches) are named on stderr and left out.

Standard library only. Inputs (any may be missing; what is missing is left out):
  concord-NAME.json, tantivy-NAME.json    benches/latency.rs (in process, one thread)
  sqlite-NAME.json, lucene-NAME.json, tantivy-cli-NAME.json   benches/peers/*/run.sh
  indexing-NAME.json, server-NAME.json    benches/run.sh
  http-NAME.json                          benches/load.rs
"""

import json
import math
import os
import platform
import re
import subprocess
import sys
from datetime import date

ENGINES = [
    ("concord", "Concord"),
    ("tantivy", "tantivy alone"),
    ("lucene", "Lucene 9.9.1"),
    ("sqlite", "SQLite FTS5"),
    ("tantivy-cli", "tantivy-cli"),
]
PEERS = ["lucene", "sqlite", "tantivy-cli"]
# The peers Concord is measured against in the ratio column (issue 7: "faster than SQLite FTS5
# and Lucene"); tantivy-cli's `bench` times the search alone, without parsing the query or
# reading the hits, so it is shown but not compared.
RATIO_PEERS = ["lucene", "sqlite"]
START, END = "<!-- results:start -->", "<!-- results:end -->"


def load(folder, prefix, name):
    path = os.path.join(folder, f"{prefix}-{name}.json")
    if not os.path.exists(path):
        return None
    with open(path) as file:
        return json.load(file)


def declared_corpora():
    """The corpus names benches/run.sh runs in this environment (`run.sh --corpora`)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run.sh")
    listed = subprocess.run(
        ["bash", script, "--corpora"], capture_output=True, text=True, check=True
    ).stdout
    return listed.split()


def corpus_names(folder, declared):
    """The corpora of `declared` that have results in `folder`, generated ones by size first."""
    found = set()
    for entry in os.listdir(folder):
        match = re.fullmatch(r"concord-(.+)\.json", entry)
        if match:
            found.add(match.group(1))
    ignored = sorted(found - set(declared))
    if ignored:
        print(
            f"left out, not corpora of benches/run.sh: {', '.join(ignored)}", file=sys.stderr
        )

    def order(name):
        match = re.fullmatch(r"gen-(\d+)", name)
        return (0, int(match.group(1)), name) if match else (1, 0, name)

    return sorted(found & set(declared), key=order)


def by_class(result):
    if not result:
        return {}
    return {entry["class"]: entry for entry in result.get("classes", [])}


def ms(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as file:
            for line in file:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as file:
            kib = int(file.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True).stdout.strip()
    revision = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} vCPU {model}{memory}, {platform.system()} {platform.release()}; "
        f"{rustc}; Concord at {revision}; run on {date.today().isoformat()}"
    )


def latency_table(folder, name):
    results = {engine: load(folder, engine, name) for engine, _ in ENGINES}
    concord = results["concord"]
    classes = [entry["class"] for entry in concord["classes"]]
    present = [(engine, label) for engine, label in ENGINES if results[engine]]
    lines = [
        f"**{name}** ({concord['docs']:,} documents, query mix v{concord.get('query_mix_version', '?')}): "
        "p50 / p99 in ms, one thread, in process.",
        "",
        "| class | " + " | ".join(label for _, label in present)
        + " | Concord ÷ faster of Lucene and SQLite (p50) | hits |",
        "|---|" + "---:|" * (len(present) + 2),
    ]
    for cls in classes:
        cells, best_peer = [], None
        for engine, _ in present:
            entry = by_class(results[engine]).get(cls)
            if not entry or "skipped" in entry or "p50_ms" not in entry:
                cells.append("–")
                continue
            cells.append(f"{ms(entry['p50_ms'])} / {ms(entry['p99_ms'])}")
            if engine in RATIO_PEERS and (best_peer is None or entry["p50_ms"] < best_peer):
                best_peer = entry["p50_ms"]
        mine = by_class(concord)[cls]
        ratio = f"{mine['p50_ms'] / best_peer:.2f}" if best_peer else "–"
        lines.append(
            f"| {cls} | " + " | ".join(cells) + f" | {ratio} | {mine['total_hits']:,} |"
        )
    return "\n".join(lines)


def scaling(folder, names):
    gens = [name for name in names if name.startswith("gen-")]
    if not gens:
        return "", {}
    series = {}
    for name in gens:
        docs = load(folder, "concord", name)["docs"]
        for entry in load(folder, "concord", name)["classes"]:
            series.setdefault(entry["class"], []).append((docs, entry["p50_ms"]))
    header = [load(folder, "concord", name)["docs"] for name in gens]
    lines = [
        "| class | " + " | ".join(f"{docs:,} docs" for docs in header) + " |",
        "|---|" + "---:|" * len(header),
    ]
    for cls, points in series.items():
        lines.append(f"| {cls} | " + " | ".join(ms(p50) for _, p50 in points) + " |")
    return "\n".join(lines), series


def svg_plot(series, path):
    """Log-log lines of Concord's p50 against corpus size, one per class."""
    width, height, left, right, top, bottom = 760, 420, 70, 190, 20, 50
    points = [point for line in series.values() for point in line]
    if len({docs for docs, _ in points}) < 2:
        return False
    xs = [math.log10(docs) for docs, _ in points]
    ys = [math.log10(max(p50, 1e-3)) for _, p50 in points]
    x0, x1 = min(xs), max(xs)
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    if y1 == y0:
        y1 += 1

    def px(docs):
        return left + (math.log10(docs) - x0) / (x1 - x0) * (width - left - right)

    def py(p50):
        return top + (y1 - math.log10(max(p50, 1e-3))) / (y1 - y0) * (height - top - bottom)

    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
              "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
              "#7b4173"]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for exponent in range(y0, y1 + 1):
        y = py(10 ** exponent)
        label = f"{10 ** exponent:g} ms"
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    for docs in sorted({docs for docs, _ in points}):
        x = px(docs)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{docs:,}</text>')
    out.append(f'<text x="{(left + width - right) / 2:.0f}" y="{height - 10}" text-anchor="middle">'
               "documents (generated corpus, log scale)</text>")
    out.append(f'<text x="14" y="{(top + height - bottom) / 2:.0f}" text-anchor="middle" '
               f'transform="rotate(-90 14 {(top + height - bottom) / 2:.0f})">Concord p50 (log scale)</text>')
    for index, (cls, line) in enumerate(series.items()):
        color = colors[index % len(colors)]
        coords = " ".join(f"{px(docs):.1f},{py(p50):.1f}" for docs, p50 in line)
        out.append(f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2"/>')
        for docs, p50 in line:
            out.append(f'<circle cx="{px(docs):.1f}" cy="{py(p50):.1f}" r="3" fill="{color}"/>')
        y = top + 14 + index * 16
        out.append(f'<rect x="{width - right + 14}" y="{y - 9}" width="12" height="3" fill="{color}"/>')
        out.append(f'<text x="{width - right + 30}" y="{y - 4}">{cls}</text>')
    out.append("</svg>")
    with open(path, "w") as file:
        file.write("\n".join(out) + "\n")
    return True


def indexing_table(folder, names):
    lines = [
        "| corpus | engine | documents | input | time | documents/s | MB/s | peak RSS | on disk |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        mine = load(folder, "indexing", name)
        if mine:
            ix = mine["indexing"]
            mb = ix["input_bytes"] / 1e6
            lines.append(
                f"| {name} | Concord | {mine['docs']:,} | {mb:.0f} MB | {ix['seconds']:.1f} s | "
                f"{mine['docs'] / ix['seconds']:,.0f} | {mb / ix['seconds']:.1f} | "
                f"{ix['peak_rss_kib'] / 1024:.0f} MB | {ix['index_bytes'] / 1e6:.0f} MB |"
            )
        for peer in PEERS:
            result = load(folder, peer, name)
            if not result or "indexing" not in result:
                continue
            ix = result["indexing"]
            size = ix.get("index_bytes") or ix.get("file_bytes")
            size = f"{size / 1e6:.0f} MB" if size else "–"
            rss = f"{ix['peak_rss_kib'] / 1024:.0f} MB" if ix.get("peak_rss_kib") else "–"
            lines.append(
                f"| {name} | {dict(ENGINES)[peer]} | {result['docs']:,} | – | "
                f"{ix['seconds']:.1f} s | {ix.get('docs_per_s', 0):,.0f} | "
                f"{ix.get('mb_per_s', 0):.1f} | {rss} | {size} |"
            )
    return "\n".join(lines)


def http_table(folder, names):
    lines = [
        "| corpus | class | connections | p50 | p95 | p99 | requests/s | errors | in-process p50 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    found = False
    for name in names:
        runs = load(folder, "http", name)
        if not runs:
            continue
        found = True
        inproc = by_class(load(folder, "concord", name))
        for run in runs:
            reference = inproc.get(run["class"], {}).get("p50_ms")
            lines.append(
                f"| {name} | {run['class']} | {run['concurrency']} | {ms(run['p50_ms'])} ms | "
                f"{ms(run['p95_ms'])} ms | {ms(run['p99_ms'])} ms | {run['rps']:,.0f} | "
                f"{run['errors']} | {ms(reference)} ms |"
            )
    return "\n".join(lines) if found else ""


def server_table(folder, names):
    lines = [
        "| corpus | start to first answer | server RSS after the load run |",
        "|---|---:|---:|",
    ]
    found = False
    for name in names:
        server = load(folder, "server", name)
        if server:
            found = True
            lines.append(
                f"| {name} | {server['first_answer_seconds']:.2f} s | "
                f"{server['rss_after_load_kib'] / 1024:.0f} MB |"
            )
    return "\n".join(lines) if found else ""


def main():
    folder, readme = sys.argv[1], sys.argv[2]
    declared = declared_corpora()
    names = corpus_names(folder, declared)
    if not names:
        sys.exit(
            f"no concord-NAME.json results in {folder} for the corpora of benches/run.sh "
            f"({', '.join(declared)}): run benches/run.sh first"
        )
    sections = [
        START,
        "",
        "_Generated by `benches/run.sh` (tables by `benches/report.py`); do not edit by hand._",
        "",
        f"Machine: {machine()}.",
        "",
        "### Query latency, in process, against the engine alone and the peers",
        "",
        "Concord runs `SearchIndex::search` (what the HTTP handler calls); *tantivy alone* runs "
        "the same query and collectors straight through tantivy in one pass "
        "(`SearchIndex::engine_baseline`); the peers run the same documents and query mix "
        "through their drivers in `benches/peers/`. A dash: the engine cannot answer that class "
        "(see the peer's README). tantivy-cli's `bench` times only the search (no query parsing, "
        "no reading of the hits), on an index with one title and one body field: a lower bound "
        "for the engine, not a like-for-like peer, so the ratio column leaves it out.",
        "",
    ]
    for name in names:
        sections += [latency_table(folder, name), ""]
    table, series = scaling(folder, names)
    if table:
        sections += ["### Scaling: Concord p50 against corpus size (generated corpora)", "", table, ""]
        plot = os.path.join(os.path.dirname(readme), "scaling.svg")
        if svg_plot(series, plot):
            sections += ["![Concord p50 per query class against corpus size](scaling.svg)", ""]
    sections += ["### Indexing: full build", "", indexing_table(folder, names), ""]
    http = http_table(folder, names)
    if http:
        sections += [
            "### Over HTTP: `concord serve` on core 0, the load client (`benches/load.rs`) on core 1",
            "",
            http,
            "",
        ]
    server = server_table(folder, names)
    if server:
        sections += ["### Server start and memory", "", server, ""]
    sections.append(END)
    block = "\n".join(sections)
    with open(readme) as file:
        text = file.read()
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Results (benches/run.sh)\n\n" + block + "\n"
    with open(readme, "w") as file:
        file.write(text)
    print(f"wrote the results section of {readme}")


if __name__ == "__main__":
    main()
