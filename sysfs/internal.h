/*
 * sysfs internals: the node description the tree is made of (sysfs/tree.c)
 * and the file system that shows it (sysfs/mount.c).
 *
 * A node is a directory (static children and/or a generator for dynamic
 * ones), a read-only attribute file (show), or a symlink (target). Nodes
 * of one device share a string argument (the device's name), passed down
 * from the directory that emitted them.
 */
#ifndef SYSFS_INTERNAL_H
#define SYSFS_INTERNAL_H

#include <kernel/fs.h>
#include <kernel/seq_file.h>
#include <kernel/types.h>

#define SYSFS_ARG_MAX 32

struct sysfs_node;

/* A generator calls emit for each dynamic child; emit returns false to stop. */
typedef bool (*sysfs_emit_t)(void *ctx, const char *name, const struct sysfs_node *node,
			     const char *arg);

struct sysfs_node {
	const char *name;                       /* NULL ends a children array */
	umode_t mode;                           /* S_IFDIR/S_IFREG/S_IFLNK and permissions */
	const struct sysfs_node *children;      /* dirs: static children */
	/* dirs: dynamic children after the static ones */
	void (*list)(const char *arg, sysfs_emit_t emit, void *ctx);
	/* files: the contents; arg is the owning device's name ("" if none) */
	int (*show)(struct seq_file *m, const char *arg);
	/* links: the target, relative, into buf */
	void (*link)(const char *arg, char *buf, size_t n);
};

extern const struct sysfs_node sysfs_root_node;

#endif
