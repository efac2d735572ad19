#!/usr/bin/env bash
# Two models of the issues side by side with the same models in libtorch (PyTorch's C++ core through DJL's Maven
# jars, examples/peers/libtorch), in alternation, A B A B, each a fresh JVM, so both see the same machine state:
#   translate: the Multi30k model (GRU 256, bidirectional encoder, additive attention, 64 pairs of 16 tokens),
#              target tokens/s for training (Adam, clip 1) and for greedy decoding;
#   classify:  sequential MNIST over rows (LSTM 128, 28 steps of 28 pixels, batch 128), training examples/s.
# Prints every run and writes a log under examples/results/. About 3 minutes per repeat and thread count.
#   examples/bench-models-vs-libtorch.sh [REPEATS] [THREADS...]      e.g. examples/bench-models-vs-libtorch.sh 3 1 2
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS=${1:-3}; shift || true
THREADS=("${@:-2}")
PEER="$ROOT/examples/peers/libtorch"
"$ROOT/rnn4j" info >/dev/null                        # build both first, outside the timings
mvn -q -B -f "$PEER/pom.xml" compile
log="$ROOT/examples/results/models-$(date -u +%Y%m%dT%H%M%SZ).log"
mkdir -p "$(dirname "$log")"
for T in "${THREADS[@]}"; do
  for r in $(seq "$REPEATS"); do
    echo "## threads=$T repeat=$r load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$log"
    "$ROOT/rnn4j" bench translate --warmup 20 --steps 30 --threads "$T" 2>/dev/null | grep '^bench' | tee -a "$log"
    THREADS=$T "$PEER/run.sh" Seq2SeqBench --warmup 20 --steps 30 2>/dev/null | grep '^RESULT' | tee -a "$log"
    "$ROOT/rnn4j" bench classify --threads "$T" 2>/dev/null | grep '^bench' | tee -a "$log"
    THREADS=$T "$PEER/run.sh" ClassifierBench 2>/dev/null | grep '^RESULT' | tee -a "$log"
  done
done
echo "log: $log"
