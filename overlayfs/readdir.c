/*
 * Merged directories: the names of every layer's directory, top first,
 * each once; a whiteout hides its name (and is not listed); "." and ".."
 * come first. The list is made when the directory is opened (and again
 * after a seek to 0), as Linux caches it per open directory, so positions
 * stay stable while a reader goes through it.
 */
#include <linuxabi/uapi/fcntl.h>

#include "internal.h"

struct ovl_dirent {
	u64 ino;
	unsigned dtype;
	bool whiteout;
	u16 len;
	char name[];
};

struct ovl_dirlist {
	int nr, cap;
	struct ovl_dirent **ents;
};

struct ovl_collect {
	struct dir_context ctx;
	struct ovl_dirlist *list;
	const struct path *dir;
	int first_of_layer;            /* entries before it come from layers above */
	int err;
};

static bool ovl_seen(struct ovl_dirlist *l, int upto, const char *name, int len)
{
	for (int i = 0; i < upto; i++)
		if (l->ents[i]->len == len && !memcmp(l->ents[i]->name, name, len))
			return true;
	return false;
}

static bool ovl_collect_actor(struct dir_context *ctx, const char *name, int len, s64 pos, u64 ino,
			      unsigned dtype)
{
	struct ovl_collect *c = container_of(ctx, struct ovl_collect, ctx);
	struct ovl_dirlist *l = c->list;
	struct ovl_dirent *e;

	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (ovl_seen(l, c->first_of_layer, name, len))
		return true;   /* a layer above has it (or whites it out) */
	if (l->nr == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		struct ovl_dirent **n = krealloc(l->ents, cap * sizeof(*n), GFP_KERNEL);

		if (!n) {
			c->err = -ENOMEM;
			return false;
		}
		l->ents = n;
		l->cap = cap;
	}
	e = kmalloc(sizeof(*e) + len + 1, GFP_KERNEL);
	if (!e) {
		c->err = -ENOMEM;
		return false;
	}
	e->ino = ino;
	e->dtype = dtype;
	e->len = len;
	memcpy(e->name, name, len);
	e->name[len] = 0;
	e->whiteout = false;
	if (dtype == DT_CHR || dtype == DT_UNKNOWN) {
		struct path p;

		if (!vfs_path_lookup_at(c->dir, e->name, 0, &p)) {
			e->whiteout = ovl_is_whiteout(p.dentry->d_inode);
			path_put(&p);
		}
	}
	l->ents[l->nr++] = e;
	return true;
}

static void ovl_dirlist_free(struct ovl_dirlist *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->nr; i++)
		kfree(l->ents[i]);
	kfree(l->ents);
	kfree(l);
}

static int ovl_collect_dir(const struct path *dir, struct ovl_dirlist *l)
{
	struct ovl_collect c = { .ctx.actor = ovl_collect_actor, .list = l, .dir = dir,
				 .first_of_layer = l->nr };
	struct file *f = vfs_open_path(dir, LINUX_O_RDONLY | LINUX_O_DIRECTORY);
	int err;

	if (IS_ERR(f))
		return PTR_ERR(f);
	for (;;) {
		s64 before = c.ctx.pos;

		err = vfs_iterate_dir(f, &c.ctx);
		if (err || c.err || c.ctx.pos == before)
			break;
	}
	fput(f);
	return err ? err : c.err;
}

static int ovl_dirlist_build(struct inode *inode, struct ovl_dirlist **out)
{
	struct ovl_inode *oi = OVL_I(inode);
	struct ovl_dirlist *l = kzalloc(sizeof(*l), GFP_KERNEL);
	int err = 0;

	if (!l)
		return -ENOMEM;
	if (ovl_has_upper(inode))
		err = ovl_collect_dir(&oi->upper, l);
	for (int i = 0; i < oi->nr && !err; i++)
		err = ovl_collect_dir(&oi->real[i], l);
	if (err) {
		ovl_dirlist_free(l);
		return err;
	}
	*out = l;
	return 0;
}

int ovl_dir_empty(struct inode *dir)
{
	struct ovl_dirlist *l;
	int err = ovl_dirlist_build(dir, &l);

	if (err)
		return err;
	for (int i = 0; i < l->nr; i++) {
		if (!l->ents[i]->whiteout) {
			err = -ENOTEMPTY;
			break;
		}
	}
	ovl_dirlist_free(l);
	return err;
}

int ovl_clear_dir(const struct path *upper_dir)
{
	struct ovl_dirlist *l = kzalloc(sizeof(*l), GFP_KERNEL);
	int err;

	if (!l)
		return -ENOMEM;
	err = ovl_collect_dir(upper_dir, l);
	for (int i = 0; !err && i < l->nr; i++)
		err = l->ents[i]->whiteout ? vfs_remove_in(upper_dir, l->ents[i]->name) : -ENOTEMPTY;
	ovl_dirlist_free(l);
	return err;
}

static int ovl_dir_open(struct inode *inode, struct file *f)
{
	struct ovl_dirlist *l;
	int err = ovl_dirlist_build(inode, &l);

	if (err)
		return err;
	f->private_data = l;
	return 0;
}

static int ovl_dir_release(struct inode *inode, struct file *f)
{
	ovl_dirlist_free(f->private_data);
	return 0;
}

static int ovl_iterate(struct file *f, struct dir_context *ctx)
{
	struct ovl_dirlist *l = f->private_data;

	if (ctx->pos == 0 && l && f->f_version) {
		/* rewound: read the layers again */
		struct ovl_dirlist *n;
		int err = ovl_dirlist_build(f->f_inode, &n);

		if (err)
			return err;
		ovl_dirlist_free(l);
		f->private_data = l = n;
	}
	f->f_version = 1;
	if (!dir_emit_dots(f, ctx))
		return 0;
	for (s64 i = ctx->pos - 2; i < l->nr; i++) {
		struct ovl_dirent *e = l->ents[i];

		ctx->pos = i + 2;
		if (e->whiteout)
			continue;
		if (!ctx->actor(ctx, e->name, e->len, ctx->pos, e->ino, e->dtype))
			return 0;
	}
	ctx->pos = l->nr + 2;
	return 0;
}

const struct file_operations ovl_dir_fops = {
	.open = ovl_dir_open,
	.release = ovl_dir_release,
	.iterate = ovl_iterate,
	.llseek = dcache_dir_llseek,
};
