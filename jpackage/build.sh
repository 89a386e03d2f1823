#!/usr/bin/env bash
# Builds Smollama's installers with jpackage on the current platform (jpackage cannot cross-build:
# run it on a Raspberry Pi, or a CI arm64 runner, for arm64 packages):
#   node-agent: a .deb with a jlinked Java runtime (no system JDK needed), a `smollama` system user,
#               a hardened systemd unit, /etc/smollama/smollama.yaml and `smollama-node` on PATH
#   console:    an app image and a .deb (icon, desktop entry, menu category) with JavaFX in its runtime
# Output: jpackage/target/. `./mvnw -Ppackage package` runs this after the reactor's build.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: jpackage/build.sh [options]
  --skip-build     use the jars already in node-agent/target and desktop/target
  --type TYPE      deb (default where dpkg-deb exists) or app-image (images only)
  --only WHAT      node or console (default both)
  --dry-run        print the commands without running them
  -h, --help       this text
TXT
}

skip_build=false dry_run=false type="" only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --type) type="${2:?--type needs deb or app-image}"; shift ;;
    --only) only="${2:?--only needs node or console}"; shift ;;
    --dry-run) dry_run=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
case "$only" in ''|node|console) ;; *) echo "build.sh: --only needs node or console, got '$only'" >&2; exit 2 ;; esac
if [ -z "$type" ]; then
  if command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1; then type=deb; else type=app-image; fi
fi
case "$type" in
  deb)
    for tool in dpkg-deb fakeroot objcopy; do
      command -v "$tool" >/dev/null 2>&1 || {
        echo "build.sh: jpackage needs '$tool' for a .deb (Debian: apt-get install fakeroot dpkg-dev binutils)" >&2
        exit 1
      }
    done ;;
  app-image) ;;
  *) echo "build.sh: --type needs deb or app-image, got '$type'" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/jdk.sh
. scripts/lib/jdk.sh
smollama_find_jdk
jdk="$JAVA_HOME/bin"
[ -x "$jdk/jpackage" ] || { echo "build.sh: jpackage is missing from the JDK at $JAVA_HOME" >&2; exit 1; }

run() { if $dry_run; then printf '%q ' "$@"; echo; else "$@"; fi; }

if ! $skip_build; then
  run ./mvnw -B -q -DskipTests package
fi
props=node-agent/target/classes/io/smollama/node/build.properties
if [ -f "$props" ]; then
  version=$(sed -n 's/^version=//p' "$props" | sed 's/-SNAPSHOT//')
else
  version=$(sed -n '0,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml | sed 's/-SNAPSHOT//')
fi
out=jpackage/target
arch=$(uname -m)
# JDK 24+ warns on every sun.misc.Unsafe use (Netty, JavaFX 21) unless allowed; the runtime is this JDK's
unsafe_opt=""
[ "$(smollama_java_major "$jdk/java")" -ge 24 ] && unsafe_opt="--sun-misc-unsafe-memory-access=allow"

# Native libraries for other platforms are dead weight in an installer for this one: the ONNX
# Runtime, tokenizer and SQLite jars carry every OS's (≈ 150 MB). Keeps this platform's only.
slim_jars() { # input lib dir
  local lib=$1 onnx tok sqlite
  case "$arch" in
    x86_64|amd64) onnx=linux-x64 tok=linux-x86_64 sqlite=Linux/x86_64 ;;
    aarch64|arm64) onnx=linux-aarch64 tok=linux-aarch64 sqlite=Linux/aarch64 ;;
    *) echo "build.sh: no slimming for $arch; the jars keep every platform's native libraries" >&2; return 0 ;;
  esac
  command -v zip >/dev/null 2>&1 || { echo "build.sh: zip is missing; the jars keep every platform's native libraries" >&2; return 0; }
  slim "$lib"/onnxruntime-*.jar ai/onnxruntime/native "$onnx"
  slim "$lib"/tokenizers-*.jar native/lib "$tok"
  slim "$lib"/sqlite-jdbc-*.jar org/sqlite/native "$sqlite"
}
slim() { # jar, platform directory, the one to keep: drops the other platforms' files only
  local jar=$1 base=$2 keep=$3 drop
  [ -f "$jar" ] || return 0
  drop=$(unzip -Z1 "$jar" "$base/*/*" 2>/dev/null | grep -v "^$base/$keep/" | grep -v '/$' || true)
  [ -n "$drop" ] || return 0
  # shellcheck disable=SC2086  # one entry per line, no spaces in these jars' paths
  printf '%s\n' $drop | zip -q -d "$jar" -@ >/dev/null
}

modules_of() { # jar, lib dir, extra jdeps args...: the JDK modules the app needs, as jdeps sees them
  local jar=$1 lib=$2
  shift 2
  "$jdk/jdeps" -q --multi-release 21 --ignore-missing-deps --print-module-deps "$@" --class-path "$lib/*" "$jar"
}

