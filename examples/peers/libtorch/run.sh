#!/usr/bin/env bash
# Builds (when sources changed) and runs one of the libtorch benchmarks, offline.
#   THREADS=2 ./run.sh Seq2SeqBench [--hidden 256 --embed 256 --batch 64 --src-len 16 --tgt-len 16 --steps 30]
#   THREADS=2 ./run.sh ClassifierBench [--hidden 128 --seq 28 --input 28 --batch 128 --steps 30]
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f target/classpath.txt ] || [ -n "$(find src pom.xml -newer target/classpath.txt -print -quit)" ]; then
  mvn -q -B compile >&2
fi
THREADS=${THREADS:-2}
export DJL_OFFLINE=true        # never download: libtorch comes from the pytorch-native-cpu jar
export PYTORCH_VERSION=2.7.1    # must match that jar, or DJL would look for another build online
export OMP_NUM_THREADS=$THREADS
exec "${JAVA:-java}" -Xmx8g -Dai.djl.offline=true -DPYTORCH_VERSION=2.7.1 \
  -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dai.djl.pytorch.graph_optimizer=false -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/classes:$(cat target/classpath.txt)" "peers.$1" "${@:2}"
