#!/usr/bin/env bash
# W4 of BENCHMARKS.md: Zaremba et al. 2014's "small" PTB word model (2×200 LSTM, no dropout, 13 epochs), then its
# test perplexity over all 82k test tokens. Usage: examples/ptb-small.sh [THREADS]
#
# The paper's SGD lr 1 and clip 5 act on a loss summed over the 20 steps of a segment (and averaged over the batch);
# rnn4j's loss is the mean over all B·T predictions, 20× smaller, so the same updates are lr 20 and clip 5/20 = 0.25
# (the settings of PyTorch's word_language_model example). lr halves every epoch after the fourth: an epoch is
# 929,589 tokens / (20 streams × 20) = 2,324 steps.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RNN4J_DATA_DIR="${RNN4J_DATA_DIR:-$(cd "$ROOT/../shared/data" 2>/dev/null && pwd)}"
out="$ROOT/examples/results/ptb-small-$(date -u +%Y%m%dT%H%M%SZ)"
epoch=2324
"$ROOT/rnn4j" train --data ptb --tokens words --cell lstm --layers 2 --hidden 200 --embed 200 --dropout 0 \
  --init-range 0.1 --optimizer sgd --lr 20 --clip 0.25 --batch 20 --seq 20 --epochs 13 \
  --lr-schedule step --lr-start $((4 * epoch)) --lr-step $epoch --lr-decay 0.5 \
  --eval-every $epoch --sample-every 0 --out "$out" --json ${1:+--threads "$1"}
"$ROOT/rnn4j" eval --checkpoint "$out/best.safetensors" --data ptb --split test --batch 1 --json
