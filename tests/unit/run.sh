#!/usr/bin/env bash
# Host unit tests of kernel/lib.
#
#   bash tests/unit/run.sh            (from anywhere; paths are the repo's)
#
# kernel/lib/*.c are compiled for the host (with AddressSanitizer and
# UBSan) into build/unit/libklib.a, every C library name renamed to klib_NAME
# by tests/unit/klib_prefix.h so they link beside the host's libc. Each
# tests/unit/test_*.c is linked against that library, run, and its output
# passed through: one "PASS: unit/<name>" or "FAIL: unit/<name>: <why>" line
# per case. A test program that crashes, hangs or fails to build gets a FAIL
# line of its own. Some checks on the library as a whole come first (the
# kernel build flags, no name clash with libc, no self-calling memcpy).
#
# Environment: BUILD (default build), HOSTCC (default gcc), UNIT_SEED (a
# different random seed), UNIT_TIMEOUT (seconds per test program, default 600).
# Exits 1 if anything failed.

set -u
cd "$(dirname "$0")/../.." || exit 1

B="${BUILD:-build}/unit"
CC="${HOSTCC:-gcc}"
TIMEOUT="${UNIT_TIMEOUT:-600}"
mkdir -p "$B/obj" "$B/kobj" || exit 1

failed=0
pass() { echo "PASS: unit/$1"; }
fail() { echo "FAIL: unit/$1: $2"; failed=1; }

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
HOST_CFLAGS="-std=gnu11 -O1 -g -Wall -Wextra -Werror $SAN"
GCC_INCLUDE="$("$CC" -print-file-name=include)"
# Freestanding like the kernel build: no host header is seen, only GCC's own.
LIB_CFLAGS="$HOST_CFLAGS -ffreestanding -fno-builtin -nostdinc -isystem $GCC_INCLUDE -include tests/unit/klib_prefix.h -Ikernel/include -Ikernel/lib/include"
TEST_CFLAGS="$HOST_CFLAGS -D_GNU_SOURCE -Wno-format -Wno-format-security -Ikernel/include -Itests/unit"
# The kernel Makefile's flags (override with KLIB_KERNEL_CFLAGS to pass its own).
KERNEL_CFLAGS="${KLIB_KERNEL_CFLAGS:--std=gnu11 -ffreestanding -nostdinc -isystem $GCC_INCLUDE -Ikernel/include -Ikernel/lib/include -mno-red-zone -mcmodel=kernel -mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 -fno-pic -fno-pie -fno-common -fno-strict-aliasing -fno-omit-frame-pointer -fstack-protector-strong -mstack-protector-guard=global -fno-jump-tables -O2 -Wall -Wextra -Werror -Wvla -Wstrict-prototypes}"

export ASAN_OPTIONS="abort_on_error=1:detect_leaks=0:check_printf=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"

# The two name lists of the prefix headers must agree.
prefixed=$(sed -n 's/^#define \([A-Za-z_0-9]*\) klib_.*/\1/p' tests/unit/klib_prefix.h | sort)
unprefixed=$(sed -n 's/^#undef \([A-Za-z_0-9]*\)$/\1/p' tests/unit/klib_unprefix.h | sort)
if [ "$prefixed" = "$unprefixed" ]; then
	pass klib.prefix-lists
else
	fail klib.prefix-lists "klib_prefix.h and klib_unprefix.h name different functions"
fi

