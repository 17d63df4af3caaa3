#!/usr/bin/env python3
"""Driver of the tantivy-cli peer (see README.md). Standard library plus PyYAML.

    tcli_bench.py index BIN CORPUS_DIR INDEX_DIR STATS_JSON
    tcli_bench.py bench BIN INDEX_DIR STATS_JSON QUERIES_YAML OUT_JSON NAME
    tcli_bench.py rewrite 'query text'     # prints the tantivy-cli form of a Concord query

`index` builds INDEX_DIR with `tantivy index` (fed every *.jsonl under CORPUS_DIR on stdin),
merges it to one segment with `tantivy merge` and writes its figures to STATS_JSON; it does
nothing when STATS_JSON describes the same corpus and the index is there.
`bench` times the answerable classes of the query mix with `tantivy bench` (in process).
"""

import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

# Bump when the schema or the way the index is built changes: cached indexes are rebuilt.
INDEX_FORMAT = 1
WRITER_THREADS = 1  # as Concord's writer (crates/concord-index/src/write/build.rs)
WRITER_MEMORY_BYTES = 64 * 1024 * 1024  # as Concord's WRITER_MEMORY_BYTES
TITLE_BOOST = 2  # as Concord's TITLE_BOOST (crates/concord-index/src/read/query/mod.rs)
MAX_SAMPLES = 20_000  # per class, as benches/latency.rs
TOP_K = 10  # `tantivy bench` collects TopDocs::with_limit(10) + Count

META = {
    "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
    "segments": [],
    "schema": [
        {
            "name": "id",
            "type": "text",
            "options": {
                "indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"},
                "stored": True,
                "fast": False,
            },
        },
        {
            "name": "title",
            "type": "text",
            "options": {
                "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "en_stem"},
                "stored": False,
                "fast": False,
            },
        },
        {
            "name": "body",
            "type": "text",
            "options": {
                "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "en_stem"},
                "stored": False,
                "fast": False,
            },
        },
    ],
    "opstamp": 0,
}

FILTERS = ("party", "venue", "topic", "process", "lang", "doc_type", "from", "to")


def log(message):
    print(f"tantivy-cli: {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# Indexing


def corpus_files(corpus):
    files = []
    for root, dirs, names in os.walk(corpus, followlinks=True):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".jsonl"):
                files.append(os.path.join(root, name))
    return files


def fingerprint(corpus, files, version):
    parts = [f"format={INDEX_FORMAT}", f"bin={version}"]
    for path in files:
        st = os.stat(path)
        parts.append(f"{os.path.relpath(path, corpus)}\t{st.st_size}\t{st.st_mtime_ns}")
    return "\n".join(parts)


def dir_bytes(path):
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
    return total


def segments(index_dir):
    with open(os.path.join(index_dir, "meta.json")) as f:
        meta = json.load(f)
    return meta["segments"]


def live_docs(index_dir):
    docs = 0
    for seg in segments(index_dir):
        deletes = seg.get("deletes") or {}
        docs += seg["max_doc"] - deletes.get("num_deleted_docs", 0)
    return docs


def binary_version(binary):
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip() or "unknown"


