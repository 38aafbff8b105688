/*
 * process_vm_readv01: process_vm_readv() copies memory out of a child and
 * process_vm_writev() into it (the child sees the change); a bad remote
 * address gives EFAULT, an unknown pid ESRCH, flags EINVAL.
 */
#include <sys/uio.h>

#include "harness.h"

static char buf[64] = "child's secret data";

static void run(void)
{
	struct t_chan ready, done;
	char got[64] = "";
	struct iovec local = { got, 19 }, remote = { buf, 19 };
	pid_t pid;

	t_chan_open(&ready);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		t_chan_post(&ready);
		t_chan_wait(&done);
		_exit(!strcmp(buf, "written by parent") ? 0 : 1);
	}
	t_chan_wait(&ready);
	EXPECT_EQ(process_vm_readv(pid, &local, 1, &remote, 1, 0), 19);
	EXPECT(!memcmp(got, "child's secret data", 19));
	strcpy(got, "written by parent");
	local.iov_len = remote.iov_len = 18;
	EXPECT_EQ(process_vm_writev(pid, &local, 1, &remote, 1, 0), 18);
	remote.iov_base = t_bad_addr();
	EXPECT_FAIL(process_vm_readv(pid, &local, 1, &remote, 1, 0), EFAULT);
	remote.iov_base = buf;
	EXPECT_FAIL(process_vm_readv(pid, &local, 1, &remote, 1, 1), EINVAL);
	EXPECT_FAIL(process_vm_readv(4194304 + 1, &local, 1, &remote, 1, 0), ESRCH);
	t_chan_post(&done);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
