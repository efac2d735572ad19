#!/usr/bin/env bash
# Forecasting the registered series one step ahead, scored against the seasonal-naive forecast on the README's
# chronological test parts (airline: last 48 months; sunspots: last 20%; temperatures: 1990; pollution: after the
# first 365 days, pm2.5 from itself and the weather).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-runs}
THREADS=${THREADS:-2}
./rnn4j forecast train --data airline-passengers --difference --window 12 --cell lstm --hidden 32 --lr 5e-3 --epochs 300 \
    --threads "$THREADS" --out "$RUNS/airline" --force --json
./rnn4j forecast train --data sunspots --window 24 --cell gru --hidden 64 --lr 2e-3 --epochs 40 \
    --threads "$THREADS" --out "$RUNS/sunspots" --force --json
./rnn4j forecast train --data daily-min-temperatures --window 30 --cell lstm --hidden 64 --lr 2e-3 --epochs 20 \
    --threads "$THREADS" --out "$RUNS/temperatures" --force --json
./rnn4j forecast train --data pollution --window 24 --cell lstm --hidden 32 --lr 2e-3 --batch 64 --epochs 10 \
    --threads "$THREADS" --out "$RUNS/pollution" --force --json
