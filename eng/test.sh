#!/usr/bin/env bash
# The project's one test command (the README gives it, .ci/run calls it): sets up what the tests need, then runs every
# test with `dotnet test`. Arguments are passed on to `dotnet test`.
#
# What it installs, and why:
# - PostgreSQL's server binaries (Debian package `postgresql`, for initdb and pg_ctl): the PostgreSQL store's tests start
#   a throwaway cluster on 127.0.0.1 in a temp folder and stop it afterwards; no server has to be running. Skipped when
#   the binaries are already under /usr/lib/postgresql/*/bin or SIP_PG_BIN names their folder.
# - The time-zone database (Debian package `tzdata`): a test checks the library's own Swedish-time rule against
#   Europe/Stockholm hour by hour, and the caseworker sample shows times in Swedish time. Skipped when
#   /usr/share/zoneinfo/Europe/Stockholm is there.
# - Debian's Chromium (package `chromium`, /usr/bin/chromium): the caseworker sample's tests drive it headless with
#   Playwright for .NET, whose NuGet package brings its driver but no browser — and the tests never let Playwright
#   download one. Skipped when /usr/bin/chromium is there.
# - npm (Debian package `npm`, with Node.js): building the caseworker tests installs axe-core, pinned in their
#   package-lock.json, with `npm ci`. Skipped when npm is on the PATH. (.ci/run builds before it runs this script; there
#   npm must already be on the machine.)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

have_postgres() {
  if [ -n "${SIP_PG_BIN:-}" ]; then [ -x "$SIP_PG_BIN/initdb" ]; return; fi
  ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1
}

packages=()
have_postgres || packages+=(postgresql)
[ -e /usr/share/zoneinfo/Europe/Stockholm ] || packages+=(tzdata)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v npm > /dev/null 2>&1 || packages+=(npm)

if [ "${#packages[@]}" -gt 0 ]; then
  echo "eng/test.sh: installing ${packages[*]} (apt-get install) for the tests"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo > /dev/null 2>&1 || { echo "eng/test.sh: not root and no sudo; install the Debian packages ${packages[*]} (or set SIP_PG_BIN)." >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

exec dotnet test "$@"
