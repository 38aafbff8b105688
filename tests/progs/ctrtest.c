/*
 * ctrtest IMAGE: the container system calls (linuxabi/uapi/container.h)
 * end to end, run as root in the guest by tests/e2e/runimg.py (not in
 * progs.list: the host Linux has no such calls). Prints one line per
 * check, "ok NAME" or "FAIL NAME: why", then "ctrtest: all ok" or
 * "ctrtest: N failed".
 *
 * Checks: the error paths (a bad id ENOENT, a malformed one EINVAL, bad
 * pointers EFAULT, unknown flags and versions EINVAL, not root EPERM,
 * ctr_list's ENOBUFS with the size needed); a container's life: created
 * in /proc/containers, an init started, a second process joining it (it
 * sees the container's hostname and root), WNOHANG, EBUSY on destroy,
 * ctr_kill, the exit status in ctr_wait and /proc/containers, ESRCH
 * after the exit, destroy; a command that does not exist; a forced
 * destroy of a running container.
 */
#include "progs.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "../../linuxabi/uapi/container.h"

static int failed;
static const char *image;

static void check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: ", name);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
		failed++;
	}
	fflush(stdout);
}

/* -errno or the result */
static long call(long nr, void *req)
{
	long r = syscall(nr, req);

	return r < 0 ? -errno : r;
}

static void expect_err(const char *name, long nr, void *req, int want)
{
	long r = call(nr, req);

	check(name, r == -want, "got %s, want %s", r < 0 ? errname((int)-r) : "success", errname(want));
}

static long create(char *id, const char *hostname)
{
	char err[256] = "";
	struct ctr_create c = { .version = CTR_VERSION, .image = (uintptr_t)image,
				.hostname = (uintptr_t)hostname, .progress_fd = -1,
				.id_out = (uintptr_t)id, .err = (uintptr_t)err, .err_len = sizeof(err) };
	long r = call(LINUX_NR_ctr_create, &c);

	if (r < 0)
		printf("create: %s: %s\n", errname((int)-r), err);
	return r;
}

static long run(const char *id, const char *const *argv, char *err, size_t errlen)
{
	struct ctr_run r = { .version = CTR_VERSION, .id = (uintptr_t)id, .argv = (uintptr_t)argv,
			     .err = (uintptr_t)err, .err_len = errlen };

	return call(LINUX_NR_ctr_run, &r);
}

/* Run argv in the container and return what it printed (first line). */
static int run_output(const char *id, const char *const *argv, char *out, size_t len)
{
	int pfd[2], saved = dup(1), st;
	char err[256] = "";
	long pid;
	ssize_t n;

	if (pipe(pfd))
		return -1;
	fflush(stdout);
	dup2(pfd[1], 1);
	pid = run(id, argv, err, sizeof(err));
	dup2(saved, 1);
	close(saved);
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		snprintf(out, len, "run: %s: %s", errname((int)-pid), err);
		return -1;
	}
	n = read(pfd[0], out, len - 1);
	out[n > 0 ? n : 0] = 0;
	out[strcspn(out, "\n")] = 0;
	close(pfd[0]);
	waitpid((pid_t)pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The /proc/containers line of the container with this short id. */
static int proc_line(const char *id, char *line, size_t len)
{
	FILE *f = fopen("/proc/containers", "r");
	char buf[1024];
	int found = 0;

	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f) || strcmp(buf, "ID           STATE        PID STATUS IMAGE\n"))
		check("proc-header", 0, "header %s", buf);
	while (!found && fgets(buf, sizeof(buf), f)) {
		if (!strncmp(buf, id, CTR_SHORT_ID_LEN)) {
			snprintf(line, len, "%s", buf);
			line[strcspn(line, "\n")] = 0;
			found = 1;
		}
	}
	fclose(f);
	return found;
}

