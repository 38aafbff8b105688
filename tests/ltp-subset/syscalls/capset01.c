/*
 * capset01 (after LTP's capset01/capset02 and prctl's capability cases):
 * capset drops and re-raises effective capabilities within the permitted
 * set (CAP_SETUID gates setuid) and refuses to grow permitted or make
 * effective exceed it (EPERM); PR_SET_KEEPCAPS keeps the permitted set
 * across a change to non-root uids while the effective set is cleared;
 * PR_CAPBSET_DROP removes a capability from what root gets at execve;
 * ambient capabilities need permitted and inheritable ones, are cleared
 * by the change to non-root uids and carry over execve for a non-root
 * process.
 */
#include <grp.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "harness.h"

#define CAP_V3 0x20080522
#define CAP_CHOWN 0
#define CAP_SETUID 7
#define CAP_NET_RAW 13
#define BIT(c) (1ULL << (c))

struct cap_header { uint32_t version; int pid; };
struct cap_data { uint32_t effective, permitted, inheritable; };
struct caps { uint64_t eff, prm, inh; };

static struct caps get_caps(void)
{
	struct cap_header h = { CAP_V3, 0 };
	struct cap_data d[2];
	struct caps c;

	SAFE(syscall(SYS_capget, &h, d));
	c.eff = d[0].effective | (uint64_t)d[1].effective << 32;
	c.prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
	c.inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
	return c;
}

static int set_caps(struct caps c)
{
	struct cap_header h = { CAP_V3, 0 };
	struct cap_data d[2] = {
		{ (uint32_t)c.eff, (uint32_t)c.prm, (uint32_t)c.inh },
		{ (uint32_t)(c.eff >> 32), (uint32_t)(c.prm >> 32), (uint32_t)(c.inh >> 32) },
	};

	return syscall(SYS_capset, &h, d);
}

/* Re-executed: exit 0 if the sets are the ones given in hex. */
static int child_main(int argc, char **argv)
{
	struct caps c = get_caps();

	if (argc != 4)
		return 2;
	if (c.eff != strtoull(argv[1], NULL, 16) || c.prm != strtoull(argv[2], NULL, 16) ||
	    c.inh != strtoull(argv[3], NULL, 16)) {
		fprintf(stderr, "caps after exec: eff %llx prm %llx inh %llx, want %s %s %s\n",
			(unsigned long long)c.eff, (unsigned long long)c.prm,
			(unsigned long long)c.inh, argv[1], argv[2], argv[3]);
		return 1;
	}
	return 0;
}

static void exec_check(uint64_t eff, uint64_t prm, uint64_t inh)
{
	char a[3][32];

	snprintf(a[0], sizeof(a[0]), "%llx", (unsigned long long)eff);
	snprintf(a[1], sizeof(a[1]), "%llx", (unsigned long long)prm);
	snprintf(a[2], sizeof(a[2]), "%llx", (unsigned long long)inh);
	execl(t_self(), t_self(), "--child", a[0], a[1], a[2], (char *)NULL);
	_exit(3);
}

static void run(void)
{
	struct caps s0 = get_caps(), c;
	pid_t pid;

	EXPECT(s0.prm & BIT(CAP_SETUID));
	EXPECT(s0.eff == s0.prm);

	/* Effective within permitted. */
	pid = t_fork();
	if (!pid) {
		c = s0;
		c.eff &= ~BIT(CAP_SETUID);
		EXPECT_OK(set_caps(c));
		EXPECT_EQ(get_caps().eff, c.eff);
		EXPECT_FAIL(setresuid(-1, T_NOBODY, -1), EPERM);
		c.eff = s0.eff;
		EXPECT_OK(set_caps(c));
		EXPECT_OK(setresuid(-1, T_NOBODY, -1));
		EXPECT_OK(setresuid(-1, 0, -1));
		EXPECT_EQ(get_caps().eff, s0.prm);
		c.eff = s0.eff & ~BIT(CAP_CHOWN);
		c.prm = s0.prm & ~BIT(CAP_CHOWN);
		EXPECT_OK(set_caps(c));
		c.prm = s0.prm;
		EXPECT_FAIL(set_caps(c), EPERM);      /* permitted cannot grow */
		c.prm = s0.prm & ~BIT(CAP_CHOWN);
		c.eff = s0.eff;
		EXPECT_FAIL(set_caps(c), EPERM);      /* effective beyond permitted */
		_exit(0);
	}
	t_reap(pid);

	/* KEEPCAPS */
	pid = t_fork();
	if (!pid) {
		EXPECT_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
		EXPECT_FAIL(prctl(PR_SET_KEEPCAPS, 2, 0, 0, 0), EINVAL);
		EXPECT_OK(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
		EXPECT_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1);
		SAFE(setresuid(T_NOBODY, T_NOBODY, T_NOBODY));
		c = get_caps();
		EXPECT_EQ(c.prm, s0.prm);
		EXPECT_EQ(c.eff, 0);
		c.eff = BIT(CAP_SETUID);
		EXPECT_OK(set_caps(c));
		EXPECT_OK(setresuid(0, 0, 0));
		EXPECT_EQ(get_caps().eff, s0.prm);
		_exit(0);
	}
	t_reap(pid);

	/* The bounding set and execve as root. */
	pid = t_fork();
	if (!pid) {
		EXPECT_EQ(prctl(PR_CAPBSET_READ, CAP_CHOWN, 0, 0, 0), 1);
		EXPECT_FAIL(prctl(PR_CAPBSET_READ, 1000, 0, 0, 0), EINVAL);
		EXPECT_OK(prctl(PR_CAPBSET_DROP, CAP_CHOWN, 0, 0, 0));
		EXPECT_EQ(prctl(PR_CAPBSET_READ, CAP_CHOWN, 0, 0, 0), 0);
		/* Still in the permitted set until execve. */
		EXPECT(get_caps().prm & BIT(CAP_CHOWN));
		exec_check(s0.prm & ~BIT(CAP_CHOWN), s0.prm & ~BIT(CAP_CHOWN), 0);
	}
	EXPECT_EQ(t_wait(pid), 0);

	/* Ambient capabilities. */
	pid = t_fork();
	if (!pid) {
		EXPECT_FAIL(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0, 0), EPERM);
		c = s0;
		c.inh = BIT(CAP_NET_RAW);
		EXPECT_OK(set_caps(c));
		EXPECT_OK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0, 0));
		EXPECT_EQ(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0), 1);
		EXPECT_OK(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
		SAFE(setgroups(0, NULL));
		SAFE(setresgid(T_NOBODY, T_NOBODY, T_NOBODY));
		SAFE(setresuid(T_NOBODY, T_NOBODY, T_NOBODY));
		EXPECT_EQ(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0), 0);
		EXPECT_OK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0, 0));
		exec_check(BIT(CAP_NET_RAW), BIT(CAP_NET_RAW), BIT(CAP_NET_RAW));
	}
	EXPECT_EQ(t_wait(pid), 0);
}

const struct t_test t_test = { .run = run, .child_main = child_main, .needs_root = 1 };
