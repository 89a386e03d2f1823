#!/usr/bin/env bash
# Runs every test of Smollama: unit tests, integration tests that start real servers on loopback,
# and the process-level crash test. Usage: scripts/test.sh [extra Maven arguments]
set -euo pipefail
case "${1:-}" in
  -h|--help)
    echo "Usage: scripts/test.sh [extra Maven arguments]   (./mvnw -B verify with a JDK 21+)"
    exit 0 ;;
esac
cd "$(dirname "$0")/.."
# shellcheck source=lib/jdk.sh
. scripts/lib/jdk.sh
smollama_find_jdk
echo "Using JDK at $JAVA_HOME" >&2
exec ./mvnw -B verify "$@"
