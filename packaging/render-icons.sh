#!/usr/bin/env bash
# Render the PNG sizes of the app icon from resources/icons/workbench.svg into the freedesktop
# hicolor layout (resources/icons/hicolor/NxN/apps/APP_ID.png). The PNGs are committed, so this
# runs only when the SVG changes; it needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/.."

APP_ID=org.example.FactcheckWorkbench
svg=resources/icons/workbench.svg
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert: sudo apt-get install librsvg2-bin"; exit 1; }
for size in 16 22 24 32 48 64 128 256 512; do
  dir="resources/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  rsvg-convert --width "$size" --height "$size" "$svg" --output "$dir/$APP_ID.png"
done
echo "rendered $(ls resources/icons/hicolor/*/apps/"$APP_ID".png | wc -l) PNGs from $svg"
