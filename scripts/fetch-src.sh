#!/usr/bin/env bash
# Fetch Debian source packages into $BUILD/src/NAME/ (a stable path for the
# mk/*.mk fragments that compile them with the kernel's flags), once each.
#
#   scripts/fetch-src.sh zlib [jansson libarchive ...]
#
# `apt-get source` needs deb-src lines: when apt has none, this adds
# /etc/apt/sources.list.d/project-deb-src.sources mirroring the deb lines
# of the Debian sources (same URIs, suites, components, keyring) and
# updates apt once. Safe to run again and again: a package already
# unpacked (its $BUILD/src/NAME/.fetched stamp) is not fetched again.
# No third-party source is ever committed: it lives in $BUILD only.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ $# -gt 0 ] || { echo "usage: fetch-src.sh PACKAGE..." >&2; exit 2; }

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

have_deb_src() {
	grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/
}

enable_deb_src() {
	local src=/etc/apt/sources.list.d/debian.sources out=/etc/apt/sources.list.d/project-deb-src.sources
	if [ -f "$src" ]; then
		# deb822: the same stanzas with Types: deb-src.
		sed -E 's/^Types:.*/Types: deb-src/' "$src" | $SUDO tee "$out" > /dev/null
	elif [ -f /etc/apt/sources.list ]; then
		grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
			$SUDO tee /etc/apt/sources.list.d/project-deb-src.list > /dev/null
	else
		echo "fetch-src: no apt sources to mirror as deb-src" >&2
		return 1
	fi
	$SUDO apt-get update -qq || { sleep 5; $SUDO apt-get update -qq; }
}

for name in "$@"; do
	dest=$BUILD/src/$name
	[ -f "$dest/.fetched" ] && continue
	have_deb_src || enable_deb_src
	work=$BUILD/src/.fetch-$name
	rm -rf "$work" "$dest"
	mkdir -p "$work"
	if ! (cd "$work" && apt-get source -qq "$name" > apt-source.log 2>&1); then
		# Lists older than the deb-src lines: update once and retry.
		$SUDO apt-get update -qq
		(cd "$work" && apt-get source -qq "$name" > apt-source.log 2>&1) ||
			{ cat "$work/apt-source.log" >&2; echo "fetch-src: apt-get source $name failed" >&2; exit 1; }
	fi
	dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)
	[ -n "$dir" ] || { echo "fetch-src: apt-get source $name unpacked nothing" >&2; exit 1; }
	mv "$dir" "$dest"
	basename "$dir" > "$dest/.fetched"
	rm -rf "$work"
done
