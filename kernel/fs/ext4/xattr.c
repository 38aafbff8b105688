/*
 * ext4 extended attributes: the in-inode area after i_extra_isize and one
 * external block (i_file_acl, possibly shared between inodes through its
 * refcount). Reading checks every entry against its region. Changes are
 * made by collecting all attributes, editing the list and writing it out
 * again: in-inode first, the rest into a block of this inode's own
 * (a shared block is copied, never changed in place).
 * XXX: POSIX ACLs (system.posix_acl_*) are stored by Linux in an ext4
 * format of their own; we do not translate them and answer EOPNOTSUPP.
 */
#include "ext4.h"

struct xattr {
	u8 index;
	u8 name_len;
	char name[EXT4_NAME_LEN + 1];
	u32 size;
	void *value;          /* kmalloc'd */
};

struct xattr_list {
	struct xattr *v;
	int n, cap;
};

static void xl_free(struct xattr_list *l)
{
	for (int i = 0; i < l->n; i++)
		kfree(l->v[i].value);
	kfree(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int xl_add(struct xattr_list *l, int index, const char *name, u32 nlen, const void *val,
		  u32 size)
{
	struct xattr *x;

	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 8;
		struct xattr *nv = kzalloc(sizeof(*nv) * cap, GFP_KERNEL);

		if (!nv)
			return -ENOMEM;
		if (l->v)
			memcpy(nv, l->v, sizeof(*nv) * l->n);
		kfree(l->v);
		l->v = nv;
		l->cap = cap;
	}
	x = &l->v[l->n];
	x->index = (u8)index;
	x->name_len = (u8)nlen;
	memcpy(x->name, name, nlen);
	x->name[nlen] = 0;
	x->size = size;
	x->value = kmalloc(size ? size : 1, GFP_KERNEL);
	if (!x->value)
		return -ENOMEM;
	memcpy(x->value, val, size);
	l->n++;
	return 0;
}

static int collect(struct xattr_list *l, const u8 *start, const u8 *end, const u8 *vbase)
{
	for (const u8 *p = start; p + 4 <= end && *(const u32 *)p;) {
		const struct ext4_xattr_entry *e = (const void *)p;
		int err = xl_add(l, e->e_name_index, e->e_name, e->e_name_len, vbase + e->e_value_offs,
				 e->e_value_size);

		if (err)
			return err;
		p += EXT4_XATTR_ENTRY_LEN(e->e_name_len);
	}
	return 0;
}

static bool in_inode_room(struct inode *inode, u32 *off, u32 *len)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 o = EXT4_GOOD_OLD_INODE_SIZE + ei->i_extra_isize;

	if (sbi->g.inode_size <= EXT4_GOOD_OLD_INODE_SIZE || o + 8 > sbi->g.inode_size)
		return false;
	*off = o;
	*len = sbi->g.inode_size - o;
	return true;
}

static struct buffer_head *inode_bh(struct inode *inode, u32 *off)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	u32 ino = (u32)inode->i_ino, g = (ino - 1) / sbi->g.inodes_per_group;
	u64 byte = (u64)((ino - 1) % sbi->g.inodes_per_group) * sbi->g.inode_size;
	struct ext4_group_desc *gd = ext4_get_group_desc(inode->i_sb, g, NULL);

	if (!gd)
		return ERR_PTR(-EFSCORRUPTED);
	*off = byte % sbi->g.block_size;
	return ext4_bread(inode->i_sb, ext4_inode_table(sbi, gd) + byte / sbi->g.block_size);
}

static struct buffer_head *xblock_read(struct inode *inode)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	u64 blk = EXT4_I(inode)->i_file_acl;
	struct buffer_head *bh = ext4_bread(inode->i_sb, blk);
	struct ext4_xattr_header *hd;
	u32 bs = sbi->g.block_size;

	if (IS_ERR(bh))
		return bh;
	hd = (void *)bh->b_data;
	if (hd->h_magic != EXT4_XATTR_MAGIC || hd->h_blocks != 1 ||
	    (sbi->g.csum && hd->h_checksum != ext4_xattr_block_csum(bh->b_data, bs, blk, sbi->g.csum_seed)) ||
	    ext4_xattr_check_entries(bh->b_data + sizeof(*hd), bh->b_data + bs, bh->b_data)) {
		ext4_error(inode->i_sb, "inode %llu: bad xattr block %llu",
			   (unsigned long long)inode->i_ino, (unsigned long long)blk);
		brelse(bh);
		return ERR_PTR(-EFSCORRUPTED);
	}
	return bh;
}

