#!/usr/bin/env bash
# Reservations benchmark of inventory-service: builds the module, then starts a durable embedded
# PostgreSQL, Redis and the service in one JVM and drives POST /internal/v1/reservations over real
# HTTP at 1, 8 and 32 clients. Prints a table and writes bench/results/inventory-reservations.md.
# Extra JVM options are passed through, e.g. bench/inventory/run.sh -Dseconds=30 -Dclients=1,8,32,64
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=/dev/null
. ./.ci/jdk.sh
./mvnw -q -pl inventory-service -am install -DskipTests
./mvnw -q -pl inventory-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
mkdir -p bench/results
exec "$JAVA_HOME/bin/java" -Xmx768m -XX:+EnableDynamicAgentLoading "$@" \
  -cp "inventory-service/target/test-classes:inventory-service/target/classes:$(cat inventory-service/target/bench.classpath)" \
  io.orderfleet.inventory.bench.ReservationBenchmark
