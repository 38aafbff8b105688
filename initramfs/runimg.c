/*
 * runimg: start an OCI/Docker image the way `docker run` would.
 *
 *   runimg [-it] [--rm] [-e K=V]... [-w DIR] [-u USER] [--entrypoint CMD]
 *          [--hostname H] [-v HOST:CTR[:ro]]... IMAGE [CMD ARG...]
 *   runimg --help
 *
 * The kernel does the image work (oci_image_load, linuxabi/uapi/container.h):
 * digests, unpacking into the layer cache, the config. This program then
 * builds the container's root with standard calls: a new mount namespace,
 * an overlay of the layers with a tmpfs upper, /proc, /sys (read-only),
 * /dev (tmpfs with the usual nodes, devpts-backed ptys, shm), the files
 * Docker provides (/etc/hostname, /etc/hosts, /etc/resolv.conf), volumes,
 * the new root moved over / and chrooted into; then the process runs as
 * the config's user in its working directory, and runimg exits with its
 * status (128+N for a signal), as docker run does.
 *
 * The container gets its own mount and UTS namespaces (its hostname is
 * its id, or --hostname). XXX: no pid, ipc or net namespace yet (the
 * container sees the host's processes), no cgroup limits, no --list of
 * running containers. Built static; shares
 * oci/spec.c (Docker's argv/env/user rules) with the kernel.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../linuxabi/uapi/container.h"
#include "../oci/image.h"

#define MAX_OPT 64

static const char *image_arg;

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "runimg: ");
	if (image_arg)
		fprintf(stderr, "%s: ", image_arg);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(125);   /* docker run's status when the daemon side fails */
}

static void usage(FILE *f)
{
	fprintf(f, "usage: runimg [-it] [--rm] [-e K=V]... [-w DIR] [-u USER] [--entrypoint CMD]\n"
		   "              [--hostname H] [-v HOST:CTR[:ro]]... IMAGE [CMD ARG...]\n"
		   "IMAGE is a docker-save or OCI archive: NAME or NAME.tar under /images, or a path.\n");
}

/* ---- the image description from the kernel ---- */

struct desc {
	char *lowerdir, *workdir, *user, *name;
	char **entrypoint, **cmd, **env;
	long layers, cached, unpacked;
};

static char **take_vec(char **p, char *end)
{
	long n = strtol(*p, NULL, 10), i;
	char **v;

	*p += strlen(*p) + 1;
	if (n < 0)
		return NULL;
	v = calloc(n + 1, sizeof(char *));
	if (!v)
		die("out of memory");
	for (i = 0; i < n && *p < end; i++) {
		v[i] = *p;
		*p += strlen(*p) + 1;
	}
	return v;
}

static void parse_desc(char *buf, size_t len, struct desc *d)
{
	char *p = buf, *end = buf + len;

	memset(d, 0, sizeof(*d));
	while (p < end) {
		char *key = p;

		p += strlen(p) + 1;
		if (p >= end && strcmp(key, ""))
			break;
		if (!strcmp(key, "lowerdir")) d->lowerdir = p, p += strlen(p) + 1;
		else if (!strcmp(key, "workdir")) d->workdir = p, p += strlen(p) + 1;
		else if (!strcmp(key, "user")) d->user = p, p += strlen(p) + 1;
		else if (!strcmp(key, "name")) d->name = p, p += strlen(p) + 1;
		else if (!strcmp(key, "entrypoint")) d->entrypoint = take_vec(&p, end);
		else if (!strcmp(key, "cmd")) d->cmd = take_vec(&p, end);
		else if (!strcmp(key, "env")) d->env = take_vec(&p, end);
		else if (!strcmp(key, "layers")) d->layers = strtol(p, NULL, 10), p += strlen(p) + 1;
		else if (!strcmp(key, "cached")) d->cached = strtol(p, NULL, 10), p += strlen(p) + 1;
		else if (!strcmp(key, "unpacked")) d->unpacked = strtol(p, NULL, 10), p += strlen(p) + 1;
		else p += strlen(p) + 1;   /* a key of a later version: skip its value */
	}
	if (!d->lowerdir || !*d->lowerdir)
		die("the kernel described no layers");
}

/* Progress from the kernel, drawn as a bar on a terminal, plain lines otherwise. */
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

static void load_image(const char *path, struct desc *d)
{
	static char out[1 << 20];
	char err[512] = "";
	struct oci_load req = { 0 };
	int pfd[2];
	pid_t reader;
	long r;

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
	req.progress_fd = pfd[1];
	req.out = (uintptr_t)out;
	req.out_len = sizeof(out);
	req.err = (uintptr_t)err;
	req.err_len = sizeof(err);
	r = syscall(LINUX_NR_oci_image_load, &req);
	close(pfd[1]);
	if (reader > 0)
		waitpid(reader, NULL, 0);
	if (r < 0)
		die("%s", err[0] ? err : strerror(errno));
	parse_desc(out, req.out_len, d);
	fprintf(stderr, "runimg: %s: %ld layer%s (%ld cached, %ld unpacked)\n", image_arg, d->layers,
		d->layers == 1 ? "" : "s", d->cached, d->unpacked);
}

