#!/usr/bin/env bash
# Exercises every script's --help and --dry-run path and asserts on the printed plan: install.sh on
# a fake Raspberry Pi (Debian 12), on Ubuntu with --minimal and on macOS; setup-pi.sh with a fake
# config.txt (and again once its lines are there: nothing to do); start.sh, jpackage/build.sh and
# jpackage/test-deb.sh. Changes nothing on this machine. Run by .ci/run.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/test-scripts.sh
  Runs each script's --help and dry run with faked platform files and checks the plans they print.
TXT
}
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  '') ;;
  *) echo "test-scripts.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0 checks=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect NAME OUTPUT-FILE [+PATTERN | -PATTERN]...: + must appear, - must not
expect() {
  local name=$1 out=$2 p
  shift 2
  for p in "$@"; do
    checks=$((checks + 1))
    case "$p" in
      +*) grep -qF -- "${p#+}" "$out" || fail "$name: expected '${p#+}' in:"$'\n'"$(cat "$out")" ;;
      -*) ! grep -qF -- "${p#-}" "$out" || fail "$name: did not expect '${p#-}' in:"$'\n'"$(cat "$out")" ;;
    esac
  done
}
run() { # name, output file, command...: must exit 0
  local name=$1 out=$2
  shift 2
  checks=$((checks + 1))
  "$@" >"$out" 2>&1 || fail "$name exited $?:"$'\n'"$(cat "$out")"
}

scripts=(scripts/install.sh scripts/setup-pi.sh scripts/start.sh scripts/test.sh scripts/test-scripts.sh
         scripts/console-screenshots.sh scripts/console-bench.sh jpackage/build.sh jpackage/test-deb.sh)
for s in "${scripts[@]}"; do
  run "$s --help" "$tmp/help" bash "$s" --help
  expect "$s --help" "$tmp/help" "+Usage:"
done
run "smollama-node --help" "$tmp/help" scripts/smollama-node --help
expect "smollama-node --help" "$tmp/help" "+Usage:"
checks=$((checks + 1))
if bash scripts/install.sh --no-such-flag >"$tmp/out" 2>&1; then fail "install.sh accepted an unknown flag"; fi

# --- fake platforms
echo 'Raspberry Pi 5 Model B Rev 1.0' | tr '\n' '\0' >"$tmp/pi-model"
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' >"$tmp/debian12"
printf 'ID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\nVERSION_CODENAME=noble\n' >"$tmp/ubuntu"
mkdir -p "$tmp/home"
fake_pi=(env HOME="$tmp/home" SMOLLAMA_DT_MODEL_FILE="$tmp/pi-model" SMOLLAMA_OS_RELEASE_FILE="$tmp/debian12" SMOLLAMA_UNAME=Linux)

# install.sh on a Pi: the platform, a config for the user, Mosquitto, Ollama and the models
run "install.sh --dry-run (Pi)" "$tmp/out" "${fake_pi[@]}" bash scripts/install.sh --dry-run --role hub
expect "install.sh --dry-run (Pi)" "$tmp/out" "+Platform: Raspberry Pi 5 Model B Rev 1.0, debian 12 (bookworm)" \
  "+would: write a starting configuration $tmp/home/.smollama/smollama.yaml" "+osquitto" \
  "+Ollama" "+pull the configured models (smollama-node models pull)" "+Dry run: nothing was changed"
[ ! -e "$tmp/home/.smollama" ] || fail "install.sh --dry-run wrote $tmp/home/.smollama"
checks=$((checks + 1))

# an existing config is kept (idempotent)
mkdir -p "$tmp/home/.smollama" && echo "node: {role: node}" >"$tmp/home/.smollama/smollama.yaml"
run "install.sh --dry-run (config exists)" "$tmp/out" "${fake_pi[@]}" bash scripts/install.sh --dry-run --minimal
expect "install.sh --dry-run (config exists)" "$tmp/out" "+ok: configuration $tmp/home/.smollama/smollama.yaml" \
  "-write a starting configuration" "-osquitto" "-Ollama" "-models pull"
rm -rf "$tmp/home/.smollama"

# --no-llm keeps Mosquitto, drops Ollama
run "install.sh --dry-run --no-llm" "$tmp/out" "${fake_pi[@]}" bash scripts/install.sh --dry-run --no-llm
expect "install.sh --dry-run --no-llm" "$tmp/out" "+osquitto" "-Ollama" "-models pull"

# the service from a given .deb on Ubuntu: no JDK needed, the package writes /etc/smollama
run "install.sh --dry-run --deb (Ubuntu)" "$tmp/out" env HOME="$tmp/home" SMOLLAMA_DT_MODEL_FILE="$tmp/none" \
  SMOLLAMA_OS_RELEASE_FILE="$tmp/ubuntu" SMOLLAMA_UNAME=Linux bash scripts/install.sh --dry-run --minimal --deb "$tmp/smollama-node_9.9.9_arm64.deb"
expect "install.sh --dry-run --deb (Ubuntu)" "$tmp/out" "+Platform: ubuntu 24.04 (noble)" \
  "+would: install smollama-node from $tmp/smollama-node_9.9.9_arm64.deb" "+the package writes /etc/smollama/smollama.yaml" \
  "-Raspberry Pi" "-mvnw"

