#!/usr/bin/env bash
# Benchmark peer: tantivy-cli 0.24 (`tantivy index`, `tantivy merge`, `tantivy bench`) on a
# Concord corpus and query mix (see README.md).
#
#   benches/peers/tantivy-cli/run.sh CORPUS_DIR QUERIES_YAML OUT_JSON [NAME]
#
# Env: CONCORD_BENCH_WARMUP_MS (300), CONCORD_BENCH_MEASURE_MS (2000) per class;
#      CONCORD_TCLI_REINDEX=1 rebuilds the cached index; CONCORD_TCLI_BIN: a tantivy binary to
#      use instead of the cached one; CONCORD_TCLI_CACHE (default ~/.cache/concord/peers/tantivy-cli).
set -euo pipefail

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: $0 CORPUS_DIR QUERIES_YAML OUT_JSON [NAME]" >&2
    exit 2
fi
[ -d "$1" ] || { echo "tantivy-cli: no such corpus folder: $1" >&2; exit 2; }
CORPUS=$(cd "$1" && pwd)
QUERIES=$2
OUT=$3
NAME=${4:-$(basename "$CORPUS")}
[ -f "$QUERIES" ] || { echo "tantivy-cli: no such query mix: $QUERIES" >&2; exit 2; }
case "$NAME" in */* | "" | .*) echo "tantivy-cli: bad NAME: $NAME" >&2; exit 2 ;; esac

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${CONCORD_TCLI_CACHE:-$HOME/.cache/concord/peers/tantivy-cli}
BIN=${CONCORD_TCLI_BIN:-$CACHE/bin/tantivy}
VERSION=0.24.0

skip() {
    echo "tantivy-cli: skipped: $*"
    exit 0
}

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
mkdir -p "$CACHE"

# 1. The binary. Not --locked: the lock file pins traitobject 0.1.0, which no longer builds on
#    current rustc; the newest compatible dependencies (tantivy 0.24.2) do. About 15 minutes.
if [ ! -x "$BIN" ]; then
    command -v cargo >/dev/null 2>&1 || skip "cargo is not installed (needed to build tantivy-cli $VERSION)"
    echo "tantivy-cli: installing tantivy-cli $VERSION into $CACHE (cargo install, about 15 minutes)"
    if ! cargo install --quiet tantivy-cli --version "$VERSION" --root "$CACHE"; then
        skip "cargo install tantivy-cli $VERSION failed"
    fi
    BIN=$CACHE/bin/tantivy
    [ -x "$BIN" ] || skip "cargo install left no $BIN"
fi
echo "tantivy-cli: $("$BIN" --version 2>/dev/null || echo '?') at $BIN"

# 2. PyYAML for the query mix.
if ! python3 -c 'import yaml' >/dev/null 2>&1; then
    echo "tantivy-cli: installing PyYAML"
    python3 -m pip install --quiet pyyaml || skip "PyYAML is not available"
fi

# 3. The index (only when missing, or when the corpus or the binary changed), then 4. the mix.
INDEX=$CACHE/index-$NAME
STATS=$CACHE/index-$NAME.json
python3 "$HERE/tcli_bench.py" index "$BIN" "$CORPUS" "$INDEX" "$STATS"
mkdir -p "$(dirname "$OUT")"
python3 "$HERE/tcli_bench.py" bench "$BIN" "$INDEX" "$STATS" "$QUERIES" "$OUT" "$NAME"
