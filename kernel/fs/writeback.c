/*
 * Periodic write-back: a kernel thread that every 5 seconds asks every
 * mounted file system to push its dirty data and metadata towards the disk
 * (vfs_sync_all without waiting), as Linux's flusher threads do with
 * dirty_writeback_centisecs = 500. Journalled file systems commit from
 * their own thread (jbd2); this one makes sure the rest reaches the disk.
 */
#include <kernel/fs.h>
#include <kernel/printk.h>
#include <kernel/sched.h>

#define WRITEBACK_INTERVAL_MS 5000

static int writeback_thread(void *arg)
{
	(void)arg;
	for (;;) {
		msleep(WRITEBACK_INTERVAL_MS);
		vfs_sync_all(false);
	}
	return 0;
}

void writeback_init(void)
{
	/* XXX: Linux also writes back early when dirty memory passes
	 * dirty_background_ratio; we only have the timer. */
	if (!kthread_run(writeback_thread, NULL, "writeback"))
		pr_err("writeback: cannot start the flusher thread, dirty data stays until sync\n");
}
