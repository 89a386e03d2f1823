# shellcheck shell=bash
# Platform detection and the plan/do helpers the install scripts share.
# Test hooks (scripts/test-scripts.sh): SMOLLAMA_DT_MODEL_FILE (default /proc/device-tree/model),
# SMOLLAMA_OS_RELEASE_FILE (default /etc/os-release), SMOLLAMA_UNAME (default `uname -s`).

# Sets platform_os (linux|macos|other), platform_distro (debian, ubuntu, raspbian, ... or ""),
# platform_codename, platform_version, platform_pi (the Raspberry Pi model, or "") and platform_desc.
smollama_detect_platform() {
  local model_file=${SMOLLAMA_DT_MODEL_FILE:-/proc/device-tree/model}
  local release_file=${SMOLLAMA_OS_RELEASE_FILE:-/etc/os-release}
  local kernel=${SMOLLAMA_UNAME:-$(uname -s)}
  platform_os=other platform_distro="" platform_codename="" platform_version="" platform_pi=""
  case "$kernel" in
    Linux) platform_os=linux ;;
    Darwin) platform_os=macos ;;
  esac
  if [ "$platform_os" = linux ]; then
    if [ -r "$model_file" ]; then
      platform_pi=$(tr -d '\0' <"$model_file")
      case "$platform_pi" in *"Raspberry Pi"*) ;; *) platform_pi="" ;; esac
    fi
    if [ -r "$release_file" ]; then
      platform_distro=$(sed -n 's/^ID=//p' "$release_file" | tr -d '"')
      platform_codename=$(sed -n 's/^VERSION_CODENAME=//p' "$release_file" | tr -d '"')
      platform_version=$(sed -n 's/^VERSION_ID=//p' "$release_file" | tr -d '"')
    fi
  fi
  platform_desc="$platform_os"
  [ -n "$platform_distro" ] && platform_desc="$platform_distro ${platform_version:-?} (${platform_codename:-?})"
  [ "$platform_os" = macos ] && platform_desc="macOS"
  [ -n "$platform_pi" ] && platform_desc="$platform_pi, $platform_desc"
  return 0
}

# true on Debian and its derivatives (Ubuntu, Raspberry Pi OS)
smollama_is_debian_like() {
  case "$platform_distro" in debian|ubuntu|raspbian|linuxmint|pop) return 0 ;; esac
  [ -r "${SMOLLAMA_OS_RELEASE_FILE:-/etc/os-release}" ] \
    && grep -q '^ID_LIKE=.*\(debian\|ubuntu\)' "${SMOLLAMA_OS_RELEASE_FILE:-/etc/os-release}"
}

# Actions: `act DESCRIPTION -- COMMAND...` prints "+ DESCRIPTION" and runs COMMAND (as root through
# sudo when `act_root`), or only prints the plan with --dry-run (dry_run=true). Done actions are
# collected for the summary in smollama_done; `note` records what was already in place.
smollama_done=() smollama_kept=()
act() {
  local desc=$1
  shift
  [ "${1:-}" = -- ] && shift
  if ${dry_run:-false}; then
    printf 'would: %s\n        %s\n' "$desc" "$(printf '%q ' "$@")"
  else
    echo "+ $desc" >&2
    "$@"
  fi
  smollama_done+=("$desc")
}
act_root() {
  local desc=$1
  shift
  [ "${1:-}" = -- ] && shift
  if [ "$(id -u)" -eq 0 ] || ${dry_run:-false}; then
    act "$desc" -- "$@"
  else
    act "$desc" -- sudo "$@"
  fi
}
note() {
  echo "ok: $*" >&2
  smollama_kept+=("$*")
}
smollama_summary() {
  local what=${1:-did}
  local item
  echo
  if ${dry_run:-false}; then echo "Dry run: nothing was changed. The plan:"; else echo "What $what:"; fi
  for item in "${smollama_done[@]}"; do echo "  - $item"; done
  [ "${#smollama_done[@]}" -gt 0 ] || echo "  - nothing to do"
  if [ "${#smollama_kept[@]}" -gt 0 ]; then
    echo "Already in place:"
    for item in "${smollama_kept[@]}"; do echo "  - $item"; done
  fi
}
