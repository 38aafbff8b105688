/*
 * fork10: private memory is copied at fork (copy-on-write): the child's
 * writes to globals, heap, stack and MAP_PRIVATE mappings are invisible to
 * the parent and the other way round; MAP_SHARED memory is shared.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "harness.h"

static int global = 1;

static void run(void)
{
	int stack = 2, *heap = malloc(sizeof(int));
	int *priv, *shared;
	struct t_chan go, done;
	pid_t pid;

	*heap = 3;
	priv = SAFE_MMAP(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = SAFE_MMAP(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*priv = 4;
	*shared = 5;
	t_chan_open(&go);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		global = stack = *heap = *priv = 40;
		*shared = 50;
		t_chan_post(&done);
		t_chan_wait(&go);
		EXPECT_EQ(global, 40);
		EXPECT_EQ(*priv, 40);
		EXPECT_EQ(*shared, 60);
		_exit(0);
	}
	t_chan_wait(&done);
	EXPECT_EQ(global, 1);
	EXPECT_EQ(stack, 2);
	EXPECT_EQ(*heap, 3);
	EXPECT_EQ(*priv, 4);
	EXPECT_EQ(*shared, 50);
	global = 100;
	*priv = 100;
	*shared = 60;
	t_chan_post(&go);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