# macOS: Homebrew for Mosquitto and Ollama; --service is refused
run "install.sh --dry-run (macOS)" "$tmp/out" env HOME="$tmp/home" SMOLLAMA_UNAME=Darwin bash scripts/install.sh --dry-run
expect "install.sh --dry-run (macOS)" "$tmp/out" "+Platform: macOS" "+osquitto" "+Ollama"
checks=$((checks + 1))
if env HOME="$tmp/home" SMOLLAMA_UNAME=Darwin bash scripts/install.sh --dry-run --service >"$tmp/out" 2>&1; then
  fail "install.sh --service on macOS did not refuse"
fi

# setup-pi.sh: interfaces in config.txt, journald drop-in, kiosk autostart
printf '# firmware settings\n' >"$tmp/config.txt"
mkdir -p "$tmp/pihome/pi/.config/labwc"
fake_setup=("${fake_pi[@]}" SMOLLAMA_BOOT_CONFIG="$tmp/config.txt" SMOLLAMA_ETC="$tmp/etc" SMOLLAMA_HOME_ROOT="$tmp/pihome")
run "setup-pi.sh --dry-run" "$tmp/out" "${fake_setup[@]}" bash scripts/setup-pi.sh --dry-run --no-service \
  --i2c --spi --onewire --journal-max 100M --kiosk --console-deb "$tmp/smollama-console_9.9.9_arm64.deb" --kiosk-user pi --node http://pi-1:8080
if command -v raspi-config >/dev/null 2>&1; then
  expect "setup-pi.sh --dry-run" "$tmp/out" "+raspi-config nonint"
else
  expect "setup-pi.sh --dry-run" "$tmp/out" "+add 'dtparam=i2c_arm=on' to $tmp/config.txt" "+add 'dtparam=spi=on'" \
    "+add 'dtoverlay=w1-gpio,gpiopin=4'" "+load i2c-dev at boot"
fi
expect "setup-pi.sh --dry-run" "$tmp/out" "+Platform: Raspberry Pi 5" "+cap the journal at 100M ($tmp/etc/systemd/journald.conf.d/smollama.conf)" \
  "+would: install smollama-console from $tmp/smollama-console_9.9.9_arm64.deb" \
  "+start the console in kiosk mode at login ($tmp/pihome/pi/.config/autostart/smollama-console.desktop)" \
  "+start the console from labwc's autostart" "+smollama-console --kiosk --node http://pi-1:8080" "-smollama-node from"
grep -q 'i2c' "$tmp/config.txt" && fail "setup-pi.sh --dry-run changed config.txt"
checks=$((checks + 1))

# once the lines and files are in place, a re-run has nothing to do for them
printf '[all]\ndtparam=i2c_arm=on\ndtparam=spi=on\n' >>"$tmp/config.txt"
mkdir -p "$tmp/etc/systemd/journald.conf.d"
printf '[Journal]\nSystemMaxUse=100M\nSystemMaxFileSize=32M\nMaxRetentionSec=1month\n' >"$tmp/etc/systemd/journald.conf.d/smollama.conf"
run "setup-pi.sh --dry-run (again)" "$tmp/out" "${fake_setup[@]}" bash scripts/setup-pi.sh --dry-run --no-service --i2c --spi --journal-max 100M
if ! command -v raspi-config >/dev/null 2>&1; then
  expect "setup-pi.sh --dry-run (again)" "$tmp/out" "+ok: enable i2c (dtparam=i2c_arm=on in $tmp/config.txt)" \
    "+ok: enable spi" "-add 'dtparam"
fi
expect "setup-pi.sh --dry-run (again)" "$tmp/out" "+ok: journald limits" "-cap the journal"

# start.sh: the flags reach the agent
run "start.sh --dry-run" "$tmp/out" env -u DISPLAY -u WAYLAND_DISPLAY bash scripts/start.sh --dry-run --port 9999 --role hub -v
expect "start.sh --dry-run" "$tmp/out" "+SMOLLAMA_HTTP_PORT=9999" "+SMOLLAMA_NODE_ROLE=hub" "+--log-level debug run" \
  "+not start the console"
run "start.sh --dry-run (display)" "$tmp/out" env DISPLAY=:99 bash scripts/start.sh --dry-run --no-demo -c "$tmp/x.yaml"
expect "start.sh --dry-run (display)" "$tmp/out" "+would: start the console" "+run -c $tmp/x.yaml" "-SIMULATED"
run "start.sh --dry-run --headless" "$tmp/out" env DISPLAY=:99 bash scripts/start.sh --dry-run --headless
expect "start.sh --dry-run --headless" "$tmp/out" "+not start the console"
checks=$((checks + 1))
if bash scripts/start.sh --port 99999 >"$tmp/out" 2>&1; then fail "start.sh accepted --port 99999"; fi

# packaging
run "jpackage/build.sh --dry-run" "$tmp/out" bash jpackage/build.sh --dry-run --skip-build --type app-image
expect "jpackage/build.sh --dry-run" "$tmp/out" "+jlink" "+--type app-image" "+--name smollama-node" "+--name smollama-console" \
  "+--main-jar smollama-node.jar"
run "jpackage/test-deb.sh --dry-run" "$tmp/out" bash jpackage/test-deb.sh --dry-run
expect "jpackage/test-deb.sh --dry-run" "$tmp/out" "+dpkg -i smollama-node" "+dpkg -P"

if [ "$failures" -gt 0 ]; then
  echo "test-scripts: $failures of $checks checks failed" >&2
  exit 1
fi
echo "test-scripts: all $checks checks passed"
