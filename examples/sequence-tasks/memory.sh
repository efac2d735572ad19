#!/usr/bin/env bash
# The long-memory suite (which cells learn answers T steps back) and the gradient-flow view
# (‖∂L/∂h_t‖ against t, at initialisation and after training; with and without clipping for the vanilla RNN).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-runs}
THREADS=${THREADS:-2}
./rnn4j experiment memory --tasks adding,recall --cells rnn_tanh,lstm,gru --lengths 10,25,50,100,200 \
    --hidden 64 --batch 64 --steps 2000 --lr 2e-3 --clip 1 --threads "$THREADS" --out "$RUNS/memory"
for cell in rnn_tanh lstm gru; do
  ./rnn4j experiment gradients --cell "$cell" --seq 200 --train-steps 1000 --threads "$THREADS" \
      --out "$RUNS/gradients-$cell" --json
done
./rnn4j experiment gradients --cell rnn_relu --seq 200 --train-steps 1000 --lr 1e-2 --threads "$THREADS" \
    --out "$RUNS/gradients-rnn_relu-noclip" --json
./rnn4j experiment gradients --cell rnn_relu --seq 200 --train-steps 1000 --lr 1e-2 --clip 1 --threads "$THREADS" \
    --out "$RUNS/gradients-rnn_relu-clip1" --json
