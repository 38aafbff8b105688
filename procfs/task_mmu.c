/*
 * /proc/[pid]/maps and smaps_rollup: the VMAs through vm_for_each_vma (a
 * copy of each, mm->lock held), named as Linux names them: the file's
 * path, [heap], [stack], a special mapping's name ([vvar], [vdso]), or
 * "/dev/zero (deleted)" for shared anonymous memory.
 */
#include "internal.h"

struct maps_ctx {
	struct seq_file *m;
	unsigned long start_brk, brk, start_stack;
	char *buf;
};

static int show_map(const struct vma_info *v, void *arg)
{
	struct maps_ctx *c = arg;
	struct seq_file *m = c->m;
	const char *name = NULL;
	unsigned dev_major = 0, dev_minor = 0;
	u64 ino = 0, off = 0;

	if (v->name) {
		name = v->name;       /* [vvar], [vdso] */
	} else if (v->file) {
		struct inode *inode = v->file->f_inode;
		char *p = d_path(v->file->f_path.mnt, v->file->f_path.dentry, c->buf, PATH_MAX);

		dev_major = MAJOR(inode->i_sb->s_dev);
		dev_minor = MINOR(inode->i_sb->s_dev);
		ino = inode->i_ino;
		off = v->pgoff << PAGE_SHIFT;
		if (!IS_ERR(p))
			name = p;
	} else if (v->shm) {
		name = "/dev/zero (deleted)";
		off = v->pgoff << PAGE_SHIFT;
	} else if (v->start <= c->brk && v->end >= c->start_brk && c->brk > c->start_brk) {
		name = "[heap]";
	} else if (v->start <= c->start_stack && v->end >= c->start_stack) {
		name = "[stack]";
	}
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %llu ", v->start, v->end,
		   v->flags & VM_READ ? 'r' : '-', v->flags & VM_WRITE ? 'w' : '-',
		   v->flags & VM_EXEC ? 'x' : '-', v->flags & VM_MAYSHARE ? 's' : 'p',
		   (unsigned long long)off, dev_major, dev_minor, (unsigned long long)ino);
	if (name) {
		seq_pad_to(m, 73);
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
	return 0;
}

static struct mm *pid_mm(struct proc_inode *pi, int *err)
{
	struct task *t = proc_get_task(pi);
	struct mm *mm;

	*err = 0;
	if (!t) {
		*err = -ESRCH;
		return NULL;
	}
	if (!proc_may_access(t)) {
		task_put(t);
		*err = -EACCES;
		return NULL;
	}
	mm = proc_task_mm(t);
	task_put(t);
	return mm;
}

int proc_pid_maps(struct seq_file *m, struct proc_inode *pi)
{
	struct maps_ctx c = { .m = m };
	struct mm *mm;
	int err;

	mm = pid_mm(pi, &err);
	if (!mm)
		return err;
	c.buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!c.buf) {
		mm_put(mm);
		return -ENOMEM;
	}
	mutex_lock(&mm->lock);
	c.start_brk = mm->start_brk;
	c.brk = mm->brk;
	c.start_stack = mm->start_stack;
	mutex_unlock(&mm->lock);
	err = vm_for_each_vma(mm, show_map, &c);
	kfree(c.buf);
	mm_put(mm);
	return err;
}

struct range_ctx {
	unsigned long lo, hi;
};

static int vma_range(const struct vma_info *v, void *arg)
{
	struct range_ctx *r = arg;

	if (!r->lo || v->start < r->lo)
		r->lo = v->start;
	if (v->end > r->hi)
		r->hi = v->end;
	return 0;
}

static void rollup_line(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%-16s%8llu kB\n", name, (unsigned long long)pages * (PAGE_SIZE / 1024));
}

int proc_pid_smaps_rollup(struct seq_file *m, struct proc_inode *pi)
{
	struct range_ctx r = { 0, 0 };
	struct vm_mem_stats st;
	unsigned long rss;
	struct mm *mm;
	int err;

	mm = pid_mm(pi, &err);
	if (!mm)
		return err;
	vm_for_each_vma(mm, vma_range, &r);
	vm_mem_stats(mm, &st);
	mm_put(mm);
	rss = st.rss_anon + st.rss_file + st.rss_shmem;
	seq_printf(m, "%08lx-%08lx ---p 00000000 00:00 0 ", r.lo, r.hi);
	seq_pad_to(m, 73);
	seq_puts(m, "[rollup]\n");
	/* XXX: sharing is not tracked per page: every resident page counts as
	 * private and referenced, Pss equals Rss. */
	rollup_line(m, "Rss:", rss);
	rollup_line(m, "Pss:", rss);
	rollup_line(m, "Pss_Dirty:", st.rss_anon + st.rss_shmem);
	rollup_line(m, "Pss_Anon:", st.rss_anon);
	rollup_line(m, "Pss_File:", st.rss_file);
	rollup_line(m, "Pss_Shmem:", st.rss_shmem);
	rollup_line(m, "Shared_Clean:", 0);
	rollup_line(m, "Shared_Dirty:", 0);
	rollup_line(m, "Private_Clean:", st.rss_file);
	rollup_line(m, "Private_Dirty:", st.rss_anon + st.rss_shmem);
	rollup_line(m, "Referenced:", rss);
	rollup_line(m, "Anonymous:", st.rss_anon);
	rollup_line(m, "LazyFree:", 0);
	rollup_line(m, "AnonHugePages:", 0);
	rollup_line(m, "ShmemPmdMapped:", 0);
	rollup_line(m, "FilePmdMapped:", 0);
	rollup_line(m, "Shared_Hugetlb:", 0);
	rollup_line(m, "Private_Hugetlb:", 0);
	rollup_line(m, "Swap:", 0);
	rollup_line(m, "SwapPss:", 0);
	rollup_line(m, "Locked:", st.locked_vm);
	return 0;
}
