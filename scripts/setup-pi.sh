#!/usr/bin/env bash
# Production setup of a Raspberry Pi node: installs the node-agent service from its .deb, enables
# the I2C, SPI and 1-wire interfaces asked for, caps the journal, and with --kiosk starts the
# console full screen on the touchscreen at login. Safe to re-run: each step checks first.
# shellcheck disable=SC2016  # the `sh -c` snippets expand their own $1, $2
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: sudo scripts/setup-pi.sh [options]
  --deb FILE           the smollama-node .deb (default: the newest in jpackage/target, built if none)
  --no-service         do not install the node-agent service
  --i2c, --spi         enable the I2C / SPI interface (the agent's user joins the i2c / spi group)
  --onewire[=GPIO]     enable 1-wire (w1-gpio overlay; default GPIO 4)
  --journal-max SIZE   journald's SystemMaxUse (default 200M); --no-journal leaves journald alone
  --kiosk              start the console full screen at login (labwc, wayfire or X11 desktop autostart)
  --console-deb FILE   the smollama-console .deb for --kiosk (default: jpackage/target, built if none)
  --kiosk-user USER    the desktop user (default: $SUDO_USER, else the first user with UID 1000)
  --node URL           the node the kiosk shows (default http://127.0.0.1:8080)
  --dry-run            print every action without doing it
  -h, --help           this text
Environment (tests): SMOLLAMA_BOOT_CONFIG (default /boot/firmware/config.txt, else /boot/config.txt),
SMOLLAMA_ETC (default /etc), SMOLLAMA_HOME_ROOT (default: the user's home from passwd),
SMOLLAMA_DT_MODEL_FILE, SMOLLAMA_OS_RELEASE_FILE.
TXT
}

deb="" service=true i2c=false spi=false onewire="" journal=200M kiosk=false console_deb="" kiosk_user=""
node_url=http://127.0.0.1:8080 dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb="${2:?--deb needs a file}"; shift ;;
    --no-service) service=false ;;
    --i2c) i2c=true ;;
    --spi) spi=true ;;
    --onewire) onewire=4 ;;
    --onewire=*)
      onewire=${1#--onewire=}
      case "$onewire" in ''|*[!0-9]*) echo "setup-pi.sh: --onewire=GPIO needs a pin number, got '$onewire'" >&2; exit 2 ;; esac ;;
    --journal-max)
      journal="${2:?--journal-max needs a size like 200M}"; shift
      case "$journal" in *[0-9][KMG]|*[0-9]) ;; *) echo "setup-pi.sh: --journal-max needs a size like 200M, got '$journal'" >&2; exit 2 ;; esac ;;
    --no-journal) journal="" ;;
    --kiosk) kiosk=true ;;
    --console-deb) console_deb="${2:?--console-deb needs a file}"; shift ;;
    --kiosk-user) kiosk_user="${2:?--kiosk-user needs a user name}"; shift ;;
    --node) node_url="${2:?--node needs a URL}"; shift ;;
    --dry-run) dry_run=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "setup-pi.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=lib/platform.sh
. scripts/lib/platform.sh
smollama_detect_platform
echo "Platform: $platform_desc"
if [ -z "$platform_pi" ]; then
  echo "setup-pi.sh: this is not a Raspberry Pi (no 'Raspberry Pi' in ${SMOLLAMA_DT_MODEL_FILE:-/proc/device-tree/model}); the interface steps may not apply" >&2
fi
if ! $dry_run && [ "$(id -u)" -ne 0 ]; then
  echo "setup-pi.sh: run it as root (sudo scripts/setup-pi.sh ...), or with --dry-run to see the plan" >&2
  exit 1
fi
etc=${SMOLLAMA_ETC:-/etc}
boot_config=${SMOLLAMA_BOOT_CONFIG:-}
if [ -z "$boot_config" ]; then
  boot_config=/boot/firmware/config.txt
  [ -f "$boot_config" ] || boot_config=/boot/config.txt
fi
systemd_runs=false
[ -d /run/systemd/system ] && systemd_runs=true
reboot_needed=false

