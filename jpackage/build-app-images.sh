#!/usr/bin/env bash
# Builds self-contained app images (each with its own Java runtime) of the node-agent and the
# console with jpackage, from the jars that `./mvnw package` produced. Output: jpackage/target/.
# Installers (.deb with a systemd unit, and the rest of packaging) build on these images.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: jpackage/build-app-images.sh [--skip-build] [--dry-run]
  --skip-build  use the jars already in node-agent/target and desktop/target
  --dry-run     print the jpackage commands without running them
TXT
}

skip_build=false dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --dry-run) dry_run=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-app-images.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/jdk.sh
. scripts/lib/jdk.sh
smollama_find_jdk
jpackage="$JAVA_HOME/bin/jpackage"
[ -x "$jpackage" ] || { echo "jpackage is missing from the JDK at $JAVA_HOME" >&2; exit 1; }

$skip_build || ./mvnw -B -q -DskipTests package
version=$(sed -n 's/^version=//p' node-agent/target/classes/io/smollama/node/build.properties | sed 's/-SNAPSHOT//')
out=jpackage/target
run() { if $dry_run; then printf '%q ' "$@"; echo; else "$@"; fi; }

image() { # name, module dir, main jar, java options
  local name=$1 module=$2 jar=$3 opts=$4 input="$out/input-$1"
  run rm -rf "$input" "$out/$name"
  run mkdir -p "$input"
  run cp -r "$module/target/$jar" "$module/target/lib" "$input/"
  run "$jpackage" --type app-image --name "$name" --app-version "$version" --vendor Smollama \
      --input "$input" --main-jar "$jar" --java-options "$opts" --dest "$out"
}

image smollama-node node-agent smollama-node.jar "-XX:+UseSerialGC -Xms32m -Xmx256m"
image smollama-console desktop smollama-console.jar "--enable-native-access=ALL-UNNAMED"
$dry_run || du -sh "$out/smollama-node" "$out/smollama-console"
