#!/usr/bin/env bash
# Makes a fresh machine (Node 20 + npm only) ready: the pinned pnpm, the locked dependencies,
# with --browser Debian's Chromium for the browser tests, and with --database Debian's PostgreSQL
# (initdb, pg_ctl) for the store tests; then runs the command after `--` with that pnpm on PATH.
# Safe to run again: each step is skipped when already done.
#   bash scripts/setup.sh [--browser] [--database] [-- command args…]
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
want_browser=false
want_database=false
while [ $# -gt 0 ]; do
  case "$1" in
    --browser) want_browser=true; shift ;;
    --database) want_database=true; shift ;;
    --) shift; break ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

say() { printf '[setup] %s\n' "$*"; }

# pnpm must be exactly the pinned version: pnpm 12 refuses a lockfile pinned to another one under CI.
pnpm_from_tools=false
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  pnpm_from_tools=true
  if [ ! -x .tools/node_modules/.bin/pnpm ] || [ "$(.tools/node_modules/.bin/pnpm --version)" != "$PNPM_VERSION" ]; then
    say "installing pnpm $PNPM_VERSION into .tools/"
    npm install --loglevel=error --no-fund --no-audit --no-save --prefix .tools "pnpm@$PNPM_VERSION" </dev/null
  fi
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
fi

if [ "${DOLLR_SKIP_INSTALL:-}" != "1" ]; then
  pnpm install --frozen-lockfile --prefer-offline </dev/null
fi

# Installs a Debian package as root, or with sudo when it needs no password; else says what to
# install and stops.   apt_install PACKAGE WHY HELP
apt_install() {
  local package=$1 why=$2 help=$3 run=()
  if [ "$(id -u)" = "0" ]; then
    say "installing Debian's $package ($why)"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    say "installing Debian's $package with sudo ($why)"
    run=(sudo)
  else
    say "$help"
    exit 1
  fi
  "${run[@]}" apt-get update -qq </dev/null
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" </dev/null
}

if $want_browser; then
  chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium_path" ]; then
    apt_install chromium "browser tests need it" \
      "Chromium is missing at $chromium_path and cannot be installed without root. Install Debian's 'chromium' package or set CHROMIUM_PATH, then run again."
  fi
fi

# The store tests start their own PostgreSQL server (scripts/postgres-test-server.ts) with
# initdb/pg_ctl, found on PATH or in /usr/lib/postgresql/*/bin.
has_initdb() {
  command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
if $want_database && ! has_initdb; then
  apt_install postgresql "the store tests need initdb and pg_ctl" \
    "PostgreSQL's initdb is missing and cannot be installed without root. Install Debian's 'postgresql' package (or put initdb and pg_ctl on PATH), then run again."
fi

if [ $# -gt 0 ]; then
  exec "$@"
fi

# Set-up alone (no command): say how to reach this pnpm from the README's `pnpm …` commands.
if $pnpm_from_tools; then
  say "pnpm $PNPM_VERSION is in .tools/, not on your PATH. For this shell, from $PWD:"
  say "  export PATH=\"\$PWD/.tools/node_modules/.bin:\$PATH\""
else
  say "ready: pnpm $PNPM_VERSION is on your PATH"
fi
