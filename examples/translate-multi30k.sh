#!/usr/bin/env bash
# Multi30k German -> English (issue 6): a Bahdanau-attention GRU encoder-decoder and the same model without
# attention, trained side by side for the same wall time (one core each), then scored on test_2016_flickr with
# corpus BLEU (sacreBLEU's 13a) by greedy and beam-5 decoding, from the checkpoint best on the validation split.
#   examples/translate-multi30k.sh [DURATION]      default 50m; THREADS=1 per run, RUNS=runs
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "${RUNS:-runs}"
DURATION=${1:-50m}
RUNS=${RUNS:-runs}
THREADS=${THREADS:-1}
common=(--data multi30k --src de --tgt en --cell gru --hidden 256 --embed 256 --dropout 0.3 --min-freq 2
        --batch 64 --lr 2e-3 --clip 1 --time "$DURATION" --eval-every 500 --threads "$THREADS" --force)
./rnn4j translate train "${common[@]}" --attention additive --out "$RUNS/multi30k-additive" \
    > "$RUNS/multi30k-additive.log" 2>&1 &
./rnn4j translate train "${common[@]}" --attention none --out "$RUNS/multi30k-none" \
    > "$RUNS/multi30k-none.log" 2>&1 &
wait
for run in additive none; do
  for beam in 1 5; do
    echo "== $run, beam $beam"
    ./rnn4j translate eval --checkpoint "$RUNS/multi30k-$run/best.safetensors" --split test --beam "$beam" --threads 2 --json
  done
done
