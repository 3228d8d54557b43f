#!/usr/bin/env bash
# Build Legwork for Linux: the one-folder bundle, a tarball of it and a .deb (see README.md here).
#
#   bash packaging/build.sh                 # with `python` (3.11 or newer, a shared libpython)
#   PYTHON=python3.12 bash packaging/build.sh
#
# Writes, in dist/:
#   legwork/                                  the bundle: run dist/legwork/legwork
#   legwork-VERSION-linux-ARCH.tar.gz         that folder, for any distribution
#   legwork_VERSION-1_DEBARCH.deb             /opt/legwork, `legwork` on the PATH, desktop entry
#
# Everything is built in a fresh virtual environment with the pins of
# packaging/requirements-bundle.txt. Needs no network beyond the package index, and no root:
# the .deb is made with dpkg-deb --root-owner-group. Its dependencies come from
# dpkg-shlibdeps (package dpkg-dev) on the bundle's own libraries.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1
DIST=$ROOT/dist
BUILD=$ROOT/build/bundle
APP_ID=org.legwork.Legwork
start=$SECONDS

last=$SECONDS
say() {  # a phase's title, after how long the one before took
    printf '   (%d s)\n\n== %s\n' $((SECONDS - last)) "$*"
    last=$SECONDS
}
die() { echo "build.sh: $*" >&2; exit 1; }

for tool in dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || die "$tool is missing: apt-get install dpkg-dev"
done
"$PYTHON" - <<'EOF' || die "PyInstaller needs a Python built with --enable-shared (a libpython)"
import sys, sysconfig
sys.exit(not sysconfig.get_config_var("Py_ENABLE_SHARED"))
EOF

VERSION=$("$PYTHON" -c 'import re,sys; print(re.search(r"__version__ = \"(.+?)\"", open("planner/__init__.py").read())[1])')
ARCH=$(uname -m)
DEB_ARCH=$(dpkg --print-architecture)

