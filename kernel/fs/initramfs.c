/*
 * Unpacking cpio "newc" archives (magic 070701, or 070702 with checksums)
 * into the root filesystem at boot, or below any directory (tests).
 *
 * Each entry is a 110-byte ASCII header (13 fields of 8 hex digits), the
 * NUL-terminated name, padding to 4 bytes, the data, padding to 4 bytes;
 * "TRAILER!!!" ends an archive, and several archives may follow one another
 * (with zero padding between), as Linux allows. Entries are created with
 * their exact mode (no umask), uid, gid and mtime; hard links are made
 * for entries that share (inode, device) with an earlier one, as GNU cpio
 * writes them (the data comes with the last link). Directory mtimes are
 * set at the end, after their contents stopped changing them.
 *
 * gzip-compressed archives (and a mix of compressed and plain ones, one
 * after another, as Linux accepts) go through gunzip (kernel/lib/zlib).
 *
 * The archive is untrusted input: every length is checked against the
 * buffer, names are bounded and may not contain "..", and all paths are
 * resolved as if the target directory were the root (LOOKUP_IN_ROOT), so
 * neither names nor symlinks in the archive reach outside it. A bad archive
 * ends with a message and an error, never a crash.
 */
#include <kernel/gunzip.h>

#include "internal.h"

#define CPIO_HDR_LEN 110

struct cpio_hdr {
	u64 ino, mode, uid, gid, nlink, mtime, filesize;
	u64 devmajor, devminor, rdevmajor, rdevminor, namesize, check;
};

struct hardlink {
	struct hardlink *next;
	u64 ino, devmajor, devminor, mode;
	char *name;
};

struct dir_mtime {
	struct dir_mtime *next;
	char *name;
	s64 mtime;
};

struct unpack {
	struct path base;
	struct hardlink *links;
	struct dir_mtime *dirs;
	unsigned entries;
	int errors;
};

static int parse_hex8(const char *p, u64 *out)
{
	u64 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = p[i];
		int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v * 16 + d;
	}
	*out = v;
	return 0;
}

static int parse_header(const char *p, struct cpio_hdr *h)
{
	u64 *fields = &h->ino;

	if (memcmp(p, "07070", 5) || (p[5] != '1' && p[5] != '2'))
		return -EINVAL;
	for (int i = 0; i < 13; i++)
		if (parse_hex8(p + 6 + i * 8, &fields[i]))
			return -EINVAL;
	return 0;
}

/* Strip "./" and leading slashes; reject ".." components. NULL: skip it. */
static const char *clean_name(const char *name, int *err)
{
	const char *p;

	*err = 0;
	while (*name == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '/' ? 1 : 2;
	if (!*name || !strcmp(name, "."))
		return NULL;   /* the target directory itself */
	for (p = name; *p;) {
		const char *e = strchrnul(p, '/');

		if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			*err = -EINVAL;
			return NULL;
		}
		if (e - p > NAME_MAX) {
			*err = -ENAMETOOLONG;
			return NULL;
		}
		p = *e ? e + 1 : e;
	}
	return name;
}

#define IN_ROOT (LOOKUP_IN_ROOT)

/* Set the exact attributes (no permission checks: the kernel unpacks). */
static int set_attrs(struct unpack *u, const char *name, umode_t mode, uid_t uid, gid_t gid,
		     s64 mtime, bool follow)
{
	struct iattr a = { 0 };
	struct path p;
	int err = vfs_path_lookup_at(&u->base, name, IN_ROOT | (follow ? LOOKUP_FOLLOW : 0), &p);

	if (err)
		return err;
	a.ia_valid = ATTR_UID | ATTR_GID | ATTR_FORCE | ATTR_MTIME | ATTR_ATIME | ATTR_MTIME_SET |
		     ATTR_ATIME_SET;
	if (!S_ISLNK(p.dentry->d_inode->i_mode)) {
		a.ia_valid |= ATTR_MODE;
		a.ia_mode = mode & S_IALLUGO;
	}
	a.ia_uid = uid;
	a.ia_gid = gid;
	a.ia_mtime.tv_sec = mtime;
	a.ia_atime.tv_sec = mtime;
	err = vfs_setattr(&p, &a);
	path_put(&p);
	return err;
}

