#!/usr/bin/env bash
# Workload W5 of BENCHMARKS.md: rnn4j Gemm against OpenBLAS cblas_sgemm, side by side in one JMH run.
# Usage: rnn4j-bench/gemm.sh [extra JMH arguments, e.g. -p shape=64x1024x2048 -p threads=2]
#        rnn4j-bench/gemm.sh --paired [SHAPE...]   (rnn4j and OpenBLAS in alternating blocks of 1.3 s, 10 pairs
#        per shape and thread count: about 30 s per line, 7 minutes for the W5 shapes; see GemmPaired)
# JMH settings come from GEMM_JMH (default: 1 fork, 3 warm-up and 5 measured iterations of 1 s).
# Prints: shape, threads, rnn4j GFLOP/s, rnn4j with B packed once, OpenBLAS, and the fraction best rnn4j / OpenBLAS.
# About 42 JMH runs of ~10 s: 8-10 minutes. Run on a quiet machine (uptime load < 0.5).
# OpenBLAS here: org.bytedeco:openblas 0.3.28 is a DYNAMIC_ARCH build (base target NEHALEM) that picks its kernels
# by CPUID at load; on this Xeon (AVX-512) it reports "Core: SkylakeX", its AVX-512 SGEMM kernels, with
# OPENBLAS_CORETYPE unset (found 2026-11-22). The script prints the core it finds each time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
JAVA_HOME="$(rnn4j_find_jdk)" || exit 1
export JAVA_HOME
rnn4j_require_maven || exit 1
java="$JAVA_HOME/bin/java"

echo "== building rnn4j-bench with $JAVA_HOME" >&2
(cd "$root" && { mvn -q -B -o -pl rnn4j-bench -am package -DskipTests 2>/dev/null \
    || mvn -q -B -pl rnn4j-bench -am package -DskipTests; })

cp="$here/target/rnn4j-bench-0.1.0-SNAPSHOT.jar:$here/target/lib/*"
out="$here/target/gemm.json"

echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "== OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset>}; kernel OpenBLAS selects at load:" >&2
OPENBLAS_VERBOSE=2 "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" rnn4j.bench.OpenBlasInfo 2>&1 | grep -v '^WARNING' >&2

if [ "${1:-}" = "--paired" ]; then
    # The host's drift of 20-30% within a minute falls on both sides alike when the two alternate in short blocks.
    shift
    shapes=("$@")
    [ ${#shapes[@]} -gt 0 ] || shapes=(64x1024x2048 6400x512x2048 2048x2048x2048 64x256x512 1x1024x2048 \
        64x1024x2048:nt 6400x512x2048:tn)
    for shape in "${shapes[@]}"; do
        for threads in 1 2; do
            "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -Xmx6g \
                -XX:ObjectAlignmentInBytes=64 -cp "$cp" rnn4j.bench.GemmPaired "$shape" "$threads" 2>&1 | grep -v '^WARNING: Using incubator'
        done
    done
    exit 0
fi

"$java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main GemmBenchmark \
    ${GEMM_JMH:--f 1 -wi 3 -w 1s -i 5 -r 1s} -rf json -rff "$out" "$@" >&2

python3 - "$out" <<'PY'
import json, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    p = r["params"]
    dims, _, mode = p["shape"].partition(":")
    m, k, n = (int(x) for x in dims.split("x"))
    us = r["primaryMetric"]["score"]          # microseconds per product
    gflops = 2.0 * m * n * k / (us * 1e3)
    rows.setdefault((p["shape"], int(p["threads"])), {})[p["impl"]] = gflops
print(f"{'shape (MxKxN[:op])':<20} {'threads':>7} {'rnn4j':>9} {'packed':>9} {'OpenBLAS':>9} {'fraction':>9}")
for (shape, threads), g in rows.items():
    ours = max(g.get("rnn4j", 0), g.get("rnn4j-packed", 0))
    blas = g.get("openblas")
    cell = lambda v: f"{v:9.1f}" if v else f"{'-':>9}"
    frac = f"{ours / blas:9.2f}" if blas else f"{'-':>9}"
    print(f"{shape:<20} {threads:>7} {cell(g.get('rnn4j'))} {cell(g.get('rnn4j-packed'))} {cell(blas)} {frac}")
print("GFLOP/s = 2*M*N*K / time; fraction = best rnn4j (plain or packed) / OpenBLAS; packed = B packed once")
PY
