/*
 * fileops: the file system calls busybox and every program lean on, in a
 * fresh directory under /tmp: create, write, read, lseek (with holes),
 * pread/pwrite, O_APPEND, ftruncate, rename, link, symlink, readlink,
 * unlink, mkdir, rmdir, getdents64 (listing sorted by name, so directory
 * order does not matter), dup/fcntl, chdir/getcwd, chmod, utimensat, and
 * the stat fields that do not depend on the file system's kind (mode,
 * nlink, size, uid, gid, times set explicitly). Error cases check the
 * errno Linux gives.
 */
#include "progs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static void show_stat(const char *name, int follow)
{
	struct stat st;
	int r = follow ? stat(name, &st) : lstat(name, &st);

	if (r < 0) {
		say("%sstat %s: %s", follow ? "" : "l", name, errname(errno));
		return;
	}
	const char *type = S_ISREG(st.st_mode) ? "reg" : S_ISDIR(st.st_mode) ? "dir" :
			   S_ISLNK(st.st_mode) ? "lnk" : S_ISFIFO(st.st_mode) ? "fifo" : "other";
	/* A directory's size depends on the file system: not printed. */
	if (S_ISDIR(st.st_mode))
		say("%sstat %s: %s mode %04o nlink %lu uid %u gid %u", follow ? "" : "l", name, type,
		    (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink,
		    (unsigned)st.st_uid, (unsigned)st.st_gid);
	else
		say("%sstat %s: %s mode %04o nlink %lu uid %u gid %u size %lld", follow ? "" : "l",
		    name, type, (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink,
		    (unsigned)st.st_uid, (unsigned)st.st_gid, (long long)st.st_size);
}

struct ent { char name[64]; unsigned char type; };

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name);
}

/* List "." with raw getdents64 in small buffers (several calls), sorted. */
static void list_dir(const char *what)
{
	struct ent ents[64];
	int n = 0, calls = 0;
	char buf[160];
	int fd = open(".", O_RDONLY | O_DIRECTORY);

	if (fd < 0) {
		say("%s: open .: %s", what, errname(errno));
		return;
	}
	for (;;) {
		long r = syscall(SYS_getdents64, fd, buf, sizeof(buf));
		if (r < 0) {
			say("%s: getdents64: %s", what, errname(errno));
			break;
		}
		if (r == 0)
			break;
		calls++;
		for (long off = 0; off < r;) {
			struct {
				unsigned long long ino;
				long long off;
				unsigned short reclen;
				unsigned char type;
				char name[];
			} *d = (void *)(buf + off);
			if (n < 64) {
				snprintf(ents[n].name, sizeof(ents[n].name), "%s", d->name);
				ents[n].type = d->type;
				n++;
			}
			if (d->reclen == 0 || d->reclen % 8)
				say("%s: bad d_reclen %u", what, d->reclen);
			off += d->reclen ? d->reclen : r;
		}
	}
	close(fd);
	qsort(ents, n, sizeof(ents[0]), by_name);
	char line[4096] = "";
	for (int i = 0; i < n; i++) {
		const char *t = ents[i].type == DT_DIR ? "/" : ents[i].type == DT_LNK ? "@" :
				ents[i].type == DT_REG ? "" : "?";
		size_t l = strlen(line);
		snprintf(line + l, sizeof(line) - l, "%s%s%s", i ? " " : "", ents[i].name, t);
	}
	say("%s: %d entries: %s (%s)", what, n, line, calls > 1 ? "several calls" : "one call");
}

