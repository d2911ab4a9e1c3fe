#!/bin/sh
# Prints every object the operator would create for the TodoApps in a manifest, offline:
#   operator/render.sh -f examples/todoapp-dev.yaml
# Builds the operator first when its jar is missing.
set -e
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$jar" ]; then
  (cd "$here/.." && ./mvnw -B -q -ntp -pl operator package -DskipTests) >&2
fi
exec java -jar "$jar" render "$@"