def cmd_index(binary, corpus, index_dir, stats_path):
    corpus = os.path.abspath(corpus)
    files = corpus_files(corpus)
    if not files:
        log(f"no *.jsonl file under {corpus}")
        return 2
    version = binary_version(binary)
    fp = fingerprint(corpus, files, version)
    if os.path.exists(stats_path) and os.path.exists(os.path.join(index_dir, "meta.json")):
        with open(stats_path) as f:
            old = json.load(f)
        if old.get("fingerprint") == fp and not os.environ.get("CONCORD_TCLI_REINDEX"):
            log(f"reusing {index_dir} ({old['docs']:,} documents, built {old.get('built', '?')})")
            return 0
        log(f"{index_dir} is stale or a rebuild was asked for: rebuilding")

    input_bytes = sum(os.path.getsize(p) for p in files)
    part = index_dir + ".part"
    shutil.rmtree(part, ignore_errors=True)
    os.makedirs(part)
    with open(os.path.join(part, "meta.json"), "w") as f:
        json.dump(META, f, indent=2)
    log(
        f"indexing {len(files)} files, {input_bytes / 1e6:,.0f} MB, into {part} "
        f"({WRITER_THREADS} thread, {WRITER_MEMORY_BYTES >> 20} MiB writer budget)"
    )

    started = time.monotonic()
    proc = subprocess.Popen(
        [binary, "index", "-i", part, "-t", str(WRITER_THREADS), "-m", str(WRITER_MEMORY_BYTES)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        bufsize=0,
    )
    feed_error = []

    def feed():
        # Raw lines: tantivy's JSON parser ignores the fields that are not in the schema.
        try:
            for path in files:
                last = b"\n"
                with open(path, "rb") as src:
                    while True:
                        chunk = src.read(1 << 20)
                        if not chunk:
                            break
                        proc.stdin.write(chunk)
                        last = chunk[-1:]
                if last != b"\n":
                    proc.stdin.write(b"\n")
        except Exception as error:  # noqa: BLE001 (reported below)
            feed_error.append(error)
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    commit_seconds = None
    failed = 0
    last_progress = started
    for raw in proc.stdout:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        if line.startswith("Commit succeed"):
            commit_seconds = time.monotonic() - started
        elif line.startswith("Failed to add document"):
            failed += 1
            if failed <= 3:
                log(line[:300])
        elif line.endswith(" Docs") and time.monotonic() - last_progress > 30:
            last_progress = time.monotonic()
            log(f"{line} after {last_progress - started:.0f} s")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    feeder.join()
    if proc.returncode != 0 or feed_error:
        log(f"tantivy index failed (exit {proc.returncode}) {feed_error or ''}")
        return 1
    peak_rss_kib = usage.ru_maxrss

    segs_before = len(segments(part))
    bytes_before = dir_bytes(part)
    merge_seconds = 0.0
    if segs_before > 1:
        log(f"merging {segs_before} segments into one (tantivy merge)")
        t0 = time.monotonic()
        subprocess.run([binary, "merge", "-i", part], check=True, stdout=subprocess.DEVNULL)
        merge_seconds = time.monotonic() - t0
    docs = live_docs(part)
    index_bytes = dir_bytes(part)

    shutil.rmtree(index_dir, ignore_errors=True)
    os.rename(part, index_dir)
    stats = {
        "fingerprint": fp,
        "built": time.strftime("%Y-%m-%d %H:%M:%S"),
        "corpus_dir": corpus,
        "tantivy_cli": version,
        "docs": docs,
        "failed_lines": failed,
        "input_bytes": input_bytes,
        "seconds": round(seconds, 3),
        "docs_per_s": round(docs / seconds, 1),
        "mb_per_s": round(input_bytes / 1e6 / seconds, 2),
        "commit_seconds": round(commit_seconds or seconds, 3),
        "merge_seconds": round(merge_seconds, 3),
        "docs_per_s_with_merge": round(docs / (seconds + merge_seconds), 1),
        "mb_per_s_with_merge": round(input_bytes / 1e6 / (seconds + merge_seconds), 2),
        "segments_before_merge": segs_before,
        "index_bytes_before_merge": bytes_before,
        "index_bytes": index_bytes,
        "peak_rss_kib": peak_rss_kib,
        "indexing_threads": WRITER_THREADS,
        "writer_memory_bytes": WRITER_MEMORY_BYTES,
    }
    with open(stats_path + ".part", "w") as f:
        json.dump(stats, f, indent=2)
    os.replace(stats_path + ".part", stats_path)
    log(
        f"indexed {docs:,} documents in {seconds:.1f} s ({docs / seconds:,.0f} docs/s, "
        f"{input_bytes / 1e6 / seconds:.1f} MB/s), merge {merge_seconds:.1f} s, "
        f"{index_bytes / 1e6:,.1f} MB on disk"
    )
    return 0


# ---------------------------------------------------------------------------------------------
# Query text: Concord's syntax (tantivy's grammar, AND by default, title^2 + body) rewritten for
# tantivy-cli's parser (same grammar, OR by default, every indexed field, no boosts).

OPERATOR = re.compile(r"(AND|OR)(?=\s)")
FIELD = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*):")


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


class Unsupported(Exception):
    pass


def _scan_until(text, i, stops):
    """Index of the first character of `stops` at depth 0 outside quotes, from i."""
    depth = 0
    quoted = False
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            i += 2
            continue
        if quoted:
            if c == '"':
                quoted = False
        elif c == '"':
            quoted = True
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0 and ")" in stops:
                return i
            depth -= 1
        elif depth == 0 and c in stops:
            return i
        i += 1
    return i