/* ---- the container's root ---- */

static void xmount(const char *src, const char *dst, const char *type, unsigned long flags,
		   const char *data)
{
	if (mount(src, dst, type, flags, data))
		die("mount %s on %s: %s", type ? type : src, dst, strerror(errno));
}

static void mkdirs(const char *path, mode_t mode)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = 0;
			mkdir(buf, 0755);
			*p = '/';
		}
	}
	mkdir(buf, mode);
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		die("cannot write %s: %s", path, strerror(errno));
	close(fd);
}

static char *read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	char *buf;
	ssize_t n, got = 0;

	if (fd < 0)
		return NULL;
	buf = malloc(1 << 20);
	while (buf && (n = read(fd, buf + got, (1 << 20) - 1 - got)) > 0)
		got += n;
	close(fd);
	if (buf)
		buf[got] = 0;
	return buf;
}

static void make_dev(const char *root)
{
	static const struct { const char *name; mode_t mode; int ma, mi; } nodes[] = {
		{ "null", 0666, 1, 3 }, { "zero", 0666, 1, 5 }, { "full", 0666, 1, 7 },
		{ "random", 0666, 1, 8 }, { "urandom", 0666, 1, 9 }, { "tty", 0666, 5, 0 },
	};
	char p[4096], q[4096];

	snprintf(p, sizeof(p), "%s/dev", root);
	mkdirs(p, 0755);
	xmount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=65536k");
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		snprintf(q, sizeof(q), "%s/%s", p, nodes[i].name);
		if (mknod(q, S_IFCHR | nodes[i].mode, makedev(nodes[i].ma, nodes[i].mi)))
			die("mknod %s: %s", q, strerror(errno));
		chmod(q, nodes[i].mode);
	}
	/* The console and the pty devices are the host's (bind mounts). */
	snprintf(q, sizeof(q), "%s/console", p);
	close(open(q, O_CREAT | O_WRONLY, 0600));
	if (mount("/dev/console", q, NULL, MS_BIND, NULL))
		unlink(q);
	snprintf(q, sizeof(q), "%s/pts", p);
	mkdir(q, 0755);
	if (mount("/dev/pts", q, NULL, MS_BIND | MS_REC, NULL) == 0) {
		snprintf(q, sizeof(q), "%s/ptmx", p);
		close(open(q, O_CREAT | O_WRONLY, 0666));
		mount("/dev/ptmx", q, NULL, MS_BIND, NULL);
	}
	snprintf(q, sizeof(q), "%s/shm", p);
	mkdir(q, 01777);
	xmount("shm", q, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k");
	snprintf(q, sizeof(q), "%s/fd", p);
	symlink("/proc/self/fd", q);
	snprintf(q, sizeof(q), "%s/stdin", p);
	symlink("/proc/self/fd/0", q);
	snprintf(q, sizeof(q), "%s/stdout", p);
	symlink("/proc/self/fd/1", q);
	snprintf(q, sizeof(q), "%s/stderr", p);
	symlink("/proc/self/fd/2", q);
}

static void make_root(const struct desc *d, const char *id, const char *hostname,
		      char **volumes, int nvol)
{
	char base[256], root[300], p[4096], *opts;
	size_t olen;

	snprintf(base, sizeof(base), "/run/runimg/%s", id);
	mkdirs(base, 0700);
	xmount("tmpfs", base, "tmpfs", 0, "mode=700");
	snprintf(p, sizeof(p), "%s/upper", base);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/work", base);
	mkdir(p, 0700);
	snprintf(root, sizeof(root), "%s/root", base);
	mkdir(root, 0755);
	olen = strlen(d->lowerdir) + 2 * strlen(base) + 64;
	opts = malloc(olen);
	snprintf(opts, olen, "lowerdir=%s,upperdir=%s/upper,workdir=%s/work", d->lowerdir, base, base);
	xmount("overlay", root, "overlay", 0, opts);
	free(opts);

	snprintf(p, sizeof(p), "%s/proc", root);
	mkdirs(p, 0555);
	xmount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	snprintf(p, sizeof(p), "%s/sys", root);
	mkdirs(p, 0555);
	xmount("sysfs", p, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL);
	make_dev(root);
	snprintf(p, sizeof(p), "%s/etc", root);
	mkdirs(p, 0755);
	snprintf(p, sizeof(p), "%s/etc/hostname", root);
	{
		char text[300];

		snprintf(text, sizeof(text), "%s\n", hostname);
		write_file(p, text);
		snprintf(p, sizeof(p), "%s/etc/hosts", root);
		snprintf(text, sizeof(text),
			 "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
			 "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n"
			 "ff02::2\tip6-allrouters\n127.0.1.1\t%s\n", hostname);
		write_file(p, text);
		snprintf(p, sizeof(p), "%s/etc/resolv.conf", root);
		write_file(p, "nameserver 127.0.0.1\n");
	}
	for (int i = 0; i < nvol; i++) {
		char *spec = strdup(volumes[i]), *ctr = strchr(spec, ':'), *mode;
		unsigned long fl = MS_BIND | MS_REC;

		if (!ctr || ctr == spec || ctr[1] != '/')
			die("-v %s: expected HOST:CTR[:ro] with an absolute container path", volumes[i]);
		*ctr++ = 0;
		mode = strchr(ctr, ':');
		if (mode) {
			*mode++ = 0;
			if (strcmp(mode, "ro") && strcmp(mode, "rw"))
				die("-v %s: unknown mode %s", volumes[i], mode);
		}
		snprintf(p, sizeof(p), "%s%s", root, ctr);
		mkdirs(p, 0755);
		xmount(spec, p, NULL, fl, NULL);
		if (mode && !strcmp(mode, "ro"))
			xmount(NULL, p, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL);
		free(spec);
	}
	/* The new root replaces / in this mount namespace. */
	if (chdir(root))
		die("chdir %s: %s", root, strerror(errno));
	xmount(root, "/", NULL, MS_MOVE, NULL);
	if (chroot("."))
		die("chroot: %s", strerror(errno));
}

