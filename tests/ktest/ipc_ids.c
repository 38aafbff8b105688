/*
 * The SysV IPC id allocator (kernel/ipc/util.c) on a private id set:
 * ids are seq * 32768 + index, indices are handed out cyclically (a freed
 * index is not reused until the others have been), the sequence number
 * moves on when the indices wrap so an old id stays stale (EINVAL), the
 * limit gives ENOSPC, and the highest index in use is tracked.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>

#include "kernel/ipc/internal.h"

static void dummy_free(struct kern_ipc_perm *p)
{
	kfree(p);
}

static struct kern_ipc_perm *new_perm(void)
{
	struct kern_ipc_perm *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (p)
		p->free = dummy_free;
	return p;
}

KTEST(ipc_ids_alloc)
{
	struct ipc_ids ids;
	struct kern_ipc_perm *p[4], *q;
	int id0, stale;

	ipc_ids_init(&ids, "ktest_ids");
	for (int i = 0; i < 3; i++) {
		p[i] = new_perm();
		KT_ASSERT(p[i]);
		KT_ASSERT_EQ(ipc_addid(&ids, p[i], 3), i);   /* seq 0: the index */
	}
	KT_ASSERT_EQ(ids.max_idx, 2);
	p[3] = new_perm();
	KT_ASSERT(p[3]);
	KT_ASSERT_EQ(ipc_addid(&ids, p[3], 3), -ENOSPC);

	/* Free index 1: the next object wraps to it with seq 1. */
	id0 = p[1]->id;
	ipc_rmid(&ids, p[1]);
	ipc_put(p[1]);
	KT_ASSERT(IS_ERR(ipc_obtain_check(&ids, id0)));
	KT_ASSERT_EQ(ipc_addid(&ids, p[3], 3), IPCMNI + 1);
	KT_ASSERT(ipc_obtain_check(&ids, IPCMNI + 1) == p[3]);
	KT_ASSERT(IS_ERR(ipc_obtain_check(&ids, 1)));       /* the stale id */
	KT_ASSERT(ipc_obtain_idx(&ids, 1) == p[3]);
	KT_ASSERT(IS_ERR(ipc_obtain_check(&ids, -1)));

	/* Cyclic: with a larger limit, freeing 0 does not make 0 the next. */
	ipc_rmid(&ids, p[0]);
	ipc_put(p[0]);
	q = new_perm();
	KT_ASSERT(q);
	stale = ipc_addid(&ids, q, 10);
	KT_ASSERT_EQ(stale & (IPCMNI - 1), 3);
	KT_ASSERT_EQ(ids.max_idx, 3);
	KT_ASSERT_EQ(ids.in_use, 3);

	/* Removing the highest index lowers max_idx past the holes. */
	ipc_rmid(&ids, q);
	ipc_put(q);
	ipc_rmid(&ids, p[3]);
	ipc_put(p[3]);
	KT_ASSERT_EQ(ids.max_idx, 2);
	ipc_rmid(&ids, p[2]);
	ipc_put(p[2]);
	KT_ASSERT_EQ(ids.max_idx, -1);
	KT_ASSERT_EQ(ids.in_use, 0);
	kfree(ids.entries);
}
