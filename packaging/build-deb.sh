#!/usr/bin/env bash
# Builds oneonone_VERSION_ARCH.deb from a release binary and what `make man`
# and `make completions` wrote, with dpkg-deb alone (no network, no root:
# --root-owner-group makes every file root's).
#
#   packaging/build-deb.sh BINARY DIST_DIR
#
# DIST_DIR holds man/ and completions/; the package tree is staged in
# DIST_DIR/deb/root and the .deb written to DIST_DIR. SOURCE_DATE_EPOCH,
# when set, is the date of the changelog entry and of every file.
#
# No maintainer scripts: systemd's package has a dpkg trigger on
# /usr/lib/systemd/catalog (interest-noawait) that runs
# `journalctl --update-catalog` whenever a package adds or removes a file
# there, so installing and removing this one updates the catalog.
set -euo pipefail

[ $# = 2 ] || { echo "usage: $0 BINARY DIST_DIR" >&2; exit 2; }
binary=$1
dist=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
umask 022

version=$("$binary" --version)
arch=$(dpkg --print-architecture)
stage="$dist/deb"
root="$stage/root"
rm -rf "$stage"
mkdir -p "$root/DEBIAN"

# The binary, stripped as Debian ships binaries (the Swift metadata sections
# stay: strip removes only symbols and debug sections).
install -Dm755 "$binary" "$root/usr/bin/oneonone"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/oneonone"

# The user unit and the journal catalog.
mkdir -p "$root/usr/lib/systemd/user"
sed 's|@BINDIR@|/usr/bin|g' "$repo/systemd/oneonone.service" > "$root/usr/lib/systemd/user/oneonone.service"
chmod 644 "$root/usr/lib/systemd/user/oneonone.service"
install -Dm644 "$repo/systemd/oneonone.catalog" "$root/usr/lib/systemd/catalog/oneonone.catalog"

# Manual pages, compressed as policy asks (-n: no name or time inside).
for page in oneonone.1 oneonone.toml.5; do
  section=${page##*.}
  install -Dm644 "$dist/man/$page" "$root/usr/share/man/man$section/$page"
  gzip -9n "$root/usr/share/man/man$section/$page"
done

# Completions, where each shell's Debian package looks.
install -Dm644 "$dist/completions/oneonone.bash" "$root/usr/share/bash-completion/completions/oneonone"
install -Dm644 "$dist/completions/_oneonone" "$root/usr/share/zsh/vendor-completions/_oneonone"
install -Dm644 "$dist/completions/oneonone.fish" "$root/usr/share/fish/vendor_completions.d/oneonone.fish"

# Documentation: copyright, the changelog, the example config. The package
# is native (built by upstream, no Debian revision), so the changelog is
# changelog.gz, not changelog.Debian.gz.
doc="$root/usr/share/doc/oneonone"
install -Dm644 "$here/deb/copyright" "$doc/copyright"
install -Dm644 "$repo/config/example.toml" "$doc/examples/config.toml"
maintainer=$(sed -n 's/^Maintainer: //p' "$here/deb/control.in")
date=$(date -R ${SOURCE_DATE_EPOCH:+-d @"$SOURCE_DATE_EPOCH"})
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
sed -e "s|@VERSION@|$version|" -e "s|@MAINTAINER@|$maintainer|" -e "s|@DATE@|$date|" -e "s|@COMMIT@|$commit|" \
  "$here/deb/changelog.in" > "$doc/changelog"
chmod 644 "$doc/changelog"
gzip -9n "$doc/changelog"

# Depends from the libraries the binary links (libc6, libsystemd0, …).
# dpkg-shlibdeps wants a debian/control to read; give it a minimal one.
mkdir -p "$stage/shlibs/debian"
printf 'Source: oneonone\n\nPackage: oneonone\nArchitecture: any\n' > "$stage/shlibs/debian/control"
depends=$(cd "$stage/shlibs" && dpkg-shlibdeps -O "$root/usr/bin/oneonone" 2>"$stage/shlibs/log" \
  | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { cat "$stage/shlibs/log" >&2; echo "build-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@DEPENDS@|$depends|" -e "s|@INSTALLED_SIZE@|$size|" \
  "$here/deb/control.in" > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  find "$root" -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
fi
deb="$dist/oneonone_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "built $deb"
