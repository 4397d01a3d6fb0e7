#!/usr/bin/env bash
# Bids per second, delivery latency and CPU per bid on a cluster of 1, 2 and 3 node JVMs on this
# machine (one PostgreSQL and one Redis process, Hazelcast on loopback), then the time from a node's
# death to full service (SIGKILL under load; its market book moves to a survivor). One run per size;
# arguments pass through to io.showfloor.bench.ClusterBenchmark (seconds=20 warmup=10 concurrency=32
# lots=40 viewers=100). Output: bench/results-cluster-<date>.txt. See docs/SCALING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath -Dskip.web=true \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# access logs off in the nodes (they inherit the environment): the console is not what we measure
export LOG_LEVEL=${LOG_LEVEL:-WARN}
out="bench/results-cluster-$(date -u +%Y%m%d-%H%M).txt"
for nodes in ${NODES:-1 2 3}; do
  echo "==== $(date -u +%FT%TZ) nodes=$nodes $*" | tee -a "$out"
  java ${JAVA_OPTS:-} -Xmx1g -Dcluster.jvm.full=true -Dlogback.configurationFile=bench/logback-quiet.xml \
      -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
      io.showfloor.bench.ClusterBenchmark "nodes=$nodes" "$@" 2>&1 | grep --line-buffered -v '^{' | tee -a "$out"
done
echo "results in $out"
