#!/usr/bin/env bash
# Makes every icon in this folder from belfry.svg, with tools from Debian's packages:
#   apt-get install librsvg2-bin icoutils icnsutils
# Usage: icons/generate.sh
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w $size -h $size belfry.svg -o belfry-$size.png
done
# Windows: the usual sizes in one .ico
icotool -c -o belfry.ico belfry-16.png belfry-24.png belfry-32.png belfry-48.png belfry-64.png belfry-256.png
# macOS: an .icns from the sizes Apple's format takes
png2icns belfry.icns belfry-16.png belfry-32.png belfry-48.png belfry-128.png belfry-256.png belfry-512.png belfry-1024.png >/dev/null
# Linux desktop entries and the window: a 256 px PNG
cp belfry-256.png belfry.png
echo "icons made from belfry.svg"
