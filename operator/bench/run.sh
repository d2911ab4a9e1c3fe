#!/bin/sh
# The operator-core benchmark against fabric8's mock API server (docs/benchmarks.md, "Operator (mock server)").
#   operator/bench/run.sh            # N = 100 and 1000
#   operator/bench/run.sh 10 100     # other sizes
# Builds the production operator jar in a "bench" profile that differs only by server-side apply off
# (the mock server rejects it), and a harness that plays API server, kubelet and load generator.
# JVM flags of the operator process: BENCH_OPERATOR_JVM (default: the image's, read from
# operator/Dockerfile, under the chart's 512 MiB memory limit: -XX:MaxRAM=512m). OPERATOR_JAVA: the java
# that runs the operator (default: the java on PATH), e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java.
# BENCH_SKIP_BUILD=1 reuses the last build; BENCH_HISTOGRAM=1 prints the operator's heap histogram at Ready.
set -eu
cd "$(dirname "$0")/../.."
sizes=${*:-100 1000}
for n in $sizes; do
  case $n in *[!0-9]*|0) echo "usage: operator/bench/run.sh [N...]   (each N a positive number of TodoApps; default 100 1000)" >&2; exit 2 ;; esac
done
mvn="./mvnw -B -q -ntp -f operator/pom.xml"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  $mvn package -DskipTests -Dquarkus.profile=bench -Dquarkus.package.output-directory=bench
  $mvn dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
cp="operator/target/test-classes:operator/target/classes:$(cat operator/target/bench-classpath.txt)"
exec java -Xmx2g -Dbench.operatorJvm="${BENCH_OPERATOR_JVM:-}" -cp "$cp" \
  dev.todo.operator.bench.OperatorBenchmark operator/target/bench/quarkus-run.jar \
  examples/todoapp-dev.yaml $sizes
