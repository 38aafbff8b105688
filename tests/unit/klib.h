/*
 * The tests' view of kernel/lib: the host's own <string.h>, <stdio.h>, ...
 * keep their plain names, and our headers are included through
 * klib_prefix.h so that each of our functions is declared as klib_NAME,
 * from the real kernel header (a prototype that drifts from the code
 * breaks the build). Tests call klib_strtol(...) and compare it with
 * strtol(...).
 */
#ifndef UNIT_KLIB_H
#define UNIT_KLIB_H

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Our headers, minus what only outside code in the kernel uses (streams,
 * allocation): the host's own are the ones that work here. */
#define KLIB_HOST_VIEW 1
#include "klib_prefix.h"
#pragma push_macro("errno")
#undef errno
#include "../../kernel/lib/include/ctype.h"
#include "../../kernel/lib/include/errno.h"
#include "../../kernel/lib/include/stdio.h"
#include "../../kernel/lib/include/stdlib.h"
#include "../../kernel/lib/include/string.h"
#include "../../kernel/lib/include/strings.h"
#undef errno
#pragma pop_macro("errno")
#include "klib_unprefix.h"

#include <kernel/kstrtox.h>

/* Our errno, as kernel/lib code sees it. */
#define klib_errno (*klib___errno_location())

#endif
