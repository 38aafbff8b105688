/*
 * execve and execveat.
 *
 * The new program is built completely before the old one is given up, so
 * that every failure (a bad file, no memory, arguments too long) returns
 * an error to the caller, which keeps running:
 *   1. open the file (exec_open: permission, regular file, not being
 *      written), copy argv and envp into the kernel (Linux's limits:
 *      MAX_ARG_STRLEN per string, a quarter of RLIMIT_STACK in all);
 *   2. follow "#!" interpreter lines (up to 5 deep);
 *   3. read and validate the ELF headers, and the PT_INTERP program's;
 *   4. in a fresh mm: map both, set the break, map the stack and write
 *      argc, argv, envp, the auxiliary vector and the strings into it
 *      (vm_access: the new mm is not loaded yet).
 * Then the point of no return: other threads are killed (de_thread; a
 * non-leader thread takes over the leader's pid), the mm is switched, a
 * parent in vfork is released, close-on-exec fds are closed, handled
 * signals are reset, set-user-ID/set-group-ID bits take effect, comm is
 * the file's name, and the registers are those of a new process: rip at
 * the entry (the interpreter's if there is one), rsp at argc, the rest 0.
 * The syscall returns -EJUSTRETURN: the exit path takes the frame as is.
 *
 * The vDSO ([vvar] + [vdso], kernel/proc/vdso.c) is mapped after the
 * interpreter, as Linux's load_elf_binary does, and announced first in the
 * auxiliary vector (AT_SYSINFO_EHDR), where Linux's ARCH_DLINFO puts it.
 *
 * ASLR (kernel/mm/vm_aslr.c): the stack top and pointer, the PIE base, the
 * mmap base (so the interpreter and the vDSO) and the break are
 * randomized as Linux does unless ADDR_NO_RANDOMIZE or
 * kernel.randomize_va_space 0.
 */
#include <asm/fpu.h>
#include <asm/process.h>
#include <asm/segment.h>
#include <asm/x86.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/random.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vdso.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/fcntl.h>
#include <linuxabi/uapi/mman.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define MAX_ARG_STRLEN (32 * PAGE_SIZE)
#define MAX_ARG_STRINGS 0x7fffffff
#define ARG_MAX (32 * PAGE_SIZE)
#define STK_LIM (8UL << 20)
#define BINPRM_BUF_SIZE 256
#define BINPRM_MAX_DEPTH 5
#define ELF_ET_DYN_BASE ((VM_TASK_SIZE / 3 * 2) & PAGE_MASK)
#define STACK_TOP VM_TASK_SIZE
#define STACK_EXPAND (128UL * 1024)     /* initial stack room below the arguments */

/* Auxiliary vector tags */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31
#define AT_SYSINFO_EHDR 33
#define AT_MINSIGSTKSZ 51
#define AUXV_MAX 24

struct binprm {
	char *strings;          /* argv strings, then envp strings, NUL-terminated */
	size_t len, cap;
	bool strings_vmalloc;
	size_t argv_len;        /* bytes of the argv strings */
	int argc, envc;
	u64 limit;              /* bytes allowed for strings and pointers */
	char *filename;         /* as execve got it: AT_EXECFN, comm */
	char *interp_path;      /* path of the file now being loaded (scripts pass it on) */
	struct file *file;
	char buf[BINPRM_BUF_SIZE];
	size_t buf_len;
};

static void strings_free(struct binprm *b)
{
	if (b->strings_vmalloc)
		vfree(b->strings);
	else
		kfree(b->strings);
	b->strings = NULL;
	b->cap = b->len = 0;
}

