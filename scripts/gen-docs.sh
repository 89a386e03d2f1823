#!/usr/bin/env bash
# Regenerates the reference documents in docs/ from the code:
#   docs/configuration.md  from the config schema (NodeSchema and the built-in plugins' schemas)
#   docs/api.md            from the OpenAPI document (node-agent/src/main/resources/io/smollama/node/http/openapi.yaml)
# Run it after changing either; DocsUpToDateTest fails the build while they differ.
# Usage: scripts/gen-docs.sh [extra Maven options, e.g. -o]
set -euo pipefail
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/jdk.sh
. "$root/scripts/lib/jdk.sh"
smollama_find_jdk
cd "$root"
echo "Building the node-agent ..." >&2
./mvnw -B -q -pl node-agent -am package -DskipTests "$@"
jar="$root/node-agent/target/smollama-node.jar"
"$JAVA_HOME/bin/java" "${agent_java_opts[@]}" -jar "$jar" docs config -o "$root/docs/configuration.md"
"$JAVA_HOME/bin/java" "${agent_java_opts[@]}" -jar "$jar" docs api -o "$root/docs/api.md"
echo "Wrote docs/configuration.md and docs/api.md" >&2
