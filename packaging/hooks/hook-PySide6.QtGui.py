"""PyInstaller's own QtGui hook, less the Qt plugins the workbench never loads.

Dropping them here, before PyInstaller follows their shared-library dependencies, also keeps out
what they link: the GTK3 platform theme alone would bundle the build machine's GTK, cairo and
pango (and a bundled GTK breaks on other distributions' themes). Fusion draws the widgets and the
xdg-desktop-portal theme still gives native file dialogs.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)

UNUSED = (
    "/platformthemes/libqgtk3",
    "/platforms/libqeglfs",
    "/platforms/libqlinuxfb",
    "/platforms/libqvnc",
    "/platforms/libqminimalegl",
    "/platforms/libqvkkhrdisplay",
    "/egldeviceintegrations/",
    "/generic/",
    "/imageformats/libqicns",
    "/imageformats/libqtga",
    "/imageformats/libqtiff",
    "/imageformats/libqwbmp",
    "/imageformats/libqwebp",
    "/imageformats/libqpdf",
)


def _wanted(entry) -> bool:
    source = entry[0].replace("\\", "/")
    return not any(part in source for part in UNUSED)


binaries = [entry for entry in binaries if _wanted(entry)]
