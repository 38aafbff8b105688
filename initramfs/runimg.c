/*
 * runimg: start an OCI/Docker image the way `docker run` would.
 *
 *   runimg [-it] [--rm] [-e K=V]... [-w DIR] [-u USER] [--entrypoint CMD]
 *          [--hostname H] [-v HOST:CTR[:ro]]... IMAGE [CMD ARG...]
 *   runimg --list
 *   runimg --remove [--force] ID...
 *   runimg --help
 *
 * The kernel does the container work (linuxabi/uapi/container.h):
 * ctr_create loads the image (digests, the layer cache) and builds the
 * container (its namespaces and root); ctr_run starts the image's command
 * in it as our child, as the config's user in its working directory;
 * ctr_wait gives its status, which runimg exits with (128+N for a
 * signal), as docker run does. This program parses the command line,
 * draws the load's progress, and waits.
 *
 * Containers stay in the kernel's memory, listed in /proc/containers
 * (runimg --list), until removed: --rm removes the container when it
 * exits; without it the container stays listed as exited until
 * `runimg --remove ID` (or a reboot). Built static with musl.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../linuxabi/uapi/container.h"

#define MAX_OPT 64

static const char *image_arg;

static void die_status(int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "runimg: ");
	if (image_arg)
		fprintf(stderr, "%s: ", image_arg);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

/* 125: docker run's status when the daemon side fails */
#define die(...) die_status(125, __VA_ARGS__)

static void usage(FILE *f)
{
	fprintf(f, "usage: runimg [-it] [--rm] [-e K=V]... [-w DIR] [-u USER] [--entrypoint CMD]\n"
		   "              [--hostname H] [-v HOST:CTR[:ro]]... IMAGE [CMD ARG...]\n"
		   "       runimg --list                     the containers (/proc/containers)\n"
		   "       runimg --remove [--force] ID...   forget exited containers (--force: kill\n"
		   "                                         running ones first)\n"
		   "IMAGE is a docker-save or OCI archive: NAME or NAME.tar under /images, or a path.\n"
		   "Without --rm the container stays listed as exited until removed.\n");
}

static void show_progress(int fd, bool tty)
{
	char buf[256], line[128];
	size_t ll = 0;
	ssize_t n;
	bool open_bar = false;   /* a bar is drawn and its line not ended */

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			int layer, nl;
			unsigned long long done, total;

			if (buf[i] != '\n') {
				if (ll < sizeof(line) - 1)
					line[ll++] = buf[i];
				continue;
			}
			line[ll] = 0;
			ll = 0;
			if (!tty) {
				fprintf(stderr, "%s\n", line);
				continue;
			}
			if (open_bar && strncmp(line, "layer ", 6)) {
				fprintf(stderr, "\n");
				open_bar = false;
			}
			if (sscanf(line, "layer %d/%d %llu/%llu", &layer, &nl, &done, &total) == 4 && total) {
				int pct = (int)(done * 100 / total), w = pct / 4;

				fprintf(stderr, "\rlayer %d/%d [%.*s%*s] %3d%% %llu/%llu MB", layer, nl, w,
					"#########################", 25 - w, "", pct, done >> 20, total >> 20);
				open_bar = done != total;
				if (done == total)
					fprintf(stderr, "\n");
			}
		}
	}
	if (open_bar)   /* the load stopped half-way: end the line before the error */
		fprintf(stderr, "\n");
}

/* ctr_create, with the load's progress drawn by a child as the kernel writes it. */
static void create(const char *path, const char *hostname, char **volumes, int nvol, char *id)
{
	struct ctr_volume vol[MAX_OPT];
	struct ctr_create req = { .version = CTR_VERSION };
	char err[512] = "";
	int pfd[2];
	pid_t reader;
	long r;

	for (int i = 0; i < nvol; i++) {
		char *spec = strdup(volumes[i]), *ctr = strchr(spec, ':'), *mode;

		if (!ctr || ctr == spec || ctr[1] != '/')
			die("-v %s: expected HOST:CTR[:ro] with an absolute container path", volumes[i]);
		*ctr++ = 0;
		mode = strchr(ctr, ':');
		if (mode) {
			*mode++ = 0;
			if (strcmp(mode, "ro") && strcmp(mode, "rw"))
				die("-v %s: unknown mode %s", volumes[i], mode);
		}
		vol[i] = (struct ctr_volume){ .host = (uintptr_t)spec, .path = (uintptr_t)ctr,
					      .flags = mode && !strcmp(mode, "ro") ? CTR_VOL_RO : 0 };
	}
	if (pipe(pfd))
		die("pipe: %s", strerror(errno));
	reader = fork();
	if (reader == 0) {
		close(pfd[1]);
		show_progress(pfd[0], isatty(2));
		_exit(0);
	}
	close(pfd[0]);
	req.image = (uintptr_t)path;
	req.hostname = (uintptr_t)hostname;
	req.volumes = (uintptr_t)vol;
	req.nr_volumes = nvol;
	req.progress_fd = pfd[1];
	req.id_out = (uintptr_t)id;
	req.err = (uintptr_t)err;
	req.err_len = sizeof(err);
	r = syscall(LINUX_NR_ctr_create, &req);
	close(pfd[1]);
	if (reader > 0)
		waitpid(reader, NULL, 0);
	if (r < 0)
		die("%s", err[0] ? err : strerror(errno));
	fprintf(stderr, "runimg: %s: %u layer%s (%u cached, %u unpacked)\n", image_arg, req.layers,
		req.layers == 1 ? "" : "s", req.cached, req.unpacked);
}