/* Every attribute of the inode. */
static int read_all(struct inode *inode, struct xattr_list *l)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct buffer_head *bh;
	u32 off, ioff, ilen;
	int err = 0;

	memset(l, 0, sizeof(*l));
	if (in_inode_room(inode, &ioff, &ilen)) {
		bh = inode_bh(inode, &off);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		{
			const u8 *r = (const u8 *)bh->b_data + off + ioff;

			if (*(const u32 *)r == EXT4_XATTR_MAGIC) {
				if (ext4_xattr_check_entries(r + 4, r + ilen, r + 4)) {
					ext4_error(inode->i_sb, "inode %llu: bad in-inode xattrs",
						   (unsigned long long)inode->i_ino);
					err = -EFSCORRUPTED;
				} else {
					err = collect(l, r + 4, r + ilen, r + 4);
				}
			}
		}
		brelse(bh);
		if (err)
			goto fail;
	}
	if (ei->i_file_acl) {
		bh = xblock_read(inode);
		if (IS_ERR(bh)) {
			err = PTR_ERR(bh);
			goto fail;
		}
		err = collect(l, (u8 *)bh->b_data + sizeof(struct ext4_xattr_header),
			      (u8 *)bh->b_data + bh->b_size, (u8 *)bh->b_data);
		brelse(bh);
		if (err)
			goto fail;
	}
	return 0;
fail:
	xl_free(l);
	return err;
}

static bool acl_index(int index)
{
	return index == EXT4_XATTR_INDEX_POSIX_ACL_ACCESS || index == EXT4_XATTR_INDEX_POSIX_ACL_DEFAULT;
}

ssize_t ext4_getxattr(struct dentry *d, const char *name, void *buf, size_t size)
{
	struct xattr_list l;
	const char *suffix;
	int index, err;
	ssize_t ret = -ENODATA;

	err = ext4_xattr_split(name, &index, &suffix);
	if (err || acl_index(index))
		return -EOPNOTSUPP;
	err = read_all(d->d_inode, &l);
	if (err)
		return err;
	for (int i = 0; i < l.n; i++) {
		if (l.v[i].index != index || strlen(suffix) != l.v[i].name_len ||
		    memcmp(l.v[i].name, suffix, l.v[i].name_len))
			continue;
		ret = l.v[i].size;
		if (size) {
			if (l.v[i].size > size)
				ret = -ERANGE;
			else
				memcpy(buf, l.v[i].value, l.v[i].size);
		}
		break;
	}
	xl_free(&l);
	return ret;
}

ssize_t ext4_listxattr(struct dentry *d, char *buf, size_t size)
{
	struct xattr_list l;
	size_t total = 0;
	int err = read_all(d->d_inode, &l);

	if (err)
		return err;
	for (int i = 0; i < l.n; i++) {
		const char *p = ext4_xattr_prefix(l.v[i].index);
		size_t pl, n;

		if (!p || acl_index(l.v[i].index))
			continue;
		pl = strlen(p);
		n = pl + l.v[i].name_len + 1;
		if (size) {
			if (total + n > size) {
				xl_free(&l);
				return -ERANGE;
			}
			memcpy(buf + total, p, pl);
			memcpy(buf + total + pl, l.v[i].name, l.v[i].name_len);
			buf[total + n - 1] = 0;
		}
		total += n;
	}
	xl_free(&l);
	return (ssize_t)total;
}

/* Lay out entries [from, to) of l in a region: entries from `entries`
 * up, values from `end` down, value offsets relative to vbase. Returns
 * false if they do not fit. */
