#!/usr/bin/env bash
# Install the Debian packages the build and the tests need, only those missing.
# Called by `make`, `make run` and `make test`; safe to run again and again.
# `scripts/deps.sh fuzz`: the fuzzers' compiler instead (make fuzz).
# Set DEPS_SKIP=1 to skip (e.g. on a machine that is not Debian).
set -euo pipefail

[ "${DEPS_SKIP:-0}" = 1 ] && exit 0

pkgs=(
  build-essential binutils make gcc python3
  qemu-system-x86 qemu-utils ovmf
  grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools
  e2fsprogs busybox-static cpio musl-tools
  gdb python3-pexpect bc
  debootstrap umoci skopeo zstd
)
# `scripts/deps.sh fuzz` (make fuzz): clang with libFuzzer and the
# sanitizers' runtimes, llvm-cov/llvm-profdata for the coverage report.
# Not needed by make or make test.
if [ "${1:-}" = fuzz ]; then
  pkgs=(clang libclang-rt-14-dev llvm zstd)
fi

missing=()
for p in "${pkgs[@]}"; do
  st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$st" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# An apt-get update that fails (offline mirror hiccup) is retried once; the
# install afterwards tells the truth either way.
$SUDO apt-get update -qq || { sleep 5; $SUDO apt-get update -qq; }
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
