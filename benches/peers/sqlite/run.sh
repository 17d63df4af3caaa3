#!/usr/bin/env bash
# SQLite FTS5 peer: index a Concord corpus (once) and run a Concord query mix against it.
#
#   benches/peers/sqlite/run.sh CORPUS_DIR QUERIES_YAML OUT_JSON [NAME]
#
# NAME (default: the corpus folder's name) names the database,
# ~/.cache/concord/peers/sqlite/NAME.db, built when missing; delete it to re-index.
# CONCORD_BENCH_WARMUP_MS (default 300) and CONCORD_BENCH_MEASURE_MS (default 2000) apply per
# query class. The binary is built with its own target folder so it does not lock the
# repository's.
set -euo pipefail

if [[ $# -lt 3 || $# -gt 4 ]]; then
    sed -n '4p' "$0" | sed 's/^#   /usage: /' >&2
    exit 2
fi
corpus=$1 queries=$2 out=$3
name=${4:-$(basename "$(realpath "$corpus")")}
[[ -d $corpus ]] || { echo "error: no corpus folder at $corpus" >&2; exit 1; }
[[ -f $queries ]] || { echo "error: no query file at $queries" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/concord/peers
export CARGO_TARGET_DIR=${CONCORD_SQLITE_TARGET_DIR:-$cache/sqlite-target}
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin=$CARGO_TARGET_DIR/release/concord-peer-sqlite

db=$cache/sqlite/$name.db
if [[ ! -f $db ]]; then
    mkdir -p "$(dirname "$db")"
    echo "indexing $corpus into $db" >&2
    rm -f "$db.tmp"
    "$bin" index "$corpus" "$db.tmp"
    mv "$db.tmp" "$db"
fi
"$bin" bench "$db" "$queries" "$out" "$name"
