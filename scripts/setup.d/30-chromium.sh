#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the HTML report test (tests/test_report*.py
# drive the report in headless Chromium through the DevTools protocol). Nothing is
# downloaded by a browser tool; a second run returns at once.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    echo "[chromium] missing: install Debian's chromium and chromium-driver for the report test (skipped)" >&2
    exit 0
fi
echo "[chromium] installing chromium and chromium-driver from Debian" >&2
log=$(mktemp)
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } >"$log" 2>&1; then
    echo "[chromium] install failed: $(tail -n1 "$log")" >&2
fi
rm -f "$log"
