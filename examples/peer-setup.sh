# Sourced by the scripts that time rnn4j against a peer of ../shared/peers (not run on its own).
# peer_setup NAME LOG_PREFIX: checks the peer is there, makes a work copy of it under $TMPDIR (its harness reads
# ../../data, so the data mirror is linked beside it; an already built copy is kept when KEEP_BUILT names a file of
# it), exports RNN4J_DATA_DIR, builds rnn4j outside the timings, and sets PEER_DIR and log.
peer_setup() {
  local name=$1 prefix=$2 shared="$ROOT/../shared"
  [ -d "$shared/peers/$name" ] || { echo "$(basename "$0"): $shared/peers/$name not found" >&2; exit 1; }
  local work="${TMPDIR:-/tmp}/rnn4j-peers"
  PEER_DIR="$work/peers/$name"
  mkdir -p "$work/peers"
  if [ -z "${KEEP_BUILT:-}" ] || [ ! -e "$PEER_DIR/$KEEP_BUILT" ]; then
    rm -rf "$PEER_DIR" && cp -r "$shared/peers/$name" "$PEER_DIR"
  fi
  ln -sfn "$(cd "$shared/data" && pwd)" "$work/data"
  export RNN4J_DATA_DIR="$(cd "$shared/data" && pwd)"
  "$ROOT/rnn4j" info >/dev/null
  log="$ROOT/examples/results/$prefix-$(date -u +%Y%m%dT%H%M%SZ).log"
  mkdir -p "$(dirname "$log")"
}
