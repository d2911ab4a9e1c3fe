#!/bin/sh
# JVM start to ready of the packaged operator, median of N starts (docs/benchmarks.md, "Operator start-up").
#   operator/bench/startup.sh            # 5 starts
#   OPERATOR_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java operator/bench/startup.sh
#   BENCH_TRAIN="-XX:AOTCacheOutput=/tmp/op.aot" BENCH_OPERATOR_JVM_EXTRA="-XX:AOTCache=/tmp/op.aot" ...
# The operator runs with the image's JVM flags (operator/Dockerfile) under the chart's 512 MiB limit,
# plus BENCH_OPERATOR_JVM_EXTRA; OPERATOR_JAVA picks its JDK (default: the java on PATH); BENCH_TRAIN
# adds a training run with those flags first. BENCH_SKIP_BUILD=1 reuses the last build.
set -eu
cd "$(dirname "$0")/../.."
usage() { echo "usage: operator/bench/startup.sh [RUNS]   (RUNS: a positive number of starts, default 5)" >&2; exit 2; }
[ $# -le 1 ] || usage
runs=${1:-5}
case $runs in ''|*[!0-9]*|0) usage ;; esac
mvn="./mvnw -B -q -ntp -f operator/pom.xml"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  $mvn package -DskipTests -Dquarkus.profile=bench -Dquarkus.package.output-directory=bench
  $mvn dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
cp="operator/target/test-classes:operator/target/classes:$(cat operator/target/bench-classpath.txt)"
exec java -Xmx512m -cp "$cp" dev.todo.operator.bench.OperatorStartupBenchmark operator/target/bench/quarkus-run.jar \
  examples/todoapp-dev.yaml "$runs"
