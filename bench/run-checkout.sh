#!/usr/bin/env bash
# Checkout throughput, p99 latency and the flash-sale contention case over HTTP against one node
# with the sandbox payment provider (embedded PostgreSQL and Redis in the same JVM as the load
# generator). Arguments: [seconds=20] [concurrency=64] [dbPoolSize=16].
# JAVA_OPTS pass through (e.g. a JFR recording, -Dbench.logStatements=true).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath -Dskip.web=true \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# access logs off, as in the bid and market benchmarks: at hundreds of requests a second the
# console, not the server, is measured (LOG_LEVEL=INFO brings them back)
export LOG_LEVEL=${LOG_LEVEL:-WARN}
# -XX:-DontCompileHugeMethods as in docker/Dockerfile: the contract's schema validator is one huge method
exec java ${JAVA_OPTS:-} -Xmx2g -XX:-DontCompileHugeMethods -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.showfloor.bench.CheckoutBench "$@"