newest_deb() { # package name
  find jpackage/target -maxdepth 1 -name "$1_*.deb" 2>/dev/null | sort | tail -n 1
}
install_deb() { # package, file ("" = newest built, building when none)
  local pkg=$1 file=$2 only=node
  [ "$pkg" = smollama-console ] && only=console
  [ -n "$file" ] || file=$(newest_deb "$pkg")
  if [ -z "$file" ]; then
    act "build the $pkg .deb (jpackage/build.sh --only $only)" -- bash jpackage/build.sh --only "$only"
    file=$(newest_deb "$pkg")
    $dry_run && file="jpackage/target/${pkg}_VERSION.deb"
  fi
  local version
  version=$(basename "$file" | sed -n 's/^[^_]*_\([^_]*\)_.*/\1/p')
  if [ "$(dpkg-query -W -f '${Status} ${Version}' "$pkg" 2>/dev/null)" = "install ok installed $version" ]; then
    note "$pkg $version installed"
  else
    act "install $pkg from $file" -- apt-get install -y -qq "$(readlink -f "$file" 2>/dev/null || echo "$file")"
  fi
}

# A line in config.txt, added once (under [all], where the firmware reads it for every model)
boot_line() { # line, description
  if [ -f "$boot_config" ] && grep -qx -- "$1" "$boot_config"; then
    note "$2 ($1 in $boot_config)"
  else
    # a [all] header only when the file's last section is another one (e.g. [pi4])
    act "$2: add '$1' to $boot_config" -- sh -c 'if [ "$(grep "^\[" "$2" 2>/dev/null | tail -n 1)" = "[all]" ]; then printf "%s\n" "$1"; else printf "\n[all]\n%s\n" "$1"; fi >>"$2"' sh "$1" "$boot_config"
    reboot_needed=true
  fi
}
interface() { # name (i2c|spi|onewire), raspi-config function, config line
  if command -v raspi-config >/dev/null 2>&1; then
    if [ "$(raspi-config nonint "get_$1" 2>/dev/null || echo 1)" = 0 ]; then
      note "$1 enabled (raspi-config)"
    else
      act "enable $1 (raspi-config nonint $2 0)" -- raspi-config nonint "$2" 0
      reboot_needed=true
    fi
  else
    boot_line "$3" "enable $1"
  fi
}

# --- the service
if $service; then
  install_deb smollama-node "$deb"
fi

# --- interfaces
$i2c && interface i2c do_i2c dtparam=i2c_arm=on
if $i2c && ! command -v raspi-config >/dev/null 2>&1; then
  if grep -qx i2c-dev "$etc/modules-load.d/smollama.conf" 2>/dev/null; then
    note "i2c-dev loads at boot"
  else
    act "load i2c-dev at boot ($etc/modules-load.d/smollama.conf)" -- sh -c 'mkdir -p "$1" && echo i2c-dev >>"$1/smollama.conf"' sh "$etc/modules-load.d"
  fi
fi
$spi && interface spi do_spi dtparam=spi=on
if [ -n "$onewire" ]; then
  if [ "$onewire" = 4 ] && command -v raspi-config >/dev/null 2>&1; then
    interface onewire do_onewire dtoverlay=w1-gpio
  else
    boot_line "dtoverlay=w1-gpio,gpiopin=$onewire" "enable 1-wire on GPIO $onewire"
  fi
fi
# the agent's user reaches the devices through their groups (the package did this for groups that
# existed at install time; enabling an interface may have created one)
if getent passwd smollama >/dev/null 2>&1 || $dry_run; then
  for group in gpio i2c spi; do
    if getent group "$group" >/dev/null 2>&1 && ! id -nG smollama 2>/dev/null | tr ' ' '\n' | grep -qx "$group"; then
      act "add the user smollama to the group $group" -- usermod -a -G "$group" smollama
    fi
  done
fi

