/* jansson's build configuration for the kernel (ours; see mk/jansson.mk). */
#ifndef OCI_JANSSON_PRIVATE_CONFIG_H
#define OCI_JANSSON_PRIVATE_CONFIG_H

#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_ATOMIC_BUILTINS 1
#define HAVE_SYNC_BUILTINS 1
#define HAVE_INT32_T 1
#define HAVE_UINT32_T 1
#define HAVE_UINT16_T 1
#define HAVE_UINT8_T 1
#define HAVE_SSIZE_T 1
#define INITIAL_HASHTABLE_ORDER 3
#define USE_URANDOM 0
#define USE_WINDOWS_CRYPTOAPI 0

#endif
