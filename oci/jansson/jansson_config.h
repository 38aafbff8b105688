/*
 * jansson's configuration for the kernel (the template is jansson's
 * src/jansson_config.h.in; this file is ours). See mk/jansson.mk.
 */
#ifndef JANSSON_CONFIG_H
#define JANSSON_CONFIG_H

#define JSON_INLINE inline
#define JSON_INTEGER_IS_LONG_LONG 1
#define JSON_HAVE_LOCALECONV 0
#define JSON_HAVE_ATOMIC_BUILTINS 1
#define JSON_HAVE_SYNC_BUILTINS 1
/* OCI manifests and configs are shallow: a hostile one nested deeper than
 * this is refused instead of recursing down the kernel stack. */
#define JSON_PARSER_MAX_DEPTH 64

#endif
