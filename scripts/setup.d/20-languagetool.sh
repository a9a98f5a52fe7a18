#!/usr/bin/env bash
# LanguageTool 6.8 for `--grammar`, assembled offline from Maven Central into
# ~/.cache/mtfix/languagetool (Maven's own repository cached in ~/.cache/mtfix/m2),
# so a second run takes a second. Java 17 and Maven come from Debian only when absent.
set -euo pipefail
: "${VENV:?VENV must be set by scripts/setup.sh}"

java_major() {
    command -v java >/dev/null 2>&1 || { echo 0; return; }
    java -version 2>&1 | sed -n 's/.*version "\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -n1
}

missing=()
[ "$(java_major)" -ge 17 ] 2>/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "[languagetool] installing ${missing[*]} from Debian" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "[languagetool] missing ${missing[*]}: install them to enable --grammar (skipped)" >&2
        exit 0
    fi
fi

"$VENV/bin/python" -m mtfix.grammar.install >/dev/null 2>/tmp/mtfix-lt-install.$$ \
    || echo "[languagetool] not installed ($(tail -n1 /tmp/mtfix-lt-install.$$)): --grammar stays off" >&2
rm -f /tmp/mtfix-lt-install.$$
