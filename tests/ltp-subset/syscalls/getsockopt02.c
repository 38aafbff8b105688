/*
 * getsockopt02: SO_PEERCRED on a connected AF_UNIX socket gives the peer's
 * pid, uid and gid as of connect()/socketpair() time, also across a fork
 * and a change of ids in the peer (a server sees a nobody client).
 */
#include <sys/socket.h>
#include <sys/un.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "srv" };
	struct ucred cr;
	socklen_t len = sizeof(cr);
	int sv[2], l, a;
	pid_t pid;

	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	EXPECT_OK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len));
	EXPECT(cr.pid == getpid() && cr.uid == getuid() && cr.gid == getgid());
	l = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sun, sizeof(sun)));
	SAFE(chmod("srv", 0777));
	SAFE(listen(l, 1));
	pid = t_fork();
	if (!pid) {
		int c;
		t_become_nobody();
		c = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
		SAFE(connect(c, (struct sockaddr *)&sun, sizeof(sun)));
		t_msleep(200);
		_exit(0);
	}
	a = SAFE(accept(l, NULL, NULL));
	len = sizeof(cr);
	EXPECT_OK(getsockopt(a, SOL_SOCKET, SO_PEERCRED, &cr, &len));
	EXPECT(cr.pid == pid && cr.uid == T_NOBODY && cr.gid == T_NOBODY);
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
