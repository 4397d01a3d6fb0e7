#!/usr/bin/env bash
# Builds the test classes and runs the chat fan-out benchmark: N WebSocket viewers on one show of one
# node, chat messages POSTed at a fixed rate, delivery latency measured at every viewer.
# Arguments: viewers rate seconds warmup (defaults 2000 200 60 20), e.g. `bench/run-chat.sh 2000 200 300`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java ${JAVA_OPTS:-} -Xms2g -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.showfloor.bench.ChatFanOutBenchmark "$@"