static void error_paths(void)
{
	char buf[200], id[CTR_ID_LEN + 1];
	struct ctr_wait w = { .version = CTR_VERSION, .id = (uintptr_t)"0123456789abcdef" };
	struct ctr_kill k = { .version = CTR_VERSION, .id = (uintptr_t)"nothex", .sig = 0 };
	struct ctr_destroy d = { .version = CTR_VERSION, .flags = 0x100, .id = (uintptr_t)"00" };
	struct ctr_list l = { .version = CTR_VERSION, .buf = (uintptr_t)buf, .len = 0 };
	void *bad[] = { NULL, (void *)1, (void *)0xffff800000000000ULL, (void *)0xdead000000000000ULL };
	long r;

	/* A short id is 12 hex digits; make sure no container has it. */
	expect_err("wait-no-such-id", LINUX_NR_ctr_wait, &w, ENOENT);
	expect_err("kill-malformed-id", LINUX_NR_ctr_kill, &k, EINVAL);
	expect_err("destroy-unknown-flags", LINUX_NR_ctr_destroy, &d, EINVAL);
	d.flags = 0;
	d.version = 2;
	expect_err("destroy-unknown-version", LINUX_NR_ctr_destroy, &d, EINVAL);
	w.flags = 2;
	expect_err("wait-unknown-flags", LINUX_NR_ctr_wait, &w, EINVAL);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(buf, sizeof(buf), "efault-struct-%zu", i);
		expect_err(buf, LINUX_NR_ctr_create, bad[i], EFAULT);
		expect_err(buf, LINUX_NR_ctr_list, bad[i], EFAULT);
	}
	w.flags = 0;
	w.id = (uintptr_t)bad[2];
	expect_err("efault-id", LINUX_NR_ctr_wait, &w, EFAULT);
	{
		struct ctr_create c = { .version = CTR_VERSION, .image = (uintptr_t)image, .progress_fd = -1,
					.id_out = (uintptr_t)bad[3] };

		expect_err("efault-id-out", LINUX_NR_ctr_create, &c, EFAULT);
		c.id_out = (uintptr_t)id;
		c.flags = 4;
		expect_err("create-unknown-flags", LINUX_NR_ctr_create, &c, EINVAL);
	}
	{
		const char *argv[] = { "true", NULL };
		struct ctr_run rr = { .version = CTR_VERSION, .flags = 0x80, .id = (uintptr_t)"00",
				      .argv = (uintptr_t)argv };

		expect_err("run-unknown-flags", LINUX_NR_ctr_run, &rr, EINVAL);
		rr.flags = 0;
		rr.argv = (uintptr_t)bad[3];
		rr.id = (uintptr_t)"0";
		expect_err("efault-argv", LINUX_NR_ctr_run, &rr, EFAULT);
	}
	/* Not root: EPERM, for every call. */
	fflush(stdout);
	if (fork() == 0) {
		struct ctr_list l2 = { .version = CTR_VERSION };
		struct ctr_destroy d2 = { .version = CTR_VERSION, .id = (uintptr_t)"00" };

		if (setuid(65534))
			_exit(2);
		_exit(call(LINUX_NR_ctr_list, &l2) == -EPERM && call(LINUX_NR_ctr_destroy, &d2) == -EPERM &&
		      call(LINUX_NR_oci_image_load, &d2) == -EPERM ? 0 : 1);
	} else {
		int st;

		wait(&st);
		check("eperm-not-root", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	}
	/* ctr_list: ENOBUFS with the size needed, once a container exists. */
	if (create(id, NULL) == 0) {
		r = call(LINUX_NR_ctr_list, &l);
		check("list-enobufs", r == -ENOBUFS && l.len >= CTR_ID_LEN + 1 && l.len % (CTR_ID_LEN + 1) == 0,
		      "r %s len %llu", r < 0 ? errname((int)-r) : "0", (unsigned long long)l.len);
		{
			char *all = malloc(l.len);

			l.buf = (uintptr_t)all;
			r = call(LINUX_NR_ctr_list, &l);
			check("list", r == 0 && l.count == l.len / (CTR_ID_LEN + 1) &&
			      strstr(all + l.len - CTR_ID_LEN - 1, id) == all + l.len - CTR_ID_LEN - 1,
			      "r %ld count %u", r, l.count);
			free(all);
		}
		d.version = CTR_VERSION;
		d.id = (uintptr_t)id;
		check("destroy-created", call(LINUX_NR_ctr_destroy, &d) == 0, "");
	}
}

