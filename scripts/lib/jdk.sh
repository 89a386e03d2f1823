# shellcheck shell=bash
# Finds a JDK of version 21 or newer and exports JAVA_HOME for it.
# Also sets agent_java_opts: the flags the node-agent needs on that JDK (put them before -jar).
# Order: $JAVA_HOME, the java on PATH, then the JDKs under /usr/lib/jvm, /opt and ~/.sdkman (newest first).

smollama_java_major() {
  # prints the major version of the java binary given as $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

smollama_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  while IFS= read -r c; do
    candidates+=("$c")
  done < <(find /usr/lib/jvm /opt /opt/java "$HOME/.sdkman/candidates/java" -mindepth 1 -maxdepth 1 \
             \( -type d -o -type l \) 2>/dev/null | sort -rV)
  for c in "${candidates[@]}"; do
    if [ ! -x "$c/bin/java" ] || [ ! -x "$c/bin/javac" ]; then
      continue
    fi
    major=$(smollama_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$c"
      # JDK 24+ warns on every sun.misc.Unsafe use unless allowed; Netty (MQTT) still uses it
      agent_java_opts=()
      if [ "$major" -ge 24 ]; then
        agent_java_opts+=(--sun-misc-unsafe-memory-access=allow)
      fi
      return 0
    fi
  done
  cat >&2 <<'MSG'
Smollama needs a JDK 21 or newer, and none was found (looked at $JAVA_HOME, the java on PATH,
/usr/lib/jvm, /opt and ~/.sdkman).
  Debian 13 / Ubuntu 24.04 / Raspberry Pi OS (trixie):  sudo apt-get install openjdk-21-jdk-headless
  Debian 12 / Raspberry Pi OS (bookworm) package only JDK 17, which is too old: install Temurin 21
  (https://adoptium.net), then point JAVA_HOME at it.
MSG
  return 1
}