/* Remove an existing entry whose type differs from mode (Linux's clean_path). */
static void clean_path(struct unpack *u, const char *name, umode_t mode)
{
	struct lookup_result r;
	struct inode *dir, *inode;

	if (lookup_for_delete(&u->base, LINUX_AT_FDCWD, name, IN_ROOT, &r))
		return;
	dir = r.parent.dentry->d_inode;
	inode = r.d->d_inode;
	if (((inode->i_mode ^ mode) & S_IFMT) && !d_mountpoint(r.d))
		vfs_remove_locked(dir, r.d);
	lookup_done(&r);
}

static int make_node(struct unpack *u, const char *name, umode_t mode, dev_t dev,
		     const char *target)
{
	struct lookup_result r;
	struct inode *dir;
	int err;

	err = lookup_create(&u->base, LINUX_AT_FDCWD, name, IN_ROOT, S_ISDIR(mode), &r);
	if (err == -EEXIST && S_ISDIR(mode))
		return 0;   /* an existing directory is fine: attributes follow */
	if (err)
		return err;
	dir = r.parent.dentry->d_inode;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		err = dir->i_op->mkdir ? dir->i_op->mkdir(dir, r.d, mode) : -EPERM;
		break;
	case S_IFLNK:
		err = dir->i_op->symlink ? dir->i_op->symlink(dir, r.d, target) : -EPERM;
		break;
	default:
		err = dir->i_op->mknod ? dir->i_op->mknod(dir, r.d, mode, dev) : -EPERM;
		break;
	}
	lookup_done(&r);
	return err;
}

static int make_link(struct unpack *u, const char *old, const char *name)
{
	struct lookup_result r;
	struct path op;
	int err = vfs_path_lookup_at(&u->base, old, IN_ROOT, &op);

	if (err)
		return err;
	err = lookup_create(&u->base, LINUX_AT_FDCWD, name, IN_ROOT, false, &r);
	if (!err) {
		err = vfs_link_locked(op.dentry, r.parent.dentry->d_inode, r.d);
		lookup_done(&r);
	}
	path_put(&op);
	return err;
}

static const char *find_link(struct unpack *u, const struct cpio_hdr *h, const char *name)
{
	struct hardlink *l;

	for (l = u->links; l; l = l->next)
		if (l->ino == h->ino && l->devmajor == h->devmajor && l->devminor == h->devminor &&
		    l->mode == h->mode)
			return l->name;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return NULL;
	l->name = kstrdup(name, GFP_KERNEL);
	if (!l->name) {
		kfree(l);
		return NULL;
	}
	l->ino = h->ino;
	l->devmajor = h->devmajor;
	l->devminor = h->devminor;
	l->mode = h->mode;
	l->next = u->links;
	u->links = l;
	return NULL;
}

static int write_file(struct unpack *u, const char *name, umode_t mode, const char *data,
		      size_t len, bool linked)
{
	int flags = LINUX_O_WRONLY | LINUX_O_CREAT | (linked ? 0 : LINUX_O_TRUNC);
	struct file *f = do_vfs_open(&u->base, LINUX_AT_FDCWD, name, flags, mode & S_IALLUGO, IN_ROOT);
	u64 pos = 0;
	int err = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while (pos < len) {
		ssize_t n = kernel_write(f, data + pos, len - pos, &pos);

		if (n <= 0) {
			err = n ? (int)n : -EIO;
			break;
		}
	}
	fput(f);
	return err;
}

