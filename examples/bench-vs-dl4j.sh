#!/usr/bin/env bash
# W1–W3 of BENCHMARKS.md side by side: rnn4j and Deeplearning4j 1.0.0-M2.1 (the shared peers folder's harness) in
# alternation, each a fresh JVM. DL4J runs with the settings its README calls tuned (OMP_WAIT_POLICY=PASSIVE,
# OPENBLAS_CORETYPE=SkylakeX: out of the box it is 2–3× slower at 2 threads), on the java found on PATH, as measured
# there. The first run builds the peer (Maven Central, ~1 GB of natives). Takes ~25 minutes per thread count.
#   examples/bench-vs-dl4j.sh [REPEATS] [THREADS...]      e.g. examples/bench-vs-dl4j.sh 1 2 1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$ROOT/../shared"
REPEATS=${1:-1}; shift || true
THREADS=("${@:-2}")
[ -d "$SHARED/peers/dl4j" ] || { echo "bench-vs-dl4j: $SHARED/peers/dl4j not found" >&2; exit 1; }
work="${TMPDIR:-/tmp}/rnn4j-peers"
mkdir -p "$work/peers"
if [ ! -d "$work/peers/dl4j/target/lib" ]; then
  rm -rf "$work/peers/dl4j" && cp -r "$SHARED/peers/dl4j" "$work/peers/dl4j"
  (cd "$work/peers/dl4j" && mvn -q -B package -DskipTests)
fi
ln -sfn "$(cd "$SHARED/data" && pwd)" "$work/data" # the peer reads ../../data/tinyshakespeare/input.txt
export RNN4J_DATA_DIR="$(cd "$SHARED/data" && pwd)"
"$ROOT/rnn4j" info >/dev/null # build first, outside the timings
log="$ROOT/examples/results/bench-dl4j-$(date -u +%Y%m%dT%H%M%SZ).log"
mkdir -p "$(dirname "$log")"
dl4j() {
  (cd "$work/peers/dl4j" && env OMP_NUM_THREADS="$T" OMP_WAIT_POLICY=PASSIVE OPENBLAS_CORETYPE=SkylakeX \
    ./run.sh linux-x86_64-avx512 "$@" 2>&1 | grep '^RESULT')
}
rnn4j() { "$ROOT/rnn4j" "$@" --threads "$T" 2>/dev/null | grep '^bench'; }
for T in "${THREADS[@]}"; do
  for r in $(seq "$REPEATS"); do
    echo "## threads=$T repeat=$r load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$log"
    rnn4j bench train --hidden 128 --warmup 20 --steps 30 | tee -a "$log"
    dl4j throughput hidden=128 warmup=20 steps=30 | tee -a "$log"
    rnn4j bench train --hidden 512 --warmup 10 --steps 30 | tee -a "$log"
    dl4j throughput hidden=512 warmup=10 steps=30 | tee -a "$log"
    rnn4j bench sample --hidden 512 --length 2000 | tee -a "$log"
    dl4j sample hidden=512 chars=2000 reps=3 | tee -a "$log"
  done
done
echo "log: $log"
