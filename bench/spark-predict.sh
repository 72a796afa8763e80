#!/usr/bin/env bash
# Batch prediction rows/s: local runner vs Spark local[2], on generated CSVs (default 1 M and 10 M
# rows), interleaved, two rounds each. Needs the spark module compiled:
#   mvn -B -ntp -pl spark -am test-compile
# Usage: bench/spark-predict.sh [ROWS ...]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
CP_FILE="$(mktemp)"
mvn -B -q -ntp -o -pl spark dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null
# This worktree's own engine and nodes first (the copies in ~/.m2 may be older).
CP="spark/target/test-classes:spark/target/classes:engine/target/classes:engine/target/test-classes"
CP="$CP:nodes/target/classes:$(cat "$CP_FILE")"
uptime
exec java -Xmx8g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -Dai.djl.pytorch.num_interop_threads=1 \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED \
  -cp "$CP" dev.blocksmith.spark.PredictBench "${@:-1000000 10000000}"