static int unpack_entry(struct unpack *u, const struct cpio_hdr *h, const char *rawname,
			const char *data)
{
	umode_t mode = h->mode;
	const char *name;
	int err;

	name = clean_name(rawname, &err);
	if (!name) {
		if (err)
			printk(KERN_WARNING "initramfs: skipping unsafe name '%s'\n", rawname);
		return 0;
	}
	switch (mode & S_IFMT) {
	case S_IFDIR:
		err = make_node(u, name, mode, 0, NULL);
		if (!err) {
			struct dir_mtime *d = kzalloc(sizeof(*d), GFP_KERNEL);

			if (d) {
				d->name = kstrdup(name, GFP_KERNEL);
				d->mtime = h->mtime;
				d->next = u->dirs;
				u->dirs = d;
				if (!d->name) {
					u->dirs = d->next;
					kfree(d);
				}
			}
			err = set_attrs(u, name, mode, h->uid, h->gid, h->mtime, false);
		}
		break;
	case S_IFREG: {
		const char *old = NULL;
		bool linked = false;

		clean_path(u, name, mode);
		if (h->nlink >= 2)
			old = find_link(u, h, name);
		if (old) {
			/* Replace whatever is there by a link to the first name. */
			struct lookup_result r;

			if (!lookup_for_delete(&u->base, LINUX_AT_FDCWD, name, IN_ROOT, &r)) {
				struct inode *dir = r.parent.dentry->d_inode, *in = r.d->d_inode;

				if (!S_ISDIR(in->i_mode))
					vfs_remove_locked(dir, r.d);
				lookup_done(&r);
			}
			err = make_link(u, old, name);
			if (err)
				break;
			linked = true;
		}
		err = write_file(u, name, mode, data, h->filesize, linked);
		if (!err)
			err = set_attrs(u, name, mode, h->uid, h->gid, h->mtime, false);
		break;
	}
	case S_IFLNK: {
		char *target;

		if (h->filesize == 0 || h->filesize >= PATH_MAX) {
			err = -EINVAL;
			break;
		}
		target = kmalloc(h->filesize + 1, GFP_KERNEL);
		if (!target) {
			err = -ENOMEM;
			break;
		}
		memcpy(target, data, h->filesize);
		target[h->filesize] = 0;
		if (strlen(target) != h->filesize) {
			kfree(target);
			err = -EINVAL;   /* a NUL inside the target */
			break;
		}
		clean_path(u, name, mode);
		err = make_node(u, name, mode, 0, target);
		kfree(target);
		if (!err)
			err = set_attrs(u, name, mode, h->uid, h->gid, h->mtime, false);
		break;
	}
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		clean_path(u, name, mode);
		err = make_node(u, name, mode,
				MKDEV((unsigned)h->rdevmajor & 0xfff, (unsigned)h->rdevminor & 0xfffff),
				NULL);
		if (!err)
			err = set_attrs(u, name, mode, h->uid, h->gid, h->mtime, false);
		break;
	default:
		printk(KERN_WARNING "initramfs: '%s' has an unknown type (mode %llo)\n", name,
		       (unsigned long long)mode);
		return 0;
	}
	if (err) {
		printk(KERN_WARNING "initramfs: cannot create '%s': error %d\n", name, err);
		u->errors++;
	}
	u->entries++;
	return 0;
}

static void free_state(struct unpack *u)
{
	while (u->links) {
		struct hardlink *l = u->links;

		u->links = l->next;
		kfree(l->name);
		kfree(l);
	}
	while (u->dirs) {
		struct dir_mtime *d = u->dirs;

		u->dirs = d->next;
		kfree(d->name);
		kfree(d);
	}
}

static void apply_dir_mtimes(struct unpack *u)
{
	for (struct dir_mtime *d = u->dirs; d; d = d->next) {
		struct path p;

		if (vfs_path_lookup_at(&u->base, d->name, IN_ROOT, &p))
			continue;
		spin_lock(&p.dentry->d_inode->i_lock);
		p.dentry->d_inode->i_mtime.tv_sec = d->mtime;
		p.dentry->d_inode->i_mtime.tv_nsec = 0;
		spin_unlock(&p.dentry->d_inode->i_lock);
		path_put(&p);
	}
}

