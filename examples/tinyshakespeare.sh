#!/usr/bin/env bash
# The recommended character model on tinyshakespeare for a fixed time (default 20 minutes, on all cores), then its
# validation loss on the last 10% of the text and a sample. Usage: examples/tinyshakespeare.sh [DURATION] [THREADS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RNN4J_DATA_DIR="${RNN4J_DATA_DIR:-$(cd "$ROOT/../shared/data" 2>/dev/null && pwd)}"
out="$ROOT/examples/results/shakespeare-$(date -u +%Y%m%dT%H%M%SZ)"
threads=()
[ -n "${2:-}" ] && threads=(--threads "$2")
"$ROOT/rnn4j" train --data tinyshakespeare --time "${1:-20m}" --out "$out" --json "${threads[@]}"
"$ROOT/rnn4j" eval --checkpoint "$out/best.safetensors" --data <(tail -c 111540 "$RNN4J_DATA_DIR/tinyshakespeare/input.txt") --json
"$ROOT/rnn4j" sample --checkpoint "$out/best.safetensors" --prime "ROMEO:" --length 400 --temperature 0.8
