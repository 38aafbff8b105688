/*
 * Namespaces as files (kernel/fs/nsfs.c) and the ipc and net namespaces
 * behind them: every kind of /proc/[pid]/ns opens to an nsfs file whose
 * inode number is the namespace's and which nsfs_file_ns() maps back; a
 * plain file is not a namespace; a new net namespace's lo is down until
 * brought up; an ipc namespace with objects in it goes away with its last
 * user.
 */
#include <kernel/ipc.h>
#include <kernel/net_ns.h>
#include <kernel/nsfs.h>
#include <linuxabi/uapi/ipc.h>

#include "vfs_test.h"

KTEST(nsfs_files)
{
	const struct proc_ns_operations *o;
	struct file *f;

	vfs_test_setup();
	for (int i = 0; proc_ns_ops[i]; i++) {
		const struct proc_ns_operations *ops = proc_ns_ops[i];
		void *ns = ops->get(current);
		u32 inum;

		KT_ASSERT(ns != NULL);
		inum = ops->inum(ns);
		KT_ASSERT(inum >= 0xEFFFFFFAu);
		KT_ASSERT(proc_ns_find(ops->name) == ops);
		f = nsfs_open(ops, ns, LINUX_O_RDONLY);
		KT_ASSERT(!IS_ERR(f));
		KT_ASSERT_EQ(f->f_inode->i_ino, inum);
		KT_ASSERT(nsfs_file_ns(f, &o) == ns);
		KT_ASSERT(o == ops);
		fput(f);
	}
	KT_ASSERT(proc_ns_find("nosuch") == NULL);
	f = filp_open("/tmp", LINUX_O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT(nsfs_file_ns(f, &o) == NULL);
	fput(f);
}

KTEST(netns_lo)
{
	struct net *net = copy_net_ns(NULL);
	u32 a, b;

	KT_ASSERT(!IS_ERR(net));
	KT_ASSERT(!net_lo_up(net));
	KT_ASSERT_EQ(net_lo_flags(net, true), NET_IFF_LOOPBACK);
	net_lo_set_up(net, true);
	KT_ASSERT_EQ(net_lo_flags(net, false), NET_IFF_UP | NET_IFF_LOOPBACK | NET_IFF_RUNNING);
	a = netns_operations.inum(net);
	b = netns_operations.inum(&init_net);
	KT_ASSERT(a != b && a > PROC_NET_INIT_INO);
	KT_ASSERT(get_net(NULL) == &init_net);
	put_net(net);
}

KTEST(ipcns_lifetime)
{
	struct ipc_namespace *ns = copy_ipc_ns(NULL);
	long shm, msq, sem;

	KT_ASSERT(!IS_ERR(ns));
	KT_ASSERT(ipcns_operations.inum(ns) > PROC_NET_INIT_INO);
	get_ipc_ns(ns);                  /* the test's own, past the switch */
	ipc_task_switch_ns(ns);          /* takes over the first reference */
	shm = ipc_shmget(LINUX_IPC_PRIVATE, 8192, 0600);
	msq = ipc_msgget(0x1234, LINUX_IPC_CREAT | 0600);
	sem = ipc_semget(0x1234, 3, LINUX_IPC_CREAT | 0600);
	KT_ASSERT(shm >= 0 && msq >= 0 && sem >= 0);
	ipc_task_switch_ns(NULL);        /* back in the initial one: not there */
	KT_ASSERT_EQ(ipc_msgget(0x1234, 0), -ENOENT);
	put_ipc_ns(ns);                  /* the last user: its objects go with it */
}
