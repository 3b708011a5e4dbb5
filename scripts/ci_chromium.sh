#!/usr/bin/env bash
# Install Debian's Chromium for the dashboard's browser tests (tests/web/test_dashboard_browser.py),
# which drive /usr/bin/chromium through Playwright (a pip package in the dev extras; its own browser
# download is never used). Source it from .ci/run. Needs root for apt-get; when it cannot install,
# it says why and the browser tests skip with their reason.
set -u
_chromium_setup() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  if [ "$(id -u)" != 0 ]; then echo "ci_chromium: not root and /usr/bin/chromium absent; browser tests will skip" >&2; return 1; fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || { echo "ci_chromium: apt-get install chromium failed; browser tests will skip" >&2; return 1; }
}
if _chromium_setup; then
  echo "ci_chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
fi
