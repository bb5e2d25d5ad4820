#!/usr/bin/env bash
# The publish cost of payload filters (docs/benchmarks.md, "Payload filters"): 200 unfiltered endpoints, 100
# filtered ones that pass beside 100 unfiltered, and 100 that reject beside 100 unfiltered, published to in turn
# in one run on H2 and on the local PostgreSQL (127.0.0.1:5432, user postgres, database test), then the filter
# step alone. System properties go before the class: bash benchmarks/filters.sh -Dbench.stores=h2 -Dbench.rounds=3
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec java -Xms512m -Xmx1g "$@" -cp "$classpath" dev.webhooks.benchmarks.FilteredPublishBenchmark
