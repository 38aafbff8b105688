/*
 * procself: /proc/self as ps and glibc read it. Parses stat, statm and
 * status and checks them against the system calls (pid, ppid, pgrp, sid,
 * state, comm, thread count, blocked and ignored signals), the task/
 * directory with a second thread, comm renaming, exe/cwd/fd links, a
 * zombie's state and its entry vanishing once reaped. Prints only "ok"
 * lines, so host and guest outputs match.
 */
#include "progs.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static char *read_file(const char *path)
{
	static char buf[65536];
	int fd = open(path, O_RDONLY);
	ssize_t n, got = 0;

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	close(fd);
	if (n < 0)
		return NULL;
	buf[got] = 0;
	return buf;
}

/* The value after "Key:\t" in a status text, or NULL. */
static const char *status_field(const char *text, const char *key)
{
	static char val[256];
	size_t kl = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (!strncmp(p, key, kl) && p[kl] == ':') {
			const char *v = p + kl + 1;
			size_t n;

			while (*v == '\t' || *v == ' ')
				v++;
			n = strcspn(v, "\n");
			if (n >= sizeof(val))
				n = sizeof(val) - 1;
			memcpy(val, v, n);
			val[n] = 0;
			return val;
		}
	}
	return NULL;
}

struct stat_fields {
	int pid;
	char comm[64];
	char state;
	int ppid, pgrp, session;
	long num_threads;
	int nfields;
};

static int parse_stat(const char *text, struct stat_fields *s)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')');
	const char *p;
	int n = 0;

	memset(s, 0, sizeof(*s));
	if (!open || !close || close < open)
		return -1;
	s->pid = atoi(text);
	snprintf(s->comm, sizeof(s->comm), "%.*s", (int)(close - open - 1), open + 1);
	p = close + 2;
	s->state = *p;
	if (sscanf(p + 2, "%d %d %d", &s->ppid, &s->pgrp, &s->session) != 3)
		return -1;
	/* Count the fields after the comm; field 20 is num_threads. */
	for (const char *q = close + 1; *q && *q != '\n'; q++) {
		if (*q == ' ') {
			n++;
			if (n + 2 == 20)
				s->num_threads = atol(q + 1);
		}
	}
	s->nfields = n + 2;
	return 0;
}

static int thread_pipe[2];
static volatile pid_t thread_tid;

