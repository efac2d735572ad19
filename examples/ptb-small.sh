#!/usr/bin/env bash
# W4 of BENCHMARKS.md: Zaremba et al. 2014's "small" PTB word model (2×200 LSTM, no dropout), then its test
# perplexity over all 82k test tokens. Usage: examples/ptb-small.sh [THREADS] [TIME]
#
# The paper's SGD lr 1 and clip 5 act on a loss summed over the 20 steps of a segment (and averaged over the batch);
# rnn4j's loss is the mean over all B·T predictions, 20× smaller, so the same updates are lr 20 and clip 5/20 = 0.25
# (the settings of PyTorch's word_language_model example). An epoch is 929,589 tokens / (20 streams × 20) = 2,324
# steps. Without TIME: the paper's 13 epochs, lr halved every epoch after the fourth. With TIME (e.g. 29m): a schedule
# for that budget, lr halved every half epoch after the third.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RNN4J_DATA_DIR="${RNN4J_DATA_DIR:-$(cd "$ROOT/../shared/data" 2>/dev/null && pwd)}"
out="$ROOT/examples/results/ptb-small-$(date -u +%Y%m%dT%H%M%SZ)"
epoch=2324
if [ -n "${2:-}" ]; then
  schedule=(--time "$2" --lr-start $((3 * epoch)) --lr-step $((epoch / 2)) --eval-every $((epoch / 2)))
else
  schedule=(--epochs 13 --lr-start $((4 * epoch)) --lr-step $epoch --eval-every $epoch)
fi
"$ROOT/rnn4j" train --data ptb --tokens words --cell lstm --layers 2 --hidden 200 --embed 200 --dropout 0 \
  --init-range 0.1 --optimizer sgd --lr 20 --clip 0.25 --batch 20 --seq 20 --lr-schedule step --lr-decay 0.5 \
  "${schedule[@]}" --sample-every 0 --out "$out" --json ${1:+--threads "$1"}
"$ROOT/rnn4j" eval --checkpoint "$out/best.safetensors" --data ptb --split test --batch 1 --json
