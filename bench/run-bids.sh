#!/usr/bin/env bash
# Builds the test classes and runs the live-auction bid benchmark against a fresh node on embedded
# PostgreSQL and Redis (data in target/bench-data). Arguments: scenario=spread|hot, seconds=N,
# concurrency=N (closed loop), rate=N (open loop, bids/s), lots=N (spread only).
# BENCH=BidDeliveryBenchmark runs the viewer fan-out instead: viewers=N rate=N seconds=N.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# access logs off: at thousands of requests a second the console, not the server, is measured
export LOG_LEVEL=${LOG_LEVEL:-WARN}
# -XX:-DontCompileHugeMethods as in docker/Dockerfile: the contract's schema validator is one huge method
exec java ${JAVA_OPTS:-} -Xmx2g -XX:-DontCompileHugeMethods -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    "io.showfloor.bench.${BENCH:-BidBenchmark}" "$@"
