#!/usr/bin/env bash
# The analyst-report test renders the HTML brief in headless Chromium: install Debian's package when it is
# missing. Idempotent and quiet when Chromium is there; where it cannot be installed (not root, no apt-get) it
# says so and the rendering test skips itself. CI calls this before the test suite.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium (Debian package) for the report test ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  # try the current package lists first; refresh them only when that fails
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 \
         && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; }
  command -v chromium >/dev/null
else
  echo "chromium is not installed and cannot be installed here; the report rendering test will be skipped" >&2
fi
