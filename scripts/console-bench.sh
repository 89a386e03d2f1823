#!/usr/bin/env bash
# The console's chart benchmark: one chart with 1,000,000 points, live updates at 25 Hz for ~20 s,
# software rendering under Xvfb; prints frame time p50/p99/max.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/console-bench.sh [--seconds N]
  --seconds N   how long to measure after a 2 s warm-up (default 20)
  -h, --help    this text
Needs xvfb-run (apt-get install xvfb libgtk-3-0) unless a display is set and --no-xvfb is given.
  --no-xvfb     draw on the current display instead
TXT
}

seconds=20 xvfb=true
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds)
      seconds="${2:?--seconds needs a number}"; shift
      case "$seconds" in ''|*[!0-9]*) echo "console-bench.sh: --seconds needs whole seconds, got '$seconds'" >&2; exit 2 ;; esac ;;
    --no-xvfb) xvfb=false ;;
    -h|--help) usage; exit 0 ;;
    *) echo "console-bench.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=lib/jdk.sh
. scripts/lib/jdk.sh
# shellcheck source=lib/console-java.sh
. scripts/lib/console-java.sh
smollama_find_jdk
java="$JAVA_HOME/bin/java"
console_jar=desktop/target/smollama-console.jar
if [ ! -f "$console_jar" ] \
   || [ -n "$(find pom.xml common desktop/pom.xml desktop/src -newer "$console_jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "Building Smollama (first run or sources changed)..." >&2
  ./mvnw -B -q -DskipTests package
fi
smollama_console_opts "$java"
cmd=("$java" "${console_java_opts[@]}" -Dprism.order=sw -cp "$console_jar:desktop/target/lib/*"
     io.smollama.desktop.charts.ChartBench "--seconds=$seconds")
if $xvfb; then
  if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "console-bench.sh: xvfb-run is missing; install it with: apt-get install -y xvfb libgtk-3-0" >&2
    exit 1
  fi
  xvfb-run -a -s "-screen 0 1280x800x24" "${cmd[@]}" 2>&1 | grep -v '^SLF4J'
else
  "${cmd[@]}" 2>&1 | grep -v '^SLF4J'
fi
