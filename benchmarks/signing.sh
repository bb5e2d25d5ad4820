#!/usr/bin/env bash
# Signing and verifying, ours against com.svix:svix and com.standardwebhooks:standardwebhooks, with JMH and its
# allocation profiler (docs/benchmarks.md): SigningBenchmark one operation at a time (bytes per operation), then
# SigningSideBySideBenchmark with all signers, then all verifiers, running at once (the rates, side by side).
# JMH forks JVMs with the class path it runs on, so it runs on the module's classes plus the dependency class
# path the build writes, not on the Spring Boot jar.
# Arguments go to JMH; the default is the full run: bash benchmarks/signing.sh -f 1 -wi 3 -i 5 -w 1s -r 1s
# is a quick check.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests package
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec java -cp "$classpath" org.openjdk.jmh.Main 'dev.webhooks.benchmarks.signing.Signing' \
  -prof gc -rf json -rff benchmarks/target/signing.json "$@"
