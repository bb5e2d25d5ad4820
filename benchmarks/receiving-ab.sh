#!/usr/bin/env bash
# Receiving A/B: this checkout's receiving benchmark run on two engines, alternated (a, b, a, b, ...), so both
# see the same machine. Each argument is the root of a checkout whose benchmarks module is packaged
# (./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package); its classpath.txt names its own engine jar.
# Options as system properties in BENCH_OPTS, rounds in ROUNDS, for example:
#   git clone -q . /tmp/base && (cd /tmp/base && git checkout -q main && ./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package)
#   ./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package
#   BENCH_OPTS="-Dbench.stores=h2,postgresql" bash benchmarks/receiving-ab.sh /tmp/base .
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/require-wrk.sh
[ $# -eq 2 ] || { echo "usage: $0 <checkout a> <checkout b>" >&2; exit 2; }
for round in $(seq 1 "${ROUNDS:-2}"); do
  for build in "$1" "$2"; do
    echo "### round $round, engine of $build ($(git -C "$build" rev-parse --short HEAD)), $(date -u +%H:%M:%S), $(uptime)"
    # shellcheck disable=SC2086
    java -Xms512m -Xmx1g ${BENCH_OPTS:-} -cp "benchmarks/target/classes:$(cat "$build/benchmarks/target/classpath.txt")" \
      dev.webhooks.benchmarks.receiving.ReceivingBenchmark
  done
done