static bool layout(struct xattr_list *l, int from, int to, u8 *entries, u8 *end, u8 *vbase, bool write)
{
	u8 *p = entries, *v = end;

	for (int i = from; i < to; i++) {
		struct xattr *x = &l->v[i];
		u32 el = EXT4_XATTR_ENTRY_LEN(x->name_len), vl = EXT4_XATTR_PAD(x->size);

		if (p + el + 4 > v - vl)
			return false;
		v -= vl;
		if (write) {
			struct ext4_xattr_entry *e = (void *)p;

			memset(e, 0, el);
			e->e_name_len = x->name_len;
			e->e_name_index = x->index;
			e->e_value_size = x->size;
			e->e_value_offs = x->size ? (u16)(v - vbase) : 0;
			memcpy(e->e_name, x->name, x->name_len);
			memset(v, 0, vl);
			memcpy(v, x->value, x->size);
			e->e_hash = ext4_xattr_entry_hash(e, v);
		}
		p += el;
	}
	if (write)
		memset(p, 0, v - p);
	return true;
}

static int write_all(handle_t *h, struct inode *inode, struct xattr_list *l)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 bs = sbi->g.block_size, off, ioff = 0, ilen = 0;
	struct buffer_head *bh = NULL;
	bool room = in_inode_room(inode, &ioff, &ilen);
	int split = 0, err;

	/* How many fit in the inode. */
	if (room) {
		u8 *tmp = kmalloc(ilen, GFP_KERNEL);

		if (!tmp)
			return -ENOMEM;
		for (split = l->n; split > 0; split--)
			if (layout(l, 0, split, tmp + 4, tmp + ilen, tmp + 4, false))
				break;
		kfree(tmp);
	}
	if (split < l->n) {
		u8 *tmp = kmalloc(bs, GFP_KERNEL);
		bool ok;

		if (!tmp)
			return -ENOMEM;
		ok = layout(l, split, l->n, tmp + sizeof(struct ext4_xattr_header), tmp + bs, tmp, false);
		kfree(tmp);
		if (!ok)
			return -ENOSPC;
	}
	if (room) {
		bh = inode_bh(inode, &off);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		err = ext4_get_write_access(h, bh);
		if (!err) {
			u8 *r = (u8 *)bh->b_data + off + ioff;

			lock_buffer(bh);
			if (split) {
				*(u32 *)r = EXT4_XATTR_MAGIC;
				layout(l, 0, split, r + 4, r + ilen, r + 4, true);
			} else {
				memset(r, 0, ilen);
			}
			unlock_buffer(bh);
			err = ext4_dirty_metadata(h, bh);
		}
		brelse(bh);
		bh = NULL;   /* the block section below must not put it again */
		if (err)
			return err;
	}
	/* The block. */
	{
		u64 old = ei->i_file_acl, blk = 0;
		bool shared = false;

		if (old) {
			bh = xblock_read(inode);
			if (IS_ERR(bh))
				return PTR_ERR(bh);
			shared = ((struct ext4_xattr_header *)bh->b_data)->h_refcount > 1;
			if (shared || split == l->n) {
				/* Let go of the old block: one reference less. */
				struct ext4_xattr_header *hd = (void *)bh->b_data;

				err = ext4_get_write_access(h, bh);
				if (!err && hd->h_refcount > 1) {
					lock_buffer(bh);
					hd->h_refcount--;
					if (sbi->g.csum)
						hd->h_checksum = ext4_xattr_block_csum(bh->b_data, bs, old, sbi->g.csum_seed);
					unlock_buffer(bh);
					err = ext4_dirty_metadata(h, bh);
					brelse(bh);
				} else if (!err) {
					ext4_forget(h, old, bh);
					bh = NULL;
					ext4_free_blocks(h, inode, old, 1);
				} else {
					brelse(bh);
				}
				if (err)
					return err;
				inode->i_blocks -= MIN(inode->i_blocks, (u64)(bs / 512));
				ei->i_file_acl = 0;
				old = 0;
				bh = NULL;
			}
		}
		if (split < l->n) {
			struct ext4_xattr_header *hd;
			u32 hash = 0;

			if (old) {
				blk = old;
				err = ext4_get_write_access(h, bh);
			} else {
				err = ext4_new_block(h, inode, 0, &blk);
				if (err)
					return err;
				bh = getblk(sbi->bdev, blk);
				if (IS_ERR(bh)) {
					ext4_free_blocks(h, inode, blk, 1);
					return PTR_ERR(bh);
				}
				err = ext4_get_create_access(h, bh);
				inode->i_blocks += bs / 512;
			}
			if (err) {
				brelse(bh);
				return err;
			}
			lock_buffer(bh);
			memset(bh->b_data, 0, bs);
			hd = (void *)bh->b_data;
			hd->h_magic = EXT4_XATTR_MAGIC;
			hd->h_refcount = 1;
			hd->h_blocks = 1;
			layout(l, split, l->n, (u8 *)bh->b_data + sizeof(*hd), (u8 *)bh->b_data + bs,
			       (u8 *)bh->b_data, true);
			for (u8 *p = (u8 *)bh->b_data + sizeof(*hd); *(u32 *)p;) {
				struct ext4_xattr_entry *e = (void *)p;

				hash = (hash << 16) ^ (hash >> 16) ^ e->e_hash;
				p += EXT4_XATTR_ENTRY_LEN(e->e_name_len);
			}
			hd->h_hash = hash;
			if (sbi->g.csum)
				hd->h_checksum = ext4_xattr_block_csum(bh->b_data, bs, blk, sbi->g.csum_seed);
			set_buffer_uptodate(bh);
			unlock_buffer(bh);
			err = ext4_dirty_metadata(h, bh);
			brelse(bh);
			if (err)
				return err;
			ei->i_file_acl = blk;
		} else if (bh) {
			brelse(bh);
		}
	}
	inode_set_ctime_now(inode);
	return ext4_write_inode(h, inode);
}

