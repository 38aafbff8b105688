/*
 * The project's own system calls for containers, in a private range above
 * Linux's numbers (linuxabi/syscall_64.tbl). Userspace (initramfs/runimg.c,
 * tests/progs/ctrtest.c) includes this header too, so it uses only
 * fixed-width types. Every call takes one versioned struct (version must be
 * CTR_VERSION), is root only (EPERM), refuses unknown flags (EINVAL) and
 * reaches every pointer through copy_from_user/copy_to_user (EFAULT).
 *
 * oci_image_load (1000): read an image archive (docker save or OCI
 * layout), check every digest, unpack the layers not yet in the layer
 * cache (in the kernel's OCI worker) and describe the image:
 *
 *     struct oci_load req = { .image = (uintptr_t)"/images/debian.tar", ... };
 *     syscall(1000, &req);   // 0, or -1 with errno and req.err filled
 *
 * The description (req.out) is a sequence of NUL-terminated strings:
 * "lowerdir" and the overlay's lowerdir= value (layer directories, top
 * first); "entrypoint", "cmd", "env" each followed by a count and that many
 * strings (count -1: not set in the image); "workdir" and "user" followed
 * by a string ("" when not set); "name" (the image's tag, or ""); "layers",
 * "cached", "unpacked" followed by numbers. Progress lines go to
 * progress_fd while layers unpack: "layer I/N BYTES/TOTAL\n", then
 * "layer I/N cached\n" or "layer I/N done\n".
 *
 * Containers (1001-1006) are kernel objects (oci/container.c), kept in
 * memory until destroyed and listed in /proc/containers:
 *
 * ctr_create (1001): load the image as oci_image_load does (same progress
 *   lines), then build the container: new mount, UTS, IPC and network
 *   (lo up) namespaces (the set is CTR_NAMESPACES in oci/container.c; the
 *   PID namespace is made by the first ctr_run), the root an overlay of the
 *   layers with a tmpfs upper, /proc, /sys read-only, /dev (a tmpfs with
 *   null zero full random urandom tty, console, ptmx and pts/ from the
 *   host's devpts, shm/, fd stdin stdout stderr links), /etc/hostname,
 *   /etc/hosts and /etc/resolv.conf as Docker writes them, the volumes as
 *   bind mounts. The id is 64 hex digits from the kernel's random numbers;
 *   its first 12 (the short id, written to id_out) are the hostname unless
 *   one is given. State "created".
 * ctr_run (1002): start a process in the container as a child of the
 *   caller (which may waitpid it), with stdin, stdout and stderr the
 *   caller's (other fds are not passed on). CTR_RUN_IMAGE: argv are the
 *   arguments after the image name and the command is the image's
 *   Entrypoint + Cmd with entrypoint overriding as docker run's
 *   --entrypoint; without it argv is the command (docker exec). env adds
 *   "K=V" to the image's Env; cwd (0: the image's WorkingDir, else /) is
 *   made if missing; user (0: the image's User) is "name", "uid",
 *   "name:group" or "uid:gid" looked up in the container's /etc/passwd and
 *   /etc/group as Docker does, with the user's supplementary groups from
 *   /etc/group. argv[0] without a "/" is searched in the PATH of the
 *   environment. The first run is the container's init (state "running"),
 *   PID 1 of a new pid namespace, which mounts the container's /proc;
 *   later ones join it while it runs, forked into that pid namespace
 *   (ESRCH once it has exited). Returns the pid (as the caller's pid
 *   namespace numbers it). Errors before the program runs are returned with a message:
 *   ENOENT for no such program or user, EACCES, ENOEXEC...
 * ctr_wait (1003): wait for the init to exit; its wait status (as
 *   waitpid's) in status. Returns the init's pid, or 0 with CTR_WNOHANG
 *   while it has not exited. Any root caller may wait, not only the parent
 *   (which should still waitpid the pid to reap it).
 * ctr_kill (1004): send sig (0: just check) to the init; ESRCH if none runs.
 * ctr_destroy (1005): forget the container; EBUSY while its init runs
 *   unless CTR_FORCE, which SIGKILLs every process in the container and
 *   waits for them. The namespaces go with it, and so do its mounts.
 * ctr_list (1006): the full ids of all containers, each 64 hex digits and
 *   a NUL, oldest first, into buf; len gets the bytes used, count the
 *   number; ENOBUFS (len: the size needed) when buf is too small.
 *
 * Ids: ctr_run, ctr_wait, ctr_kill and ctr_destroy take the full id, the
 * short id or any unique prefix of at least one hex digit (ENOENT: none,
 * EINVAL: not hex or more than one container matches).
 *
 * /proc/containers: a header line, then a line per container, oldest
 * first, columns separated by spaces:
 *     ID           STATE        PID STATUS IMAGE
 *     0123456789ab running       42 -      /images/busybox.tar
 * ID the short id; STATE created, running or exited; PID the init's pid
 * (0 before the first run); STATUS the init's exit status as a shell
 * shows it (128+N for signal N), "-" until it has exited; IMAGE the
 * image's path as given to ctr_create (with spaces as \040).
 */
