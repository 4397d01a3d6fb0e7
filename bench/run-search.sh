#!/usr/bin/env bash
# Search suggestions and full searches over HTTP on 100,000 products: rate, p50/p90/p99 latency and
# CPU per request (JVM, PostgreSQL, Redis) against one node with embedded PostgreSQL and Redis.
# Arguments: [seconds=20] [concurrency=4] [products=100000] [warmupSeconds=20].
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath -Dskip.web=true \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
export LOG_LEVEL=${LOG_LEVEL:-WARN}
exec java ${JAVA_OPTS:-} -Xmx1g -XX:-DontCompileHugeMethods -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.showfloor.bench.SearchBench "$@"