static int strings_reserve(struct binprm *b, size_t need)
{
	size_t cap;
	char *n;
	bool vm;

	if (b->len + need <= b->cap)
		return 0;
	cap = MAX(b->cap * 2, b->len + need);
	cap = MAX(cap, (size_t)1024);
	vm = cap > 64 * 1024;
	n = vm ? vmalloc(cap) : kmalloc(cap, GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	size_t len = b->len;

	if (len)
		memcpy(n, b->strings, len);
	strings_free(b);       /* also clears len: restore it below */
	b->strings = n;
	b->cap = cap;
	b->len = len;
	b->strings_vmalloc = vm;
	return 0;
}

/* Bytes used so far against the limit: strings plus the pointer arrays. */
static bool over_limit(struct binprm *b, size_t more)
{
	u64 ptrs = (u64)(MAX(b->argc, 1) + b->envc + 2) * sizeof(void *);

	return b->len + more + ptrs > b->limit;
}

/* Append the strings of a NULL-terminated array (user or kernel). */
static int copy_strings(struct binprm *b, const void *arr, bool kernel, int *count)
{
	for (long i = 0; arr; i++) {
		const char *p;
		long len;
		int r;

		if (kernel) {
			p = ((const char *const *)arr)[i];
		} else {
			const char __user *up;

			if (get_user(up, (const char __user **)arr + i))
				return -EFAULT;
			p = up;
		}
		if (!p)
			break;
		if (i >= MAX_ARG_STRINGS)
			return -E2BIG;
		if (kernel) {
			len = strlen(p) + 1;
		} else {
			len = strnlen_user((const char __user *)p, MAX_ARG_STRLEN);
			if (!len)
				return -EFAULT;
		}
		if (len > (long)MAX_ARG_STRLEN)
			return -E2BIG;
		(*count)++;
		if (over_limit(b, len))
			return -E2BIG;
		r = strings_reserve(b, len);
		if (r)
			return r;
		if (kernel) {
			memcpy(b->strings + b->len, p, len);
		} else if (strncpy_from_user(b->strings + b->len, (const char __user *)p, len) !=
			   len - 1) {
			return -EFAULT;     /* changed under us, or unmapped */
		}
		b->len += len;
	}
	return 0;
}

/* Replace argv[0] by the strings in front[] (n of them): "#!" scripts. */
static int argv_replace_first(struct binprm *b, const char *const front[], int n)
{
	size_t first = b->argc ? strlen(b->strings) + 1 : 0, add = 0;
	char *old = b->strings;
	bool old_vm = b->strings_vmalloc;
	size_t old_len = b->len;

	for (int i = 0; i < n; i++)
		add += strlen(front[i]) + 1;
	b->strings = NULL;
	b->cap = b->len = 0;
	b->argc += n - (b->argc ? 1 : 0);
	if (over_limit(b, old_len - first + add) || strings_reserve(b, old_len - first + add)) {
		int r = over_limit(b, old_len - first + add) ? -E2BIG : -ENOMEM;

		if (old_vm)
			vfree(old);
		else
			kfree(old);
		return r;
	}
	for (int i = 0; i < n; i++) {
		size_t l = strlen(front[i]) + 1;

		memcpy(b->strings + b->len, front[i], l);
		b->len += l;
	}
	memcpy(b->strings + b->len, old + first, old_len - first);
	b->len += old_len - first;
	b->argv_len = b->argv_len - first + add;
	if (old_vm)
		vfree(old);
	else
		kfree(old);
	return 0;
}

static int read_prefix(struct binprm *b)
{
	u64 pos = 0;
	ssize_t n;

	memset(b->buf, 0, sizeof(b->buf));
	n = kernel_read(b->file, b->buf, sizeof(b->buf), &pos);
	if (n < 0)
		return n;
	b->buf_len = n;
	return 0;
}

static bool spacetab(char c) { return c == ' ' || c == '\t'; }

static char *next_non_spacetab(char *first, const char *last)
{
	for (; first <= last; first++)
		if (!spacetab(*first))
			return first;
	return NULL;
}

static char *next_terminator(char *first, const char *last)
{
	for (; first <= last; first++)
		if (spacetab(*first) || !*first)
			return first;
	return NULL;
}

/* "#!interp [arg]" as Linux's binfmt_script parses it. */
static int load_script(struct binprm *b)
{
	char *buf_end = b->buf + sizeof(b->buf) - 1, *i_end, *i_name, *i_sep, *i_arg = NULL;
	const char *front[3];
	struct file *f;
	char *interp;
	int n = 0, r;

	i_end = memchr(b->buf, '\n', sizeof(b->buf));
	if (!i_end) {
		i_end = next_non_spacetab(b->buf + 2, buf_end);
		if (!i_end)
			return -ENOEXEC;
		/* No end of line in the first 256 bytes: the interpreter's
		 * name must at least end within them. */
		if (!next_terminator(i_end, buf_end))
			return -ENOEXEC;
		i_end = buf_end;
	}
	while (i_end > b->buf + 2 && spacetab(i_end[-1]))
		i_end--;
	i_name = next_non_spacetab(b->buf + 2, i_end);
	if (!i_name || i_name == i_end)
		return -ENOEXEC;
	i_sep = next_terminator(i_name, i_end);
	if (i_sep && *i_sep)
		i_arg = next_non_spacetab(i_sep, i_end);
	*i_end = '\0';
	if (i_sep)
		*i_sep = '\0';
	if (i_arg && !*i_arg)
		i_arg = NULL;

	interp = kmalloc(strlen(i_name) + 1, GFP_KERNEL);
	if (!interp)
		return -ENOMEM;
	strcpy(interp, i_name);
	front[n++] = interp;
	if (i_arg)
		front[n++] = i_arg;
	front[n++] = b->interp_path;
	r = argv_replace_first(b, front, n);
	if (r) {
		kfree(interp);
		return r;
	}
	f = exec_open(interp);
	if (IS_ERR(f)) {
		kfree(interp);
		return PTR_ERR(f);
	}
	fput(b->file);
	b->file = f;
	kfree(b->interp_path);
	b->interp_path = interp;
	return 0;
}

/* ---- the new stack --------------------------------------------------------- */

struct stack_info {
	unsigned long entry, at_base, phdr;
	unsigned long sysinfo_ehdr;     /* the vDSO, or 0 */
	int phnum;
	bool secure;
	const struct cred *cred;
};

static unsigned long hwcap(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return d;
}

/*
 * Lay out the initial stack below STACK_TOP, Linux's way (from the top):
 * 8 zero bytes, the exec file name, the envp and argv strings, "x86_64",
 * 16 random bytes, then (16-byte aligned) argc, argv[], NULL, envp[], NULL,
 * auxv pairs. Written into mm; *sp_out is the new rsp (at argc).
 */
static int setup_stack(struct mm *mm, struct binprm *b, const struct stack_info *si,
		       bool exec_stack, unsigned long *sp_out)
{
	static const char platform[] = "x86_64";
	size_t fn_len = strlen(b->filename) + 1;
	unsigned long top = vm_aslr_stack_top(mm, STACK_TOP);
	unsigned long p = top - sizeof(void *), execfn, strings, plat, rnd, sp, size;
	unsigned long auxv[AUXV_MAX * 2], *words, addr;
	u8 random[16];
	int na = 0, nwords;
	u8 *img;
	long r;
	int prot = LINUX_PROT_READ | LINUX_PROT_WRITE | (exec_stack ? LINUX_PROT_EXEC : 0);

	p -= fn_len;
	execfn = p;
	p -= b->len;
	strings = p;
	p = vm_aslr_align_stack(mm, p);   /* ASLR: up to 8 KiB lower */
	p -= sizeof(platform);
	plat = p;
	p = ALIGN_DOWN(p, 16UL);
	p -= sizeof(random);
	rnd = p;
	p = ALIGN_DOWN(p, 16UL);

#define AUX(t, v) do { auxv[na++] = (t); auxv[na++] = (v); } while (0)
	if (si->sysinfo_ehdr)
		AUX(AT_SYSINFO_EHDR, si->sysinfo_ehdr);
	AUX(AT_MINSIGSTKSZ, proc_min_sigstksz());
	AUX(AT_HWCAP, hwcap());
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, USER_HZ);
	AUX(AT_PHDR, si->phdr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, si->phnum);
	AUX(AT_BASE, si->at_base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, si->entry);
	AUX(AT_UID, si->cred->uid);
	AUX(AT_EUID, si->cred->euid);
	AUX(AT_GID, si->cred->gid);
	AUX(AT_EGID, si->cred->egid);
	AUX(AT_SECURE, si->secure);
	AUX(AT_RANDOM, rnd);
	AUX(AT_HWCAP2, 0);
	AUX(AT_EXECFN, execfn);
	AUX(AT_PLATFORM, plat);
	AUX(AT_NULL, 0);
#undef AUX

	nwords = 1 + (b->argc + 1) + (b->envc + 1) + na;
	sp = ALIGN_DOWN(p - nwords * sizeof(unsigned long), 16UL);
	size = top - sp;
	if (size > task_rlimit(current, RLIMIT_STACK))
		return -E2BIG;

	img = vmalloc(size);
	if (!img)
		return -ENOMEM;
	memset(img, 0, size);
#define AT(a) (img + ((a) - sp))
	memcpy(AT(execfn), b->filename, fn_len);
	memcpy(AT(strings), b->strings, b->len);
	memcpy(AT(plat), platform, sizeof(platform));
	get_random_bytes(random, sizeof(random));
	memcpy(AT(rnd), random, sizeof(random));
	words = (unsigned long *)AT(sp);
	*words++ = b->argc;
	addr = strings;
	for (int i = 0; i < b->argc + b->envc; i++) {
		if (i == b->argc)
			*words++ = 0;
		*words++ = addr;
		addr += strlen((char *)AT(addr)) + 1;
	}
	if (b->argc + b->envc == b->argc)
		*words++ = 0;           /* argv's NULL when there is no envp */
	*words++ = 0;
	memcpy(words, auxv, na * sizeof(unsigned long));
#undef AT

	/* The stack mapping: the arguments plus room to start, growing down
	 * on demand up to RLIMIT_STACK. */
	r = vm_mmap(mm, ALIGN_DOWN(sp, PAGE_SIZE) - STACK_EXPAND,
		    top - (ALIGN_DOWN(sp, PAGE_SIZE) - STACK_EXPAND), prot,
		    LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS | LINUX_MAP_FIXED | LINUX_MAP_GROWSDOWN,
		    NULL, 0);
	if (r >= 0) {
		r = vm_access(mm, sp, img, size, true);
		r = r == (long)size ? 0 : -EFAULT;
	}
	vfree(img);
	if (r)
		return r;
	vm_set_layout(mm, sp, strings, strings + b->argv_len, strings + b->argv_len,
		      strings + b->len);
	*sp_out = sp;
	return 0;
}

