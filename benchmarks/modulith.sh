#!/usr/bin/env bash
# The starter against Spring Modulith's JDBC event publication registry with a hand-written signing listener
# (docs/benchmarks.md): throughput, publish latency and what each loses on SIGKILL, same receiver, same
# PostgreSQL (127.0.0.1:5432, user postgres, database test), one run. Options as system properties, for example
# bash benchmarks/modulith.sh -Dbench.events=20000 -Dbench.rounds=1
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package
exec java -Xmx512m "$@" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.webhooks.benchmarks.modulith.ModulithComparison