static void *thread_main(void *arg)
{
	char c;

	thread_tid = syscall(SYS_gettid);
	if (read(thread_pipe[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

static int count_dir(const char *path, pid_t want, int *found)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	*found = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		if (atoi(e->d_name) == want)
			*found = 1;
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	struct stat_fields s;
	char *text, path[256], link[4096];
	sigset_t set;
	const char *v;
	ssize_t n;
	pthread_t th;
	pid_t child;
	int p[2], found, status;
	struct stat st;

	/* stat */
	text = read_file("/proc/self/stat");
	CHECK(text && parse_stat(text, &s) == 0, "read and parse /proc/self/stat");
	CHECK(s.nfields == 52, "stat has 52 fields");
	CHECK(s.pid == getpid(), "stat pid is getpid()");
	CHECK(!strcmp(s.comm, "procself"), "stat comm is procself");
	CHECK(s.state == 'R', "stat state of a reader is R");
	CHECK(s.ppid == getppid(), "stat ppid is getppid()");
	CHECK(s.pgrp == getpgrp(), "stat pgrp is getpgrp()");
	CHECK(s.session == getsid(0), "stat session is getsid(0)");
	CHECK(s.num_threads == 1, "stat num_threads is 1");

	/* statm: size resident shared text lib data dt */
	{
		unsigned long f[7];

		text = read_file("/proc/self/statm");
		CHECK(text && sscanf(text, "%lu %lu %lu %lu %lu %lu %lu", &f[0], &f[1], &f[2], &f[3],
				     &f[4], &f[5], &f[6]) == 7, "statm has 7 numbers");
		CHECK(f[0] > 0 && f[1] > 0 && f[1] <= f[0], "statm 0 < resident <= size");
	}

	/* status, with a blocked and an ignored signal */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGUSR2, SIG_IGN);
	text = read_file("/proc/self/status");
	CHECK(text != NULL, "read /proc/self/status");
	v = status_field(text, "Name");
	CHECK(v && !strcmp(v, "procself"), "status Name");
	v = status_field(text, "State");
	CHECK(v && !strcmp(v, "R (running)"), "status State");
	v = status_field(text, "Pid");
	CHECK(v && atoi(v) == getpid(), "status Pid");
	v = status_field(text, "Tgid");
	CHECK(v && atoi(v) == getpid(), "status Tgid");
	v = status_field(text, "PPid");
	CHECK(v && atoi(v) == getppid(), "status PPid");
	snprintf(path, sizeof(path), "%u\t%u\t%u\t%u", getuid(), geteuid(), getuid(), geteuid());
	v = status_field(text, "Uid");
	CHECK(v && !strcmp(v, path), "status Uid");
	v = status_field(text, "Threads");
	CHECK(v && atoi(v) == 1, "status Threads 1");
	v = status_field(text, "SigBlk");
	CHECK(v && strlen(v) == 16 && (strtoull(v, NULL, 16) & (1ULL << (SIGUSR1 - 1))),
	      "status SigBlk has SIGUSR1");
	v = status_field(text, "SigIgn");
	CHECK(v && strlen(v) == 16 && (strtoull(v, NULL, 16) & (1ULL << (SIGUSR2 - 1))),
	      "status SigIgn has SIGUSR2");
	v = status_field(text, "VmRSS");
	CHECK(v && atol(v) > 0 && strstr(v, " kB"), "status VmRSS in kB");
	v = status_field(text, "Umask");
	CHECK(v && !strcmp(v, "0022"), "status Umask");

	/* a second thread */
	CHECK(pipe(thread_pipe) == 0, "pipe");
	CHECK(pthread_create(&th, NULL, thread_main, NULL) == 0, "pthread_create");
	while (!thread_tid)
		usleep(1000);
	text = read_file("/proc/self/status");
	v = text ? status_field(text, "Threads") : NULL;
	CHECK(v && atoi(v) == 2, "status Threads 2");
	text = read_file("/proc/self/stat");
	CHECK(text && parse_stat(text, &s) == 0 && s.num_threads == 2, "stat num_threads 2");
	CHECK(count_dir("/proc/self/task", thread_tid, &found) == 2 && found,
	      "task/ lists both threads");
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)thread_tid);
	text = read_file(path);
	CHECK(text && parse_stat(text, &s) == 0 && s.pid == thread_tid, "task/TID/stat pid is the tid");
	CHECK(s.ppid == getppid(), "task/TID/stat ppid");
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)thread_tid);
	text = read_file(path);
	v = text ? status_field(text, "Tgid") : NULL;
	CHECK(v && atoi(v) == getpid(), "task/TID/status Tgid");
	CHECK(write(thread_pipe[1], "x", 1) == 1 && pthread_join(th, NULL) == 0, "thread ends");

	/* comm is writable by the process itself */
	{
		int fd = open("/proc/self/comm", O_WRONLY);

		CHECK(fd >= 0 && write(fd, "renamed", 7) == 7, "write /proc/self/comm");
		close(fd);
		text = read_file("/proc/self/comm");
		CHECK(text && !strcmp(text, "renamed\n"), "comm reads back renamed");
		text = read_file("/proc/self/stat");
		CHECK(text && parse_stat(text, &s) == 0 && !strcmp(s.comm, "renamed"),
		      "stat comm is renamed");
	}

	/* links */
	n = readlink("/proc/self/exe", link, sizeof(link) - 1);
	CHECK(n > 0 && (link[n] = 0, !strcmp(base_name(link), base_name(argv[0]))),
	      "readlink /proc/self/exe names the program");
	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	CHECK(n == 1 && link[0] == '/', "readlink /proc/self/cwd is /");
	CHECK(pipe(p) == 0 && fstat(p[0], &st) == 0, "pipe and fstat");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	n = readlink(path, link, sizeof(link) - 1);
	snprintf(path, sizeof(path), "pipe:[%lu]", (unsigned long)st.st_ino);
	CHECK(n > 0 && (link[n] = 0, !strcmp(link, path)), "fd link of a pipe is pipe:[ino]");
	/* Following the link reaches the pipe itself, and a deleted file. */
	{
		int fd;
		char c = 0;

		snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
		CHECK(write(p[1], "x", 1) == 1, "write the pipe");
		fd = open(path, O_RDONLY);
		CHECK(fd >= 0 && read(fd, &c, 1) == 1 && c == 'x', "read the pipe through fd/N");
		close(fd);
		fd = open("/tmp/procself.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
		CHECK(fd >= 0 && write(fd, "kept", 4) == 4 && unlink("/tmp/procself.tmp") == 0,
		      "write and unlink a file");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		n = readlink(path, link, sizeof(link) - 1);
		CHECK(n > 0 && (link[n] = 0, !strcmp(link, "/tmp/procself.tmp (deleted)")),
		      "fd link of a deleted file says (deleted)");
		text = read_file(path);
		CHECK(text && !strcmp(text, "kept"), "a deleted file opens through fd/N");
		close(fd);
	}
	n = readlink("/proc/self/ns/mnt", link, sizeof(link) - 1);
	CHECK(n > 6 && !strncmp(link, "mnt:[", 5), "ns/mnt link is mnt:[...]");
	text = read_file("/proc/self/cmdline");
	CHECK(text && !strcmp(text, argv[0]), "cmdline starts with argv[0]");
	text = read_file("/proc/self/environ");
	CHECK(text && !strncmp(text, "HOME=/root", 10), "environ starts with HOME=/root");

	/* oom_score_adj is kept and inherited */
	{
		int fd = open("/proc/self/oom_score_adj", O_WRONLY);

		CHECK(fd >= 0 && write(fd, "5\n", 2) == 2, "write oom_score_adj");
		close(fd);
		text = read_file("/proc/self/oom_score_adj");
		CHECK(text && !strcmp(text, "5\n"), "oom_score_adj reads back 5");
		child = fork();
		if (child == 0) {
			text = read_file("/proc/self/oom_score_adj");
			_exit(text && !strcmp(text, "5\n") ? 0 : 1);
		}
		CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0, "a child inherits oom_score_adj");
		fd = open("/proc/self/oom_score_adj", O_WRONLY);
		errno = 0;
		CHECK(fd >= 0 && write(fd, "1001", 4) < 0 && errno == EINVAL,
		      "oom_score_adj 1001 is EINVAL");
		close(fd);
	}

	/* a zombie shows Z; once reaped, its directory is gone */
	child = fork();
	if (child == 0)
		_exit(7);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)child);
	for (int i = 0; i < 1000; i++) {
		text = read_file(path);
		if (text && parse_stat(text, &s) == 0 && s.state == 'Z')
			break;
		usleep(2000);
	}
	CHECK(s.state == 'Z' && s.ppid == getpid(), "an unreaped child is Z");
	CHECK(waitpid(child, &status, 0) == child && WEXITSTATUS(status) == 7, "reap it");
	errno = 0;
	CHECK(open(path, O_RDONLY) < 0 && errno == ENOENT, "its stat is gone (ENOENT)");
	snprintf(path, sizeof(path), "/proc/%d", (int)child);
	CHECK(stat(path, &st) < 0 && errno == ENOENT, "its directory is gone");
	(void)argc;
	return finish("procself");
}