/* ---- credentials of the new program -------------------------------------- */

static struct cred *exec_creds(struct file *f, bool *secure)
{
	struct cred *c = prepare_creds();
	struct inode *inode = f->f_inode;

	if (!c)
		return NULL;
	/* no_new_privs: set-id bits do not apply (Linux's LSM_UNSAFE_NO_NEW_PRIVS). */
	if (!(f->f_path.mnt && (f->f_path.mnt->mnt_flags & MNT_NOSUID)) && inode &&
	    !(current->proc_flags & PFP_NO_NEW_PRIVS)) {
		umode_t mode = READ_ONCE(inode->i_mode);

		if (mode & S_ISUID)
			c->euid = inode->i_uid;
		/* S_ISGID without group execute is mandatory locking, not setgid. */
		if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			c->egid = inode->i_gid;
	}
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	*secure = c->euid != c->uid || c->egid != c->gid;
	cap_exec_creds(c, *secure);
	return c;
}

/* ---- killing the other threads -------------------------------------------- */

static int de_thread(struct task *me)
{
	struct signal_struct *sig = me->signal;
	struct task *leader, *child;
	unsigned long flags;

	spin_lock_irqsave(&me->sighand->siglock, flags);
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task) {
		/* exit_group or another exec is under way: let it win. */
		spin_unlock_irqrestore(&me->sighand->siglock, flags);
		return -EAGAIN;
	}
	if (sig->nr_threads == 1 && thread_group_leader(me)) {
		spin_unlock_irqrestore(&me->sighand->siglock, flags);
		return 0;
	}
	sig->group_exec_task = me;
	zap_other_threads(me);
	spin_unlock_irqrestore(&me->sighand->siglock, flags);

	/* exit_notify wakes us as each one goes. XXX: Linux waits killably. */
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(sig->nr_threads) == 1)
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);

	if (!thread_group_leader(me)) {
		/* Take over the leader's pid and place in the tree once it is
		 * a zombie (it cannot be reaped while we live). */
		leader = me->group_leader;
		for (;;) {
			set_current_state(TASK_UNINTERRUPTIBLE);
			if (READ_ONCE(leader->exit_state))
				break;
			schedule();
		}
		__set_current_state(TASK_RUNNING);

		spin_lock_irqsave(&tasklist_lock, flags);
		task_tid_exchange(me, leader);
		exchange_pids(me, leader);
		me->tgid = me->tid;
		me->group_leader = me;
		leader->group_leader = me;
		me->real_parent = leader->real_parent;
		me->exit_signal = leader->exit_signal;
		me->start_time_ns = leader->start_time_ns;
		list_replace_init(&leader->sibling, &me->sibling);
		list_replace_init(&leader->proc_node, &me->proc_node);
		list_splice_init(&leader->children, &me->children);
		list_for_each_entry(child, &me->children, sibling)
			child->real_parent = me;
		leader->exit_signal = -1;
		leader->exit_state = EXIT_DEAD;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		release_task(leader);
	}

	spin_lock_irqsave(&me->sighand->siglock, flags);
	sig->group_exec_task = NULL;
	spin_unlock_irqrestore(&me->sighand->siglock, flags);
	return 0;
}