# kernel/lib must build with the kernel's own flags (freestanding, no FP).
kbad=()
for src in kernel/lib/*.c; do
	obj="$B/kobj/$(basename "${src%.c}").o"
	"$CC" $KERNEL_CFLAGS -c "$src" -o "$obj" 2>"$obj.log" || { kbad+=("$src"); cat "$obj.log" >&2; }
done
if [ ${#kbad[@]} -eq 0 ]; then
	pass klib.kernel-flags
else
	fail klib.kernel-flags "does not compile with the kernel's flags: ${kbad[*]}"
fi

# GCC may turn a copy or fill loop into a call to memcpy/memset/memmove:
# inside those functions themselves that is endless recursion. memcpy and
# memset are pure asm and may call nothing; memmove (and its backward
# helper, if not inlined) may not call or jump to memmove.
if [ -f "$B/kobj/string.o" ]; then
	calls=$(objdump -dr "$B/kobj/string.o" | awk '
		/^[0-9a-f]+ <[^>]+>:$/ {
			f = substr($2, 2, length($2) - 3)
			check = (f == "memcpy" || f == "memset" || f == "memmove" || f == "copy_backward")
			self = (f == "copy_backward") ? "memmove" : f
			next
		}
		!check { next }
		(f == "memcpy" || f == "memset") && (/[ \t]call/ || /R_X86_64_/) { print f ": " $0; next }
		index($0, "<" self ">") || index($0, "<" f ">") || ($0 ~ ("R_X86_64_.*[ \t]" self "([-+]|$)")) { print f ": " $0 }')
	if [ -z "$calls" ]; then
		pass klib.mem-no-self-call
	else
		fail klib.mem-no-self-call "memcpy/memset/memmove call themselves: $(echo $calls)"
	fi
fi

# The host build of the library.
objs=()
hbad=()
for src in kernel/lib/*.c; do
	obj="$B/obj/$(basename "${src%.c}").o"
	if "$CC" $LIB_CFLAGS -c "$src" -o "$obj"; then
		objs+=("$obj")
	else
		hbad+=("$src")
	fi
done
rm -f "$B/libklib.a"
if [ ${#objs[@]} -gt 0 ]; then
	ar rcs "$B/libklib.a" "${objs[@]}"
fi
if [ ${#hbad[@]} -eq 0 ]; then
	pass klib.host-build
else
	fail klib.host-build "does not compile for the host: ${hbad[*]}"
fi

# No kernel/lib symbol may shadow one of the host libc's (a name missing
# from klib_prefix.h would silently replace libc's function in the tests).
libc="$("$CC" -print-file-name=libc.so.6)"
if [ -f "$B/libklib.a" ] && [ -f "$libc" ]; then
	clash=$(comm -12 \
		<(nm -g --defined-only "$B/libklib.a" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u) \
		<(nm -D --defined-only "$libc" | awk '{ sub(/@.*/, "", $3); print $3 }' | sort -u))
	if [ -z "$clash" ]; then
		pass klib.no-libc-clash
	else
		fail klib.no-libc-clash "kernel/lib defines host libc names, add them to klib_prefix.h: $(echo $clash)"
	fi
fi

for t in tests/unit/test_*.c; do
	[ -e "$t" ] || continue
	name=$(basename "${t%.c}")
	bin="$B/$name"
	if ! "$CC" $TEST_CFLAGS "$t" "$B/libklib.a" -o "$bin"; then
		fail "$name" "does not build"
		continue
	fi
	out="$B/$name.out"
	timeout "$TIMEOUT" "$bin" >"$out"
	status=$?
	cat "$out"
	if grep -q '^FAIL: ' "$out"; then
		failed=1
	fi
	case $status in
	0) ;;
	1) grep -q '^FAIL: ' "$out" || fail "$name" "exit status 1 without a FAIL line" ;;
	124) fail "$name" "timed out after ${TIMEOUT}s" ;;
	*) fail "$name" "crashed (exit status $status), see stderr" ;;
	esac
done

# oci/'s pure half (manifests, configs, paths, whiteouts, Docker's argv,
# env and user rules) against Debian's jansson built for the host.
JS="${BUILD:-build}/src/jansson/src"
if [ ! -d "$JS" ]; then
	BUILD="${BUILD:-build}" scripts/fetch-src.sh jansson >/dev/null 2>&1 || true
fi
if [ -d "$JS" ]; then
	mkdir -p "$B/oci"
	ok=1
	for src in "$JS"/*.c; do
		"$CC" -std=gnu11 -O1 -g -w $SAN -DHAVE_CONFIG_H -Ioci/jansson -I"$JS" -c "$src" \
			-o "$B/oci/js_$(basename "${src%.c}").o" || ok=0
	done
	for t in tests/unit/oci/test_*.c; do
		name=oci_$(basename "${t%.c}")
		bin="$B/oci/$name"
		if [ $ok = 0 ] || ! "$CC" $HOST_CFLAGS -D_GNU_SOURCE -Ioci/jansson -I"$JS" "$t" \
			oci/manifest.c oci/path.c oci/spec.c "$B"/oci/js_*.o -o "$bin"; then
			fail "$name" "does not build"
			continue
		fi
		out="$bin.out"
		timeout "$TIMEOUT" "$bin" >"$out"
		status=$?
		cat "$out"
		grep -q '^FAIL: ' "$out" && failed=1
		case $status in
		0|1) ;;
		124) fail "$name" "timed out after ${TIMEOUT}s" ;;
		*) fail "$name" "crashed (exit status $status), see stderr" ;;
		esac
	done
else
	fail oci.jansson "no jansson source to test oci/ against (scripts/fetch-src.sh jansson)"
fi

exit $failed
