#!/usr/bin/env bash
# Build the libFuzzer targets for the host (see docs/FUZZING.md).
#
#   tests/fuzz/build.sh [fuzz|cov|msan]     (default fuzz)
#
# fuzz: AddressSanitizer + UBSan, into $BUILD/fuzz/bin;
# cov:  the same targets with clang's source coverage, into $BUILD/fuzz/cov
#       (run over a corpus with -runs=0 for the per-file report);
# msan: fuzz_user with MemorySanitizer (its code has no outside
#       dependency, so nothing needs an instrumented library).
# The oci/ sources are the kernel's own; libarchive, zlib, zstd and jansson
# come from the Debian source packages in $BUILD/src (scripts/fetch-src.sh)
# with the kernel's configuration headers (oci/libarchive/config.h,
# oci/zstd/zstd_kernel.h, oci/jansson/*.h); jansson's number conversions
# are oci/jansson_glue.c as in the kernel.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
variant=${1:-fuzz}
CC=${FUZZ_CC:-clang}
command -v "$CC" > /dev/null || { echo "fuzz: no $CC (apt-get install clang libclang-rt-14-dev, or scripts/deps.sh fuzz)" >&2; exit 1; }
for s in zlib libarchive zstd jansson; do
	[ -f "$BUILD/src/$s/.fetched" ] || BUILD=$BUILD scripts/fetch-src.sh "$s"
done

case $variant in
fuzz) SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"; OUT=$BUILD/fuzz/bin ;;
cov)  SAN="-fprofile-instr-generate -fcoverage-mapping"; OUT=$BUILD/fuzz/cov ;;
msan) SAN="-fsanitize=memory -fsanitize-memory-track-origins"; OUT=$BUILD/fuzz/msan ;;
*) echo "usage: $0 [fuzz|cov|msan]" >&2; exit 2 ;;
esac
OBJ=$OUT/obj
mkdir -p "$OBJ"
CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $SAN"
LA=$BUILD/src/libarchive/libarchive
ZL=$BUILD/src/zlib
ZS=$BUILD/src/zstd/lib
JS=$BUILD/src/jansson/src

# cc OUTNAME SOURCE FLAGS... : compile when the object is older than its source.
cc() {
	local o=$OBJ/$1.o src=$2
	shift 2
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ tests/fuzz/build.sh -nt "$o" ]; then
		$CC $CFLAGS "$@" -c "$src" -o "$o"
	fi
	objs+=("$o")
}

if [ "$variant" = msan ]; then
	objs=()
	cc spec oci/spec.c -w -DOCI_NO_JSON
	$CC $CFLAGS -fsanitize=fuzzer -DOCI_NO_JSON tests/fuzz/fuzz_user.c "${objs[@]}" -o "$OUT/fuzz_user"
	echo "fuzz: built $OUT/fuzz_user"
	exit 0
fi

objs=()
for n in inflate inftrees inffast adler32 crc32 zutil; do
	cc zlib_$n "$ZL/$n.c" -w -I"$ZL"
done
for n in common/entropy_common common/error_private common/fse_decompress common/zstd_common \
	 common/xxhash common/debug decompress/huf_decompress decompress/zstd_ddict \
	 decompress/zstd_decompress decompress/zstd_decompress_block; do
	cc "zstd_${n//\//_}" "$ZS/$n.c" -w -include oci/zstd/zstd_kernel.h -I"$ZS" -I"$ZS/common"
done
for n in $(sed -n 's/^LA_NAMES := //p; s/^\t\(archive_.*\)/\1/p' mk/libarchive.mk | tr -d '\\'); do
	cc "la_$n" "$LA/$n.c" -w -DHAVE_CONFIG_H -Ioci/libarchive -I"$LA" -I"$ZL" -I"$ZS"
done
cc host_glue tests/fuzz/host_glue.c -w -DHAVE_CONFIG_H -D__LIBARCHIVE_BUILD -Ioci/libarchive -I"$LA"
cc sha256 kernel/lib/sha256.c -idirafter kernel/include
libs=("${objs[@]}")

objs=()
for n in $(ls "$JS"/*.c | grep -v strconv.c); do
	cc "js_$(basename "${n%.c}")" "$n" -w -DHAVE_CONFIG_H -Ioci/jansson -I"$JS"
done
cc jansson_glue oci/jansson_glue.c -w -DHAVE_CONFIG_H -Ioci/jansson -I"$JS"
jansson=("${objs[@]}")

W="-Wall -Wextra -Werror -Wno-unused-parameter"
objs=()
cc oci_layer_read oci/layer_read.c $W -idirafter kernel/include -I"$LA"
cc oci_path oci/path.c $W -DOCI_NO_JSON
cc oci_manifest oci/manifest.c $W -Ioci/jansson -I"$JS"
cc oci_spec oci/spec.c $W -Ioci/jansson -I"$JS"
ocis=("${objs[@]}")
oci_layer=("${ocis[0]}" "${ocis[1]}")

LINK="$CC $CFLAGS -fsanitize=fuzzer $W"
$LINK tests/fuzz/fuzz_layer.c "${oci_layer[@]}" "${libs[@]}" -o "$OUT/fuzz_layer"
$LINK -Ioci/jansson -I"$JS" tests/fuzz/fuzz_image_json.c "${ocis[@]:1}" "${jansson[@]}" -o "$OUT/fuzz_image_json"
$LINK -DOCI_NO_JSON tests/fuzz/fuzz_user.c "${ocis[3]}" -o "$OUT/fuzz_user"
$LINK tests/fuzz/fuzz_entry_plan.c "${ocis[1]}" -o "$OUT/fuzz_entry_plan"
echo "fuzz: built $OUT/fuzz_layer $OUT/fuzz_image_json $OUT/fuzz_user $OUT/fuzz_entry_plan"