int main(void)
{
	char dir[] = "/tmp/progs-fileops.XXXXXX";
	char buf[256];
	int fd, fd2;
	struct stat st;

	umask(022);
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	CHECK(chdir(dir) == 0, "chdir into it");
	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, dir) == 0, "getcwd is the directory");
	list_dir("empty directory");

	/* Create, write, read, seek. */
	fd = open("a", O_RDWR | O_CREAT | O_EXCL, 0666);
	CHECK(fd >= 0, "create a (O_EXCL)");
	CHECK(write(fd, "hello world\n", 12) == 12, "write 12 bytes");
	CHECK(lseek(fd, 0, SEEK_CUR) == 12, "offset is 12");
	CHECK(lseek(fd, 6, SEEK_SET) == 6, "lseek SEEK_SET 6");
	memset(buf, 0, sizeof(buf));
	CHECK(read(fd, buf, 5) == 5 && strcmp(buf, "world") == 0, "read 'world'");
	CHECK(lseek(fd, -1, SEEK_END) == 11, "lseek SEEK_END -1");
	CHECK(read(fd, buf, 10) == 1 && buf[0] == '\n', "short read at the end");
	CHECK(read(fd, buf, 10) == 0, "read at EOF returns 0");
	errno = 0;
	CHECK(lseek(fd, -100, SEEK_SET) == -1 && errno == EINVAL, "lseek before 0: EINVAL");
	CHECK(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "X", 1) == 1, "write at 100 (a hole)");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 101, "size 101");
	memset(buf, 1, sizeof(buf));
	CHECK(pread(fd, buf, 200, 0) == 101, "pread the whole file");
	int hole_zero = 1;
	for (int i = 12; i < 100; i++)
		hole_zero &= buf[i] == 0;
	CHECK(hole_zero && buf[100] == 'X', "the hole reads as zeros");
	CHECK(pwrite(fd, "HELLO", 5, 0) == 5 && lseek(fd, 0, SEEK_CUR) == 101, "pwrite leaves the offset");
	CHECK(ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5, "ftruncate to 5");
	CHECK(ftruncate(fd, 8192) == 0 && pread(fd, buf, 10, 5) == 10 && buf[0] == 0, "ftruncate up reads zeros");
	CHECK(ftruncate(fd, 5) == 0, "ftruncate back to 5");
	close(fd);
	errno = 0;
	CHECK(open("a", O_RDWR | O_CREAT | O_EXCL, 0666) == -1 && errno == EEXIST, "O_EXCL on an existing file: EEXIST");
	fd = open("a", O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "+1", 2) == 2 && lseek(fd, 0, SEEK_SET) == 0 && write(fd, "+2", 2) == 2,
	      "O_APPEND writes");
	close(fd);
	fd = open("a", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	CHECK(read(fd, buf, 100) == 9 && strcmp(buf, "HELLO+1+2") == 0, "contents 'HELLO+1+2'");
	errno = 0;
	CHECK(write(fd, "x", 1) == -1 && errno == EBADF, "write to O_RDONLY: EBADF");
	fd2 = dup(fd);
	CHECK(fd2 > fd && lseek(fd2, 0, SEEK_CUR) == 9, "dup shares the offset");
	CHECK(fcntl(fd2, F_GETFD) == 0, "dup clears FD_CLOEXEC");
	CHECK(fcntl(fd, F_DUPFD_CLOEXEC, 50) >= 50, "F_DUPFD_CLOEXEC >= 50");
	close(fd2);
	close(fd);
	fd = open("a", O_RDWR | O_TRUNC);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties it");
	write(fd, "data", 4);
	close(fd);
	show_stat("a", 1);

	/* Names: rename, link, symlink, unlink. */
	CHECK(rename("a", "b") == 0, "rename a b");
	show_stat("a", 1);
	CHECK(link("b", "c") == 0, "link b c");
	show_stat("c", 1);
	CHECK(symlink("b", "s") == 0, "symlink b s");
	memset(buf, 0, sizeof(buf));
	CHECK(readlink("s", buf, sizeof(buf)) == 1 && strcmp(buf, "b") == 0, "readlink s is 'b'");
	show_stat("s", 0);
	show_stat("s", 1);
	errno = 0;
	CHECK(readlink("b", buf, sizeof(buf)) == -1 && errno == EINVAL, "readlink a regular file: EINVAL");
	CHECK(unlink("b") == 0, "unlink b");
	show_stat("c", 1);
	errno = 0;
	CHECK(open("s", O_RDONLY) == -1 && errno == ENOENT, "open a dangling symlink: ENOENT");
	CHECK(symlink("loop", "loop") == 0, "symlink loop -> loop");
	errno = 0;
	CHECK(open("loop", O_RDONLY) == -1 && errno == ELOOP, "open a symlink loop: ELOOP");
	errno = 0;
	CHECK(link("nonexistent", "x") == -1 && errno == ENOENT, "link a missing file: ENOENT");
	errno = 0;
	CHECK(rename("c", "nonexistent/x") == -1 && errno == ENOENT, "rename into a missing dir: ENOENT");

	/* Directories. */
	CHECK(mkdir("d", 0755) == 0, "mkdir d");
	errno = 0;
	CHECK(mkdir("d", 0755) == -1 && errno == EEXIST, "mkdir again: EEXIST");
	CHECK(mkdir("d/e", 0700) == 0 && mkdir("d/f", 0700) == 0, "mkdir d/e d/f");
	show_stat("d", 1);
	show_stat("d/e", 1);
	errno = 0;
	CHECK(rmdir("d") == -1 && errno == ENOTEMPTY, "rmdir a non-empty dir: ENOTEMPTY");
	errno = 0;
	CHECK(unlink("d") == -1 && errno == EISDIR, "unlink a directory: EISDIR");
	errno = 0;
	CHECK(rmdir("c") == -1 && errno == ENOTDIR, "rmdir a file: ENOTDIR");
	errno = 0;
	CHECK(open("c/x", O_RDONLY) == -1 && errno == ENOTDIR, "a file as a path component: ENOTDIR");
	errno = 0;
	CHECK(open("d", O_WRONLY) == -1 && errno == EISDIR, "open a directory for writing: EISDIR");
	errno = 0;
	CHECK(open("c", O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR, "O_DIRECTORY on a file: ENOTDIR");
	CHECK(rename("d/e", "d/g") == 0, "rename a directory");
	CHECK(rename("c", "d/f") == -1 && errno == EISDIR, "rename a file over a directory: EISDIR");
	fd = open("d/g/file", O_CREAT | O_WRONLY, 0600);
	CHECK(fd >= 0, "create d/g/file");
	close(fd);
	for (int i = 0; i < 20; i++) {
		snprintf(buf, sizeof(buf), "many-%02d", i);
		close(open(buf, O_CREAT | O_WRONLY, 0644));
	}
	list_dir("after creating 20 files");
	for (int i = 0; i < 20; i += 2) {
		snprintf(buf, sizeof(buf), "many-%02d", i);
		unlink(buf);
	}
	list_dir("after removing 10 of them");

	/* Modes, times. */
	CHECK(chmod("c", 0600) == 0, "chmod c 0600");
	show_stat("c", 1);
	fd = open("c", O_RDONLY);
	CHECK(fchmod(fd, 04751) == 0, "fchmod c 04751");
	show_stat("c", 1);
	struct timespec ts[2] = { { 1000000000, 5 }, { 1234567890, 123456789 } };
	CHECK(futimens(fd, ts) == 0, "futimens");
	CHECK(fstat(fd, &st) == 0 && st.st_atime == 1000000000 && st.st_mtime == 1234567890 &&
	      st.st_mtim.tv_nsec == 123456789, "times as set");
	close(fd);
	CHECK(access("c", R_OK | W_OK) == 0, "access R_OK|W_OK as root");
	errno = 0;
	CHECK(access("missing", F_OK) == -1 && errno == ENOENT, "access a missing file: ENOENT");

	/* Relative paths from a directory fd. */
	int dfd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0, "open d O_DIRECTORY");
	fd = openat(dfd, "h", O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0, "openat(d, h)");
	close(fd);
	CHECK(fstatat(dfd, "h", &st, 0) == 0 && S_ISREG(st.st_mode), "fstatat(d, h)");
	CHECK(unlinkat(dfd, "h", 0) == 0, "unlinkat(d, h)");
	CHECK(unlinkat(dfd, "g/file", 0) == 0 && unlinkat(dfd, "g", AT_REMOVEDIR) == 0, "unlinkat AT_REMOVEDIR");
	close(dfd);
	CHECK(chdir("d") == 0 && chdir("..") == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, dir) == 0,
	      "chdir d, chdir .. : back");

	/* Clean up. */
	CHECK(rmdir("d/f") == 0 && rmdir("d") == 0, "rmdir d/f d");
	for (int i = 1; i < 20; i += 2) {
		snprintf(buf, sizeof(buf), "many-%02d", i);
		unlink(buf);
	}
	CHECK(unlink("c") == 0 && unlink("s") == 0 && unlink("loop") == 0, "unlink c s loop");
	list_dir("at the end");
	CHECK(chdir("/") == 0 && rmdir(dir) == 0, "rmdir the directory");
	return finish("fileops");
}
