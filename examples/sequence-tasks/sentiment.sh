#!/usr/bin/env bash
# Sentence sentiment: rt-polarity with 10-fold cross-validation (Kim 2014's protocol) and SST-2 (GLUE dev).
# A bidirectional LSTM with max pooling over the valid steps, dropout 0.5 on the pooled vector.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-runs}
THREADS=${THREADS:-2}
./rnn4j classify train --data rt-polarity --folds 10 --cell lstm --bidirectional --pooling max --embed 300 \
    --hidden 150 --dropout 0.5 --min-freq 1 --batch 50 --lr 1e-3 --epochs 8 --threads "$THREADS" --json
./rnn4j classify train --data sst2 --cell lstm --bidirectional --pooling max --embed 300 --hidden 150 \
    --dropout 0.5 --min-freq 2 --batch 64 --lr 1e-3 --epochs 4 --threads "$THREADS" --out "$RUNS/sst2-bilstm" \
    --force --json
