#!/usr/bin/python3
"""Writes icons/hicolor/NxN.png, the app icon at every size Debian's hicolor theme has a
directory for, scaled down from icons/icon.png (512 x 512). The .deb installs each one as
/usr/share/icons/hicolor/NxN/apps/runway-app.png (tauri.conf.json, bundle.icon).

Run it with Debian's own Python (it needs GdkPixbuf through python3-gi, which the GTK build
libraries bring) after changing icons/icon.png, and commit what it writes:

    /usr/bin/python3 scripts/icons.py
"""

from pathlib import Path

import gi

gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf  # noqa: E402

# /usr/share/icons/hicolor/index.theme (hicolor-icon-theme 0.17): its fixed-size directories.
SIZES = (16, 22, 24, 32, 36, 48, 64, 72, 96, 128, 192, 256, 512)

root = Path(__file__).resolve().parent.parent
source = GdkPixbuf.Pixbuf.new_from_file(str(root / "icons" / "icon.png"))
assert (source.get_width(), source.get_height()) == (512, 512), "icons/icon.png must be 512 x 512"
out = root / "icons" / "hicolor"
out.mkdir(exist_ok=True)
for size in SIZES:
    icon = source if size == 512 else source.scale_simple(size, size, GdkPixbuf.InterpType.HYPER)
    icon.savev(str(out / f"{size}x{size}.png"), "png", ["compression"], ["9"])
    print(f"icons/hicolor/{size}x{size}.png")
