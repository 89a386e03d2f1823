#!/usr/bin/env bash
# Starts a node-agent with simulated sensors on a free loopback port (fresh data directory) and the
# console under Xvfb, and writes a PNG of every screen in light and dark, and of kiosk mode.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/console-screenshots.sh [options]
  -o, --out DIR     where to write the PNGs (default docs/screenshots)
  --warmup SECONDS  how long the node samples before the console starts (default 30)
  --size WxH        window size (default 1280x800)
  -h, --help        this text
The node gets demo sensors, GPIO pins (mock provider), a few memories, observations from a
10 s observation interval and a chat question (answered with "Ollama is missing").
Needs xvfb-run and curl (apt-get install xvfb libgtk-3-0 curl). Builds first when the build is missing or stale.
TXT
}

out=docs/screenshots warmup=30 size=1280x800
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--out) out="${2:?--out needs a directory}"; shift ;;
    --warmup)
      warmup="${2:?--warmup needs seconds}"; shift
      case "$warmup" in ''|*[!0-9]*) echo "console-screenshots.sh: --warmup needs whole seconds, got '$warmup'" >&2; exit 2 ;; esac ;;
    --size)
      size="${2:?--size needs WxH}"; shift
      case "$size" in [0-9]*x[0-9]*) ;; *) echo "console-screenshots.sh: --size needs WxH like 1280x800, got '$size'" >&2; exit 2 ;; esac ;;
    -h|--help) usage; exit 0 ;;
    *) echo "console-screenshots.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for tool in xvfb-run curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "console-screenshots.sh: $tool is missing; install it with: apt-get install -y xvfb libgtk-3-0 curl" >&2
    exit 1
  fi
done
# shellcheck source=lib/jdk.sh
. scripts/lib/jdk.sh
# shellcheck source=lib/console-java.sh
. scripts/lib/console-java.sh
smollama_find_jdk
java="$JAVA_HOME/bin/java"

agent_jar=node-agent/target/smollama-node.jar
console_jar=desktop/target/smollama-console.jar
if [ ! -f "$agent_jar" ] || [ ! -f "$console_jar" ] \
   || [ -n "$(find pom.xml common node-agent/pom.xml node-agent/src desktop/pom.xml desktop/src -newer "$console_jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "Building Smollama (first run or sources changed)..." >&2
  ./mvnw -B -q -DskipTests package
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/smollama-shots.XXXXXX")
agent_pid=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$agent_pid" ]; then
    kill "$agent_pid" 2>/dev/null || true
    wait "$agent_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup INT TERM EXIT

# A demo node with something on every screen: sensors, GPIO pins on Pi4J's mock provider (Control),
# a short observation interval so the statistical observer writes observations during the warm-up,
# no LLM retries (Chat shows at once that Ollama is missing), and nothing on fixed ports or mDNS.
cat > "$work/smollama.yaml" <<YAML
node:
  name: greenhouse-1
  role: hub
http:
  host: 127.0.0.1
  port: 0
storage:
  path: $work/data
plugins:
  system:
    interval: 2s
  simulated:
    enabled: true
    interval: 1s
  gpio:
    pins:
      - {pin: 17, name: door, mode: input, pull: up}
      - {pin: 27, name: fan, mode: output}
      - {pin: 22, name: valve, mode: output}
observe:
  interval: 10s
  min_interval: 10s
  lookback: 5m
agent:
  retries: 0
mqtt:
  embedded: "false"
discovery:
  enabled: false
YAML

log="$work/agent.log"
"$java" -XX:+UseSerialGC -Xmx256m "${agent_java_opts[@]}" -jar "$agent_jar" run -c "$work/smollama.yaml" >"$log" 2>&1 &
agent_pid=$!
url=""
for _ in $(seq 1 600); do
  url=$(sed -n 's/.* ready at \(http[^ ]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$url" ] && break
  if ! kill -0 "$agent_pid" 2>/dev/null; then
    echo "The node-agent did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
[ -n "$url" ] || { echo "The node-agent did not become ready within 60 s; see $log" >&2; exit 1; }
echo "node-agent at $url; adding memories and a chat, sampling for $warmup s ..." >&2
token=$(cat "$work/data/api-token")
api() { # METHOD PATH JSON: a call with the node's token; its answer is not needed
  curl -sS -o /dev/null -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data "$3" "$url$2" || echo "console-screenshots.sh: $1 $2 failed" >&2
}
for fact in "The greenhouse fan is on GPIO 27 and runs when it is above 28 °C" \
            "The door sensor on GPIO 17 reads 0 when the door is open" \
            "Watering happens at 06:00 and 18:00 through the valve on GPIO 22" \
            "Humidity above 85 % for an hour means the vents should open"; do
  api POST /api/memories "{\"fact\": \"$fact\", \"confidence\": 0.9}"
done
api POST /api/actuators/gpio:fan.set '{"state": true}'
api POST /api/chat '{"message": "Is the greenhouse too warm?"}'
sleep "$warmup"

mkdir -p "$out"
smollama_console_opts "$java"
width=${size%x*} height=${size#*x}
run_console() {
  xvfb-run -a -s "-screen 0 ${width}x${height}x24" \
    "$java" "${console_java_opts[@]}" -Dprism.order=sw -jar "$console_jar" \
      --node "$url" --token-file "$work/data/api-token" --config-dir "$work/console-$1" \
      --screenshots "$out" --no-discovery "${@:2}"
}
printf '{"width": %s, "height": %s}\n' "$width" "$height" > "$work/layout.json"
for mode in normal kiosk; do
  mkdir -p "$work/console-$mode"
  cp "$work/layout.json" "$work/console-$mode/console.json"
done
run_console normal
run_console kiosk --kiosk --kiosk-seconds 3600
echo "Screenshots in $out:" >&2
ls -1 "$out" >&2
