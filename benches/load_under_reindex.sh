#!/usr/bin/env bash
# Load while the index is rebuilt (issue 9): N connections (default 200) for S seconds
# (default 60) over the whole query mix against `concord serve`, while the indexer rebuilds
# the same index again and again (a full run, then an incremental one after changing a file,
# and so on), each published and swapped in by the running server. Prints p50/p95/p99,
# requests/s, errors by kind, and how many generations the server swapped in meanwhile.
# Passes (exit 0) only with zero errors.
#
#   benches/load_under_reindex.sh [--docs 100000] [--connections 200] [--seconds 60] [--no-reindex]
#
# `--no-reindex` runs the same load with the indexer idle, for comparison.
#
# The corpus is `concord gen-corpus --docs N --seed 42` from the shipped corpus (nothing is
# downloaded), kept in $CONCORD_BENCH_DIR (default ~/.cache/concord/bench). The server is
# pinned to core 0 and the load client to core 1 (taskset); the indexer runs unpinned, so on a
# 2-core machine the three compete, which is the point.
set -euo pipefail

docs=100000
connections=200
seconds=60
reindex=1
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) docs="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --no-reindex) reindex=0; shift ;;
        *) echo "usage: $0 [--docs N] [--connections N] [--seconds S] [--no-reindex]" >&2; exit 2 ;;
    esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --locked --quiet -p concord-cli
cargo bench --no-run --locked --quiet -p concord-server --bench load 2>/dev/null
concord="$CARGO_TARGET_DIR/release/concord"
work="${CONCORD_BENCH_DIR:-$HOME/.cache/concord/bench}/under-reindex"
corpus="$work/corpus-$docs"
index="$work/index-$docs"
mkdir -p "$work"
if [ ! -d "$corpus" ]; then
    "$concord" gen-corpus --docs "$docs" --seed 42 --from corpus --out "$corpus"
fi
"$concord" index --full --no-dict-setup --corpus "$corpus" --index "$index" >/dev/null 2>&1

port=7719
taskset -c 0 "$concord" serve --no-dict-setup --corpus "$corpus" --index "$index" \
    --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
stop="$work/stop"
rm -f "$stop"
cleanup() {
    touch "$stop"
    kill "$server" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    grep -q "serving at" "$work/serve.log" && break
    sleep 0.1
done
reloads() {
    curl -s "http://127.0.0.1:$port/metrics" | awk '/^concord_index_reloads_total/ {print $2}'
}
before="$(reloads)"

# The indexer, over and over until the load ends: full, then incremental after a change.
(
    runs=0
    probe="$corpus/probe.jsonl"
    while [ "$reindex" = 1 ] && [ ! -e "$stop" ]; do
        "$concord" index --full --no-dict-setup --corpus "$corpus" --index "$index" \
            >>"$work/index.log" 2>&1 && runs=$((runs + 1))
        [ -e "$stop" ] && break
        printf '{"id": "probe/%s", "title": "Probe %s", "date": "2024-01-01", "body": "A probe document for reindexing under load, number %s."}\n' \
            "$runs" "$runs" "$runs" >>"$probe"
        "$concord" index --no-dict-setup --corpus "$corpus" --index "$index" \
            >>"$work/index.log" 2>&1 && runs=$((runs + 1))
    done
    echo "$runs" >"$work/runs"
) &
indexer=$!

CONCORD_LOAD_URL="http://127.0.0.1:$port" \
CONCORD_BENCH_QUERIES=benches/queries/generated.yaml \
CONCORD_LOAD_MIXED=1 \
CONCORD_LOAD_CONCURRENCY="$connections" \
CONCORD_LOAD_SECONDS="$seconds" \
CONCORD_LOAD_NAME=under-reindex \
    taskset -c 1 cargo bench --locked --quiet -p concord-server --bench load | tee "$work/load.md"
touch "$stop"
wait "$indexer" || true
after="$(reloads)"
echo
echo "reindex runs completed during the load: $(cat "$work/runs")"
echo "generations the server swapped in: $((after - before))"
echo "server RSS: $(ps -o rss= -p "$server") KiB; machine: $(nproc) cores, $(uname -r)"
errors="$(awk -F'|' '/\| mixed \|/ {gsub(/ /, "", $8); print $8}' "$work/load.md")"
if [ "${errors:-1}" != "0" ]; then
    echo "FAILED: $errors errors under load" >&2
    exit 1
fi
echo "ok: 0 errors"
