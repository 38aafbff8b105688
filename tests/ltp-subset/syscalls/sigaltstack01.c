/*
 * sigaltstack01: with SA_ONSTACK the handler runs on the alternate stack
 * (a local variable's address lies inside it) and sigaltstack() inside
 * reports SS_ONSTACK; changing the stack while on it fails with EPERM;
 * SS_DISABLE turns it off; without SA_ONSTACK the normal stack is used.
 */
#include <signal.h>
#include <stdlib.h>

#include "harness.h"

#define SZ (64 * 1024)

static char *alt;
static volatile int on_alt, flags_inside, eperm;

static void handler(int sig)
{
	char local;
	stack_t ss, other = { .ss_sp = alt, .ss_size = SZ };

	on_alt = &local >= alt && &local < alt + SZ;
	sigaltstack(NULL, &ss);
	flags_inside = ss.ss_flags;
	eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;
}

static void run(void)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_ONSTACK };
	stack_t ss = { 0 }, old;

	alt = malloc(SZ);
	ss.ss_sp = alt;
	ss.ss_size = SZ;
	EXPECT_OK(sigaltstack(&ss, &old));
	EXPECT(old.ss_flags & SS_DISABLE);
	SAFE(sigaltstack(NULL, &old));
	EXPECT(old.ss_sp == alt && old.ss_size == SZ && old.ss_flags == 0);
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	EXPECT_MSG(on_alt, "handler ran on the alternate stack");
	EXPECT(flags_inside & SS_ONSTACK);
	EXPECT_MSG(eperm, "changing the stack while on it gives EPERM");
	sa.sa_flags = 0;
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	EXPECT_MSG(!on_alt, "without SA_ONSTACK the normal stack is used");
	ss.ss_flags = SS_DISABLE;
	EXPECT_OK(sigaltstack(&ss, NULL));
	SAFE(sigaltstack(NULL, &old));
	EXPECT(old.ss_flags & SS_DISABLE);
}

const struct t_test t_test = { .run = run };
