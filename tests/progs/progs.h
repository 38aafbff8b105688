/*
 * Helpers shared by the tests/progs programs.
 *
 * Each program prints deterministic lines that tests/e2e compares between
 * the host Linux (expected output, generated at build time) and a guest
 * kernel. Errors are printed as errno *names* (EFAULT, not "Bad address"):
 * glibc's and musl's strerror texts differ, names do not. Everything here
 * is plain C99 + POSIX so the same source builds with glibc and musl.
 */
#ifndef PROGS_H
#define PROGS_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline const char *errname(int e)
{
	switch (e) {
#define E(x) case x: return #x;
	E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG)
	E(ENOEXEC) E(EBADF) E(ECHILD) E(EAGAIN) E(ENOMEM) E(EACCES)
	E(EFAULT) E(ENOTBLK) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV)
	E(ENOTDIR) E(EISDIR) E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY)
	E(ETXTBSY) E(EFBIG) E(ENOSPC) E(ESPIPE) E(EROFS) E(EMLINK)
	E(EPIPE) E(EDOM) E(ERANGE) E(EDEADLK) E(ENAMETOOLONG) E(ENOLCK)
	E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(ENOMSG) E(EOVERFLOW)
	E(ENOTSOCK) E(EDESTADDRREQ) E(EMSGSIZE) E(EPROTOTYPE)
	E(ENOPROTOOPT) E(EPROTONOSUPPORT) E(EOPNOTSUPP) E(EAFNOSUPPORT)
	E(EADDRINUSE) E(ENOTCONN) E(ETIMEDOUT) E(ECONNREFUSED)
#undef E
	case 0: return "0";
	default: {
		static char buf[32];
		snprintf(buf, sizeof(buf), "errno%d", e);
		return buf;
	}
	}
}

/* Print a line and flush: the programs fork, and an unflushed stdio buffer
 * would be printed twice. */
static inline void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static int progs_failures;

/* CHECK(cond, fmt, ...): prints "ok: what" or "FAILED: what (errno)". The
 * expected output has only "ok" lines, so a difference names the check. */
#define CHECK(cond, ...) do {						\
	int e_ = errno;							\
	char m_[256];							\
	snprintf(m_, sizeof(m_), __VA_ARGS__);				\
	if (cond) {							\
		say("ok: %s", m_);					\
	} else {							\
		say("FAILED: %s (line %d, errno %s)", m_, __LINE__,	\
		    errname(e_));					\
		progs_failures++;					\
	}								\
} while (0)

/* Result of a call returning -1/errno: "ok" or the errno name. */
static inline const char *res(long r)
{
	return r < 0 ? errname(errno) : "ok";
}

static inline const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* The exit status of every program: 0 when all CHECKs held. */
static inline int finish(const char *name)
{
	say("%s: %s", name, progs_failures ? "FAILED" : "done");
	return progs_failures ? 1 : 0;
}

#endif
