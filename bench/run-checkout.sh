#!/usr/bin/env bash
# Checkout throughput, p99 latency and the flash-sale contention case over HTTP against one node
# with the sandbox payment provider (embedded PostgreSQL and Redis in the same JVM as the load
# generator). Arguments: [seconds=20] [concurrency=64] [dbPoolSize=16].
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.showfloor.bench.CheckoutBench "$@"
