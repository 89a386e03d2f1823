# shellcheck shell=bash
# Sets console_java_opts: JavaFX from desktop/target/lib as named modules (the supported way), the
# native access its toolkit needs, and (JDK 24+) the sun.misc.Unsafe access JavaFX 21 uses.
# Usage: smollama_console_opts JAVA_BINARY (a JDK 21+), from the repository root.
smollama_console_opts() {
  local fx_path
  fx_path=$(find desktop/target/lib -name 'javafx-*.jar' | sort | tr '\n' ':')
  console_java_opts=(--module-path "$fx_path" --add-modules javafx.controls --enable-native-access=javafx.graphics)
  if [ "$(smollama_java_major "$1")" -ge 24 ]; then
    console_java_opts+=(--sun-misc-unsafe-memory-access=allow)
  fi
}
