/* Containers' private side (oci/container.c, oci/ctr_root.c). */
#ifndef OCI_CONTAINER_H
#define OCI_CONTAINER_H

#include <kernel/container.h>
#include <kernel/list.h>
#include <kernel/waitqueue.h>

#include "load.h"

struct container {
	struct list_head node;          /* in the list; ctr_lock (next NULL once removed) */
	int refcount;                   /* the list's and users'; atomic */
	char id[65];                    /* 64 hex digits */
	char hostname[65];
	char *image_path;
	struct oci_prepared image;      /* lowerdir and config */
	struct mnt_namespace *mnt;      /* its namespaces (ctr_ns_create) */
	struct uts_namespace *uts;
	struct ipc_namespace *ipc;
	struct net *net;
	struct pid_namespace *pidns;    /* the init's (set when it starts) */
	/* ctr_lock: */
	int state;                      /* enum ctr_state */
	bool starting;                  /* a first ctr_run is starting the init */
	int init_pid;                   /* the init's pid (kept after its exit) */
	int status;                     /* its wait status once exited */
	struct wait_queue_head wait;    /* ctr_wait sleepers */
};

/* Build c's root in c->mnt (a fresh copy of the caller's tree): see
 * ctr_root.c. 0 or -errno with a message in err. */
int ctr_root_build(struct container *c, struct ctr_volume_k *vol, int nvol, char *err,
		   size_t err_len);

/* mkdir -p path (a kernel path of current's; restored after use), the
 * last directory with mode. Errors are left to whoever uses the path. */
void ctr_mkdirs(char *path, umode_t mode);

#endif
