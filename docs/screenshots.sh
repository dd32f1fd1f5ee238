#!/usr/bin/env bash
# Screenshots of every sample's HTML at phone and desktop widths, in headless Chromium
# (Debian's chromium package), and of the batch index of an archive. Run from the
# repository root: bash docs/screenshots.sh
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shoot() {  # shoot PAGE NAME: docs/NAME-390.png and docs/NAME-1280.png of the page
  for size in 390,1400 1280,1000; do
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
      --disable-background-networking --disable-component-update \
      --user-data-dir="$work/profile" --window-size="$size" \
      --screenshot="docs/$2-${size%,*}.png" "file://$1" >/dev/null 2>&1
  done
}
for sample in samples/*.txt; do
  name=$(basename "$sample" .txt)
  unroll convert "$sample" -o "$work/$name.html" --force
  shoot "$work/$name.html" "$name"
done
# The batch index (--index) of an archive: the samples and generated Thread Reader App pages
# in year folders (docs/sample_archive.py).
python3 docs/sample_archive.py "$work/archive" 60
unroll convert "$work/archive" -o "$work/site/" -t html --index -q --force
shoot "$work/site/index.html" index
