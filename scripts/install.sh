#!/usr/bin/env bash
# Installs Smollama on this machine: detects the platform (Raspberry Pi model, Debian/Ubuntu,
# macOS), installs a JDK 21+ when missing, builds the programs (or installs given .deb files),
# optionally installs Mosquitto and Ollama and pulls the configured models, writes a starting
# configuration when there is none, and prints what it did. Safe to re-run: every step checks
# first and leaves what is already in place.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/install.sh [options]
  --service          install the node-agent as a system service from a .deb (Debian, Raspberry Pi OS):
                     user smollama, /etc/smollama/smollama.yaml, systemd unit (builds the .deb unless --deb)
  --deb FILE         install this .deb (smollama-node or smollama-console; repeatable); implies --service
  --console          with --service, also build and install the console .deb
  --role ROLE        hub, node or edge for a new configuration (default node)
  --minimal          only Smollama: no Mosquitto, no Ollama
  --no-llm           no Ollama and no model pulls (Mosquitto still, unless --minimal)
  --no-mosquitto     no Mosquitto
  --dry-run          print every action without doing it
  -h, --help         this text
Environment: SMOLLAMA_DT_MODEL_FILE, SMOLLAMA_OS_RELEASE_FILE, SMOLLAMA_UNAME override the platform
detection (for tests).
TXT
}

service=false console=false role=node llm=true mosquitto=true dry_run=false debs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --service) service=true ;;
    --deb) debs+=("${2:?--deb needs a file}"); service=true; shift ;;
    --console) console=true ;;
    --role)
      role="${2:?--role needs hub, node or edge}"; shift
      case "$role" in hub|node|edge|llama|alpaca) ;; *) echo "install.sh: --role needs hub, node or edge, got '$role'" >&2; exit 2 ;; esac ;;
    --minimal) llm=false; mosquitto=false ;;
    --no-llm) llm=false ;;
    --no-mosquitto) mosquitto=false ;;
    --dry-run) dry_run=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=lib/platform.sh
. scripts/lib/platform.sh
# shellcheck source=lib/jdk.sh
. scripts/lib/jdk.sh

smollama_detect_platform
echo "Platform: $platform_desc ($(uname -m))"
if [ "$platform_os" = other ]; then
  echo "install.sh: this platform is not supported by the installer; see docs/installation.md" >&2
  exit 1
fi
if $service && ! { [ "$platform_os" = linux ] && smollama_is_debian_like; }; then
  echo "install.sh: --service needs Debian, Ubuntu or Raspberry Pi OS (a .deb and systemd)" >&2
  exit 1
fi

apt_updated=false
apt_install() { # packages...
  if ! $apt_updated; then
    act_root "refresh the package lists (apt-get update)" -- apt-get update -qq
    apt_updated=true
  fi
  act_root "install $* (apt)" -- env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}
apt_has() { # package: has an install candidate
  apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p' | grep -qv '(none)\|^$'
}

# --- JDK 21+ (to build; the node-agent .deb brings its own runtime)
need_jdk=true
if $service && [ "${#debs[@]}" -gt 0 ]; then need_jdk=false; fi
if $need_jdk; then
  if (smollama_find_jdk) >/dev/null 2>&1; then
    smollama_find_jdk
    note "JDK $(smollama_java_major "$JAVA_HOME/bin/java") at $JAVA_HOME"
  elif [ "$platform_os" = linux ] && smollama_is_debian_like; then
    jdk_pkg=""
    for p in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
      if $dry_run || apt_has "$p"; then jdk_pkg=$p; break; fi
    done
    if $dry_run; then jdk_pkg=openjdk-21-jdk-headless; fi
    if [ -z "$jdk_pkg" ]; then
      cat >&2 <<MSG
install.sh: this $platform_desc packages no JDK 21 or newer (Debian 12 / Raspberry Pi OS bookworm stop
at 17). Install Temurin 21 from https://adoptium.net (apt repository: https://packages.adoptium.net),
then re-run this script; or install a prebuilt smollama-node .deb with --deb FILE (it needs no JDK).
MSG
      exit 1
    fi
    apt_install "$jdk_pkg"
    $dry_run || smollama_find_jdk
  elif [ "$platform_os" = macos ]; then
    if command -v brew >/dev/null 2>&1 || $dry_run; then
      act "install Temurin 21 (Homebrew)" -- brew install --cask temurin@21
      $dry_run || smollama_find_jdk
    else
      echo "install.sh: no JDK 21+; install Temurin 21 from https://adoptium.net (or Homebrew, then re-run)" >&2
      exit 1
    fi
  else
    smollama_find_jdk
  fi
fi

