#!/usr/bin/env bash
# Regenerates the results section of benches/README.md (issue 7): for each corpus, the full
# build (time, MB/s, peak RSS, size on disk), in-process latency per query class for Concord
# and raw tantivy, the peers on the same documents and queries, and the HTTP load run with
# server RSS and cold start; then benches/report.py writes the tables and the scaling plot.
#
#   benches/run.sh                      # generated 10k and 100k, UNGDC when ../shared has it
#   CONCORD_BENCH_SIZES=10000,100000,1000000 benches/run.sh
#   CONCORD_BENCH_PEERS=sqlite benches/run.sh          # peers to run (default: all three)
#   CONCORD_BENCH_MEASURE_MS=500 CONCORD_LOAD_SECONDS=2 benches/run.sh   # a quick pass
#   benches/run.sh --corpora            # prints the names of the corpora it would run, one a line
#
# Corpora and indexes (large) live in CONCORD_BENCH_WORK (default ~/.cache/concord/bench) and
# are reused when present; results in target/bench-results/. Peers install themselves from
# the package registries on first use and are skipped with a message when they cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
sizes="${CONCORD_BENCH_SIZES:-10000,100000}"
peers="${CONCORD_BENCH_PEERS:-sqlite,lucene,tantivy-cli}"
work="${CONCORD_BENCH_WORK:-$HOME/.cache/concord/bench}"
results="$root/target/bench-results"
ungdc_source="${CONCORD_UNGDC:-$root/../shared/corpora/ungdc-speeches.jsonl.gz}"
port="${CONCORD_BENCH_PORT:-7797}"

# The corpora of a run, NAME:QUERIES: a generated corpus per size, and UNGDC when its source
# is there. benches/report.py renders these and no others: it asks `benches/run.sh --corpora`.
corpora=()
for size in ${sizes//,/ }; do
    corpora+=("gen-$size:benches/queries/generated.yaml")
done
if [ -f "$ungdc_source" ]; then
    corpora+=("ungdc:benches/queries/ungdc.yaml")
fi
if [ "${1:-}" = "--corpora" ]; then
    for entry in "${corpora[@]}"; do
        echo "${entry%%:*}"
    done
    exit 0
fi
mkdir -p "$work" "$results"

echo "== building (release)"
cargo build --release --locked --quiet
cargo bench --no-run --locked --quiet -p concord-index --bench latency 2>/dev/null
cargo bench --no-run --locked --quiet -p concord-server --bench load 2>/dev/null
concord="$CARGO_TARGET_DIR/release/concord"
"$concord" setup-dicts >/dev/null

for entry in "${corpora[@]}"; do
    name="${entry%%:*}"
    case "$name" in
        gen-*)
            if [ ! -d "$work/$name/gen" ]; then
                echo "== generating $name"
                "$concord" gen-corpus --docs "${name#gen-}" --seed 42 --from corpus --out "$work/$name"
            fi
            ;;
        ungdc)
            if [ ! -d "$work/ungdc/ungdc" ]; then
                echo "== importing the UN General Debate Corpus (1-2 sentence passages)"
                "$concord" import ungdc "$ungdc_source" --split sentences --taxonomy-from corpus --out "$work/ungdc"
            fi
            ;;
    esac
done
if [ ! -f "$ungdc_source" ]; then
    echo "== ungdc: skipped: $ungdc_source is absent"
fi

for entry in "${corpora[@]}"; do
    name="${entry%%:*}"
    queries="${entry#*:}"
    corpus="$work/$name"
    index="$work/index-$name"

    echo "== $name: full build, merged into one segment (--merge; the peers run on one too)"
    # %e wall seconds, %M peak RSS in KiB
    /usr/bin/time -f "%e %M" -o "$work/time-$name" "$concord" index --full --merge \
        --corpus "$corpus" --index "$index" >/dev/null
    read -r seconds rss_kib <"$work/time-$name"
    docs="$("$concord" stats --index "$index" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')"
    input_bytes="$(du -sb --apparent-size "$corpus" | cut -f1)"
    # The published generation only (a rebuild keeps the previous one beside it).
    index_bytes="$(du -sb "$index/$(cat "$index/CURRENT")" | cut -f1)"
    printf '{"engine":"concord","corpus":"%s","docs":%s,"indexing":{"seconds":%s,"peak_rss_kib":%s,"input_bytes":%s,"index_bytes":%s}}\n' \
        "$name" "$docs" "$seconds" "$rss_kib" "$input_bytes" "$index_bytes" >"$results/indexing-$name.json"

    echo "== $name: in-process latency (concord and raw tantivy)"
    CONCORD_BENCH_INDEX="$index" CONCORD_BENCH_NAME="$name" CONCORD_BENCH_QUERIES="$queries" \
        cargo bench --locked --quiet -p concord-index --bench latency

    for peer in ${peers//,/ }; do
        echo "== $name: peer $peer"
        "benches/peers/$peer/run.sh" "$corpus" "$root/$queries" "$results/$peer-$name.json" "$name" ||
            echo "$peer: failed on $name (see above); the report leaves it out"
    done

    echo "== $name: HTTP (server pinned to core 0, client to core 1)"
    started="$(date +%s.%N)"
    taskset -c 0 "$concord" serve --index "$index" --corpus "$corpus" --addr "127.0.0.1:$port" \
        >"$work/serve-$name.log" 2>&1 &
    server=$!
    until curl -sf "http://127.0.0.1:$port/api/search?q=peace&limit=1" >/dev/null; do
        if ! kill -0 "$server" 2>/dev/null; then
            echo "the server did not start: see $work/serve-$name.log" >&2
            exit 1
        fi
        sleep 0.005
    done
    first_answer="$(python3 -c "import time; print(round(time.time() - $started, 3))")"
    CONCORD_LOAD_URL="http://127.0.0.1:$port" CONCORD_BENCH_QUERIES="$queries" \
        CONCORD_LOAD_NAME="$name" \
        CONCORD_LOAD_CLASSES="${CONCORD_LOAD_CLASSES:-rare-term,common-term,filtered,filtered-faceted,researcher}" \
        taskset -c 1 cargo bench --locked --quiet -p concord-server --bench load
    rss_kib="$(awk '/VmRSS/ {print $2}' "/proc/$server/status")"
    kill "$server"
    wait "$server" 2>/dev/null || true
    printf '{"corpus":"%s","first_answer_seconds":%s,"rss_after_load_kib":%s}\n' \
        "$name" "$first_answer" "$rss_kib" >"$results/server-$name.json"
done

echo "== report"
python3 benches/report.py "$results" benches/README.md
