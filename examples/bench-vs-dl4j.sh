#!/usr/bin/env bash
# W1–W3 of BENCHMARKS.md side by side: rnn4j and Deeplearning4j 1.0.0-M2.1 (the shared peers folder's harness) in
# alternation, each a fresh JVM. DL4J runs with the settings its README calls tuned (OMP_WAIT_POLICY=PASSIVE,
# OPENBLAS_CORETYPE=SkylakeX: out of the box it is 2–3× slower at 2 threads), on the java found on PATH, as measured
# there (on a CPU without AVX-512, its generic natives and OpenBLAS's own choice of kernels instead). The first run
# builds the peer (Maven Central, ~1 GB of natives). Takes ~25 minutes per thread count.
#   examples/bench-vs-dl4j.sh [REPEATS] [THREADS...]      e.g. examples/bench-vs-dl4j.sh 1 2 1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS=${1:-1}; shift || true
THREADS=("${@:-2}")
source "$ROOT/examples/peer-setup.sh"
KEEP_BUILT=target/lib peer_setup dl4j bench-dl4j
[ -d "$PEER_DIR/target/lib" ] || (cd "$PEER_DIR" && mvn -q -B package -DskipTests)
# The AVX-512 natives and OpenBLAS's SkylakeX kernels stop with an illegal instruction on a CPU without AVX-512: there
# DL4J runs its generic natives, and OpenBLAS picks its kernels by CPUID (Haswell or Zen on AVX2 hosts).
if grep -qw avx512f /proc/cpuinfo; then
  DL4J_VARIANT=linux-x86_64-avx512; DL4J_ENV=(OPENBLAS_CORETYPE=SkylakeX)
else
  DL4J_VARIANT=linux-x86_64; DL4J_ENV=()
fi
echo "## DL4J natives: $DL4J_VARIANT ${DL4J_ENV[*]:-}" | tee -a "$log"
dl4j() {
  (cd "$PEER_DIR" && env OMP_NUM_THREADS="$T" OMP_WAIT_POLICY=PASSIVE "${DL4J_ENV[@]}" \
    ./run.sh "$DL4J_VARIANT" "$@" 2>&1 | grep '^RESULT')
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
