#!/usr/bin/env bash
# Scale (docs/benchmarks.md): 10,000 endpoints and 1,000,000 pending deliveries on the local PostgreSQL
# (127.0.0.1:5432, user postgres, database test), drained by the engine in a JVM capped at 512 MB of heap, with
# its GC log in benchmarks/target/scale-gc.log. Options as system properties, for example
# bash benchmarks/scale.sh -Dbench.scale.deliveries=100000 -Dbench.scale.drain-seconds=300
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package
exec java -Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=benchmarks/target/scale-gc.log "$@" \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" dev.webhooks.benchmarks.ScaleBenchmark