def _leaf(text, i):
    """Parses one leaf at i: returns (rewritten leaf, new i)."""
    field = None
    m = FIELD.match(text, i)
    if m:
        field = m.group(1)
        if field not in ("title", "body"):
            raise Unsupported(f"field {field!r} (only title: and body: exist)")
        i = m.end()
    if i >= len(text):
        raise Unsupported("query ends with an operator or a field")
    c = text[i]
    if c in "[{":
        raise Unsupported("ranges and sets are not supported in q")
    if c == "(":
        if field:
            raise Unsupported(f"{field}:( ... ) is not supported")
        end = _scan_until(text, i + 1, ")")
        if end >= len(text):
            raise Unsupported("unbalanced parenthesis")
        core = "(" + rewrite(text[i + 1 : end], top=False) + ")"
        i = end + 1
        m = re.match(r"\^([0-9]+(?:\.[0-9]*)?)", text[i:])
        if m:
            core = f"{core}^{m.group(1)}"
            i += m.end()
        return core, i
    end = _scan_until(text, i, " \t\r\n)")
    literal = text[i:end]
    i = end
    boost = None
    m = re.search(r"\^([0-9]+(?:\.[0-9]*)?)$", literal)
    if m:
        boost = m.group(1)
        literal = literal[: m.start()]
    if literal == "*" and not field:
        return "*", i
    if field:
        core = _scoped(field, literal)
    else:
        core = f"(title:{literal}^{TITLE_BOOST} body:{literal})"
    if boost:
        core = f"({core})^{boost}"
    return core, i


def _scoped(field, literal):
    if field == "title":
        return f"title:{literal}^{TITLE_BOOST}"
    return f"body:{literal}"


def rewrite(q, top=True):
    """Concord query text -> tantivy-cli query text with the same match set and scoring.

    Concord parses q with tantivy's grammar and `set_conjunction_by_default()`; the grammar
    leaves a clause's occur unset only when it has no `+`/`-`/`NOT` and no AND/OR on either
    side, and the parser makes those clauses MUST. tantivy-cli's parser makes them SHOULD, so
    they get an explicit `+`. Each unscoped leaf becomes `(title:leaf^2 body:leaf)`, which is
    what Concord's parser builds for its default fields with the title boost.
    """
    q = q.strip()
    if not q:
        return "*" if top else ""
    items = []  # ("op", "AND"/"OR") or ("leaf", occur, text)
    i = 0
    while i < len(q):
        if q[i].isspace():
            i += 1
            continue
        m = OPERATOR.match(q, i)
        if m and items and items[-1][0] == "leaf":
            items.append(("op", m.group(1)))
            i = m.end()
            continue
        occur = ""
        if q.startswith("NOT ", i):
            occur = "-"
            i += 4
            while i < len(q) and q[i].isspace():
                i += 1
        elif q[i] in "+-":
            occur = q[i]
            i += 1
        leaf, i = _leaf(q, i)
        items.append(("leaf", occur, leaf))
    out = []
    positive = False
    for k, item in enumerate(items):
        if item[0] == "op":
            out.append(item[1])
            continue
        _, occur, leaf = item
        before = k > 0 and items[k - 1][0] == "op"
        after = k + 1 < len(items) and items[k + 1][0] == "op"
        if not occur and not before and not after:
            occur = "+"
        if occur != "-":
            positive = True
        out.append(occur + leaf)
    if top and not positive:
        # `-korea` alone: Concord adds "everything" as a MUST clause.
        out.insert(0, "+*")
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Query mix


def load_mix(path):
    import yaml  # noqa: PLC0415 (run.sh installs it when missing)

    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def flag(value, default):
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def why_skipped(params):
    """None when tantivy-cli can answer the class as Concord does, else the reason."""
    present = [k for k in FILTERS if params.get(k) not in (None, "", [])]
    if present:
        return "filters (" + ", ".join(present) + "): tantivy-cli's bench has no filter"
    if str(params.get("facets", "")).strip().lower() != "none":
        return "facet counts: tantivy-cli has none"
    histogram = params.get("histogram")
    if histogram is None or str(histogram).strip().lower() not in ("none", "false", "off"):
        return "date histogram: tantivy-cli has none"
    if flag(params.get("highlight"), True):
        return "snippets: tantivy-cli's bench makes none"
    if params.get("sort") not in (None, "", "relevance"):
        return "sort by date: tantivy-cli ranks by score only"
    if int(params.get("offset") or 0) != 0:
        return "offset: tantivy-cli's bench fetches the first page only"
    if int(params.get("limit") or 10) != TOP_K:
        return f"limit {params.get('limit')}: tantivy-cli's bench collects the top {TOP_K}"
    return None


