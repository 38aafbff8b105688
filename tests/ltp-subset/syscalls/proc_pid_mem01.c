/*
 * proc_pid_mem01: /proc/PID/mem reads and writes another process's memory
 * at the file offset taken as an address (pread/pwrite, and lseek + read):
 * the parent reads a child's buffer and writes into it (the child sees
 * the change); an unmapped address is EIO; a process can read its own
 * memory through /proc/self/mem; an unprivileged other user may not open
 * it (EACCES) nor use process_vm_readv on it (EPERM).
 */
#include <sys/mman.h>
#include <sys/uio.h>

#include "harness.h"

static char buf[64] = "child's secret data";
static pid_t child_pid;

static void as_nobody(void)
{
	char path[64], got[8];
	struct iovec local = { got, sizeof(got) }, remote = { buf, sizeof(got) };

	snprintf(path, sizeof(path), "/proc/%d/mem", child_pid);
	EXPECT_FAIL(open(path, O_RDONLY), EACCES);
	/* The same ptrace check guards process_vm_readv (EPERM there). */
	EXPECT_FAIL(process_vm_readv(child_pid, &local, 1, &remote, 1, 0), EPERM);
}

static void run(void)
{
	struct t_chan ready, done;
	char path[64], got[64] = "";
	long pg = t_page();
	char *hole;
	pid_t pid;
	int fd;

	hole = SAFE_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SAFE(munmap(hole, pg));
	t_chan_open(&ready);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		t_chan_post(&ready);
		t_chan_wait(&done);
		_exit(!strcmp(buf, "written by parent") ? 0 : 1);
	}
	t_chan_wait(&ready);
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = SAFE(open(path, O_RDWR));
	EXPECT_EQ(pread(fd, got, 19, (off_t)(unsigned long)buf), 19);
	EXPECT(!memcmp(got, "child's secret data", 19));
	EXPECT_EQ(pwrite(fd, "written by parent", 18, (off_t)(unsigned long)buf), 18);
	EXPECT_EQ(lseek(fd, (off_t)(unsigned long)buf, SEEK_SET), (off_t)(unsigned long)buf);
	memset(got, 0, sizeof(got));
	EXPECT_EQ(read(fd, got, 18), 18);
	EXPECT(!strcmp(got, "written by parent"));
	EXPECT_FAIL(pread(fd, got, 8, (off_t)(unsigned long)hole), EIO);
	close(fd);
	if (t_is_root()) {
		child_pid = pid;
		t_run_as_nobody(as_nobody);
	}
	t_chan_post(&done);
	t_reap(pid);

	fd = SAFE(open("/proc/self/mem", O_RDONLY));
	strcpy(buf, "my own bytes");
	memset(got, 0, sizeof(got));
	EXPECT_EQ(pread(fd, got, 12, (off_t)(unsigned long)buf), 12);
	EXPECT(!strcmp(got, "my own bytes"));
	close(fd);
}

const struct t_test t_test = { .run = run };
