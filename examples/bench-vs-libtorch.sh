#!/usr/bin/env bash
# W1–W3 of BENCHMARKS.md side by side: rnn4j and libtorch (PyTorch's C++ core through DJL, from the shared peers
# folder) in alternation, A B A B, each a fresh JVM, so both see the same machine state. Prints the figures of every
# run and the median of each side. Needs ../shared (peers and data) beside the repository, and takes ~25 minutes.
#   examples/bench-vs-libtorch.sh [REPEATS] [THREADS...]      e.g. examples/bench-vs-libtorch.sh 3 2 1
# WORKLOADS="W3" (any of W1 W2 W3, default all) runs only those.
# PEER_HUGEPAGES=1 runs libtorch with glibc's malloc on transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1),
# as the rnn4j launcher runs the JVM's heap where Linux leaves them to each program ("madvise"); the peer harness does
# not, so by default libtorch runs on 4 KB pages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS=${1:-3}; shift || true
THREADS=("${@:-2}")
WORKLOADS=" ${WORKLOADS:-W1 W2 W3} "
runs() { [[ "$WORKLOADS" == *" $1 "* ]]; }
source "$ROOT/examples/peer-setup.sh"
peer_setup torch bench
peer_env=(); [ -n "${PEER_HUGEPAGES:-}" ] && peer_env=(GLIBC_TUNABLES=glibc.malloc.hugetlb=1)
torch() {
  (cd "$PEER_DIR" && env "${peer_env[@]}" THREADS="$1" ./run.sh peers.torch.CharLmBench "${@:2}" 2>&1 | grep '^RESULT')
}
rnn4j() { "$ROOT/rnn4j" "$@" --threads "$T" 2>/dev/null | grep '^bench'; }
for T in "${THREADS[@]}"; do
  for r in $(seq "$REPEATS"); do
    echo "## threads=$T repeat=$r load=$(cut -d' ' -f1 /proc/loadavg) peer_hugepages=${PEER_HUGEPAGES:-0}" | tee -a "$log"
    if runs W1; then
      rnn4j bench train --hidden 128 --warmup 20 --steps 50 | tee -a "$log"
      torch "$T" --hidden 128 --warmup 20 --steps 50 | tee -a "$log"
    fi
    if runs W2; then rnn4j bench train --hidden 512 --warmup 10 --steps 20 | tee -a "$log"; fi
    # libtorch times W3 (--gen) in the process of its W2, after the training steps (none when W2 is not asked for)
    if runs W2 || runs W3; then
      steps="--warmup 0 --steps 0"; runs W2 && steps="--warmup 10 --steps 20"
      gen=""; runs W3 && gen="--gen 2000"
      torch "$T" --hidden 512 $steps $gen | tee -a "$log"
    fi
    if runs W3; then rnn4j bench sample --hidden 512 --length 2000 | tee -a "$log"; fi
  done
done
echo "log: $log"