# ---------------------------------------------------------------------------------------------
# Running `tantivy bench`


def run_bench(binary, index_dir, lines, fetch_lines=0):
    """Runs `tantivy bench` over `lines` (one query each, in order).

    Returns (search, fetch): search[i] = (hits, microseconds) for lines[i], from the SEARCH
    section (TopDocs(10) + Count, timed around `searcher.search` only); fetch[i] = microseconds
    to load the 10 stored documents of lines[i], for the first `fetch_lines` lines of the FETCH
    STORE section. The process is stopped once those are read (the FETCH section would
    otherwise run every query a second time).
    """
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        qfile = f.name
    proc = subprocess.Popen(
        [binary, "bench", "-i", index_dir, "-q", qfile, "-n", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, "RUST_BACKTRACE": "0"},
    )
    search, fetch = [], []
    section = None
    killed = False
    try:
        for line in proc.stdout:
            line = line.rstrip("\n")
            if line == "SEARCH":
                section = "search"
                continue
            if line == "FETCH STORE":
                section = "fetch"
                if fetch_lines == 0:
                    break
                continue
            if not line or line.startswith("query\t"):
                continue
            if section == "search":
                _, hits, micros = line.rsplit("\t", 2)
                search.append((int(hits), int(micros)))
            elif section == "fetch":
                _, micros = line.rsplit("\t", 1)
                fetch.append(int(micros))
                if len(fetch) >= fetch_lines:
                    break
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed = True
        _, err = proc.communicate()
        os.unlink(qfile)
    if len(search) != len(lines):
        detail = err.strip().splitlines()
        detail = [d for d in detail if "panicked" in d or "Err" in d or "rror" in d][:3] or detail[:3]
        raise RuntimeError(
            f"tantivy bench answered {len(search)} of {len(lines)} queries"
            f"{' (killed)' if killed else ''}: {' | '.join(detail)}"
        )
    return search, fetch


def percentile(sorted_values, fraction):
    rank = math.floor((len(sorted_values) - 1) * fraction + 0.5)
    return sorted_values[min(rank, len(sorted_values) - 1)]


