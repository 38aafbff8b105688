/*
 * tcp02: TCP connection setup over loopback: 100 clients in child
 * processes connect at once and each gets its own accepted socket (their
 * data arrives intact); with listen(fd, 1) two connections wait in the
 * queue and a third connect() blocks until accept() makes room; closing
 * a listener resets the connections it never accepted (ECONNRESET).
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "harness.h"

#define CLIENTS 100

static struct sockaddr_in sin;

static int client(void)
{
	int c = socket(AF_INET, SOCK_STREAM, 0);

	if (c < 0 || connect(c, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return -1;
	return c;
}

static void run(void)
{
	socklen_t len = sizeof(sin);
	int l, seen[CLIENTS] = { 0 }, ok = 1, c1, c2, a;
	pid_t pids[CLIENTS], pid;
	char buf[8];

	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	SAFE(listen(l, 128));
	for (int i = 0; i < CLIENTS; i++) {
		pids[i] = t_fork();
		if (!pids[i]) {
			int c = client();
			unsigned char id = i;

			if (c < 0 || write(c, &id, 1) != 1 || read(c, buf, 1) != 0)
				_exit(1);
			_exit(0);
		}
	}
	for (int i = 0; i < CLIENTS; i++) {
		unsigned char id;

		a = accept(l, NULL, NULL);
		if (a < 0 || read(a, &id, 1) != 1 || id >= CLIENTS || seen[id]++)
			ok = 0;
		close(a);
	}
	EXPECT_MSG(ok, "%d clients accepted, each once", CLIENTS);
	for (int i = 0; i < CLIENTS; i++)
		t_reap(pids[i]);
	close(l);

	/* A full queue: the third connect waits for accept. */
	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	sin.sin_port = 0;
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	len = sizeof(sin);
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	SAFE(listen(l, 1));
	c1 = client();
	c2 = client();
	EXPECT(c1 >= 0 && c2 >= 0);
	pid = t_fork();
	if (!pid)
		_exit(client() >= 0 ? 0 : 1);
	t_msleep(300);
	EXPECT_MSG(waitpid(pid, NULL, WNOHANG) == 0, "the third connect() waits");
	a = SAFE(accept(l, NULL, NULL));
	t_reap(pid);
	close(a);

	/* Never accepted: reset when the listener goes. */
	close(l);
	EXPECT_FAIL(read(c2, buf, 1), ECONNRESET);
	close(c1);
	close(c2);
}

const struct t_test t_test = { .run = run, .timeout = 60 };
