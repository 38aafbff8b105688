/*
 * sync_file_range01: sync_file_range() succeeds on a written file with
 * every documented flag combination; fails with EINVAL for unknown flags
 * and negative offsets/lengths, ESPIPE for a pipe, EBADF for a bad
 * descriptor.
 */
#include "harness.h"

static void run(void)
{
	int fd, p[2];

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, "some data to sync", 17));
	SAFE(pipe(p));
	EXPECT_OK(sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
	EXPECT_OK(sync_file_range(fd, 0, 17, SYNC_FILE_RANGE_WAIT_BEFORE |
				  SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER));
	EXPECT_OK(sync_file_range(fd, 4, 4, 0));
	EXPECT_FAIL(sync_file_range(fd, 0, 0, 0x80), EINVAL);
	EXPECT_FAIL(sync_file_range(fd, -1, 0, SYNC_FILE_RANGE_WRITE), EINVAL);
	EXPECT_FAIL(sync_file_range(fd, 0, -1, SYNC_FILE_RANGE_WRITE), EINVAL);
	EXPECT_FAIL(sync_file_range(p[1], 0, 0, SYNC_FILE_RANGE_WRITE), ESPIPE);
	EXPECT_FAIL(sync_file_range(-1, 0, 0, SYNC_FILE_RANGE_WRITE), EBADF);
}

const struct t_test t_test = { .run = run };
