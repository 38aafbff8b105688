/*
 * Containers as kernel objects (oci/container.c): an image made ready to
 * run, its own namespaces and root, and the processes started in it. The
 * system calls (linuxabi/oci.c, linuxabi/uapi/container.h describes them)
 * copy their arguments into these kernel forms and call here;
 * /proc/containers shows the list (ctr_show). Containers live in memory
 * until destroyed.
 */
#ifndef KERNEL_CONTAINER_H
#define KERNEL_CONTAINER_H

#include <kernel/types.h>

struct file;
struct seq_file;
struct task;

struct ctr_volume_k {
	char *host, *path;      /* kernel strings */
	bool ro;
};

struct ctr_create_k {
	const char *image;              /* the archive's path */
	const char *hostname;           /* NULL or "": the short id */
	struct ctr_volume_k *volumes;
	int nr_volumes;
	struct file *progress;          /* NULL, or where the load's progress lines go */
	char id[65];                    /* out: the full id */
	int layers, cached, unpacked;   /* out */
	char *err;                      /* out: a one-line message on failure */
	size_t err_len;
};
/* 0 or -errno (with a message in err). */
int ctr_create(struct ctr_create_k *a);

struct ctr_run_k {
	const char *id;
	unsigned flags;                 /* CTR_RUN_IMAGE, CTR_RUN_ENTRYPOINT */
	char **argv, **env;             /* NULL-terminated kernel copies (argv may be NULL) */
	const char *cwd, *user, *entrypoint;   /* NULL: not given */
	char *err;
	size_t err_len;
};
/* The new process's pid, or -errno with a message in err. */
long ctr_run(struct ctr_run_k *a);
/* The init's pid with its wait status in *status, 0 (CTR_WNOHANG, not
 * exited yet), or -errno. */
long ctr_wait(const char *id, unsigned flags, int *status);
int ctr_kill(const char *id, int sig);
int ctr_destroy(const char *id, unsigned flags);
/* Full ids, NUL-separated, into buf (kernel memory); *need gets the bytes
 * they take. -ENOBUFS if len is too small. Returns the count. */
long ctr_list_ids(char *buf, size_t len, size_t *need);
/* /proc/containers. */
int ctr_show(struct seq_file *m);

/* kernel/proc/exit.c, when the last thread of leader's process exits,
 * with tasklist_lock held: a container whose init it is has exited with
 * wait status status. */
void ctr_task_exit(struct task *leader, int status);

#endif
