#!/usr/bin/env bash
# The floors of the receiving benchmark's JDBC de-duplication store (docs/benchmarks.md, "Receiving on a quiet
# machine"): the claim INSERT alone on the local PostgreSQL (pgbench, 10 clients as Hikari's default pool,
# synchronous_commit off as the starter's claim), then on H2 in memory (a bare JDBC loop, 10 threads), insert only
# and insert + confirm. Run it on a quiet machine; the schema it creates is dropped at the end. The PostgreSQL
# tables are the starter's own schema script, in a schema of their own.
set -euo pipefail
cd "$(dirname "$0")"
psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS wh_bench_claimfloor CASCADE; CREATE SCHEMA wh_bench_claimfloor"
sed 's/%TABLE_PREFIX%/webhook_/g' ../../webhooks-autoconfigure/src/main/resources/dev/webhooks/store/schema-postgresql.sql \
  | PGOPTIONS="-c search_path=wh_bench_claimfloor" psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d test
PGOPTIONS="-c synchronous_commit=off -c search_path=wh_bench_claimfloor" \
  pgbench -h 127.0.0.1 -U postgres -n -f claim.sql -c 10 -j 2 -T 10 test
psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA wh_bench_claimfloor CASCADE"
h2=$(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | grep -v sources | sort -V | tail -n 1)
out=$(mktemp -d)
javac -d "$out" H2ClaimFloor.java
java -cp "$out:$h2" H2ClaimFloor insert 10
java -cp "$out:$h2" H2ClaimFloor confirm 10
