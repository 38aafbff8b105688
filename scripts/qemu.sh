#!/usr/bin/env bash
# Boot the kernel under QEMU (TCG), serial console on stdin/stdout.
#
# scripts/qemu.sh [--smp N] [--mem SIZE] [--append "ARGS"] [--initrd FILE]
#                 [--store FILE|none] [--iso] [--uefi] [--timeout SECONDS]
#                 [--kernel FILE] [-- QEMU-ARGS...]
#
# Exit status is the kernel's: it leaves QEMU through isa-debug-exit with
# (code + 16), which QEMU turns into ((code + 16) << 1) | 1; this script
# undoes that, so 0 is a clean power-off. Other outcomes:
#   124  timeout (the kernel hung)
#   125  QEMU stopped without the kernel's word (triple fault, reset)
#   126  QEMU itself failed (bad arguments, missing file)
set -u

BUILD=${BUILD:-build}
smp=2
mem=512M
append=""
initrd=""
initrd_set=0
store=""
iso=0
uefi=0
timeout=0
kernel="$BUILD/kernel.elf"
extra=()

while [ $# -gt 0 ]; do
	case "$1" in
	--smp) smp=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--initrd) initrd=$2; initrd_set=1; shift 2 ;;
	--store) store=$2; shift 2 ;;
	--iso) iso=1; shift ;;
	--uefi) uefi=1; iso=1; shift ;;
	--timeout) timeout=$2; shift 2 ;;
	--kernel) kernel=$2; shift 2 ;;
	--) shift; extra=("$@"); break ;;
	-h|--help) sed -n '2,14p' "$0"; exit 0 ;;
	*) echo "qemu.sh: unknown option $1" >&2; exit 126 ;;
	esac
done

if [ $initrd_set = 0 ]; then
	if [ -f "$BUILD/initramfs.cpio.gz" ]; then
		initrd="$BUILD/initramfs.cpio.gz"
	elif [ -f "$BUILD/initramfs.cpio" ]; then
		initrd="$BUILD/initramfs.cpio"
	fi
fi
if [ -z "$store" ] && [ -f "$BUILD/store.img" ]; then
	store="$BUILD/store.img"
fi
[ "$store" = none ] && store=

# The console: stdin/stdout through a mux (Ctrl-A X quits QEMU) with
# signal=off, so ^C reaches the guest's terminal instead of killing QEMU.
args=(-machine q35 -accel tcg -cpu max -smp "$smp" -m "$mem"
	-display none -chardev stdio,id=con,mux=on,signal=off -serial chardev:con
	-monitor none -no-reboot
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
	-device virtio-rng-pci)

if [ $iso = 1 ]; then
	args+=(-cdrom "$BUILD/kernel.iso" -boot d)
	if [ $uefi = 1 ]; then
		code=/usr/share/OVMF/OVMF_CODE.fd
		vars_src=/usr/share/OVMF/OVMF_VARS.fd
		[ -f $code ] || code=/usr/share/OVMF/OVMF_CODE_4M.fd
		[ -f $vars_src ] || vars_src=/usr/share/OVMF/OVMF_VARS_4M.fd
		vars=$(mktemp /tmp/ovmf-vars.XXXXXX)
		cp "$vars_src" "$vars"
		trap 'rm -f "$vars"' EXIT
		args+=(-drive if=pflash,format=raw,readonly=on,file="$code"
			-drive if=pflash,format=raw,file="$vars")
	fi
else
	[ -f "$kernel" ] || { echo "qemu.sh: $kernel not found (run make)" >&2; exit 126; }
	args+=(-kernel "$kernel" -append "console=ttyS0 $append")
	[ -n "$initrd" ] && args+=(-initrd "$initrd")
fi
if [ -n "$store" ]; then
	args+=(-drive "file=$store,format=raw,if=none,id=store" -device virtio-blk-pci,drive=store)
fi

if [ "$timeout" != 0 ]; then
	timeout --foreground -k 5 "$timeout" qemu-system-x86_64 "${args[@]}" "${extra[@]}"
else
	qemu-system-x86_64 "${args[@]}" "${extra[@]}"
fi
rc=$?

if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "qemu.sh: timeout after ${timeout}s: the kernel hung" >&2
	exit 124
elif [ $rc = 0 ]; then
	echo "qemu.sh: QEMU stopped without the kernel's exit status (triple fault or reset)" >&2
	exit 125
elif [ $((rc & 1)) = 1 ] && [ $rc -ge 33 ]; then
	exit $(( ((rc - 1) >> 1) - 16 ))
else
	echo "qemu.sh: QEMU failed with status $rc" >&2
	exit 126
fi
