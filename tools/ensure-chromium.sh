#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium: the browser tests of the dashboard and the
# portal drive it through Playwright (whose own browser download cannot work without a network).
# When it is missing it is installed with apt-get, non-interactively, and the console says so.
# Never fatal: without it the browser tests fail and say why; nothing else needs it.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "chromium: /usr/bin/chromium is missing; installing Debian's chromium package (apt-get, for the dashboard's browser tests)..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "chromium: not root and no sudo: install it yourself (apt-get install chromium); the browser tests need it." >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: no apt-get here: install chromium at /usr/bin/chromium (or set BILLING_CHROMIUM to its path); the browser tests need it." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null; then
  echo "chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo '(version unknown)')"
else
  echo "chromium: apt-get could not install it; the browser tests will fail saying so." >&2
fi
exit 0
