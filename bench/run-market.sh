#!/usr/bin/env bash
# Builds the test classes and runs the end-to-end market benchmark: orders over HTTP with
# persistence on one node (embedded PostgreSQL/Redis). Arguments: symbols=4 traders=400
# concurrency=64 seconds=20, or rate=N for a fixed open-loop load. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# -XX:-DontCompileHugeMethods as in docker/Dockerfile: the contract's schema validator is one huge method
exec java ${JAVA_OPTS:-} -Xmx2g -XX:-DontCompileHugeMethods -Dhazelcast.logging.type=slf4j -Dlogback.configurationFile=bench/logback-quiet.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.showfloor.bench.MarketBenchmark "$@"