say "a clean virtual environment with the pinned tools ($("$PYTHON" --version))"
rm -rf "$BUILD"
mkdir -p "$BUILD" "$DIST"
"$PYTHON" -m venv "$BUILD/venv"
VENV_PY=$BUILD/venv/bin/python
"$VENV_PY" -m pip install -q -r packaging/requirements-bundle.txt
# Legwork itself, as a wheel (not the source tree): the bundle gets what a user would, as
# legwork.spec takes the installed package.
"$VENV_PY" -m pip wheel -q --no-deps -w "$BUILD/wheel" .
rm -rf build/lib build/bdist.* ./*.egg-info  # setuptools builds in the tree; leave no trace
"$VENV_PY" -m pip install -q --no-deps "$BUILD"/wheel/legwork-*.whl
"$VENV_PY" -m pip check
"$VENV_PY" -m pip freeze --exclude-editable >"$BUILD/frozen.txt"

say "the bundle (PyInstaller $("$VENV_PY" -m PyInstaller --version))"
rm -rf "$DIST/legwork" "$DIST"/legwork-*-linux-*.tar.gz "$DIST"/legwork_*.deb
# Run from the build folder, so the spec's analysis imports the installed package.
(cd "$BUILD" && "$VENV_PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/work" "$ROOT/packaging/legwork.spec")
[ -x "$DIST/legwork/legwork" ] || die "PyInstaller made no dist/legwork/legwork"

say "the licences of what the bundle carries"
"$VENV_PY" - "$DIST/legwork/LICENSES" <<'EOF'
import shutil
import sys
from importlib.metadata import distributions
from pathlib import Path

out = Path(sys.argv[1])
tools = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib", "altgraph",
         "packaging"}
for dist in distributions():
    name = dist.metadata["Name"]
    if name.lower() in tools:
        continue
    files = [f for f in dist.files or ()
             if any(k in f.name.upper() for k in ("LICENSE", "LICENCE", "COPYING", "NOTICE"))]
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        shutil.copyfile(file.locate(), folder / file.name)
    # What the package says of its licence and where it comes from; for the packages whose
    # wheels carry no licence text (PySide6 and shiboken6: LGPL-3.0 or GPL), it is all there is.
    said = [f"{name} {dist.version}"]
    for field in ("License-Expression", "License", "Home-page"):
        value = (dist.metadata.get(field) or "").strip()
        if value and len(value) < 200:
            said.append(f"{field}: {value}")
    said += [f"Classifier: {c}" for c in dist.metadata.get_all("Classifier") or () if "License" in c]
    said += [f"Project-URL: {u}" for u in dist.metadata.get_all("Project-URL") or ()]
    (folder / "METADATA.txt").write_text("\n".join(said) + "\n", encoding="utf-8")
    print(f"  {name} {dist.version}: {len(files)} licence file(s)")
version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
for python_license in (Path(sys.base_prefix) / "lib" / version / "LICENSE.txt",):
    if python_license.exists():
        (out / "Python").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(python_license, out / "Python" / "LICENSE.txt")
EOF

say "the tarball"
TARBALL=$DIST/legwork-$VERSION-linux-$ARCH.tar.gz
tar -C "$DIST" --sort=name --owner=0 --group=0 --numeric-owner -czf "$TARBALL" legwork

say "the .deb"
STAGE=$BUILD/deb
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin"
cp -a "$DIST/legwork" "$STAGE/opt/legwork"
ln -s /opt/legwork/legwork "$STAGE/usr/bin/legwork"
# The desktop entry starts the bundle (the wheel's entry runs legwork-gui).
install -Dm644 /dev/null "$STAGE/usr/share/applications/$APP_ID.desktop"
sed -e 's/^Exec=legwork-gui/Exec=legwork/' -e 's/^TryExec=legwork-gui/TryExec=legwork/' \
    "resources/$APP_ID.desktop" >"$STAGE/usr/share/applications/$APP_ID.desktop"
install -Dm644 resources/icons/legwork.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in 16 32 48 64 128 256; do
    install -Dm644 "resources/icons/legwork-$size.png" \
        "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -Dm644 "resources/$APP_ID.metainfo.xml" "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
install -d "$STAGE/usr/share/doc/legwork"
cat >"$STAGE/usr/share/doc/legwork/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: legwork

Files: *
Copyright: The Legwork developers
License: MIT

Files: opt/legwork/*
Comment: The bundle carries Python, Qt (PySide6: LGPL-3.0-only or GPL) and the Python
 packages Legwork uses. /opt/legwork/LICENSES/ has a folder for each: its licence texts
 where its package ships them, and in METADATA.txt the licence it declares.
EOF

# Depends: the system libraries the bundle's ELF files load and do not carry, as packages.
# Qt's Wayland parts and its GTK theme are not counted: they load only on the desktops that
# have those libraries (on X11, or without GTK, Qt does without them).
mkdir -p "$BUILD/shlibs/debian"
printf 'Source: legwork\n\nPackage: legwork\nArchitecture: any\n' >"$BUILD/shlibs/debian/control"
# The libraries the bundle carries (PyInstaller copies most of Qt's, X11's and GLib's) need
# no package: an entry without a dependency for each of their sonames says so.
find "$STAGE/opt/legwork" -type f -name '*.so*' -print0 | xargs -0 objdump -p 2>/dev/null |
    awk '/^ *SONAME/ {print $2}' | sort -u |
    sed -nE 's/^(.+)\.so\.([0-9][0-9.]*)$/\1 \2/p; s/^(.+)-([0-9][0-9.]*)\.so$/\1 \2/p' \
        >"$BUILD/shlibs/debian/shlibs.local"
elves=()
while IFS= read -r -d '' file; do
    case "$file" in
    *Wayland* | *WlShell* | */wayland-* | */platforms/libqwayland* | */platformthemes/*) continue ;;
    esac
    [ "$(head -c4 "$file" | tr -d '\0')" = "$(printf '\177ELF')" ] && elves+=("$file")
done < <(find "$STAGE/opt/legwork" -type f \( -name '*.so*' -o -name legwork \) -print0)
libdirs=()
while IFS= read -r folder; do libdirs+=("-l$folder"); done < <(
    find "$STAGE/opt/legwork" -name '*.so*' -printf '%h\n' | sort -u)
depends=$(cd "$BUILD/shlibs" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 \
    "${libdirs[@]}" "${elves[@]}" 2>"$BUILD/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p') ||
    true
[ -n "$depends" ] || { cat "$BUILD/shlibdeps.log"; die "dpkg-shlibdeps found no dependencies"; }
# What Qt's xcb platform needs (Qt's list; the bundle carries copies of most, but the GL and
# EGL drivers must be the system's), fontconfig and a font.
for package in libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 \
    fontconfig fonts-dejavu-core; do
    case ", $depends," in *", $package "* | *", $package,"*) ;; *) depends="$depends, $package" ;; esac
done
installed_kib=$(du -sk "$STAGE" | cut -f1)
cat >"$STAGE/DEBIAN/control" <<EOF
Package: legwork
Version: $VERSION-1
Architecture: $DEB_ARCH
Maintainer: The Legwork developers <legwork@example.invalid>
Installed-Size: $installed_kib
Depends: $depends
Section: misc
Priority: optional
Homepage: https://example.invalid/legwork
Description: private, offline training planner for runners
 A weekly calendar of runs, strength, HIIT and rest, with live warnings for
 overtraining and missing rest days, charts of weight, mileage and training
 load, recorded activities from watches (FIT, GPX, TCX) and printable weeks.
 Everything stays in one local file. This package carries its own Python and
 Qt under /opt/legwork.
EOF
DEB=$DIST/legwork_${VERSION}-1_$DEB_ARCH.deb
# zstd: 3 s and 83 MB, where xz takes 50 s for 68 MB. Every dpkg on a system the bundle runs
# on (glibc 2.36: Debian 12, Ubuntu 23.04 and newer) reads it.
dpkg-deb --root-owner-group -Zzstd -z9 --build "$STAGE" "$DEB" >/dev/null

say "built in $((SECONDS - start)) s"
du -sh "$DIST/legwork" | sed 's/^/  bundle folder   /'
du -h "$TARBALL" | sed 's/^/  tarball         /'
du -h "$DEB" | sed 's/^/  .deb            /'
echo "  Depends: $depends"
# The newest glibc symbol any file of the bundle asks for: the oldest system it runs on.
floor=$(find "$DIST/legwork" -type f \( -name '*.so*' -o -name legwork \) -exec objdump -T {} + \
    2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sort -u -V | tail -1)
echo "  needs glibc ${floor#GLIBC_} or newer (that of the system it was built on, $(ldd --version | head -1))"
