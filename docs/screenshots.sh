#!/usr/bin/env bash
# Screenshots of every sample's HTML at phone and desktop widths, in headless Chromium
# (Debian's chromium package). Run from the repository root: bash docs/screenshots.sh
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for sample in samples/*.txt; do
  name=$(basename "$sample" .txt)
  unroll convert "$sample" -o "$work/$name.html" --force
  for size in 390,1400 1280,1000; do
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
      --disable-background-networking --disable-component-update \
      --user-data-dir="$work/profile" --window-size="$size" \
      --screenshot="docs/$name-${size%,*}.png" "file://$work/$name.html" >/dev/null 2>&1
  done
done