runtime() { # output dir, modules, module path (or ""), jlink options...
  local dir=$1 mods=$2 mp=$3 args=()
  shift 3
  [ -n "$mp" ] && args+=(--module-path "$mp")
  args+=("$@")
  run rm -rf "$dir"
  run "$jdk/jlink" "${args[@]}" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
      --compress zip-6 --output "$dir"
}

build_node() {
  local input="$out/input-node" mods res="$out/resources-node" head_opt
  echo "== node-agent ($type, $arch)" >&2
  run rm -rf "$input" "$res" "$out/smollama-node"
  run mkdir -p "$input" "$res" "$out/content-node/share"
  run cp -r node-agent/target/smollama-node.jar node-agent/target/lib "$input/"
  $dry_run || slim_jars "$input/lib"
  # jdeps sees what the code links against; the rest is loaded by name (TLS curves, zip file
  # systems, JNDI for JmDNS' DNS names, com.sun.management for the system plugin, charsets)
  mods=java.base
  $dry_run || mods=$(modules_of "$input/smollama-node.jar" "$input/lib")
  mods="$mods,java.naming,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.charsets"
  # java.desktop stays for java.beans (SnakeYAML, Jackson, LangChain4j), but the agent is headless:
  # without AWT's X11 and sound libraries the package needs no X11 or ALSA packages on a Pi
  runtime "$out/runtime-node" "$mods" "" \
      --exclude-files '**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so'
  head_opt="-Djava.awt.headless=true"
  run cp jpackage/node-agent/postinst jpackage/node-agent/prerm jpackage/node-agent/postrm "$res/"
  run cp jpackage/node-agent/smollama-node.service jpackage/node-agent/smollama.yaml "$out/content-node/share/"
  local args=(--name smollama-node --app-version "$version" --vendor Smollama
      --description "Smollama node-agent: sensors, memory and a local LLM agent on a Raspberry Pi"
      --input "$input" --main-jar smollama-node.jar --runtime-image "$out/runtime-node"
      --java-options "-XX:+UseSerialGC -Xms32m -Xmx256m $head_opt --enable-native-access=ALL-UNNAMED $unsafe_opt"
      --app-content "$out/content-node/share" --dest "$out")
  if [ "$type" = deb ]; then
    run "$jdk/jpackage" --type deb "${args[@]}" --resource-dir "$res" --linux-package-name smollama-node \
        --linux-deb-maintainer "smollama@localhost" --linux-app-category net --install-dir /opt
  else
    run "$jdk/jpackage" --type app-image "${args[@]}"
  fi
}

build_console() {
  local input="$out/input-console" fx mods
  echo "== console ($type, $arch)" >&2
  run rm -rf "$input" "$out/smollama-console"
  run mkdir -p "$input/lib"
  run cp desktop/target/smollama-console.jar "$input/"
  # JavaFX goes into the runtime as named modules (the supported way); the rest stays on the class path
  fx=$(find desktop/target/lib -name 'javafx-*-*.jar' 2>/dev/null | sort | tr '\n' ':' || true)
  fx=${fx%:}
  [ -n "$fx" ] || { echo "build.sh: no platform JavaFX jars in desktop/target/lib; build the desktop module first" >&2; $dry_run || exit 1; }
  if ! $dry_run; then
    find desktop/target/lib -name '*.jar' ! -name 'javafx-*' -exec cp {} "$input/lib/" \;
  fi
  mods=java.base
  $dry_run || mods=$(modules_of "$input/smollama-console.jar" "$input/lib" --module-path "$fx")
  mods="$mods,javafx.controls,java.naming,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.localedata"
  # no sound and no splash screen: the package then needs no ALSA
  runtime "$out/runtime-console" "$mods" "$fx" --exclude-files '**/libjsound.so,**/libsplashscreen.so'
  local args=(--name smollama-console --app-version "$version" --vendor Smollama
      --description "Smollama operator console: live charts, memory, chat and control of every node"
      --input "$input" --main-jar smollama-console.jar --runtime-image "$out/runtime-console"
      --icon jpackage/console/smollama-console.png
      --java-options "--enable-native-access=javafx.graphics,ALL-UNNAMED $unsafe_opt" --dest "$out")
  run "$jdk/jpackage" --type app-image "${args[@]}"
  if [ "$type" = deb ]; then
    run rm -rf "$out/resources-console"
    run mkdir -p "$out/resources-console"
    run cp jpackage/console/postinst jpackage/console/prerm jpackage/console/postrm "$out/resources-console/"
    run "$jdk/jpackage" --type deb "${args[@]}" --resource-dir "$out/resources-console" --linux-package-name smollama-console \
        --linux-deb-maintainer "smollama@localhost" --linux-app-category net \
        --linux-shortcut --linux-menu-group "System;Monitor;" --install-dir /opt \
        --linux-package-deps "libgtk-3-0 | libgtk-3-0t64"
  fi
}

run mkdir -p "$out"
[ "$only" = console ] || build_node
[ "$only" = node ] || build_console
if ! $dry_run; then
  echo "== built in $out:" >&2
  find "$out" -maxdepth 1 \( -name '*.deb' -o -name 'smollama-*' -type d \) -print0 | xargs -0 -r du -sh
fi