static long destroy(const char *id, unsigned flags)
{
	struct ctr_destroy req = { .version = CTR_VERSION, .flags = flags, .id = (uintptr_t)id };

	return syscall(LINUX_NR_ctr_destroy, &req);
}

static int list(void)
{
	FILE *f = fopen("/proc/containers", "r");
	char line[4096];

	if (!f) {
		fprintf(stderr, "runimg: /proc/containers: %s\n", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		fputs(line, stdout);
	fclose(f);
	return 0;
}

/* runimg --remove [--force] ID...: as docker rm, each removed id is printed. */
static int remove_ids(int argc, char **argv, int i)
{
	unsigned flags = 0;
	int status = 0;

	if (i < argc && (!strcmp(argv[i], "--force") || !strcmp(argv[i], "-f"))) {
		flags = CTR_FORCE;
		i++;
	}
	if (i >= argc) {
		usage(stderr);
		return 125;
	}
	for (; i < argc; i++) {
		if (destroy(argv[i], flags) == 0) {
			printf("%s\n", argv[i]);
			continue;
		}
		fprintf(stderr, "runimg: %s: %s\n", argv[i],
			errno == ENOENT ? "no such container" :
			errno == EBUSY ? "the container is running (--force kills it)" :
			errno == EINVAL ? "not a container id (or more than one match)" : strerror(errno));
		status = 1;
	}
	return status;
}

int main(int argc, char **argv)
{
	char *env_over[MAX_OPT + 1] = { 0 }, *volumes[MAX_OPT];
	const char *workdir = NULL, *user = NULL, *entrypoint = NULL, *hostname = NULL;
	int nenv = 0, nvol = 0, i, status;
	bool rm = false;
	char err[512] = "", id[CTR_ID_LEN + 1], path[4096];
	struct ctr_run run = { .version = CTR_VERSION, .flags = CTR_RUN_IMAGE };
	struct ctr_wait w = { .version = CTR_VERSION };
	struct stat st;
	long pid;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-it") || !strcmp(a, "-ti") || !strcmp(a, "-i") || !strcmp(a, "-t")) {
			/* the console is the container's terminal */
		} else if (!strcmp(a, "--rm")) {
			rm = true;
		} else if (!strcmp(a, "--list")) {
			return list();
		} else if (!strcmp(a, "--remove")) {
			return remove_ids(argc, argv, i + 1);
		} else if (i + 1 < argc && (!strcmp(a, "-e") || !strcmp(a, "--env"))) {
			if (nenv == MAX_OPT)
				die("too many -e");
			env_over[nenv++] = argv[++i];
		} else if (i + 1 < argc && (!strcmp(a, "-v") || !strcmp(a, "--volume"))) {
			if (nvol == MAX_OPT)
				die("too many -v");
			volumes[nvol++] = argv[++i];
		} else if (i + 1 < argc && (!strcmp(a, "-w") || !strcmp(a, "--workdir"))) {
			workdir = argv[++i];
		} else if (i + 1 < argc && (!strcmp(a, "-u") || !strcmp(a, "--user"))) {
			user = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "--entrypoint")) {
			entrypoint = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "--hostname")) {
			hostname = argv[++i];
		} else {
			fprintf(stderr, "runimg: unknown option %s\n", a);
			usage(stderr);
			return 125;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 125;
	}
	image_arg = argv[i++];
	/* A path, else NAME or NAME.tar under /images */
	snprintf(path, sizeof(path), "%s", image_arg);
	if (image_arg[0] != '/' && stat(path, &st)) {
		snprintf(path, sizeof(path), "/images/%s", image_arg);
		if (stat(path, &st))
			snprintf(path, sizeof(path), "/images/%s.tar", image_arg);
	}
	if (stat(path, &st))
		die("no such image (looked for %s)", path);
	create(path, hostname, volumes, nvol, id);

	run.id = (uintptr_t)id;
	run.argv = i < argc ? (uintptr_t)(argv + i) : 0;
	run.env = (uintptr_t)env_over;
	run.cwd = (uintptr_t)workdir;
	run.user = (uintptr_t)user;
	if (entrypoint) {
		run.flags |= CTR_RUN_ENTRYPOINT;
		run.entrypoint = (uintptr_t)entrypoint;
	}
	run.err = (uintptr_t)err;
	run.err_len = sizeof(err);
	pid = syscall(LINUX_NR_ctr_run, &run);
	if (pid < 0) {
		int e = errno;

		if (rm)
			destroy(id, CTR_FORCE);
		/* docker run: 127 for a command that is not there, 126 for
		 * one that cannot run, 125 for the rest */
		die_status(strncmp(err, "exec:", 5) ? 125 : e == ENOENT ? 127 : 126, "%s",
			   err[0] ? err : strerror(e));
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	w.id = (uintptr_t)id;
	while (syscall(LINUX_NR_ctr_wait, &w) < 0)
		if (errno != EINTR)
			die("ctr_wait: %s", strerror(errno));
	status = w.status;
	while (waitpid((pid_t)pid, NULL, 0) < 0 && errno == EINTR)   /* reap it: it is our child */
		;
	if (rm)
		destroy(id, CTR_FORCE);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
