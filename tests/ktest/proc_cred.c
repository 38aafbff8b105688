/*
 * Credential rules (Linux's, with root as euid 0): setuid, setreuid,
 * setresuid, setfsuid (which always answers with the old value),
 * setgroups; and resource limits: defaults, raising the hard limit,
 * cur > max, NOFILE's ceiling.
 */
#include "proc_test.h"

static int cred_body(void *unused)
{
	const struct cred *c;
	gid_t *g;

	PT_EQ(current_cred()->euid, 0);
	/* Root: supplementary groups, sorted. */
	g = kmalloc(3 * sizeof(gid_t), GFP_KERNEL);
	PT_CHECK(g);
	g[0] = 50;
	g[1] = 3;
	g[2] = 9;
	PT_EQ(proc_setgroups(3, g), 0);
	c = current_cred();
	PT_EQ(c->ngroups, 3);
	PT_EQ(c->groups[0], 3);
	PT_EQ(c->groups[2], 50);
	PT_CHECK(in_group_p(9));
	PT_CHECK(!in_group_p(10));
	PT_CHECK(in_group_p(0));                 /* fsgid */

	PT_EQ(proc_setuid(INVALID_UID), -EINVAL);
	PT_EQ(proc_setresuid(1000, 1001, 0), 0);
	c = current_cred();
	PT_EQ(c->uid, 1000);
	PT_EQ(c->euid, 1001);
	PT_EQ(c->suid, 0);
	PT_EQ(c->fsuid, 1001);
	PT_CHECK(!capable_root());
	/* setfsuid answers with the old value, changes only to a known id. */
	PT_EQ(proc_setfsuid(5), 1001);
	PT_EQ(current_cred()->fsuid, 1001);
	PT_EQ(proc_setfsuid(1000), 1001);
	PT_EQ(current_cred()->fsuid, 1000);
	PT_EQ(proc_setfsuid(INVALID_UID), 1000);
	/* Unprivileged: only among the current ids. */
	PT_EQ(proc_setresuid(7, INVALID_UID, INVALID_UID), -EPERM);
	PT_EQ(proc_setreuid(INVALID_UID, 7), -EPERM);
	PT_EQ(proc_setuid(7), -EPERM);
	PT_EQ(proc_setgid(7), -EPERM);
	g = kmalloc(sizeof(gid_t), GFP_KERNEL);
	PT_CHECK(g);
	g[0] = 1;
	PT_EQ(proc_setgroups(1, g), -EPERM);    /* frees g */
	/* euid back to the saved 0: suid follows euid (not the old uid). */
	PT_EQ(proc_setreuid(INVALID_UID, 0), 0);
	c = current_cred();
	PT_EQ(c->uid, 1000);
	PT_EQ(c->euid, 0);
	PT_EQ(c->suid, 0);
	PT_EQ(c->fsuid, 0);
	/* Root again: setuid sets all four. */
	PT_EQ(proc_setuid(2000), 0);
	c = current_cred();
	PT_EQ(c->uid, 2000);
	PT_EQ(c->euid, 2000);
	PT_EQ(c->suid, 2000);
	PT_EQ(c->fsuid, 2000);
	PT_EQ(proc_setuid(0), -EPERM);
	PT_EQ(proc_setresuid(INVALID_UID, INVALID_UID, INVALID_UID), 0);
	/* An unprivileged setuid to the real id changes euid only. */
	PT_EQ(proc_setresuid(INVALID_UID, INVALID_UID, INVALID_UID), 0);
	PT_EQ(proc_setreuid(2000, INVALID_UID), 0);
	PT_EQ(proc_setregid(INVALID_GID, 0), 0);   /* egid 0 == gid */
	PT_EQ(proc_setregid(5, INVALID_GID), -EPERM);
	return 0;
}

KTEST(proc_cred_rules)
{
	PT_RUN(cred_body, NULL);
}

static int rlimit_body(void *unused)
{
	struct rlimit_k r, old;

	PT_EQ(do_prlimit(current, RLIMIT_NOFILE, NULL, &old), 0);
	PT_EQ(old.cur, 1024);
	PT_EQ(old.max, 1048576);
	PT_EQ(rlimit(RLIMIT_NOFILE), 1024);
	PT_EQ(do_prlimit(current, RLIMIT_STACK, NULL, &old), 0);
	PT_EQ(old.cur, 8 << 20);
	PT_EQ(old.max, RLIM_INFINITY);
	PT_EQ(do_prlimit(current, RLIMIT_CORE, NULL, &old), 0);
	PT_EQ(old.cur, 0);
	PT_EQ(do_prlimit(current, RLIM_NLIMITS, NULL, &old), -EINVAL);

	r.cur = 10;
	r.max = 5;
	PT_EQ(do_prlimit(current, RLIMIT_NOFILE, &r, NULL), -EINVAL);
	r.cur = 10;
	r.max = 2 << 20;
	PT_EQ(do_prlimit(current, RLIMIT_NOFILE, &r, NULL), -EPERM);   /* above fs.nr_open */
	r.max = 4096;
	PT_EQ(do_prlimit(current, RLIMIT_NOFILE, &r, &old), 0);
	PT_EQ(old.cur, 1024);
	PT_EQ(rlimit(RLIMIT_NOFILE), 10);
	/* Without root the hard limit only goes down. */
	PT_EQ(proc_setresuid(1000, 1000, 1000), 0);
	r.max = 8192;
	PT_EQ(do_prlimit(current, RLIMIT_NOFILE, &r, NULL), -EPERM);
	r.max = 2048;
	PT_EQ(do_prlimit(current, RLIMIT_NOFILE, &r, NULL), 0);
	PT_EQ(do_prlimit(current, RLIMIT_NOFILE, NULL, &old), 0);
	PT_EQ(old.max, 2048);
	return 0;
}

KTEST(proc_rlimit)
{
	PT_RUN(rlimit_body, NULL);
}