# --- journald limits (the agent logs to the journal under systemd)
if [ -n "$journal" ]; then
  dropin="$etc/systemd/journald.conf.d/smollama.conf"
  want=$(printf '[Journal]\nSystemMaxUse=%s\nSystemMaxFileSize=%s\nMaxRetentionSec=1month\n' "$journal" 32M)
  if [ "$(cat "$dropin" 2>/dev/null)" = "$want" ]; then
    note "journald limits ($dropin: SystemMaxUse=$journal)"
  else
    act "cap the journal at $journal ($dropin)" -- sh -c 'mkdir -p "$(dirname "$1")" && printf "%s\n" "$2" >"$1"' sh "$dropin" "$want"
    if $systemd_runs; then
      act "restart systemd-journald" -- systemctl restart systemd-journald
    fi
  fi
fi

# --- kiosk: the console full screen at login on the touchscreen
if $kiosk; then
  install_deb smollama-console "$console_deb"
  if [ -z "$kiosk_user" ]; then
    kiosk_user=${SUDO_USER:-$(getent passwd 1000 | cut -d: -f1)}
  fi
  [ -n "$kiosk_user" ] || { echo "setup-pi.sh: no desktop user found; name one with --kiosk-user" >&2; exit 1; }
  home=${SMOLLAMA_HOME_ROOT:+$SMOLLAMA_HOME_ROOT/$kiosk_user}
  [ -n "$home" ] || home=$(getent passwd "$kiosk_user" | cut -d: -f6)
  [ -n "$home" ] || { echo "setup-pi.sh: the user $kiosk_user does not exist" >&2; exit 1; }
  command="/opt/smollama-console/bin/smollama-console --kiosk --node $node_url"
  as_user() { # runs a command as the kiosk user (or as this user when that is who we are)
    if [ "$(id -un)" = "$kiosk_user" ] || [ -n "${SMOLLAMA_HOME_ROOT:-}" ]; then "$@"; else runuser -u "$kiosk_user" -- "$@"; fi
  }
  # XDG autostart: the X11 desktop (LXDE) and the Wayland compositors of Raspberry Pi OS read it
  entry="$home/.config/autostart/smollama-console.desktop"
  desktop=$(printf '[Desktop Entry]\nType=Application\nName=Smollama console (kiosk)\nExec=%s\nX-GNOME-Autostart-enabled=true\n' "$command")
  if [ "$(cat "$entry" 2>/dev/null)" = "$desktop" ]; then
    note "kiosk autostart entry $entry"
  else
    act "start the console in kiosk mode at login ($entry)" -- as_user sh -c 'mkdir -p "$(dirname "$1")" && printf "%s\n" "$2" >"$1"' sh "$entry" "$desktop"
  fi
  # labwc (Raspberry Pi OS bookworm since late 2024) runs ~/.config/labwc/autostart
  if command -v labwc >/dev/null 2>&1 || [ -d "$home/.config/labwc" ]; then
    file="$home/.config/labwc/autostart"
    if grep -qF "$command" "$file" 2>/dev/null; then
      note "labwc autostart ($file)"
    else
      act "start the console from labwc's autostart ($file)" -- as_user sh -c 'mkdir -p "$(dirname "$1")" && printf "%s &\n" "$2" >>"$1"' sh "$file" "$command"
    fi
  fi
  # wayfire (Raspberry Pi OS bookworm before labwc) reads [autostart] in ~/.config/wayfire.ini
  if command -v wayfire >/dev/null 2>&1 || [ -f "$home/.config/wayfire.ini" ]; then
    file="$home/.config/wayfire.ini"
    if grep -qF "smollama = $command" "$file" 2>/dev/null; then
      note "wayfire autostart ($file)"
    else
      act "start the console from wayfire's autostart ($file)" -- as_user sh -c 'printf "\n[autostart]\nsmollama = %s\n" "$2" >>"$1"' sh "$file" "$command"
    fi
  fi
  if command -v raspi-config >/dev/null 2>&1; then
    act "boot to the desktop, logged in as $kiosk_user (raspi-config nonint do_boot_behaviour B4)" -- raspi-config nonint do_boot_behaviour B4
    act "keep the screen on (raspi-config nonint do_blanking 1)" -- raspi-config nonint do_blanking 1
  fi
fi

smollama_summary "setup-pi.sh did"
if $reboot_needed; then
  echo "Reboot for the interface changes to take effect: sudo reboot"
fi