int main(int argc, char **argv)
{
	char *env_over[MAX_OPT + 1] = { 0 }, *volumes[MAX_OPT];
	const char *workdir = NULL, *user = NULL, *entrypoint = NULL, *hostname = NULL;
	int nenv = 0, nvol = 0, i, status;
	struct oci_run_opts ro = { 0 };
	char **cargv, **cenv, err[256], home[256], id[16], path[4096];
	unsigned uid, gid;
	struct desc d;
	struct stat st;
	pid_t child;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-it") || !strcmp(a, "-ti") || !strcmp(a, "-i") || !strcmp(a, "-t") ||
			   !strcmp(a, "--rm")) {
			/* the console is the container's terminal; its state goes with it */
		} else if (!strcmp(a, "--list")) {
			fprintf(stderr, "runimg: --list: containers are not tracked yet\n");
			return 1;
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
		} else if (i + 1 < argc && (!strcmp(a, "--hostname") || !strcmp(a, "-h"))) {
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
	load_image(path, &d);

	{
		unsigned r;
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		r = (unsigned)(ts.tv_nsec ^ (ts.tv_sec * 2654435761u) ^ (unsigned)getpid() * 40503u);
		snprintf(id, sizeof(id), "%06x%06x", r & 0xffffff, (r >> 8) & 0xffffff);
	}
	if (!hostname)
		hostname = id;
	if (unshare(CLONE_NEWNS | CLONE_NEWUTS))
		die("unshare(CLONE_NEWNS | CLONE_NEWUTS): %s", strerror(errno));
	if (sethostname(hostname, strlen(hostname)))
		die("sethostname %s: %s", hostname, strerror(errno));
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		die("making mounts private: %s", strerror(errno));
	make_root(&d, id, hostname, volumes, nvol);

	{
		struct oci_config c = { .env = d.env ? d.env : (char *[]){ NULL }, .entrypoint = d.entrypoint,
					.cmd = d.cmd };
		char *pw = read_file("/etc/passwd"), *gr = read_file("/etc/group");
		const char *u = user ? user : (d.user && *d.user ? d.user : NULL);

		if (oci_resolve_user(u, pw, gr, &uid, &gid, home, sizeof(home), err, sizeof(err)))
			die("%s", err);
		ro.entrypoint = entrypoint;
		ro.args = i < argc ? argv + i : NULL;
		ro.env = env_over;
		if (oci_build_argv(&c, &ro, &cargv, err, sizeof(err)))
			die("%s", err);
		if (oci_build_env(&c, &ro, hostname, home, &cenv))
			die("out of memory");
	}
	if (!workdir)
		workdir = d.workdir && *d.workdir ? d.workdir : "/";
	if (chdir(workdir)) {
		mkdirs(workdir, 0755);   /* Docker makes a missing WorkingDir */
		if (chdir(workdir))
			die("working directory %s: %s", workdir, strerror(errno));
	}
	child = fork();
	if (child < 0)
		die("fork: %s", strerror(errno));
	if (child == 0) {
		if (setgroups(0, NULL) || setgid(gid) || setuid(uid)) {
			fprintf(stderr, "runimg: cannot become %u:%u: %s\n", uid, gid, strerror(errno));
			_exit(126);
		}
		for (char **e = cenv; *e; e++)   /* the command is looked up in the container's PATH */
			if (!strncmp(*e, "PATH=", 5))
				setenv("PATH", *e + 5, 1);
		execvpe(cargv[0], cargv, cenv);
		fprintf(stderr, "runimg: %s: %s\n", cargv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
