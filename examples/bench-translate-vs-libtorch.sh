#!/usr/bin/env bash
# The translation model side by side: `rnn4j bench translate` and the same model in libtorch (PyTorch's C++ core
# through DJL's Maven jars, examples/peers/libtorch-seq2seq) in alternation, A B A B, each a fresh JVM, so both see the
# same machine state. Figures: target tokens/s for training (Adam, clip 1) and for greedy decoding. Prints every run
# and writes a log under examples/results/. About 2 minutes per repeat and thread count.
#   examples/bench-translate-vs-libtorch.sh [REPEATS] [THREADS...]      e.g. examples/bench-translate-vs-libtorch.sh 3 1 2
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS=${1:-3}; shift || true
THREADS=("${@:-2}")
PEER="$ROOT/examples/peers/libtorch-seq2seq"
"$ROOT/rnn4j" info >/dev/null                        # build both first, outside the timings
mvn -q -B -f "$PEER/pom.xml" compile
log="$ROOT/examples/results/translate-$(date -u +%Y%m%dT%H%M%SZ).log"
mkdir -p "$(dirname "$log")"
for T in "${THREADS[@]}"; do
  for r in $(seq "$REPEATS"); do
    echo "## threads=$T repeat=$r load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$log"
    "$ROOT/rnn4j" bench translate --warmup 20 --steps 30 --threads "$T" 2>/dev/null | grep '^bench' | tee -a "$log"
    THREADS=$T "$PEER/run.sh" --warmup 20 --steps 30 2>/dev/null | grep '^RESULT' | tee -a "$log"
  done
done
echo "log: $log"
