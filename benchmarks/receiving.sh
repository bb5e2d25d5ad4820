#!/usr/bin/env bash
# Receiving: wrk against a verifying @WebhookListener and a plain @PostMapping that only binds the same JSON, in
# the same application and run (docs/benchmarks.md). Needs wrk (Debian package). Options as system properties,
# for example: bash benchmarks/receiving.sh -Dbench.stores=memory -Dbench.seconds=10
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/require-wrk.sh
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package
exec java -Xms512m -Xmx1g "$@" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.webhooks.benchmarks.receiving.ReceivingBenchmark
