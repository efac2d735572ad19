#!/usr/bin/env bash
# W1–W3 of BENCHMARKS.md side by side: rnn4j and libtorch (PyTorch's C++ core through DJL, from the shared peers
# folder) in alternation, A B A B, each a fresh JVM, so both see the same machine state. Prints the figures of every
# run and the median of each side. Needs ../shared (peers and data) beside the repository, and takes ~25 minutes.
#   examples/bench-vs-libtorch.sh [REPEATS] [THREADS...]      e.g. examples/bench-vs-libtorch.sh 3 2 1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS=${1:-3}; shift || true
THREADS=("${@:-2}")
source "$ROOT/examples/peer-setup.sh"
peer_setup torch bench
torch() { (cd "$PEER_DIR" && THREADS=$1 ./run.sh peers.torch.CharLmBench "${@:2}" 2>&1 | grep '^RESULT'); }
rnn4j() { "$ROOT/rnn4j" "$@" --threads "$T" 2>/dev/null | grep '^bench'; }
for T in "${THREADS[@]}"; do
  for r in $(seq "$REPEATS"); do
    echo "## threads=$T repeat=$r load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$log"
    rnn4j bench train --hidden 128 --warmup 20 --steps 50 | tee -a "$log"
    torch "$T" --hidden 128 --warmup 20 --steps 50 | tee -a "$log"
    rnn4j bench train --hidden 512 --warmup 10 --steps 20 | tee -a "$log"
    torch "$T" --hidden 512 --warmup 10 --steps 20 --gen 2000 | tee -a "$log"
    rnn4j bench sample --hidden 512 --length 2000 | tee -a "$log"
  done
done
echo "log: $log"