# --- the programs
if $service; then
  if [ "${#debs[@]}" -eq 0 ]; then
    only=(--only node)
    $console && only=()
    act "build the installers (jpackage/build.sh)" -- bash jpackage/build.sh "${only[@]}"
    if $dry_run; then
      debs=(jpackage/target/smollama-node_VERSION.deb)
      $console && debs+=(jpackage/target/smollama-console_VERSION.deb)
    else
      mapfile -t debs < <(find jpackage/target -maxdepth 1 -name 'smollama-node_*.deb' | sort | tail -n 1)
      if $console; then
        mapfile -t -O "${#debs[@]}" debs < <(find jpackage/target -maxdepth 1 -name 'smollama-console_*.deb' | sort | tail -n 1)
      fi
    fi
  fi
  for deb in "${debs[@]}"; do
    if ! $dry_run && [ ! -f "$deb" ]; then echo "install.sh: no such file: $deb" >&2; exit 1; fi
    pkg=$(basename "$deb" | sed 's/_.*//')
    version=$(basename "$deb" | sed -n 's/^[^_]*_\([^_]*\)_.*/\1/p')
    if [ "$(dpkg-query -W -f '${Status} ${Version}' "$pkg" 2>/dev/null)" = "install ok installed $version" ]; then
      note "$pkg $version installed"
    else
      # apt resolves the package's dependencies; dpkg keeps /etc/smollama and /var/lib/smollama on upgrade
      act_root "install $pkg from $deb" -- apt-get install -y -qq "$(readlink -f "$deb" 2>/dev/null || echo "$deb")"
    fi
  done
  config=/etc/smollama/smollama.yaml
  smollama_cli=(/usr/bin/smollama-node)
  # /etc/smollama is readable by root and the smollama group only
  if [ "$(id -u)" -ne 0 ]; then smollama_cli=(sudo /usr/bin/smollama-node); fi
else
  if [ -f node-agent/target/smollama-node.jar ] && [ -f desktop/target/smollama-console.jar ] \
     && [ -z "$(find pom.xml common node-agent/pom.xml node-agent/src desktop/pom.xml desktop/src -newer node-agent/target/smollama-node.jar -type f 2>/dev/null | head -n 1)" ]; then
    note "the build is up to date (node-agent/target, desktop/target)"
  else
    act "build Smollama (./mvnw -DskipTests package)" -- ./mvnw -B -q -DskipTests package
  fi
  config="$HOME/.smollama/smollama.yaml"
  smollama_cli=(scripts/smollama-node)
fi

# --- a starting configuration (never overwritten)
if [ -f "$config" ]; then
  note "configuration $config"
elif $service; then
  # the package's postinst writes /etc/smollama/smollama.yaml on first install
  $dry_run && smollama_done+=("the package writes $config on first install")
else
  write_config() {
    mkdir -p "$(dirname "$config")"
    cat >"$config" <<YAML
# Smollama node-agent configuration, written by scripts/install.sh (it never overwrites it).
# Every key with its default and meaning: scripts/smollama-node config check -c $config
node:
  role: $role           # hub | node | edge
http:
  host: 127.0.0.1       # 0.0.0.0 serves the LAN (the console on another machine, other nodes)
  port: 8080
storage:
  path: ~/.smollama/data
plugins:
  simulated:
    enabled: $([ -n "$platform_pi" ] && echo false || echo true)   # demo sensors
YAML
  }
  act "write a starting configuration $config" -- write_config
fi

# --- Mosquitto (an MQTT broker for nodes that do not run the embedded one)
if $mosquitto; then
  if command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; then
    note "Mosquitto"
  elif [ "$platform_os" = macos ]; then
    if command -v brew >/dev/null 2>&1 || $dry_run; then
      act "install Mosquitto (Homebrew)" -- brew install mosquitto
    else
      echo "install.sh: no Homebrew; install Mosquitto yourself or re-run with --no-mosquitto" >&2
    fi
  else
    apt_install mosquitto
  fi
fi

# --- Ollama and the configured models
if $llm && [ "$role" != edge ]; then
  if command -v ollama >/dev/null 2>&1; then
    note "Ollama ($(ollama --version 2>/dev/null | head -n 1 || echo installed))"
  elif [ "$platform_os" = macos ]; then
    act "install Ollama (Homebrew)" -- brew install ollama
  else
    # Ollama's own installer (https://ollama.com/download/linux): a binary and a systemd service
    act "install Ollama (https://ollama.com/install.sh)" -- sh -c 'curl -fsSL https://ollama.com/install.sh | sh'
  fi
  # `models pull` asks Ollama for ollama.model (and the embedding model when memory.embedder is ollama)
  act "pull the configured models (smollama-node models pull)" -- "${smollama_cli[@]}" models pull -c "$config"
fi

smollama_summary "install.sh did"
echo
if $service; then
  cat <<TXT
Next: the service runs as user smollama (systemctl status smollama-node; journalctl -u smollama-node -f).
  Configuration: $config (then: sudo systemctl restart smollama-node)
  API token:     sudo cat /var/lib/smollama/api-token
  Production Pi setup (I2C/SPI/1-wire, journald limits, kiosk): sudo scripts/setup-pi.sh --help
TXT
else
  echo "Next: scripts/start.sh -c $config   (scripts/start.sh --help for the flags)"
fi
