#!/usr/bin/env bash
# Install the workbench for the current user on Linux, with its menu entry, icons, file
# associations and AppStream metadata:
#
#   packaging/install-desktop.sh                 the bundle in dist/workbench (make bundle)
#   packaging/install-desktop.sh --command       only the desktop integration, for the
#                                                `workbench` already on PATH (pipx install .)
#   packaging/install-desktop.sh --uninstall     remove what either of the above installed
#
# PREFIX (default ~/.local) chooses where: PREFIX=/usr/local as root installs for everyone.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_ID=org.example.FactcheckWorkbench
PREFIX="${PREFIX:-$HOME/.local}"
share="$PREFIX/share"
app_dir="$PREFIX/opt/workbench"
link="$PREFIX/bin/workbench"
mode="${1:---bundle}"

refresh_caches() {
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$share/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
  fi
}

if [ "$mode" = "--uninstall" ]; then
  rm -f "$share/applications/workbench.desktop" "$share/metainfo/$APP_ID.metainfo.xml"
  rm -f "$share"/icons/hicolor/*/apps/"$APP_ID".png "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
  if [ -L "$link" ] && [ "$(readlink "$link")" = "$app_dir/workbench" ]; then rm -f "$link"; fi
  rm -rf "$app_dir"
  refresh_caches
  echo "Removed the workbench from $PREFIX (your reviews in ~/.local/share/workbench stay)."
  exit 0
fi

case "$mode" in
  --bundle)
    [ -x dist/workbench/workbench ] || { echo "No bundle in dist/workbench: run make bundle first."; exit 1; }
    rm -rf "$app_dir"
    mkdir -p "$(dirname "$app_dir")" "$(dirname "$link")"
    cp -a dist/workbench "$app_dir"
    ln -sfn "$app_dir/workbench" "$link"
    command="$app_dir/workbench"
    ;;
  --command)
    command="$(command -v workbench)" || { echo "No workbench on PATH: pipx install . first."; exit 1; }
    ;;
  *)
    echo "usage: $0 [--bundle | --command | --uninstall]"; exit 2
    ;;
esac

# The entry names the program by its full path: a desktop session's PATH may lack ~/.local/bin.
mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
sed -e "s|^Exec=workbench |Exec=$command |" -e "s|^TryExec=workbench$|TryExec=$command|" \
  packaging/workbench.desktop >"$share/applications/workbench.desktop"
cp packaging/"$APP_ID".metainfo.xml "$share/metainfo/"
for png in resources/icons/hicolor/*/apps/"$APP_ID".png; do
  size_dir="$(basename "$(dirname "$(dirname "$png")")")"
  mkdir -p "$share/icons/hicolor/$size_dir/apps"
  cp "$png" "$share/icons/hicolor/$size_dir/apps/"
done
cp resources/icons/workbench.svg "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
refresh_caches
echo "Installed: $command, with its menu entry in $share/applications/workbench.desktop."
