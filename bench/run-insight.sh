#!/usr/bin/env bash
# Builds the test classes and runs InsightBenchmark on its own node (target/bench-insight): training
# time of one instrument's direction model on 100k trades, memory per loaded model, prediction
# latency over HTTP cold and from the cache. Arguments: trades=100000 cold=60 warm=5000.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -Dskip.web=true test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -XX:-DontCompileHugeMethods -Dlogback.configurationFile=bench/logback-quiet.xml \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.showfloor.bench.InsightBenchmark "$@"