/* The archive(s) in buf; gzip members are unpacked in place (not nested). */
static int unpack_buffer(struct unpack *u, const char *buf, size_t len, bool nested)
{
	size_t off = 0;
	bool in_archive = false;
	int err = 0;

	while (off < len) {
		struct cpio_hdr h;
		size_t name_off, data_off, next;
		const char *name;

		/* Zero padding between concatenated archives. */
		if (!in_archive && buf[off] == 0) {
			off++;
			continue;
		}
		if (!in_archive && gunzip_is_gzip(buf + off, len - off)) {
			size_t used = 0, outlen = 0;
			void *out = NULL;

			if (nested) {
				printk(KERN_ERR "initramfs: gzip inside gzip at offset %zu\n", off);
				return -EINVAL;
			}
			/* At most half of the free memory for the unpacked archive. */
			err = gunzip_partial(buf + off, len - off, &used, &out, &outlen,
					     pmm_free_pages() * PAGE_SIZE / 2);
			if (err == -ENOSYS) {
				printk(KERN_ERR "initramfs: gzip initramfs needs zlib; use an uncompressed cpio\n");
				return -EINVAL;
			}
			if (err) {
				printk(KERN_ERR "initramfs: bad gzip data at offset %zu (%d)\n", off, err);
				return err;
			}
			err = unpack_buffer(u, out, outlen, true);
			vfree(out);
			if (err)
				return err;
			off += used;
			continue;
		}
		if (len - off < CPIO_HDR_LEN) {
			printk(KERN_ERR "initramfs: truncated header at offset %zu\n", off);
			return -EINVAL;
		}
		if (parse_header(buf + off, &h)) {
			printk(KERN_ERR "initramfs: bad header (not cpio newc) at offset %zu\n", off);
			return -EINVAL;
		}
		in_archive = true;
		if (h.namesize == 0 || h.namesize > PATH_MAX) {
			printk(KERN_ERR "initramfs: bad name size %llu at offset %zu\n",
			       (unsigned long long)h.namesize, off);
			return -EINVAL;
		}
		name_off = off + CPIO_HDR_LEN;
		data_off = ALIGN_UP(name_off + h.namesize, 4);
		if (data_off > len || h.filesize > len - data_off) {
			printk(KERN_ERR "initramfs: entry at offset %zu runs past the end\n", off);
			return -EINVAL;
		}
		name = buf + name_off;
		if (name[h.namesize - 1] != 0 || strlen(name) != h.namesize - 1) {
			printk(KERN_ERR "initramfs: bad name at offset %zu\n", off);
			return -EINVAL;
		}
		next = ALIGN_UP(data_off + h.filesize, 4);
		if (next > len)
			next = len;
		if (!strcmp(name, "TRAILER!!!")) {
			in_archive = false;
			off = next;
			continue;
		}
		err = unpack_entry(u, &h, name, buf + data_off);
		if (err)
			return err;
		off = next;
	}
	if (in_archive)
		printk(KERN_WARNING "initramfs: archive has no TRAILER!!! (truncated?)\n");
	return 0;
}

int cpio_unpack_at(const char *dir, const void *data, size_t len)
{
	struct unpack u = { 0 };
	int err;

	err = kern_path(dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &u.base);
	if (err)
		return err;
	err = unpack_buffer(&u, data, len, false);
	apply_dir_mtimes(&u);
	free_state(&u);
	path_put(&u.base);
	if (!err && u.errors)
		err = -EIO;
	return err;
}

int initramfs_unpack(const void *data, size_t len)
{
	int err;

	if (!data || !len)
		return -EINVAL;
	err = cpio_unpack_at("/", data, len);
	if (err && err != -EIO)
		printk(KERN_ERR "initramfs: unpacking failed (%d)\n", err);
	else if (err == -EIO)
		printk(KERN_WARNING "initramfs: some entries could not be created\n");
	return err;
}
