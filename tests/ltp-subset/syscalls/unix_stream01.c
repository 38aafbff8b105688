/*
 * unix_stream01 (no LTP counterpart): an AF_UNIX stream carries a byte
 * stream intact. One process writes 4 MiB of a known pattern in writes of
 * many sizes (1 byte to 200 KB, more than the send buffer holds), some
 * from pages that are not yet mapped in (a private file mapping and fresh
 * anonymous memory, so the kernel's copy takes page faults); another
 * reads it with reads of other sizes, some into untouched anonymous
 * memory, and checks every byte, then sees end-of-file after the writer
 * closes. Meanwhile a second pair of sockets in the same processes
 * carries small messages back and forth, so the two streams interleave.
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "harness.h"

#define TOTAL (4 << 20)

static unsigned char pat(size_t i)
{
	return (unsigned char)(i * 7 + i / 251);
}

static const size_t wsizes[] = { 1, 100, 4096, 65536, 200000, 7, 131072, 3000, 65535, 65537 };
static const size_t rsizes[] = { 5000, 1, 65536, 300000, 17, 4096, 100000, 2 };

static void writer(int fd, int side, const char *file)
{
	size_t off = 0, k = 0, sent = 0, echoed = 0;
	unsigned char *src = malloc(TOTAL), *fmap;
	int ffd = open(file, O_RDONLY);
	char c = 'x';

	if (!src || ffd < 0)
		_exit(2);
	for (size_t i = 0; i < TOTAL; i++)
		src[i] = pat(i);
	/* The file holds the pattern's first 1 MiB: mapped privately and
	 * never touched here, so writes from it fault page by page. */
	fmap = mmap(NULL, 1 << 20, PROT_READ, MAP_PRIVATE, ffd, 0);
	if (fmap == MAP_FAILED)
		_exit(2);
	while (off < TOTAL) {
		size_t n = wsizes[k++ % (sizeof(wsizes) / sizeof(wsizes[0]))];
		const unsigned char *from = off + n <= (1 << 20) ? fmap + off : src + off;
		ssize_t w;

		if (n > TOTAL - off)
			n = TOTAL - off;
		w = write(fd, from, n);
		if (w <= 0)
			_exit(3);
		off += w;
		/* The other stream: a byte now and then, echoed back; the
		 * echoes are collected without waiting (the reader answers
		 * between its reads), the rest at the end. */
		if (k % 16 == 0) {
			if (write(side, &c, 1) != 1)
				_exit(4);
			sent++;
		}
		while (recv(side, &c, 1, MSG_DONTWAIT) == 1)
			echoed++;
	}
	close(fd);
	while (echoed < sent) {
		if (read(side, &c, 1) != 1)
			_exit(5);
		echoed++;
	}
	_exit(0);
}

static void run(void)
{
	char file[512];
	unsigned char *src;
	int sv[2], side[2], status;
	size_t got = 0, k = 0, bad = SIZE_MAX;
	pid_t pid;

	snprintf(file, sizeof(file), "%s/pattern", t_tmpdir());
	src = malloc(1 << 20);
	if (!src)
		t_brk(TBROK, "malloc");
	for (size_t i = 0; i < (1 << 20); i++)
		src[i] = pat(i);
	{
		int fd = open(file, O_CREAT | O_WRONLY | O_TRUNC, 0600);

		if (fd < 0 || write(fd, src, 1 << 20) != 1 << 20)
			t_brk(TBROK, "write %s", file);
		close(fd);
	}
	EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, side));
	pid = t_fork();
	if (pid == 0) {
		close(sv[0]);
		close(side[0]);
		writer(sv[1], side[1], file);
	}
	close(sv[1]);
	close(side[1]);
	while (got < TOTAL) {
		size_t n = rsizes[k++ % (sizeof(rsizes) / sizeof(rsizes[0]))];
		/* Every third read lands in fresh anonymous memory. */
		unsigned char *buf = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
					  -1, 0);
		ssize_t r;
		char c;

		if (buf == MAP_FAILED)
			t_brk(TBROK, "mmap");
		if (k % 3)
			memset(buf, 0, n);
		r = read(sv[0], buf, n);
		if (r <= 0) {
			t_report(__FILE__, __LINE__, TFAIL, "read at %zu: %zd (%s)", got, r,
				 t_errname(errno));
			munmap(buf, n);
			break;
		}
		for (ssize_t i = 0; i < r && bad == SIZE_MAX; i++)
			if (buf[i] != pat(got + i))
				bad = got + i;
		got += r;
		munmap(buf, n);
		/* Answer the writer's side-stream bytes as they come. */
		while (recv(side[0], &c, 1, MSG_DONTWAIT) == 1)
			if (send(side[0], &c, 1, 0) != 1)
				t_brk(TBROK, "send");
	}
	EXPECT_EQ(got, TOTAL);
	EXPECT_MSG(bad == SIZE_MAX, "every byte as written (first wrong at %zu)", bad);
	/* Keep answering until the writer is done, then end-of-file. */
	for (;;) {
		char c;
		ssize_t r = recv(side[0], &c, 1, 0);

		if (r != 1)
			break;
		if (send(side[0], &c, 1, 0) != 1)
			break;
	}
	{
		char c;

		EXPECT_EQ(read(sv[0], &c, 1), 0);
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer exited 0 (status %#x)",
		   status);
	close(sv[0]);
	close(side[0]);
	free(src);
}

const struct t_test t_test = { .run = run };
