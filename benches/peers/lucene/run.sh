#!/usr/bin/env bash
# Benchmark peer: Apache Lucene 9.9.1 on a Concord corpus and query mix (see README.md).
#
#   benches/peers/lucene/run.sh CORPUS_DIR QUERIES_YAML OUT_JSON [NAME]
#
# Env: CONCORD_BENCH_WARMUP_MS (300), CONCORD_BENCH_MEASURE_MS (2000) per class;
#      CONCORD_LUCENE_JIT_WARMUP_MS (3000): rounds of the whole mix first, for the JIT;
#      CONCORD_LUCENE_REINDEX=1 rebuilds the cached index; CONCORD_LUCENE_QUERY_CACHE=1 turns
#      Lucene's filter cache on (off by default: Concord has none);
#      CONCORD_LUCENE_SHOW=1 prints each class's parsed query and page of ids once;
#      CONCORD_LUCENE_JAVA_OPTS (default -Xmx4g); CONCORD_LUCENE_CACHE (default
#      ~/.cache/concord/peers/lucene).
set -euo pipefail

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: $0 CORPUS_DIR QUERIES_YAML OUT_JSON [NAME]" >&2
    exit 2
fi
CORPUS=$(cd "$1" && pwd)
QUERIES=$2
OUT=$3
NAME=${4:-$(basename "$CORPUS")}
[ -f "$QUERIES" ] || { echo "lucene: no such query mix: $QUERIES" >&2; exit 2; }
case "$NAME" in */* | "" | .*) echo "lucene: bad NAME: $NAME" >&2; exit 2 ;; esac

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${CONCORD_LUCENE_CACHE:-$HOME/.cache/concord/peers/lucene}
JAR=$CACHE/lib/anserini-1.7.1-fatjar.jar
JAVA_OPTS=${CONCORD_LUCENE_JAVA_OPTS:--Xmx4g}

skip() {
    echo "lucene: skipped: $*"
    exit 0
}

command -v java >/dev/null 2>&1 || skip "java is not installed"
command -v javac >/dev/null 2>&1 || skip "javac is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
mkdir -p "$CACHE/lib"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# 1. Lucene 9.9.1: it ships inside anserini's fatjar, which ships inside pyserini's sdist.
if [ ! -s "$JAR" ]; then
    python3 -m pip --version >/dev/null 2>&1 || skip "pip is not available (needed to fetch pyserini 1.6.0 from PyPI)"
    echo "lucene: fetching pyserini 1.6.0 from PyPI (about 165 MB; it bundles anserini-1.7.1-fatjar.jar with Lucene 9.9.1)"
    mkdir -p "$TMP/dl"
    if ! python3 -m pip download --quiet --no-deps --no-binary :all: pyserini==1.6.0 -d "$TMP/dl"; then
        echo "lucene: sdist download failed, trying any distribution of pyserini 1.6.0"
        python3 -m pip download --quiet --no-deps pyserini==1.6.0 -d "$TMP/dl" ||
            skip "could not download pyserini 1.6.0 from PyPI"
    fi
    DIST=$(ls "$TMP"/dl/pyserini-1.6.0* 2>/dev/null | head -n 1)
    [ -n "$DIST" ] || skip "pip downloaded no pyserini 1.6.0 file"
    echo "lucene: extracting anserini-1.7.1-fatjar.jar from $(basename "$DIST")"
    python3 - "$DIST" "$JAR.part" <<'EOF' || skip "no anserini-1.7.1-fatjar.jar in the pyserini 1.6.0 download"
import shutil, sys, tarfile, zipfile
dist, dest = sys.argv[1], sys.argv[2]
suffix = "pyserini/resources/jars/anserini-1.7.1-fatjar.jar"
if dist.endswith((".tar.gz", ".tgz")):
    with tarfile.open(dist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(suffix))
        src = tar.extractfile(member)
        with open(dest, "wb") as out:
            shutil.copyfileobj(src, out)
else:
    with zipfile.ZipFile(dist) as zf:
        name = next(n for n in zf.namelist() if n.endswith(suffix))
        with zf.open(name) as src, open(dest, "wb") as out:
            shutil.copyfileobj(src, out)
EOF
    mv "$JAR.part" "$JAR"
    rm -rf "$TMP/dl"
    echo "lucene: cached $JAR"
fi

# 2. Compile the driver (cached per source hash).
SRC=$HERE/LuceneBench.java
HASH=$(sha256sum "$SRC" | cut -c1-16)
CLASSES=$CACHE/classes/$HASH
if [ ! -f "$CLASSES/LuceneBench.class" ]; then
    echo "lucene: compiling LuceneBench.java"
    mkdir -p "$TMP/classes"
    javac -nowarn -encoding UTF-8 -cp "$JAR" -d "$TMP/classes" "$SRC"
    mkdir -p "$CACHE/classes"
    rm -rf "$CLASSES"
    mv "$TMP/classes" "$CLASSES"
fi
CP=$JAR:$CLASSES

# 3. The query mix as JSON.
if ! python3 -c 'import yaml' >/dev/null 2>&1; then
    echo "lucene: installing PyYAML"
    python3 -m pip install --quiet pyyaml || skip "PyYAML is not available"
fi
python3 - "$QUERIES" "$TMP/queries.json" <<'EOF'
import json, sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    mix = yaml.safe_load(f)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(mix, f, default=str, ensure_ascii=False)
EOF

echo "lucene: $(java -version 2>&1 | head -n 1); JVM options: $JAVA_OPTS"

# 4. Index (only when missing or the corpus changed), then 5. the query mix, in a fresh JVM.
INDEX=$CACHE/index-$NAME
STATS=$CACHE/index-$NAME.json
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$CP" LuceneBench index "$CORPUS" "$INDEX" "$STATS"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$CP" LuceneBench bench "$INDEX" "$STATS" "$TMP/queries.json" "$OUT" "$NAME" "$QUERIES"
