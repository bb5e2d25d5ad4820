#!/usr/bin/env bash
# The one benchmark command (docs/benchmarks.md): builds the benchmark and runs it against embedded H2 and the
# local PostgreSQL, next to wrk's ceiling for the same receiver. Needs wrk (Debian package) and PostgreSQL on
# 127.0.0.1:5432 (user postgres, database test).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/require-wrk.sh
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package
# the options are system properties, so they go before -jar (after it they would be the program's ignored arguments)
exec java -Xms1g -Xmx2g "$@" -jar benchmarks/target/benchmarks.jar
