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
  --dry-run         print what would be started (build, agent, console) and exit
  -h, --help        this text
TXT
}

headless=false port="" role="" config="" demo=true loglevel=info dry_run=false
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
    --role)
      role="${2:?--role needs hub, node or edge}"; shift
      case "$role" in hub|node|edge|llama|alpaca) ;; *) echo "start.sh: --role needs hub, node or edge, got '$role'" >&2; exit 2 ;; esac ;;
    -c|--config) config="${2:?--config needs a file}"; shift ;;
    --no-demo) demo=false ;;
    -v|--verbose) loglevel=debug ;;
    --dry-run) dry_run=true ;;
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
with_console=false
if ! $headless && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then with_console=true; fi
if $dry_run; then
  args=(--log-level "$loglevel" run)
  [ -n "$config" ] && args+=(-c "$config")
  env_line=""
  [ -n "$port" ] && env_line+="SMOLLAMA_HTTP_PORT=$port "
  [ -n "$role" ] && env_line+="SMOLLAMA_NODE_ROLE=$role "
  $demo && env_line+="SMOLLAMA_PLUGINS_SIMULATED_ENABLED=true "
  echo "would: build when $agent_jar or $console_jar is missing or older than the sources (./mvnw -B -q -DskipTests package)"
  # shellcheck disable=SC2086
  echo "would: start the node-agent: ${env_line}$JAVA_HOME/bin/java ${SMOLLAMA_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m} -jar $agent_jar ${args[*]}"
  echo "would: wait for its ready line and GET /api/health, then print the URLs"
  if $with_console; then
    echo "would: start the console: java (JavaFX module path) -jar $console_jar --node <the agent's URL> --token-file <its token file>"
  else
    echo "would: not start the console (--headless, or no DISPLAY/WAYLAND_DISPLAY)"
  fi
  echo "would: stop both on Ctrl-C"
  exit 0
fi
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

health=""
if command -v curl >/dev/null 2>&1; then
  for _ in $(seq 1 50); do
    health=$(curl -fsS "$url/api/health" 2>/dev/null | sed -n 's/^{"status":"\([a-z]*\)".*/\1/p') && [ -n "$health" ] && break
    sleep 0.1
  done
fi
cat <<TXT
Smollama node-agent is up${health:+ (health: $health)}.
  API:        $url/api/health
  OpenAPI:    $url/openapi
  WebSocket:  ${url/http/ws}/ws
  Status:     scripts/smollama-node status --url $url
  Log:        $log
Press Ctrl-C to stop.
TXT

if $with_console; then
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
