#!/usr/bin/env bash
# Finds, or installs from Debian's packages, what the test suite needs beyond npm:
# Chromium (browser, accessibility and Lighthouse tests), Java (the W3C Nu HTML Checker),
# poppler-utils (the print test reads the PDF Chromium prints, and renders its first page) and xmllint
# (sitemaps checked against the sitemaps.org and Google News schemas).
# A fresh CI machine has neither; a tool that cannot be had is a clear failure, never a skip.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
# Noto fonts: a Vietnamese-complete face, so screenshots show what a phone shows.
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)

if [ ${#need[@]} -gt 0 ]; then
  echo "ensure-tools: installing ${need[*]} from Debian's packages…"
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-tools: cannot install ${need[*]}: need root and apt-get. Install them and run again." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v chromium >/dev/null 2>&1 || { echo "ensure-tools: chromium still missing" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "ensure-tools: java still missing" >&2; exit 1; }
command -v pdftotext >/dev/null 2>&1 || { echo "ensure-tools: pdftotext still missing" >&2; exit 1; }
command -v xmllint >/dev/null 2>&1 || { echo "ensure-tools: xmllint still missing" >&2; exit 1; }
echo "ensure-tools: $(chromium --version 2>/dev/null | head -n1); $(java -version 2>&1 | head -n1)"