static int change(struct dentry *d, const char *name, const void *value, size_t size, int flags,
		  bool remove)
{
	struct inode *inode = d->d_inode;
	struct xattr_list l;
	const char *suffix;
	int index, err, found = -1;
	handle_t *h;

	err = ext4_xattr_split(name, &index, &suffix);
	if (err || acl_index(index) || index == EXT4_XATTR_INDEX_SYSTEM)
		return -EOPNOTSUPP;
	if (!*suffix || strlen(suffix) > EXT4_NAME_LEN)
		return -ERANGE;
	if (EXT4_SB(inode->i_sb)->ro)
		return -EROFS;
	h = ext4_journal_start(inode->i_sb, 16);
	if (IS_ERR(h))
		return PTR_ERR(h);
	err = read_all(inode, &l);
	if (err)
		goto out;
	for (int i = 0; i < l.n; i++)
		if (l.v[i].index == index && l.v[i].name_len == strlen(suffix) &&
		    !memcmp(l.v[i].name, suffix, l.v[i].name_len))
			found = i;
	if (remove || (flags & XATTR_REPLACE)) {
		if (found < 0) {
			err = -ENODATA;
			goto out_free;
		}
	} else if ((flags & XATTR_CREATE) && found >= 0) {
		err = -EEXIST;
		goto out_free;
	}
	if (found >= 0) {
		kfree(l.v[found].value);
		memmove(&l.v[found], &l.v[found + 1], sizeof(l.v[0]) * (l.n - found - 1));
		l.n--;
	}
	if (!remove) {
		err = xl_add(&l, index, suffix, strlen(suffix), value, size);
		if (err)
			goto out_free;
	}
	err = write_all(h, inode, &l);
out_free:
	xl_free(&l);
out:
	ext4_journal_stop(h);
	return err;
}

int ext4_setxattr(struct dentry *d, const char *name, const void *value, size_t size, int flags)
{
	return change(d, name, value, size, flags, false);
}

int ext4_removexattr(struct dentry *d, const char *name)
{
	return change(d, name, NULL, 0, 0, true);
}

/* The inode is being freed: drop its reference on the xattr block. */
int ext4_xattr_delete_inode(handle_t *h, struct inode *inode)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct xattr_list l = { 0 };

	if (!ei->i_file_acl)
		return 0;
	/* Writing an empty list releases the block (or our reference on it). */
	return write_all(h, inode, &l);
}
