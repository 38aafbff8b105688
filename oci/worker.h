/* The OCI worker thread (oci/worker.c). */
#ifndef OCI_WORKER_H
#define OCI_WORKER_H

/* Run fn(arg) in a fresh kernel thread with FPU state and its own
 * fs_struct; wait for it and return what fn returned. */
int oci_run_in_worker(int (*fn)(void *arg), void *arg);

#endif
