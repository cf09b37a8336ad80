#!/usr/bin/env bash
# Installs the Debian packages the tests use as real protocol peers (mosquitto, the MQTT broker), when missing.
# Idempotent: does nothing when they are installed. The tests start their own broker on a free loopback port; the
# package's system service is not used.
set -euo pipefail
missing=()
command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
# mosquitto_pub/mosquitto_sub: an independent MQTT client to test the embedded broker and the publisher with.
command -v mosquitto_pub >/dev/null || missing+=(mosquitto-clients)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "prepare-debian: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "prepare-debian: installing ${missing[*]} (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
log="$(mktemp)"
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
rm -f "$log"
