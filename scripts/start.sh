#!/usr/bin/env bash
# Starts a Smollama node-agent on embedded defaults (system + simulated sensors, http://127.0.0.1:8080)
# and, when a display exists, the operator console. Builds first when the build is missing or stale.
# Ctrl-C stops what this script started.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/start.sh [options]
  --headless        start only the node-agent, never the console
  --port N          HTTP port of the node-agent (default: http.port of the config, else 8080)
  --role ROLE       hub, node or edge (default node)
  -c, --config FILE use this smollama.yaml instead of the embedded defaults
  --no-demo         do not enable the simulated demo sensors
  -v, --verbose     debug logging
  -h, --help        this text
TXT
}

headless=false port="" role="" config="" demo=true loglevel=info
while [ $# -gt 0 ]; do
  case "$1" in
    --headless) headless=true ;;
    --port)
      port="${2:?--port needs a number}"; shift
      case "$port" in
        ''|*[!0-9]*) echo "start.sh: --port needs a number from 0 to 65535, got '$port'" >&2; exit 2 ;;
      esac
      if [ "${#port}" -gt 5 ] || [ "$port" -gt 65535 ]; then
        echo "start.sh: --port needs a number from 0 to 65535, got '$port'" >&2; exit 2
      fi ;;
    --role) role="${2:?--role needs hub, node or edge}"; shift ;;
    -c|--config) config="${2:?--config needs a file}"; shift ;;
    --no-demo) demo=false ;;
    -v|--verbose) loglevel=debug ;;
    -h|--help) usage; exit 0 ;;
    *) echo "start.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=lib/jdk.sh
. scripts/lib/jdk.sh
smollama_find_jdk
java="$JAVA_HOME/bin/java"

agent_jar=node-agent/target/smollama-node.jar
console_jar=desktop/target/smollama-console.jar
if [ ! -f "$agent_jar" ] || [ ! -f "$console_jar" ] \
   || [ -n "$(find pom.xml common node-agent/pom.xml node-agent/src desktop/pom.xml desktop/src -newer "$agent_jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "Building Smollama (first run or sources changed)..." >&2
  ./mvnw -B -q -DskipTests package
fi

args=(--log-level "$loglevel" run)
[ -n "$config" ] && args+=(-c "$config")
[ -n "$port" ] && export SMOLLAMA_HTTP_PORT="$port"
[ -n "$role" ] && export SMOLLAMA_NODE_ROLE="$role"
if $demo && [ -z "${SMOLLAMA_PLUGINS_SIMULATED_ENABLED:-}" ]; then
  export SMOLLAMA_PLUGINS_SIMULATED_ENABLED=true
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup INT TERM EXIT

log=$(mktemp "${TMPDIR:-/tmp}/smollama-agent.XXXXXX.log")
# Small-device JVM settings: serial GC and a modest heap keep the agent near 100 MB RSS idle.
# Override with SMOLLAMA_JAVA_OPTS (word-split on purpose).
# shellcheck disable=SC2086
"$java" ${SMOLLAMA_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m} "${agent_java_opts[@]}" -jar "$agent_jar" "${args[@]}" \
  > >(trap '' INT TERM; tee -a "$log") 2>&1 &
agent_pid=$!
pids+=("$agent_pid")

# The agent prints "ready at URL" once it serves: the URL is the one it really bound, whatever
# port the flags, the config file or the environment chose.
echo "Waiting for the node-agent to be ready ..." >&2
url=""
for _ in $(seq 1 600); do
  url=$(sed -n 's/.* ready at \(http[^ ]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$url" ] && break
  if ! kill -0 "$agent_pid" 2>/dev/null; then
    echo "The node-agent did not start; see the messages above (also in $log)." >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "The node-agent did not become ready within 60 s; see $log." >&2
  exit 1
fi

cat <<TXT
Smollama node-agent is up.
  API:        $url/api/health
  OpenAPI:    $url/openapi
  WebSocket:  ${url/http/ws}/ws
  Status:     scripts/smollama-node status --url $url
  Log:        $log
Press Ctrl-C to stop.
TXT

if ! $headless && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  # shellcheck source=lib/console-java.sh
  . scripts/lib/console-java.sh
  smollama_console_opts "$java"
  console_args=(--node "$url")
  # the agent's token file, as its ready line names it (whatever config chose it): the console can
  # then change things on this node; without it (a token set in the config) it is read-only there
  token_file=$(sed -n 's/.*API token file: \(.*\)$/\1/p' "$log" | head -n 1)
  if [ -n "$token_file" ] && [ -r "$token_file" ]; then
    console_args+=(--token-file "$token_file")
  fi
  "$java" "${console_java_opts[@]}" -jar "$console_jar" "${console_args[@]}" &
  pids+=("$!")
  echo "  Console:    started (pid $!)"
fi

wait "$agent_pid"
