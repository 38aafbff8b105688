#!/usr/bin/env bash
# Fetch Debian's own Linux kernel (the image package linux-image-cloud-amd64
# depends on) into $BUILD/linux/vmlinuz, once; print its path. Used by the
# side-by-side runs: tests/e2e/run.py --linux and scripts/bench.sh (and the
# same file scripts/bench-boot.sh fetches). Never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
dir=$BUILD/linux
if [ ! -f "$dir/vmlinuz" ]; then
	rm -rf "$dir/pkg"
	mkdir -p "$dir/pkg"
	(
		cd "$dir/pkg"
		dep=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
			awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
		if [ -z "$dep" ]; then
			# An empty package list (a fresh machine): update once.
			apt-get update -qq >/dev/null 2>&1 || true
			dep=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
				awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
		fi
		[ -n "$dep" ] || { echo "fetch-linux: no linux-image-cloud-amd64 in apt's lists" >&2; exit 1; }
		apt-get download "$dep" >/dev/null 2>&1 || { echo "fetch-linux: apt-get download $dep failed" >&2; exit 1; }
		dpkg -x ./*.deb x
		cp x/boot/vmlinuz-* ../vmlinuz.tmp
		mv ../vmlinuz.tmp ../vmlinuz
		rm -rf x
	)
fi
echo "$dir/vmlinuz"
