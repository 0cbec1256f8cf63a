#!/usr/bin/env bash
# Prints the path of a promtool (Prometheus' checker, for `promtool check metrics` in the metrics
# spec). Uses one on PATH, else extracts it from Debian's prometheus package into the cache:
# `apt-get download` fetches the .deb without installing it, so no Prometheus server is set up.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

if command -v promtool >/dev/null; then command -v promtool; exit 0; fi
cached="$FTE_CACHE_DIR/promtool/promtool"
if [[ -x "$cached" ]]; then echo "$cached"; exit 0; fi

t0=$(now_s)
w=$(mktemp -d /tmp/fte-promtool.XXXXXX)
trap 'rm -rf "$w"' EXIT
chmod 755 "$w" && { chown _apt "$w" 2>/dev/null || true; }
log "promtool: downloading Debian's prometheus package (about 19 MB) to take promtool from it"
(cd "$w" && apt-get download -qq prometheus >&2) || { apt-get update -qq >&2 && (cd "$w" && apt-get download -qq prometheus >&2); }
deb=$(ls "$w"/prometheus_*.deb 2>/dev/null | head -n1 || true)
[[ -n "$deb" ]] || die "promtool: apt-get download prometheus fetched nothing"
dpkg-deb -x "$deb" "$w/x"
[[ -x "$w/x/usr/bin/promtool" ]] || die "promtool: $deb holds no usr/bin/promtool"
mkdir -p "$(dirname "$cached")"
cp "$w/x/usr/bin/promtool" "$cached"
log "promtool: $("$cached" --version 2>&1 | head -n1) in $(elapsed "$t0")s"
echo "$cached"