/* ---- execve ----------------------------------------------------------------- */

static char *exec_filename(struct exec_source *src)
{
	const char *path = src->path;
	char *name = kmalloc(PATH_MAX + 32, GFP_KERNEL);

	if (!name)
		return NULL;
	/* Linux names an fd-relative program /dev/fd/N[/path]. */
	if (src->kernel || path[0] == '/' || src->dirfd == LINUX_AT_FDCWD)
		snprintf(name, PATH_MAX + 32, "%s", path);
	else if (!path[0])
		snprintf(name, PATH_MAX + 32, "/dev/fd/%d", src->dirfd);
	else
		snprintf(name, PATH_MAX + 32, "/dev/fd/%d/%s", src->dirfd, path);
	return name;
}

static void set_comm_from(struct task *t, const char *filename)
{
	const char *base = strrchr(filename, '/');

	task_set_comm(t, base ? base + 1 : filename);
}

int do_execve(struct exec_source *src, struct pt_regs *regs)
{
	struct task *t = current;
	struct binprm *b;
	struct elf_image img = { 0 }, iimg = { 0 };
	struct file *ifile = NULL, *old_exe;
	struct files_struct *new_files = NULL, *old_files;
	struct sighand_struct *new_sighand = NULL, *old_sighand;
	struct stack_info si = { 0 };
	struct mm *mm = NULL, *old_mm;
	struct cred *cred = NULL;
	struct completion *vfork_done;
	unsigned long bias, end, ibias = 0, iend, sp = 0, flags;
	char *interp_name = NULL;
	bool secure = false;
	int r, depth;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->filename = exec_filename(src);
	if (!b->filename) {
		r = -ENOMEM;
		goto out;
	}
	b->interp_path = kmalloc(strlen(b->filename) + 1, GFP_KERNEL);
	if (!b->interp_path) {
		r = -ENOMEM;
		goto out;
	}
	strcpy(b->interp_path, b->filename);

	b->file = src->kernel ? exec_open(src->path) : exec_open_at(src->dirfd, src->path, src->at_flags);
	if (IS_ERR(b->file)) {
		r = PTR_ERR(b->file);
		b->file = NULL;
		goto out;
	}

	b->limit = MIN(STK_LIM / 4 * 3, task_rlimit(t, RLIMIT_STACK) / 4);
	b->limit = MAX(b->limit, (u64)ARG_MAX);
	r = copy_strings(b, src->argv, src->kernel, &b->argc);
	if (r)
		goto out;
	b->argv_len = b->len;
	r = copy_strings(b, src->envp, src->kernel, &b->envc);
	if (r)
		goto out;
	if (b->argc == 0) {
		/* Linux (5.18+) gives a program started with an empty argv an
		 * argv[0] of "" so that argv[1] is never envp[0]. */
		static const char *const empty[] = { "" };

		r = argv_replace_first(b, empty, 1);
		if (r)
			goto out;
	}

	/* Scripts: replace the file by its interpreter, a few levels deep. */
	for (depth = 0;; depth++) {
		r = read_prefix(b);
		if (r)
			goto out;
		if (b->buf_len >= 2 && b->buf[0] == '#' && b->buf[1] == '!') {
			if (depth >= BINPRM_MAX_DEPTH) {
				r = -ELOOP;
				goto out;
			}
			r = load_script(b);
			if (r)
				goto out;
			continue;
		}
		break;
	}
	r = elf_read_image(b->file, b->buf, b->buf_len, false, &img);
	if (r)
		goto out;

	if (img.interp >= 0) {
		const struct elf64_phdr *ip = &img.ph[img.interp];
		u64 pos = ip->p_offset;
		ssize_t n;

		interp_name = kmalloc(ip->p_filesz, GFP_KERNEL);
		if (!interp_name) {
			r = -ENOMEM;
			goto out;
		}
		n = kernel_read(b->file, interp_name, ip->p_filesz, &pos);
		if (n != (ssize_t)ip->p_filesz) {
			r = n < 0 ? n : -EIO;
			goto out;
		}
		if (interp_name[ip->p_filesz - 1] != '\0') {
			r = -ENOEXEC;
			goto out;
		}
		ifile = exec_open(interp_name);
		if (IS_ERR(ifile)) {
			r = PTR_ERR(ifile);
			ifile = NULL;
			goto out;
		}
		r = elf_read_image(ifile, NULL, 0, true, &iimg);
		if (r)
			goto out;
	}

	cred = exec_creds(b->file, &secure);
	if (!cred) {
		r = -ENOMEM;
		goto out;
	}

	/* The new address space, complete before we commit to it. */
	mm = mm_create();
	if (!mm) {
		r = -ENOMEM;
		goto out;
	}
	/* ASLR unless personality(ADDR_NO_RANDOMIZE), which a set-id exec
	 * clears (Linux's per_clear). */
	vm_aslr_exec(mm, secure ? t->personality & ~PER_CLEAR_ON_SETID : t->personality);
	vm_set_stack_rlimit(mm, task_rlimit(t, RLIMIT_STACK));
	r = elf_map_image(mm, b->file, &img,
			  img.eh.e_type == ET_DYN && img.interp >= 0 ?
			  ELF_ET_DYN_BASE + vm_aslr_pie_offset(mm) : 0, &bias, &end);
	if (r)
		goto out;
	vm_set_brk_start(mm, end);
	si.entry = img.eh.e_entry + bias;
	si.phdr = img.phdr_addr ? img.phdr_addr + bias : 0;
	si.phnum = img.eh.e_phnum;
	si.secure = secure;
	si.cred = cred;
	if (ifile) {
		r = elf_map_image(mm, ifile, &iimg, 0, &ibias, &iend);
		if (r)
			goto out;
		si.at_base = ibias;
	}
	/*
	 * The entry the new program starts at, load bias included, must be a
	 * user address (Linux's BAD_ADDR check): a crafted e_entry plus the
	 * bias could be non-canonical, and the return to user mode would then
	 * fault in the kernel.
	 */
	if (si.entry >= VM_TASK_SIZE || (ifile && iimg.eh.e_entry + ibias >= VM_TASK_SIZE)) {
		r = -EINVAL;
		goto out;
	}
	{
		long vdso = vdso_map(mm);

		if (vdso < 0) {
			r = (int)vdso;
			goto out;
		}
		si.sysinfo_ehdr = (unsigned long)vdso;
	}
	r = setup_stack(mm, b, &si, img.exec_stack, &sp);
	if (r)
		goto out;

	/* Things to swap in that need memory: get them now. */
	if (t->files && __atomic_load_n(&t->files->count, __ATOMIC_ACQUIRE) > 1) {
		new_files = files_fork(t->files);
		if (!new_files) {
			r = -ENOMEM;
			goto out;
		}
	}
	if (__atomic_load_n(&t->sighand->refcount, __ATOMIC_ACQUIRE) > 1) {
		new_sighand = sighand_copy(t->sighand);
		if (!new_sighand) {
			r = -ENOMEM;
			goto out;
		}
	}

	/* ---- the point of no return ---- */
	r = de_thread(t);
	if (r)
		goto out;

	old_mm = t->mm;
	futex_exit_robust_list(t);
	if (t->clear_child_tid) {
		/* Like exit: a vfork parent or other sharer sees the word cleared. */
		if (old_mm && __atomic_load_n(&old_mm->refcount, __ATOMIC_ACQUIRE) > 1 &&
		    !put_user(0, t->clear_child_tid))
			futex_wake_tid(t->clear_child_tid);
		t->clear_child_tid = NULL;
	}
	preempt_disable();
	spin_lock_irqsave(&t->proc_lock, flags);   /* procfs reads t->mm under it */
	t->mm = mm;
	t->active_mm = mm;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	mm_activate(mm);
	preempt_enable();
	mm = NULL;
	spin_lock_irqsave(&t->proc_lock, flags);
	vfork_done = t->vfork_done;
	t->vfork_done = NULL;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	if (vfork_done)
		complete(vfork_done);
	if (old_mm) {
		proc_update_maxrss(t, old_mm);   /* exec keeps the peak (Linux) */
		mm_put(old_mm);
	}

	spin_lock_irqsave(&tasklist_lock, flags);   /* procfs's proc_task_exe */
	old_exe = t->signal->exe_file;
	t->signal->exe_file = b->file;      /* keeps exec_open's deny-write */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	b->file = NULL;
	if (old_exe)
		fput(old_exe);

	if (new_files) {
		spin_lock_irqsave(&t->proc_lock, flags);
		old_files = t->files;
		t->files = new_files;
		spin_unlock_irqrestore(&t->proc_lock, flags);
		new_files = NULL;
		files_put(old_files);
	}
	if (t->files)
		files_close_on_exec(t->files);

	if (new_sighand) {
		old_sighand = t->sighand;
		spin_lock_irqsave(&old_sighand->siglock, flags);
		WRITE_ONCE(t->sighand, new_sighand);
		spin_unlock_irqrestore(&old_sighand->siglock, flags);
		sighand_put(old_sighand);
		new_sighand = NULL;
	}
	flush_signal_handlers(t->sighand);
	posix_timers_exit(t->signal);       /* Linux: timers do not survive exec */
	/* Linux forgets the stack but keeps the mode bits (a signal frame's
	 * uc_stack.ss_flags after exec still shows them). */
	t->sas_ss_sp = 0;
	t->sas_ss_size = 0;
	t->restart_block.fn = NULL;
	t->robust_list = NULL;
	t->robust_list_len = 0;

	if (secure || cred->euid != current_cred()->euid || cred->egid != current_cred()->egid)
		t->pdeath_signal = 0;
	personality_exec(t, secure);
	commit_creds(cred);
	cred = NULL;
	/* Linux's setup_new_exec: dumpable again unless the program runs with
	 * ids other than the caller's real ones. XXX: Linux also makes it
	 * non-dumpable when the file is not readable (would_dump). */
	WRITE_ONCE(t->signal->dumpable, !secure && current_cred()->euid == current_cred()->uid &&
			 current_cred()->egid == current_cred()->gid);

	spin_lock_irqsave(&tasklist_lock, flags);
	t->signal->did_exec = true;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	t->proc_flags &= ~PFP_FORKNOEXEC;
	set_comm_from(t, b->filename);

	arch_set_user_fsbase(0);
	arch_set_user_gsbase(0);
	proc_fpu_reset();

	{
		/* Keep the syscall identity for the exit path (strace shows
		 * execve's result); rax 0 needs no restart handling. */
		u64 nr = regs->vector, mark = regs->error_code;

		memset(regs, 0, sizeof(*regs));
		regs->vector = nr;
		regs->error_code = mark;
	}
	regs->rip = si.entry;
	if (ifile)
		regs->rip = iimg.eh.e_entry + ibias;
	regs->rsp = sp;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags = X86_RFLAGS_IF;
	r = 0;

out:
	if (mm)
		mm_put(mm);
	if (cred)
		abort_creds(cred);
	if (new_files)
		files_put(new_files);
	if (new_sighand)
		sighand_put(new_sighand);
	if (ifile)
		fput(ifile);
	elf_image_free(&img);
	elf_image_free(&iimg);
	kfree(interp_name);
	if (b->file)
		fput(b->file);
	strings_free(b);
	kfree(b->filename);
	kfree(b->interp_path);
	kfree(b);
	return r;
}
