#!/usr/bin/env bash
# Builds the test classes and runs the bare matching-engine benchmark (JMH, 1 fork,
# 2 warmup x 2 s, 3 measurements x 3 s as set on OrderBookBenchmark). Extra arguments are JMH
# options, e.g. `bench/run-engine.sh -prof gc` for allocation per command.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath -Dskip.web=true \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.showfloor.bench.OrderBookBenchmark "$@"