static void life(void)
{
	char id[CTR_ID_LEN + 1], short_id[CTR_SHORT_ID_LEN + 1], line[512], out[256], err[256];
	const char *sleep_argv[] = { "sleep", "60", NULL };
	const char *host_argv[] = { "hostname", NULL };
	const char *cat_argv[] = { "cat", "/etc/hostname", NULL };
	const char *comm1_argv[] = { "cat", "/proc/1/comm", NULL };
	const char *self_argv[] = { "readlink", "/proc/self", NULL };
	const char *nope_argv[] = { "no-such-command", NULL };
	struct ctr_wait w = { .version = CTR_VERSION, .id = (uintptr_t)id, .flags = CTR_WNOHANG };
	struct ctr_kill k = { .version = CTR_VERSION, .id = (uintptr_t)short_id, .sig = SIGTERM };
	struct ctr_destroy d = { .version = CTR_VERSION, .id = (uintptr_t)short_id };
	long init, r;
	int st;

	if (create(id, NULL)) {
		check("create", 0, "failed");
		return;
	}
	snprintf(short_id, sizeof(short_id), "%s", id);
	check("create", strlen(id) == CTR_ID_LEN, "id %s", id);
	check("proc-created", proc_line(short_id, line, sizeof(line)) &&
	      strstr(line, " created ") && strstr(line, image), "line %s", line);
	init = run(short_id, sleep_argv, err, sizeof(err));
	check("run-init", init > 0, "%s: %s", errname((int)-init), err);
	if (init <= 0)
		return;
	snprintf(out, sizeof(out), " running  %7ld -      ", init);
	check("proc-running", proc_line(short_id, line, sizeof(line)) && strstr(line, out), "line %s", line);
	r = run_output(short_id, host_argv, out, sizeof(out));
	check("join-hostname", r == 0 && !strcmp(out, short_id), "status %ld, output %s", r, out);
	r = run_output(short_id, cat_argv, out, sizeof(out));
	check("join-root", r == 0 && !strcmp(out, short_id), "status %ld, output %s", r, out);
	/* A later process is in the init's pid namespace: the container's
	 * /proc shows the init (sleep) as PID 1. */
	r = run_output(short_id, comm1_argv, out, sizeof(out));
	check("join-pidns", r == 0 && !strcmp(out, "sleep"), "status %ld, output %s", r, out);
	/* ... and its own number is one of that namespace's (the host's pid
	 * would not even show in the container's /proc). */
	r = run_output(short_id, self_argv, out, sizeof(out));
	check("join-own-pid", r == 0 && atoi(out) >= 2 && atoi(out) < 100, "status %ld, output %s", r, out);
	check("wait-wnohang", call(LINUX_NR_ctr_wait, &w) == 0, "");
	expect_err("destroy-running", LINUX_NR_ctr_destroy, &d, EBUSY);
	k.sig = 0;
	check("kill-0", call(LINUX_NR_ctr_kill, &k) == 0, "");
	k.sig = 99;
	expect_err("kill-bad-signal", LINUX_NR_ctr_kill, &k, EINVAL);
	/* The init is PID 1 of the container's pid namespace: like Linux
	 * (and docker kill), a SIGTERM it has no handler for is ignored;
	 * SIGKILL from outside is not. */
	k.sig = SIGKILL;
	check("kill", call(LINUX_NR_ctr_kill, &k) == 0, "");
	w.flags = 0;
	r = call(LINUX_NR_ctr_wait, &w);
	check("wait", r == init && WIFSIGNALED(w.status) && WTERMSIG(w.status) == SIGKILL, "r %ld status %#x",
	      r, w.status);
	check("waitpid-parent", waitpid((pid_t)init, &st, 0) == init && WIFSIGNALED(st), "");
	snprintf(out, sizeof(out), " exited   %7ld 137    %s", init, image);
	check("proc-exited", proc_line(short_id, line, sizeof(line)) && strstr(line, out), "line %s", line);
	r = run(short_id, host_argv, err, sizeof(err));
	check("run-after-exit", r == -ESRCH, "%s", r < 0 ? errname((int)-r) : "started");
	expect_err("kill-after-exit", LINUX_NR_ctr_kill, &k, ESRCH);
	check("destroy", call(LINUX_NR_ctr_destroy, &d) == 0, "");
	check("proc-gone", !proc_line(short_id, line, sizeof(line)), "line %s", line);
	expect_err("wait-destroyed", LINUX_NR_ctr_wait, &w, ENOENT);

	/* No such command: an error, no process, the container still "created". */
	if (create(id, "box2") == 0) {
		snprintf(short_id, sizeof(short_id), "%s", id);
		err[0] = 0;
		r = run(id, nope_argv, err, sizeof(err));
		check("run-enoent", r == -ENOENT && strstr(err, "executable file not found"), "r %ld err %s", r,
		      err);
		check("run-enoent-no-child", waitpid(-1, &st, WNOHANG) < 0 && errno == ECHILD, "");
		check("run-enoent-created", proc_line(short_id, line, sizeof(line)) &&
		      strstr(line, " created "), "line %s", line);
		/* A forced destroy kills what runs. */
		init = run(id, sleep_argv, err, sizeof(err));
		check("run-init-2", init > 0, "%s: %s", errname((int)-init), err);
		r = run_output(id, host_argv, out, sizeof(out));
		check("hostname-given", r == 0 && !strcmp(out, "box2"), "status %ld output %s", r, out);
		d.flags = CTR_FORCE;
		check("destroy-force", call(LINUX_NR_ctr_destroy, &d) == 0, "");
		check("destroy-force-killed", init > 0 && waitpid((pid_t)init, &st, 0) == init &&
		      WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %#x", st);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: ctrtest IMAGE\n");
		return 2;
	}
	image = argv[1];
	error_paths();
	life();
	if (failed)
		printf("ctrtest: %d failed\n", failed);
	else
		printf("ctrtest: all ok\n");
	return failed ? 1 : 0;
}
