/*
 * Containers (kernel/container.h, linuxabi/uapi/container.h): the object,
 * the list /proc/containers shows, and the life cycle: create (the image
 * through oci_image_prepare, namespaces, the root built by ctr_root.c),
 * run (a process started in the container as a child of the caller
 * through proc_spawn; the first is the init), wait, kill, destroy.
 *
 * The container's namespaces are made in one place, ctr_ns_create, and
 * joined in one place, ctr_ns_enter (CTR_NAMESPACES lists the kinds).
 *
 * Locks: ctr_lock (a spinlock, irqsave: ctr_task_exit runs under
 * tasklist_lock) guards the list and each container's run state (state,
 * starting, init_pid, status). Everything else of a container is
 * fixed once it is on the list; a reference (refcount) keeps it alive
 * outside the lock.
 */
#define OCI_NO_JSON     /* image.h without its JSON half: none parsed here */
#include <kernel/container.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/ipc.h>
#include <kernel/mm.h>
#include <kernel/net_ns.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/seq_file.h>
#include <kernel/signal.h>
#include <kernel/spawn.h>
#include <kernel/uts.h>
#include <kernel/waitqueue.h>
#include <linuxabi/uapi/container.h>
#include <linuxabi/uapi/fcntl.h>
#include <linuxabi/uapi/sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "container.h"
#include "load.h"

/*
 * The namespaces a container gets of its own. Made at create
 * (ctr_ns_create), joined by every process started in it (ctr_ns_enter),
 * dropped at destroy (ctr_ns_put).
 * As Docker: mount, uts, ipc and net namespaces are made at create (the
 * net one with its lo up, as Docker's); the pid namespace is made by the
 * init's fork (it is PID 1 there) and the later runs' children are forked
 * into it (Linux's pid_for_children). The container's /proc is mounted by
 * its init, so that it shows the container's pid namespace.
 * XXX: no cgroup of its own yet (Docker makes one per container).
 */
#define CTR_NAMESPACES (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWPID)
/* Those of CTR_NAMESPACES made by the init's fork rather than by
 * ctr_ns_create. */
#define CTR_INIT_CLONE_FLAGS CLONE_NEWPID

enum ctr_state { CTR_CREATED, CTR_RUNNING, CTR_EXITED };
static const char *const state_names[] = { "created", "running", "exited" };

static DEFINE_SPINLOCK(ctr_lock);
static LIST_HEAD(containers);           /* ctr_lock, oldest first */
static int nr_running;                  /* containers with an init; ctr_lock (read racily) */

static void ctr_get(struct container *c)
{
	__atomic_fetch_add(&c->refcount, 1, __ATOMIC_RELAXED);
}

static void ctr_ns_put(struct container *c)
{
	put_mnt_ns(c->mnt);
	c->mnt = NULL;
	put_uts_ns(c->uts);
	c->uts = NULL;
	put_ipc_ns(c->ipc);
	c->ipc = NULL;
	put_net(c->net);
	c->net = NULL;
	put_pid_ns(c->pidns);
	c->pidns = NULL;
}

