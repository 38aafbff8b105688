/*
 * uname01: uname() reports sysname "Linux" and machine "x86_64", a release
 * that starts with a digit and is "major.minor", and NUL-terminated
 * fields; gethostname() matches nodename; EFAULT for a bad buffer (raw).
 */
#include <ctype.h>
#include <sys/utsname.h>

#include "harness.h"

static void run(void)
{
	struct utsname u;
	char host[256];

	EXPECT_OK(uname(&u));
	EXPECT_MSG(!strcmp(u.sysname, "Linux"), "sysname \"%s\"", u.sysname);
	EXPECT_MSG(!strcmp(u.machine, "x86_64"), "machine \"%s\"", u.machine);
	EXPECT_MSG(isdigit((unsigned char)u.release[0]) && strchr(u.release, '.'),
		   "release \"%s\"", u.release);
	EXPECT(memchr(u.version, 0, sizeof(u.version)) != NULL);
	SAFE(gethostname(host, sizeof(host)));
	EXPECT(!strcmp(host, u.nodename));
	EXPECT_FAIL(syscall(SYS_uname, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
