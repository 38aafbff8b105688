/*
 * /proc/tty/drivers: the terminal drivers and their device numbers, which
 * procps reads to name a process's controlling terminal from tty_nr.
 */
#include "internal.h"

static int drivers_show(struct seq_file *m, struct proc_inode *pi)
{
	static const struct {
		const char *driver, *name, *range, *type;
		int major;
	} drv[] = {
		{ "/dev/tty", "/dev/tty", "0", "system:/dev/tty", 5 },
		{ "/dev/console", "/dev/console", "1", "system:console", 5 },
		{ "/dev/ptmx", "/dev/ptmx", "2", "system", 5 },
		{ "serial", "/dev/ttyS", "64-95", "serial", 4 },
		{ "pty_slave", "/dev/pts", "0-1048575", "pty:slave", 136 },
		{ "pty_master", "/dev/ptm", "0-1048575", "pty:master", 128 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(drv); i++)
		seq_printf(m, "%-20s %-8s %3d %7s %s\n", drv[i].driver, drv[i].name, drv[i].major,
			   drv[i].range, drv[i].type);
	return 0;
}

/* One entry: root.c's table says so (nchildren = 1). */
const struct proc_entry proc_tty_entries[] = {
	PROC_FILE("drivers", 0444, drivers_show),
};