static void ctr_put(struct container *c)
{
	if (!c || __atomic_sub_fetch(&c->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	ctr_ns_put(c);
	oci_prepared_release(&c->image);
	kfree(c->image_path);
	kfree(c);
}

static int ctr_ns_create(struct container *c, const char *hostname)
{
	struct task *t = current;

	/* A copy of the caller's mount tree; ctr_root.c makes it private and
	 * puts the container's root on top. */
	c->mnt = copy_mnt_ns(t->mnt_ns, NULL);
	if (IS_ERR(c->mnt)) {
		int r = PTR_ERR(c->mnt);

		c->mnt = NULL;
		return r;
	}
	c->uts = copy_uts_ns(t->uts_ns);
	if (!c->uts)
		return -ENOMEM;
	c->ipc = copy_ipc_ns(t->ipc_ns);
	if (IS_ERR(c->ipc)) {
		int r = PTR_ERR(c->ipc);

		c->ipc = NULL;
		return r;
	}
	c->net = copy_net_ns(t->net_ns);
	if (IS_ERR(c->net)) {
		int r = PTR_ERR(c->net);

		c->net = NULL;
		return r;
	}
	net_lo_set_up(c->net, true);
	/* Nobody else sees the copy yet: no uts_lock needed. */
	memset(c->uts->nodename, 0, sizeof(c->uts->nodename));
	memcpy(c->uts->nodename, hostname, strlen(hostname));
	return 0;
}

/* current (a new child, not yet running user code) joins c's namespaces;
 * its root and cwd become the container's root. */
static int ctr_ns_enter(struct container *c)
{
	struct task *t = current;
	struct uts_namespace *old;
	int r = mnt_ns_enter(c->mnt);

	if (r)
		return r;
	get_uts_ns(c->uts);
	old = t->uts_ns;
	t->uts_ns = c->uts;
	put_uts_ns(old);
	get_ipc_ns(c->ipc);
	ipc_task_switch_ns(c->ipc);       /* takes over that reference */
	net_task_switch_ns(get_net(c->net));
	return 0;
}

static int fail(char *err, size_t len, int r, const char *fmt, ...)
{
	va_list ap;

	if (err && len) {
		va_start(ap, fmt);
		vsnprintf(err, len, fmt, ap);
		va_end(ap);
	}
	return r;
}

static bool is_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* The container named by a full id or a unique prefix, referenced. */
static struct container *ctr_find(const char *id)
{
	struct container *c, *found = NULL;
	size_t n = strlen(id);
	unsigned long flags;
	int matches = 0;

	if (!n || n > CTR_ID_LEN || !is_hex(id))
		return ERR_PTR(-EINVAL);
	spin_lock_irqsave(&ctr_lock, flags);
	list_for_each_entry(c, &containers, node) {
		if (!strncmp(c->id, id, n)) {
			found = c;
			matches++;
		}
	}
	if (matches == 1)
		ctr_get(found);
	spin_unlock_irqrestore(&ctr_lock, flags);
	if (!matches)
		return ERR_PTR(-ENOENT);
	return matches == 1 ? found : ERR_PTR(-EINVAL);
}

/* ---- create ---- */

int ctr_create(struct ctr_create_k *a)
{
	struct container *c = kzalloc(sizeof(*c), GFP_KERNEL);
	unsigned char rnd[CTR_ID_LEN / 2];
	unsigned long flags;
	const char *hostname;
	int r;

	if (!c)
		return fail(a->err, a->err_len, -ENOMEM, "out of memory");
	c->refcount = 1;
	init_waitqueue_head(&c->wait);
	c->image_path = kmalloc(strlen(a->image) + 1, GFP_KERNEL);
	if (!c->image_path) {
		kfree(c);
		return fail(a->err, a->err_len, -ENOMEM, "out of memory");
	}
	strcpy(c->image_path, a->image);
	get_random_bytes(rnd, sizeof(rnd));
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(c->id + 2 * i, 3, "%02x", rnd[i]);
	hostname = a->hostname && *a->hostname ? a->hostname : NULL;
	if (hostname && strlen(hostname) > UTS_NAME_LEN) {
		r = fail(a->err, a->err_len, -EINVAL, "hostname %s: longer than %d", hostname,
			 UTS_NAME_LEN);
		goto out;
	}
	snprintf(c->hostname, sizeof(c->hostname), "%s", hostname ? hostname : "");
	if (!hostname)
		snprintf(c->hostname, sizeof(c->hostname), "%.*s", CTR_SHORT_ID_LEN, c->id);

	r = oci_image_prepare(a->image, a->progress, &c->image, a->err, a->err_len);
	if (r)
		goto out;
	a->layers = c->image.layers;
	a->cached = c->image.cached;
	a->unpacked = c->image.unpacked;
	r = ctr_ns_create(c, c->hostname);
	if (r) {
		fail(a->err, a->err_len, r, "cannot make the namespaces: %s", strerror(-r));
		goto out;
	}
	r = ctr_root_build(c, a->volumes, a->nr_volumes, a->err, a->err_len);
	if (r)
		goto out;
	spin_lock_irqsave(&ctr_lock, flags);
	list_add_tail(&c->node, &containers);
	spin_unlock_irqrestore(&ctr_lock, flags);
	memcpy(a->id, c->id, sizeof(a->id));
	return 0;
out:
	ctr_put(c);
	return r;
}

/* ---- run ---- */

struct ctr_start {
	struct container *c;
	struct ctr_run_k *a;
	char **argv;
	bool is_init;
};

/* A whole small file of the container (passwd, group; up to 1 MiB), or NULL. */
static char *read_small_file(const char *path)
{
	struct file *f = filp_open(path, LINUX_O_RDONLY, 0);
	size_t cap, got = 0;
	u64 pos = 0;
	char *buf;
	ssize_t n;

	if (IS_ERR(f))
		return NULL;
	cap = file_size(f) < (1u << 20) ? (size_t)file_size(f) + 1 : (1u << 20);
	buf = kmalloc(cap, GFP_KERNEL);
	while (buf && got < cap - 1 && (n = kernel_read(f, buf + got, cap - 1 - got, &pos)) > 0)
		got += n;
	if (buf)
		buf[got] = 0;
	fput(f);
	return buf;
}

/* mkdir -p, for a missing working directory (Docker makes it). */
static void mkdir_p(const char *path)
{
	char *b = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!b)
		return;
	snprintf(b, PATH_MAX, "%s", path);
	ctr_mkdirs(b, 0755);
	kfree(b);
}

/* The init's exec failed: the container is "created" again. */
static void init_forget(struct container *c)
{
	unsigned long flags;

	spin_lock_irqsave(&ctr_lock, flags);
	if (c->state == CTR_RUNNING && c->init_pid == current->tgid) {
		c->init_pid = 0;
		c->state = CTR_CREATED;
		nr_running--;
	}
	spin_unlock_irqrestore(&ctr_lock, flags);
}

/* The child's first code (proc_spawn): join the container, become its
 * user in its working directory, exec. s lives until the exec works. */
static int ctr_child(void *arg)
{
	struct ctr_start *s = arg;
	struct container *c = s->c;
	struct ctr_run_k *a = s->a;
	const struct oci_config *cfg = &c->image.config;
	struct oci_run_opts ro = { .env = a->env };
	char *pw, *gr, home[256], **envp = NULL;
	const char *user, *cwd;
	unsigned uid, gid, groups[64];
	unsigned long flags;
	int ngroups, r;

	r = ctr_ns_enter(c);
	if (r)
		return fail(a->err, a->err_len, r, "cannot join the container: %s", strerror(-r));
	if (s->is_init) {
		/* The init is PID 1 of the container's new pid namespace: keep
		 * it for the later runs, and mount the /proc that shows it. */
		struct pid_namespace *old_ns = c->pidns;   /* an earlier init that failed */

		c->pidns = get_pid_ns(task_active_pid_ns(current));
		put_pid_ns(old_ns);
		r = vfs_mount("proc", "/proc", "proc", MNT_NOSUID | MNT_NODEV | MNT_NOEXEC, NULL);
		if (r)
			return fail(a->err, a->err_len, r, "cannot mount /proc: %s", strerror(-r));
	}
	fd_close_range(3, ~0U, false);   /* only stdio is passed on, as runc does */

	user = a->user ? a->user : (cfg->user && *cfg->user ? cfg->user : NULL);
	pw = read_small_file("/etc/passwd");
	gr = read_small_file("/etc/group");
	r = oci_resolve_user(user, pw, gr, &uid, &gid, home, sizeof(home), a->err, a->err_len);
	ngroups = r ? 0 : oci_user_groups(user, pw, gr, groups, 64);
	kfree(pw);
	kfree(gr);
	if (r)
		return r;
	r = oci_build_env(cfg, &ro, c->hostname, home, &envp);
	if (r)
		return fail(a->err, a->err_len, r, "out of memory");

	cwd = a->cwd ? a->cwd : (cfg->working_dir && *cfg->working_dir ? cfg->working_dir : "/");
	if (vfs_chdir(cwd)) {
		mkdir_p(cwd);
		r = vfs_chdir(cwd);
		if (r) {
			fail(a->err, a->err_len, r, "working directory %s: %s", cwd, strerror(-r));
			goto out;
		}
	}
	r = proc_set_ids(uid, gid, ngroups, groups);
	if (r) {
		fail(a->err, a->err_len, r, "cannot become %u:%u: %s", uid, gid, strerror(-r));
		goto out;
	}
	if (s->is_init) {
		/* Registered before the exec so that an exit, however early,
		 * finds it (ctr_task_exit). */
		spin_lock_irqsave(&ctr_lock, flags);
		c->init_pid = current->tgid;
		c->state = CTR_RUNNING;
		nr_running++;
		spin_unlock_irqrestore(&ctr_lock, flags);
	}
	r = proc_exec(s->argv[0], s->argv, envp);
	if (r) {
		if (s->is_init)
			init_forget(c);
		if (r == -ENOENT && !strchr(s->argv[0], '/'))
			fail(a->err, a->err_len, r, "exec: \"%s\": executable file not found in $PATH",
			     s->argv[0]);
		else
			fail(a->err, a->err_len, r, "exec: \"%s\": %s", s->argv[0], strerror(-r));
		goto out;
	}
	/* The program is in place and the caller has gone on: s is gone. */
	oci_strv_free(envp);
	proc_enter_user();
out:
	oci_strv_free(envp);
	return r;
}

long ctr_run(struct ctr_run_k *a)
{
	struct ctr_start s = { .a = a };
	struct oci_run_opts ro = { 0 };
	unsigned long flags;
	struct container *c;
	long r;

	c = ctr_find(a->id);
	if (IS_ERR(c))
		return fail(a->err, a->err_len, PTR_ERR(c), "no such container: %s", a->id);
	s.c = c;
	if (a->flags & CTR_RUN_IMAGE) {
		ro.entrypoint = (a->flags & CTR_RUN_ENTRYPOINT) ? a->entrypoint : NULL;
		ro.args = a->argv;
		r = oci_build_argv(&c->image.config, &ro, &s.argv, a->err, a->err_len);
		if (r)
			goto out;
	} else if (!a->argv || !a->argv[0]) {
		r = fail(a->err, a->err_len, -EINVAL, "no command specified");
		goto out;
	} else {
		s.argv = a->argv;
	}

	spin_lock_irqsave(&ctr_lock, flags);
	if (c->state == CTR_EXITED) {
		r = -ESRCH;
	} else if (c->state == CTR_CREATED && c->starting) {
		r = -EBUSY;     /* its init is being started */
	} else {
		r = 0;
		s.is_init = c->state == CTR_CREATED;
		if (s.is_init)
			c->starting = true;
	}
	spin_unlock_irqrestore(&ctr_lock, flags);
	if (r) {
		fail(a->err, a->err_len, r, "container %.*s is %s", CTR_SHORT_ID_LEN, c->id,
		     r == -ESRCH ? "not running" : "starting");
		goto out;
	}
	/* The init makes the container's pid namespace; later processes are
	 * forked into it, as setns(pid_for_children) then fork would. */
	if (!s.is_init && !c->pidns)
		r = -ESRCH;     /* cannot happen: the init set it before "running" */
	else
		r = proc_spawn(ctr_child, &s, s.is_init ? CTR_INIT_CLONE_FLAGS : 0,
			       s.is_init ? NULL : c->pidns);
	if (s.is_init) {
		spin_lock_irqsave(&ctr_lock, flags);
		c->starting = false;
		spin_unlock_irqrestore(&ctr_lock, flags);
	}
out:
	if (s.argv != a->argv)
		oci_strv_free(s.argv);
	ctr_put(c);
	return r;
}

void ctr_task_exit(struct task *leader, int status)
{
	struct container *c;

	if (!READ_ONCE(nr_running))
		return;
	spin_lock(&ctr_lock);   /* interrupts are off: tasklist_lock */
	list_for_each_entry(c, &containers, node) {
		/* By pid: a thread that execs takes over the leader's
		 * pid but not its task struct. */
		if (c->state != CTR_RUNNING || c->init_pid != leader->tgid)
			continue;
		c->state = CTR_EXITED;
		c->status = status;
		nr_running--;
		wake_up_all(&c->wait);
		break;
	}
	spin_unlock(&ctr_lock);
}

/* ---- wait, kill ---- */

static bool ctr_exited(struct container *c)
{
	return READ_ONCE(c->state) == CTR_EXITED;
}

long ctr_wait(const char *id, unsigned flags, int *status)
{
	struct container *c = ctr_find(id);
	unsigned long irqf;
	long r = 0;

	if (IS_ERR(c))
		return PTR_ERR(c);
	if (!(flags & CTR_WNOHANG))
		r = wait_event_interruptible(&c->wait, ctr_exited(c));
	if (!r && ctr_exited(c)) {
		spin_lock_irqsave(&ctr_lock, irqf);
		*status = c->status;
		r = c->init_pid;
		spin_unlock_irqrestore(&ctr_lock, irqf);
	}
	ctr_put(c);
	return r;
}

/* The running init, referenced, or NULL. Its pid cannot be another
 * process's while the container is running: the state changes at the
 * init's death, before it can be reaped. */
static struct task *ctr_init_task(struct container *c)
{
	unsigned long flags;
	pid_t pid;

	spin_lock_irqsave(&ctr_lock, flags);
	pid = c->state == CTR_RUNNING ? c->init_pid : 0;
	spin_unlock_irqrestore(&ctr_lock, flags);
	return pid ? find_process(pid) : NULL;
}

int ctr_kill(const char *id, int sig)
{
	struct container *c;
	struct task *t;
	int r = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	c = ctr_find(id);
	if (IS_ERR(c))
		return PTR_ERR(c);
	t = ctr_init_task(c);
	if (!t)
		r = -ESRCH;
	else if (sig)
		r = send_sig_info(sig, NULL, t, true);   /* XXX Linux's kill() gives SI_USER */
	if (t)
		task_put(t);
	ctr_put(c);
	return r;
}

/* ---- destroy ---- */

struct ns_scan {
	struct mnt_namespace *ns;
	pid_t pids[64];
	int n;
	bool more;
};

static void scan_task(struct task *t, void *arg)
{
	struct ns_scan *s = arg;

	if (READ_ONCE(t->mnt_ns) != s->ns || (t->flags & PF_KTHREAD))
		return;
	if (s->n < (int)(sizeof(s->pids) / sizeof(s->pids[0])))
		s->pids[s->n++] = t->tid;
	else
		s->more = true;
}

/* SIGKILL every task in c's mount namespace and wait until none is left
 * (they drop it in do_exit). XXX with a pid namespace this becomes
 * killing its init. Gives up after 10 s. */
static void ctr_kill_all(struct container *c)
{
	struct ns_scan s;

	for (int tries = 0; tries < 1000; tries++) {
		memset(&s, 0, sizeof(s));
		s.ns = c->mnt;
		sched_for_each_task(scan_task, &s);
		if (!s.n)
			return;
		for (int i = 0; i < s.n; i++) {
			struct task *t = find_user_task(s.pids[i]);

			if (t) {
				send_sig_info(SIGKILL, NULL, t, true);
				task_put(t);
			}
		}
		msleep(10);
	}
}

int ctr_destroy(const char *id, unsigned flags)
{
	struct container *c = ctr_find(id);
	unsigned long irqf;
	bool busy, listed;

	if (IS_ERR(c))
		return PTR_ERR(c);
	spin_lock_irqsave(&ctr_lock, irqf);
	busy = c->state == CTR_RUNNING || c->starting;
	spin_unlock_irqrestore(&ctr_lock, irqf);
	if (busy && !(flags & CTR_FORCE)) {
		ctr_put(c);
		return -EBUSY;
	}
	ctr_kill_all(c);
	spin_lock_irqsave(&ctr_lock, irqf);
	/* Its killed init may not have reached ctr_task_exit yet (tasks
	 * leave the namespace earlier in do_exit): it will not find it. */
	if (c->state == CTR_RUNNING) {
		c->state = CTR_EXITED;
		c->status = SIGKILL;
		nr_running--;
	}
	listed = c->node.next != NULL;
	if (listed) {
		list_del(&c->node);
		c->node.next = NULL;
	}
	spin_unlock_irqrestore(&ctr_lock, irqf);
	if (listed)
		ctr_put(c);         /* the list's */
	ctr_put(c);
	return 0;
}

/* ---- list, /proc/containers ---- */

long ctr_list_ids(char *buf, size_t len, size_t *need)
{
	struct container *c;
	unsigned long flags;
	size_t used = 0;
	long n = 0;

	spin_lock_irqsave(&ctr_lock, flags);
	list_for_each_entry(c, &containers, node) {
		if (used + CTR_ID_LEN + 1 <= len)
			memcpy(buf + used, c->id, CTR_ID_LEN + 1);
		used += CTR_ID_LEN + 1;
		n++;
	}
	spin_unlock_irqrestore(&ctr_lock, flags);
	*need = used;
	return used > len ? -ENOBUFS : n;
}

int ctr_show(struct seq_file *m)
{
	struct container *c;
	unsigned long flags;

	seq_printf(m, "%-12s %-8s %7s %-6s %s\n", "ID", "STATE", "PID", "STATUS", "IMAGE");
	spin_lock_irqsave(&ctr_lock, flags);
	list_for_each_entry(c, &containers, node) {
		char st[8] = "-";
		if (c->state == CTR_EXITED)
			snprintf(st, sizeof(st), "%d", (c->status & 0x7f) ? 128 + (c->status & 0x7f)
									  : (c->status >> 8) & 0xff);
		seq_printf(m, "%.12s %-8s %7d %-6s ", c->id, state_names[c->state], c->init_pid, st);
		seq_escape(m, c->image_path, " \t\n\\");
		seq_putc(m, '\n');
	}
	spin_unlock_irqrestore(&ctr_lock, flags);
	return 0;
}
