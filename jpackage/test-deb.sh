#!/usr/bin/env bash
# Tests the .deb packages on this machine: builds both (unless --no-build), checks their contents
# and metadata, installs the node-agent package, starts the agent from the installed files as the
# smollama user (without systemd), checks /api/health and a clean SIGTERM stop, reinstalls (the
# upgrade path keeps config and data), removes (config and data kept) and purges (gone).
# Needs root, dpkg and a machine without smollama-node installed; leaves the machine as it found it.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: jpackage/test-deb.sh [--no-build] [--console] [--dry-run]
  --no-build   test the .deb files already in jpackage/target
  --console    also start the installed console under Xvfb (needs xvfb-run and GTK 3)
  --dry-run    print the plan and exit
  -h, --help   this text
TXT
}

build=true console=false dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=false ;;
    --console) console=true ;;
    --dry-run) dry_run=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "test-deb.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if $dry_run; then
  cat <<'TXT'
plan: build jpackage/target/smollama-node_*.deb and smollama-console_*.deb (jpackage/build.sh)
plan: dpkg-deb -I and -c: control, maintainer scripts, launcher, runtime, systemd unit, desktop entry
plan: dpkg -i smollama-node; user smollama, /var/lib/smollama, /etc/smollama/smollama.yaml, /usr/bin/smollama-node
plan: setpriv (as smollama) smollama-node run -c /etc/smollama/smollama.yaml on a free port; GET /api/health
plan: SIGTERM, expect 'stopped cleanly'; dpkg -i again (upgrade keeps config and data)
plan: dpkg -r (config and data kept); dpkg -P (config, data and user removed)
TXT
  exit 0
fi
skip() { echo "test-deb: SKIPPED: $*" >&2; exit 0; }
[ "$(id -u)" = 0 ] || skip "needs root to install a package"
command -v dpkg >/dev/null 2>&1 || skip "needs dpkg (a Debian-based system)"
command -v setpriv >/dev/null 2>&1 || skip "needs setpriv (util-linux)"
command -v curl >/dev/null 2>&1 || skip "needs curl"
if dpkg-query -W -f '${Status}' smollama-node 2>/dev/null | grep -q installed; then
  skip "smollama-node is installed here already; this test would change it"
fi
if getent passwd smollama >/dev/null || [ -e /var/lib/smollama ] || [ -e /etc/smollama ]; then
  skip "a smollama user, /var/lib/smollama or /etc/smollama exists here already; this test would change it"
fi

fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }
ok() { echo "test-deb: ok: $*" >&2; }
agent_pid="" log="" ready_ms=""
cleanup() {
  if [ -n "$agent_pid" ] && kill -0 "$agent_pid" 2>/dev/null; then kill "$agent_pid" 2>/dev/null || true; wait "$agent_pid" 2>/dev/null || true; fi
  rm -rf /tmp/hsperfdata_smollama ${log:+"$log"} /tmp/smollama-test-deb.log /tmp/smollama-test-deb-console.log
  if dpkg-query -W -f '${Status}' smollama-node 2>/dev/null | grep -q 'ok installed\|config-files'; then
    dpkg -P smollama-node >/dev/null 2>&1 || true
  fi
  if dpkg-query -W -f '${Status}' smollama-console 2>/dev/null | grep -q 'ok installed\|config-files'; then
    dpkg -P smollama-console >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

started=$(date +%s)
if $build; then
  bash jpackage/build.sh --type deb
fi
node_deb=$(find jpackage/target -maxdepth 1 -name 'smollama-node_*.deb' | sort | tail -n 1)
console_deb=$(find jpackage/target -maxdepth 1 -name 'smollama-console_*.deb' | sort | tail -n 1)
if [ -z "$node_deb" ] || [ -z "$console_deb" ]; then fail "no .deb in jpackage/target (run jpackage/build.sh)"; fi

# --- contents and metadata
node_files=$(dpkg-deb -c "$node_deb" | awk '{print $NF}')
console_files=$(dpkg-deb -c "$console_deb" | awk '{print $NF}')
contains() { # deb, path pattern, what
  local files=$node_files
  [ "$1" = "$console_deb" ] && files=$console_files
  grep -q -- "$2" <<<"$files" || fail "$(basename "$1") has no $3 ($2)"
}
info=$(dpkg-deb -I "$node_deb")
for script in postinst prerm postrm; do
  grep -q " $script " <<<"$info" || fail "node-agent .deb has no $script"
done
grep -q 'Package: smollama-node' <<<"$info" || fail "node-agent package name"
if grep '^ Depends:' <<<"$info" | grep -q 'libx11\|libasound'; then
  fail "the node-agent depends on X11 or ALSA packages: $(grep '^ Depends:' <<<"$info")"
fi
contains "$node_deb" '^./opt/smollama-node/bin/smollama-node$' "launcher"
contains "$node_deb" '^./opt/smollama-node/lib/runtime/lib/server/libjvm.so$' "jlinked runtime"
contains "$node_deb" '^./opt/smollama-node/lib/share/smollama-node.service$' "systemd unit"
contains "$node_deb" '^./opt/smollama-node/lib/share/smollama.yaml$' "default configuration"
contains "$node_deb" '^./opt/smollama-node/lib/app/smollama-node.jar$' "application jar"
unit=$(dpkg-deb --fsys-tarfile "$node_deb" | tar -xO ./opt/smollama-node/lib/share/smollama-node.service)
for line in 'User=smollama' 'ExecStart=/opt/smollama-node/bin/smollama-node run -c /etc/smollama/smollama.yaml' \
            'Restart=on-failure' 'ProtectSystem=strict' 'PrivateTmp=yes' 'ReadWritePaths=/var/lib/smollama' \
            'NoNewPrivileges=yes' 'StateDirectory=smollama'; do
  grep -qx -- "$line" <<<"$unit" || fail "the systemd unit lacks '$line'"
done
cinfo=$(dpkg-deb -I "$console_deb")
grep -q 'Package: smollama-console' <<<"$cinfo" || fail "console package name"
contains "$console_deb" '^./opt/smollama-console/bin/smollama-console$' "console launcher"
contains "$console_deb" '^./opt/smollama-console/lib/smollama-console.*\.desktop$' "desktop entry"
contains "$console_deb" '^./opt/smollama-console/lib/smollama-console.png$' "icon"
contains "$console_deb" '^./opt/smollama-console/lib/runtime/lib/libglass.*\.so$\|^./opt/smollama-console/lib/runtime/lib/modules$' "runtime"
desktop=$(dpkg-deb --fsys-tarfile "$console_deb" | tar -xO ./opt/smollama-console/lib/smollama-console-smollama-console.desktop)
grep -q '^Categories=.*System' <<<"$desktop" || fail "the desktop entry has no menu category: $desktop"
ok "package contents and metadata"

# --- install
dpkg -i "$node_deb" >/tmp/smollama-test-deb.log 2>&1 || { cat /tmp/smollama-test-deb.log >&2; fail "dpkg -i"; }
getent passwd smollama | grep -q ':/var/lib/smollama:/usr/sbin/nologin$' || fail "user smollama: $(getent passwd smollama)"
[ "$(stat -c '%U %a' /var/lib/smollama)" = "smollama 750" ] || fail "/var/lib/smollama: $(stat -c '%U %a' /var/lib/smollama)"
[ -f /etc/smollama/smollama.yaml ] || fail "no /etc/smollama/smollama.yaml"
[ "$(readlink -f /usr/bin/smollama-node)" = /opt/smollama-node/bin/smollama-node ] || fail "smollama-node is not on PATH"
[ -f /lib/systemd/system/smollama-node.service ] || fail "the unit is not installed"
smollama-node --version >/dev/null || fail "smollama-node --version"
if command -v systemd-analyze >/dev/null 2>&1; then
  # the unit as systemd reads it (also where systemd does not run): keys, sections, the launcher
  verify=$(systemd-analyze verify /lib/systemd/system/smollama-node.service 2>&1 || true)
  [ -z "$verify" ] || fail "systemd-analyze verify smollama-node.service: $verify"
  ok "systemd-analyze verify accepts the unit"
fi
ok "installed: $(smollama-node --version | head -n 1)"

# --- console: installs (when its dependencies are here); with --console it starts under Xvfb
console_installed=false
if dpkg -i "$console_deb" >/tmp/smollama-test-deb.log 2>&1; then
  console_installed=true
  [ -x /opt/smollama-console/bin/smollama-console ] || fail "console launcher not installed"
  [ -f /usr/share/applications/smollama-console.desktop ] || fail "console desktop entry not installed"
else
  grep -q 'dependency problems' /tmp/smollama-test-deb.log || { cat /tmp/smollama-test-deb.log >&2; fail "dpkg -i console"; }
  echo "test-deb: the console's dependencies are missing here ($(grep -o 'depends on [^;]*' /tmp/smollama-test-deb.log | sort -u | tr '\n' ' ')); not installed" >&2
  dpkg -P smollama-console >/dev/null 2>&1 || true
fi
console_smoke() {
  $console_installed || return 0
  command -v xvfb-run >/dev/null || { echo "test-deb: no xvfb-run; the console is not started" >&2; return 0; }
  local shots
  shots=$(mktemp -d)
  # --screenshots visits every screen once it has live data from the node, writes PNGs and exits
  if HOME=$shots timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" /opt/smollama-console/bin/smollama-console \
      --node "http://127.0.0.1:$port" --no-discovery --config-dir "$shots/config" --screenshots "$shots" \
      >/tmp/smollama-test-deb-console.log 2>&1 && ls "$shots"/*.png >/dev/null 2>&1; then
    ok "the installed console started under Xvfb and wrote $(find "$shots" -name '*.png' | wc -l) screenshots"
  else
    cat /tmp/smollama-test-deb-console.log >&2
    rm -rf "$shots"
    fail "the installed console did not start"
  fi
  rm -rf "$shots" /tmp/smollama-test-deb-console.log
}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
start_agent() {
  log=$(mktemp /tmp/smollama-test-deb-agent.XXXXXX)
  chmod 644 "$log"
  launched=$(date +%s%N)
  # the installed launcher and config; only the port and address change (free port, loopback)
  # setpriv execs the agent as smollama (runuser would stay in between and SIGKILL it 2 s after a SIGTERM)
  setpriv --reuid smollama --regid smollama --init-groups \
    env HOME=/var/lib/smollama SMOLLAMA_HTTP_PORT="$port" SMOLLAMA_HTTP_HOST=127.0.0.1 SMOLLAMA_DISCOVERY_ENABLED=false \
      /usr/bin/smollama-node run -c /etc/smollama/smollama.yaml >"$log" 2>&1 &
  agent_pid=$!
  for _ in $(seq 1 300); do
    grep -q ' ready at ' "$log" && { ready_ms=$(( ($(date +%s%N) - launched) / 1000000 )); break; }
    kill -0 "$agent_pid" 2>/dev/null || { cat "$log" >&2; fail "the installed agent did not start"; }
    sleep 0.2
  done
  health=$(curl -fsS "http://127.0.0.1:$port/api/health") || { cat "$log" >&2; fail "GET /api/health"; }
  grep -q '^{"status":"\(ok\|degraded\)"' <<<"$health" || fail "health: $health"
}
stop_agent() {
  kill -TERM "$agent_pid"
  wait "$agent_pid" 2>/dev/null || true
  agent_pid=""
  grep -q 'stopped cleanly' "$log" || { cat "$log" >&2; fail "no clean stop on SIGTERM"; }
  rm -f "$log"
}
components() { # health JSON: status, then each component's status and detail
  python3 -c 'import json,sys; h=json.load(sys.stdin); print(h["status"] + "; " + "; ".join(k + " " + v["status"] + " (" + str(v.get("detail", "")) + ")" for k, v in sorted(h["components"].items())))' <<<"$1" 2>/dev/null || echo "$1"
}
start_agent
# the embedder loads in the background; give it a moment and report what health says
for _ in $(seq 1 120); do
  health=$(curl -fsS "http://127.0.0.1:$port/api/health")
  grep -q '"memory":{[^}]*loading' <<<"$health" || break
  sleep 0.5
done
memory=$(grep -o '"memory":{"status":"[A-Z]*","detail":"[^"]*"' <<<"$health" || true)
case "$memory" in
  *'"UP"'*loading*|*'"UP"'*fail*|'') fail "the in-process embedder did not load: $(components "$health")" ;;
esac
ok "the installed agent was ready after ${ready_ms:-?} ms and serves /api/health on port $port: $(components "$health")"
if $console; then
  console_smoke
fi
rss=$(ps -o rss= -p "$agent_pid" 2>/dev/null | tr -d ' ' || true)
stop_agent
ok "SIGTERM stopped it cleanly${rss:+ (RSS before the stop: $((rss / 1024)) MB)}"
[ -s /var/lib/smollama/api-token ] || fail "no token generated into /var/lib/smollama/api-token"
[ -f /var/lib/smollama/smollama.db ] || fail "no database in /var/lib/smollama"

# --- upgrade path: configuration and data are kept
echo "# kept across upgrades" >>/etc/smollama/smollama.yaml
token=$(cat /var/lib/smollama/api-token)
dpkg -i "$node_deb" >/tmp/smollama-test-deb.log 2>&1 || { cat /tmp/smollama-test-deb.log >&2; fail "dpkg -i (upgrade)"; }
grep -q 'kept across upgrades' /etc/smollama/smollama.yaml || fail "the upgrade replaced the configuration"
[ "$(cat /var/lib/smollama/api-token)" = "$token" ] || fail "the upgrade changed the token"
start_agent
stop_agent
ok "upgrade kept the configuration and the data; the agent starts again"

# --- remove keeps, purge removes
dpkg -r smollama-node >/tmp/smollama-test-deb.log 2>&1 || { cat /tmp/smollama-test-deb.log >&2; fail "dpkg -r"; }
for f in /etc/smollama/smollama.yaml /var/lib/smollama/smollama.db; do
  [ -f "$f" ] || fail "dpkg -r removed $f"
done
for f in /usr/bin/smollama-node /opt/smollama-node /lib/systemd/system/smollama-node.service; do
  [ ! -e "$f" ] || fail "dpkg -r left $f behind"
done
ok "dpkg -r removed the program and kept /etc/smollama and /var/lib/smollama"
dpkg -P smollama-node >/tmp/smollama-test-deb.log 2>&1 || { cat /tmp/smollama-test-deb.log >&2; fail "dpkg -P"; }
for f in /etc/smollama /var/lib/smollama; do
  [ ! -e "$f" ] || fail "dpkg -P left $f behind"
done
! getent passwd smollama >/dev/null || fail "dpkg -P left the user smollama"
ok "dpkg -P removed configuration, data and user"

# --- console package
if $console_installed; then
  dpkg -P smollama-console >/tmp/smollama-test-deb.log 2>&1 || fail "dpkg -P console"
  for f in /opt/smollama-console /usr/share/applications/smollama-console.desktop; do
    [ ! -e "$f" ] || fail "dpkg -P left $f behind"
  done
  ok "console package installed and purged"
fi
rm -f /tmp/smollama-test-deb.log

echo "package sizes:"
for deb in "$node_deb" "$console_deb"; do
  printf '  %-40s %6s MB (installed %s MB)\n' "$(basename "$deb")" "$(( $(stat -c %s "$deb") / 1048576 ))" \
    "$(( $(dpkg-deb -f "$deb" Installed-Size) / 1024 ))"
  echo "    depends: $(dpkg-deb -f "$deb" Depends)"
done
echo "test-deb: passed in $(( $(date +%s) - started )) s"
