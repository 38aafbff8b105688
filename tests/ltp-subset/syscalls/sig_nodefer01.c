/*
 * sig_nodefer01: how a handler's own signal and sa_mask are blocked.
 *  - SA_NODEFER: a handler that raises its own signal nests, five deep;
 *    inside, the signal is not blocked.
 *  - Without it the raised signal waits: five calls one after another,
 *    never nested; inside, the signal and sa_mask's are blocked, and
 *    the old mask is back afterwards.
 *  - SA_RESETHAND: the action is SIG_DFL while the handler runs, the
 *    signal stays blocked (no SA_NODEFER implied), and raising it again
 *    in the handler kills the process once the handler returns.
 *  - SA_RESETHAND | SA_NODEFER: raising it inside kills at once.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static volatile int depth, max_depth, calls, blocked_self, blocked_other;
static int out_fd = -1;

static int is_blocked(int sig)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, sig);
}

static void nest(int sig)
{
	depth++;
	calls++;
	if (depth > max_depth)
		max_depth = depth;
	blocked_self = is_blocked(sig);
	blocked_other = is_blocked(SIGUSR2);
	if (calls < 5)
		raise(sig);
	depth--;
}

static void reset(int sig)
{
	struct sigaction cur;
	char c;

	sigaction(sig, NULL, &cur);
	c = '0' + (cur.sa_handler == SIG_DFL) + 2 * is_blocked(sig);
	write(out_fd, &c, 1);
	raise(sig);
	write(out_fd, "r", 1);   /* reached only if the raise did not kill */
}

/* A child: SA_RESETHAND (plus extra flags) on SIGUSR1, raise it; what
 * the handler saw goes to the pipe. Returns the wait status and the text. */
static int resethand_child(int extra, char *buf, size_t len)
{
	struct sigaction sa = { .sa_handler = reset };
	int p[2], st;
	ssize_t n;
	pid_t pid;

	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		close(p[0]);
		out_fd = p[1];
		sa.sa_flags = SA_RESETHAND | extra;
		sigaction(SIGUSR1, &sa, NULL);
		raise(SIGUSR1);
		write(out_fd, "e", 1);
		_exit(0);
	}
	close(p[1]);
	st = t_wait(pid);
	n = read(p[0], buf, len - 1);
	buf[n > 0 ? n : 0] = 0;
	close(p[0]);
	return st;
}

static void run(void)
{
	struct sigaction sa = { .sa_handler = nest, .sa_flags = SA_NODEFER };
	char buf[16];
	int st;

	SAFE(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	EXPECT_EQ(calls, 5);
	EXPECT_EQ(max_depth, 5);
	EXPECT_EQ(blocked_self, 0);

	calls = max_depth = 0;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	EXPECT_EQ(calls, 5);
	EXPECT_EQ(max_depth, 1);
	EXPECT_EQ(blocked_self, 1);
	EXPECT_EQ(blocked_other, 1);
	EXPECT_MSG(!is_blocked(SIGUSR1) && !is_blocked(SIGUSR2), "the old mask is back after the handlers");

	st = resethand_child(0, buf, sizeof(buf));
	EXPECT_MSG(!strcmp(buf, "3r"), "SA_RESETHAND: SIG_DFL and blocked inside, the raise waits (saw \"%s\")", buf);
	EXPECT_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1,
		   "SA_RESETHAND: the second one kills after the handler (status %#x)", st);
	st = resethand_child(SA_NODEFER, buf, sizeof(buf));
	EXPECT_MSG(!strcmp(buf, "1"), "SA_RESETHAND|SA_NODEFER: SIG_DFL, not blocked (saw \"%s\")", buf);
	EXPECT_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1,
		   "SA_RESETHAND|SA_NODEFER: the second one kills at once (status %#x)", st);
}

const struct t_test t_test = { .run = run };
