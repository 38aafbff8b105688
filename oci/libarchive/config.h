/*
 * libarchive's build configuration for the kernel: the read side only
 * (tar in its ustar, pax and GNU forms; gzip through the kernel's zlib;
 * zstd through the kernel's zstd decoder, mk/zstd.mk), over the small C
 * library in kernel/lib. Written for this project (libarchive's own source comes from Debian's package into
 * $(BUILD)/src/libarchive and is never committed); see mk/libarchive.mk.
 */
#ifndef OCI_LIBARCHIVE_CONFIG_H
#define OCI_LIBARCHIVE_CONFIG_H

#define __LIBARCHIVE_CONFIG_H_INCLUDED 1

#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_ERRNO_H 1
#define HAVE_LIMITS_H 1
#define HAVE_WCHAR_H 1
#define HAVE_ZLIB_H 1
#define HAVE_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_UNISTD_H 1
#define HAVE_FCNTL_H 1
#define HAVE_CTYPE_H 1

#define HAVE_DECL_SIZE_MAX 1
#define HAVE_DECL_SSIZE_MAX 1
#define HAVE_DECL_INT32_MAX 1
#define HAVE_DECL_INT32_MIN 1
#define HAVE_DECL_INT64_MAX 1
#define HAVE_DECL_INT64_MIN 1
#define HAVE_DECL_UINT32_MAX 1
#define HAVE_DECL_UINT64_MAX 1
#define HAVE_DECL_INTMAX_MAX 1
#define HAVE_DECL_INTMAX_MIN 1
#define HAVE_DECL_UINTMAX_MAX 1

#define HAVE_INTMAX_T 1
#define HAVE_UINTMAX_T 1
#define HAVE_INT8_T 1
#define HAVE_INT16_T 1
#define HAVE_INT32_T 1
#define HAVE_INT64_T 1
#define HAVE_UINT8_T 1
#define HAVE_UINT16_T 1
#define HAVE_UINT32_T 1
#define HAVE_UINT64_T 1
#define HAVE_WCHAR_T 1
#define SIZEOF_WCHAR_T 4
#define HAVE_UNSIGNED_LONG_LONG 1
#define HAVE_LONG_LONG_INT 1
#define HAVE_UNSIGNED_LONG_LONG_INT 1

#define HAVE_WCSCPY 1
#define HAVE_WCSLEN 1
#define HAVE_WMEMCMP 1
#define HAVE_WMEMCPY 1
#define HAVE_WMEMMOVE 1
#define HAVE_MBRTOWC 1
#define HAVE_WCRTOMB 1
#define HAVE_WCTOMB 1
#define HAVE_MBTOWC 1
#define HAVE_TIMEGM 1
#define HAVE_GMTIME_R 1
#define HAVE_LOCALTIME_R 1
#define HAVE_STRERROR_R 0
#define HAVE_STRNLEN 1
#define HAVE_MEMMOVE 1
#define HAVE_MEMSET 1
#define HAVE_STRCHR 1
#define HAVE_STRRCHR 1
#define HAVE_STRDUP 1

#define HAVE_ZLIB_H 1
#define HAVE_LIBZ 1
#define HAVE_ZSTD_H 1
#define HAVE_LIBZSTD 1

#define ARCHIVE_XATTR_LINUX 0
#define ARCHIVE_ACL_LIBACL 0

#define HAVE_EILSEQ 1
#define HAVE_ENOENT 1

#define HAVE_LINUX_TYPES_H 0

#endif