def cmd_bench(binary, index_dir, stats_path, queries_path, out_path, name):
    warmup_ms = float(os.environ.get("CONCORD_BENCH_WARMUP_MS", "300"))
    measure_ms = float(os.environ.get("CONCORD_BENCH_MEASURE_MS", "2000"))
    with open(stats_path) as f:
        stats = json.load(f)
    mix = load_mix(queries_path)

    classes = []  # (class, rewritten query) of the answerable classes
    results = {}
    order = []
    for entry in mix.get("queries", []):
        cls = entry["class"]
        params = entry.get("params") or {}
        order.append(cls)
        reason = why_skipped(params)
        if reason is None:
            try:
                rewritten = rewrite(str(params.get("q") or ""))
            except Unsupported as error:
                reason = f"query syntax: {error}"
        if reason:
            results[cls] = {"class": cls, "skipped": reason}
            continue
        classes.append((cls, rewritten))

    if classes:
        # Each query alone once, so that one query tantivy cannot parse only skips its class.
        usable = []
        for cls, query in classes:
            try:
                (hits, _), = run_bench(binary, index_dir, [query])[0]
            except RuntimeError as error:
                results[cls] = {"class": cls, "skipped": f"tantivy-cli failed: {error}"}
                continue
            if CJK.search(query):
                results[cls] = {
                    "class": cls,
                    "skipped": (
                        f"CJK: en_stem keeps a run of Han, kana or Hangul as one token, so the "
                        f"query matches {hits:,} documents here (Concord indexes bigrams)"
                    ),
                }
                continue
            usable.append((cls, query))
        classes = usable

    rounds = warm_rounds = 0
    fetch_rounds = 0
    measured_seconds = 0.0
    if classes:
        mix_lines = [query for _, query in classes]
        n = len(mix_lines)
        # Calibration: a few interleaved rounds give each class's time, from which the number
        # of rounds that fill the warm-up and measurement budgets follows.
        calib, _ = run_bench(binary, index_dir, mix_lines * 5)
        per_class = []
        for c in range(n):
            times = sorted(calib[r * n + c][1] for r in range(5))
            per_class.append(max(times[2], 1))
        round_us = sum(per_class)
        warm_rounds = max(1, min(MAX_SAMPLES, math.ceil(warmup_ms * 1000 * n / round_us)))
        rounds = max(5, min(MAX_SAMPLES, math.ceil(measure_ms * 1000 * n / round_us)))
        fetch_rounds = max(5, min(rounds, math.ceil(measure_ms * 1000 * n / 4 / round_us)))
        log(
            f"{n} classes, about {round_us / 1000:.3f} ms a round: {warm_rounds} warm-up rounds, "
            f"{rounds} measured rounds"
        )
        lines = mix_lines * (warm_rounds + rounds)
        t0 = time.monotonic()
        search, fetch = run_bench(binary, index_dir, lines, fetch_lines=fetch_rounds * n)
        measured_seconds = time.monotonic() - t0
        measured = search[warm_rounds * n :]
        for c, (cls, query) in enumerate(classes):
            hits = {measured[r * n + c][0] for r in range(rounds)}
            samples = sorted(measured[r * n + c][1] / 1000.0 for r in range(rounds))
            fetched = sorted(fetch[r * n + c] / 1000.0 for r in range(len(fetch) // n))
            mean = sum(samples) / len(samples)
            result = {
                "class": cls,
                "samples": len(samples),
                "p50_ms": round(percentile(samples, 0.50), 4),
                "p95_ms": round(percentile(samples, 0.95), 4),
                "p99_ms": round(percentile(samples, 0.99), 4),
                "mean_ms": round(mean, 4),
                "qps": round(1000.0 / mean, 1) if mean > 0 else None,
                "total_hits": max(hits),
                "query": query,
            }
            if len(hits) != 1:
                result["warning"] = f"the total varied between runs: {sorted(hits)}"
            if fetched:
                result["fetch_p50_ms"] = round(percentile(fetched, 0.50), 4)
                result["fetch_mean_ms"] = round(sum(fetched) / len(fetched), 4)
            results[cls] = result

    indexing = {
        key: stats[key]
        for key in (
            "seconds",
            "docs_per_s",
            "mb_per_s",
            "index_bytes",
            "input_bytes",
            "commit_seconds",
            "merge_seconds",
            "docs_per_s_with_merge",
            "mb_per_s_with_merge",
            "segments_before_merge",
            "index_bytes_before_merge",
            "peak_rss_kib",
            "indexing_threads",
            "writer_memory_bytes",
            "failed_lines",
            "built",
        )
        if key in stats
    }
    out = {
        "engine": "tantivy-cli-0.24",
        "corpus": name,
        "docs": stats["docs"],
        "measured": "in-process",
        "timing": (
            "tantivy bench: wall time of searcher.search(query, (TopDocs(10), Count)) in whole "
            "microseconds; query parsing and loading stored documents are not included "
            "(fetch_*_ms: loading the 10 stored ids, FETCH STORE section); one thread; classes "
            "interleaved in rounds after warm-up rounds"
        ),
        "version": stats.get("tantivy_cli"),
        "query_mix_version": mix.get("version"),
        "warmup_rounds": warm_rounds,
        "measured_rounds": rounds,
        "measured_seconds": round(measured_seconds, 2),
        "indexing": indexing,
        "classes": [results[cls] for cls in order],
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")

    print()
    print(f"tantivy-cli 0.24 on {name} ({stats['docs']:,} documents), query mix v{mix.get('version')}, in process (tantivy bench)")
    print()
    print("| class | p50 | p95 | p99 | mean | queries/s | hits | fetch p50 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for cls in order:
        r = results[cls]
        if "skipped" in r:
            print(f"| {cls} | skipped: {r['skipped']} | | | | | | |")
            continue
        fetch = f"{r['fetch_p50_ms']:.3f} ms" if "fetch_p50_ms" in r else "–"
        print(
            f"| {cls} | {r['p50_ms']:.3f} ms | {r['p95_ms']:.3f} ms | {r['p99_ms']:.3f} ms | "
            f"{r['mean_ms']:.3f} ms | {r['qps']:,.0f} | {r['total_hits']:,} | {fetch} |"
        )
    ix = indexing
    print()
    print(
        f"indexing: {ix['seconds']:.1f} s, {ix['docs_per_s']:,.0f} docs/s, {ix['mb_per_s']:.1f} MB/s, "
        f"merge {ix.get('merge_seconds', 0):.1f} s, {ix['index_bytes'] / 1e6:,.1f} MB on disk"
    )
    print(f"wrote {out_path}")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "rewrite":
        for q in argv[2:]:
            print(rewrite(q))
        return 0
    if len(argv) == 6 and argv[1] == "index":
        return cmd_index(*argv[2:])
    if len(argv) == 8 and argv[1] == "bench":
        return cmd_bench(*argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