#ifndef LINUXABI_UAPI_CONTAINER_H
#define LINUXABI_UAPI_CONTAINER_H

#include <stdint.h>

#define LINUX_NR_oci_image_load 1000
#define LINUX_NR_ctr_create 1001
#define LINUX_NR_ctr_run 1002
#define LINUX_NR_ctr_wait 1003
#define LINUX_NR_ctr_kill 1004
#define LINUX_NR_ctr_destroy 1005
#define LINUX_NR_ctr_list 1006

struct oci_load {
	uint64_t image;         /* in: const char *, the archive's path */
	uint64_t cache_dir;     /* in: const char *, or 0: /images/.layers when /images is
				 * writable, else /run/layers */
	int32_t progress_fd;    /* in: -1, or a file to write progress lines to */
	uint32_t flags;         /* in: 0 (others: EINVAL) */
	uint64_t out;           /* in: char *, the description's buffer */
	uint64_t out_len;       /* in: its size; out: the bytes used (ENOBUFS: too small) */
	uint64_t err;           /* in: char *, for a one-line error message (may be 0) */
	uint64_t err_len;       /* in: its size */
};

#define CTR_VERSION 1
#define CTR_ID_LEN 64           /* hex digits of a full id */
#define CTR_SHORT_ID_LEN 12
#define CTR_MAX_VOLUMES 64

struct ctr_volume {
	uint64_t host;          /* const char *: the host path (bind mounted, recursively) */
	uint64_t path;          /* const char *: where, an absolute path in the container */
	uint32_t flags;         /* CTR_VOL_RO */
	uint32_t pad;
};
#define CTR_VOL_RO 1

struct ctr_create {
	uint32_t version;       /* CTR_VERSION */
	uint32_t flags;         /* 0 */
	uint64_t image;         /* const char *: the image archive's path */
	uint64_t hostname;      /* const char *, or 0 / "": the short id */
	uint64_t volumes;       /* const struct ctr_volume *, nr_volumes of them */
	uint32_t nr_volumes;    /* <= CTR_MAX_VOLUMES */
	int32_t progress_fd;    /* -1, or a file for the load's progress lines */
	uint64_t id_out;        /* char[CTR_ID_LEN + 1]: the full id, NUL-terminated */
	uint64_t err;           /* char *: a one-line message on failure (may be 0) */
	uint64_t err_len;
	uint32_t layers;        /* out: the image's layers, */
	uint32_t cached;        /*      those found in the cache, */
	uint32_t unpacked;      /*      those unpacked now */
	uint32_t pad;
};

struct ctr_run {
	uint32_t version;
	uint32_t flags;         /* CTR_RUN_IMAGE, CTR_RUN_ENTRYPOINT */
	uint64_t id;            /* const char * */
	uint64_t argv;          /* const char *const *, NULL-terminated (may be 0 with CTR_RUN_IMAGE) */
	uint64_t env;           /* const char *const *: "K=V" over the image's Env; may be 0 */
	uint64_t cwd;           /* const char *, or 0 */
	uint64_t user;          /* const char *, or 0 */
	uint64_t entrypoint;    /* const char * with CTR_RUN_ENTRYPOINT ("": none) */
	uint64_t err;           /* char *: a one-line message on failure (may be 0) */
	uint64_t err_len;
};
#define CTR_RUN_IMAGE 1         /* docker run: the image's command, argv its arguments */
#define CTR_RUN_ENTRYPOINT 2    /* entrypoint replaces the image's (docker run --entrypoint) */

struct ctr_wait {
	uint32_t version;
	uint32_t flags;         /* CTR_WNOHANG */
	uint64_t id;            /* const char * */
	int32_t status;         /* out: the init's wait status */
	uint32_t pad;
};
#define CTR_WNOHANG 1

struct ctr_kill {
	uint32_t version;
	uint32_t flags;         /* 0 */
	uint64_t id;
	int32_t sig;
	uint32_t pad;
};

struct ctr_destroy {
	uint32_t version;
	uint32_t flags;         /* CTR_FORCE */
	uint64_t id;
};
#define CTR_FORCE 1

struct ctr_list {
	uint32_t version;
	uint32_t flags;         /* 0 */
	uint64_t buf;           /* char * */
	uint64_t len;           /* in: its size; out: bytes used, or needed (ENOBUFS) */
	uint32_t count;         /* out */
	uint32_t pad;
};

#endif
