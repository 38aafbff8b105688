/*
 * kernel/lib/rbtree.c: thousands of random inserts and erases, with the
 * red-black rules, the parent links, the height bound and the in-order
 * sequence (against a plain presence table) verified after every batch,
 * and after every single operation while the tree is small. Then
 * replace, post-order walks and the rb_add/rb_find/cached helpers.
 */
#include <limits.h>

#include "unit.h"
#include <kernel/rbtree.h>

struct knode {
	int key;
	int seq;		/* insertion order, to check equal keys */
	bool visited;
	struct rb_node rb;
};

static bool is_black(const struct rb_node *n)
{
	return !n || (n->__rb_parent_color & 1);
}

/*
 * Checks the subtree under @n (whose parent must be @parent) and returns its
 * black height, or -1 after reporting a violation. Keys must lie in
 * (lo, hi) (non-strict when @dups).
 */
static int check_subtree(const struct rb_node *n, const struct rb_node *parent, long lo,
			 long hi, bool dups, int *count, int depth, int *max_depth)
{
	int lh, rh, key;

	if (!n)
		return 1;
	if (depth > *max_depth)
		*max_depth = depth;
	key = rb_entry(n, struct knode, rb)->key;
	if (rb_parent(n) != parent) {
		CHECK(0, "node %d: wrong parent link", key);
		return -1;
	}
	if (dups ? (key < lo || key > hi) : (key <= lo || key >= hi)) {
		CHECK(0, "node %d: outside (%ld, %ld), not a search tree", key, lo, hi);
		return -1;
	}
	if (!is_black(n) && (!is_black(n->rb_left) || !is_black(n->rb_right))) {
		CHECK(0, "node %d: red node with a red child", key);
		return -1;
	}
	(*count)++;
	lh = check_subtree(n->rb_left, n, lo, key, dups, count, depth + 1, max_depth);
	if (lh < 0)
		return -1;
	rh = check_subtree(n->rb_right, n, key, hi, dups, count, depth + 1, max_depth);
	if (rh < 0)
		return -1;
	if (lh != rh) {
		CHECK(0, "node %d: black heights %d and %d differ", key, lh, rh);
		return -1;
	}
	return lh + is_black(n);
}

/* The whole tree against the sorted @keys (n of them). */
static bool verify(const struct rb_root *root, const int *keys, int n, bool dups)
{
	int count = 0, max_depth = 0, i;
	struct rb_node *node;

	if (root->rb_node && !is_black(root->rb_node)) {
		CHECK(0, "red root");
		return false;
	}
	if (check_subtree(root->rb_node, NULL, (long)INT_MIN - 1, (long)INT_MAX + 1, dups, &count,
			  1, &max_depth) < 0)
		return false;
	if (count != n) {
		CHECK(0, "tree has %d nodes, expected %d", count, n);
		return false;
	}
	int bound = 0;
	for (int m = n + 1; m > 1; m >>= 1)
		bound++;
	CHECK(max_depth <= 2 * (bound + 1), "height %d for %d nodes", max_depth, n);

	/* In order forwards and backwards. */
	for (i = 0, node = rb_first(root); node; node = rb_next(node), i++) {
		if (i >= n || rb_entry(node, struct knode, rb)->key != keys[i]) {
			CHECK(0, "rb_next walk differs at %d", i);
			return false;
		}
	}
	CHECK(i == n, "rb_next walk saw %d of %d", i, n);
	for (i = n - 1, node = rb_last(root); node; node = rb_prev(node), i--) {
		if (i < 0 || rb_entry(node, struct knode, rb)->key != keys[i]) {
			CHECK(0, "rb_prev walk differs at %d", i);
			return false;
		}
	}
	CHECK(i == -1, "rb_prev walk stopped at %d", i);
	return !UNIT_FAILURES();
}

static struct knode *search(struct rb_root *root, int key)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		struct knode *k = rb_entry(n, struct knode, rb);

		if (key < k->key)
			n = n->rb_left;
		else if (key > k->key)
			n = n->rb_right;
		else
			return k;
	}
	return NULL;
}

/* The usual caller-side insertion; false if the key is there already. */
static bool insert(struct rb_root *root, struct knode *node)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		struct knode *k = rb_entry(*link, struct knode, rb);

		parent = *link;
		if (node->key < k->key)
			link = &parent->rb_left;
		else if (node->key > k->key)
			link = &parent->rb_right;
		else
			return false;
	}
	rb_link_node(&node->rb, parent, link);
	rb_insert_color(&node->rb, root);
	return true;
}

/* The sorted keys present in @nodes. */
static int present_keys(struct knode **nodes, int space, int *keys)
{
	int n = 0;

	for (int k = 0; k < space; k++) {
		if (nodes[k])
			keys[n++] = k;
	}
	return n;
}

/*
 * Random inserts and erases over keys 0..space-1, verifying every @every
 * operations. Each key has at most one node (nodes[key]).
 */
static void random_ops(int space, int ops, int every, int insert_bias)
{
	struct knode **nodes = calloc(space, sizeof(*nodes));
	int *keys = malloc(space * sizeof(int));
	struct rb_root root = RB_ROOT;
	int live = 0;

	for (int op = 1; op <= ops; op++) {
		int key = unit_rand_below(space);

		if ((int)unit_rand_below(100) < insert_bias) {
			struct knode *k = calloc(1, sizeof(*k));

			k->key = key;
			if (insert(&root, k)) {
				CHECK(!nodes[key], "inserted a key already present");
				nodes[key] = k;
				live++;
			} else {
				CHECK(nodes[key], "refused a key not present");
				free(k);
			}
		} else if (nodes[key]) {
			CHECK(search(&root, key) == nodes[key], "search(%d) before erase", key);
			rb_erase(&nodes[key]->rb, &root);
			free(nodes[key]);
			nodes[key] = NULL;
			live--;
			CHECK(search(&root, key) == NULL, "search(%d) after erase", key);
		}
		if (op % every == 0 || op == ops) {
			int n = present_keys(nodes, space, keys);

			if (n != live || !verify(&root, keys, n, false)) {
				CHECK(0, "after %d operations (%d live)", op, live);
				break;
			}
		}
	}
	/* Erase all that is left, in random order, checking as we go. */
	for (int left = live; left > 0; left--) {
		int key;

		do
			key = unit_rand_below(space);
		while (!nodes[key]);
		rb_erase(&nodes[key]->rb, &root);
		free(nodes[key]);
		nodes[key] = NULL;
		if (left % every == 0 || left < 40) {
			int n = present_keys(nodes, space, keys);

			if (!verify(&root, keys, n, false))
				break;
		}
	}
	CHECK(UNIT_FAILURES() || RB_EMPTY_ROOT(&root), "tree not empty at the end");
	for (int k = 0; k < space; k++)
		free(nodes[k]);
	free(nodes);
	free(keys);
}

static void test_small_every_op(void)
{
	for (int space = 1; space <= 64 && !UNIT_FAILURES(); space++)
		random_ops(space, 400, 1, 55);
}

static void test_large_batches(void)
{
	/* Grow to thousands, then shrink: 60% then 40% inserts. */
	random_ops(1 << 20, 30000, 500, 90);
	random_ops(5000, 40000, 1000, 50);
	random_ops(20000, 40000, 2000, 35);
}

static void test_sequential(void)
{
	/* Ascending and descending inserts: the rotation-heavy cases. */
	enum { N = 5000 };
	struct knode *nodes = calloc(N, sizeof(*nodes));
	int *keys = malloc(N * sizeof(int));
	struct rb_root root = RB_ROOT;

	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < N; i++) {
			int key = pass ? N - 1 - i : i;

			nodes[key].key = key;
			insert(&root, &nodes[key]);
			if (i % 250 == 0) {
				int n = 0;

				for (int k = 0; k < N; k++) {
					if (pass ? k >= N - 1 - i : k <= i)
						keys[n++] = k;
				}
				if (!verify(&root, keys, n, false))
					goto out;
			}
		}
		for (int k = 0; k < N; k++)
			keys[k] = k;
		if (!verify(&root, keys, N, false))
			goto out;
		/* Erase from the front: always the leftmost. */
		for (int i = 0; i < N; i++) {
			rb_erase(rb_first(&root), &root);
			if (i % 250 == 0 && !verify(&root, keys + i + 1, N - i - 1, false))
				goto out;
		}
		CHECK(RB_EMPTY_ROOT(&root), "not empty after erasing all");
	}
out:
	free(nodes);
	free(keys);
}

static void test_replace_and_postorder(void)
{
	enum { N = 3000 };
	struct knode *nodes = calloc(N, sizeof(*nodes));
	struct knode *spare = calloc(N, sizeof(*spare));
	int *keys = malloc(N * sizeof(int));
	struct rb_root root = RB_ROOT;
	int n = 0;

	for (int i = 0; i < N; i++) {
		nodes[i].key = (int)unit_rand_below(1 << 30);
		if (insert(&root, &nodes[i]))
			n++;
		else
			nodes[i].key = -1;
	}
	/* Replace every node by a copy with the same key. */
	for (int i = 0; i < N; i++) {
		if (nodes[i].key < 0)
			continue;
		spare[i].key = nodes[i].key;
		rb_replace_node(&nodes[i].rb, &spare[i].rb, &root);
	}
	int m = 0;
	for (struct rb_node *p = rb_first(&root); p; p = rb_next(p)) {
		struct knode *k = rb_entry(p, struct knode, rb);

		CHECK(k >= spare && k < spare + N, "a replaced node is still in the tree");
		keys[m++] = k->key;
	}
	CHECK(m == n, "replace changed the count");
	verify(&root, keys, n, false);

	/* Post-order: children before their parent, each node once. */
	int visits = 0;
	for (struct rb_node *p = rb_first_postorder(&root); p; p = rb_next_postorder(p)) {
		struct knode *k = rb_entry(p, struct knode, rb);

		CHECK(!k->visited, "post-order visits %d twice", k->key);
		CHECK((!p->rb_left || rb_entry(p->rb_left, struct knode, rb)->visited) &&
		      (!p->rb_right || rb_entry(p->rb_right, struct knode, rb)->visited),
		      "post-order visits a parent before its children");
		k->visited = true;
		visits++;
		if (UNIT_FAILURES())
			break;
	}
	CHECK(visits == n, "post-order visited %d of %d", visits, n);

	/* Freeing through the safe post-order walk (ASan sees any use after free). */
	struct rb_root heap_root = RB_ROOT;
	for (int i = 0; i < 1000; i++) {
		struct knode *k = calloc(1, sizeof(*k));

		k->key = i * 7919 % 1000;
		insert(&heap_root, k);
	}
	struct knode *pos, *next;
	int freed = 0;
	rbtree_postorder_for_each_entry_safe(pos, next, &heap_root, rb) {
		free(pos);
		freed++;
	}
	CHECK(freed == 1000, "postorder_for_each_entry_safe freed %d", freed);
	CHECK(rb_first_postorder(&RB_ROOT) == NULL && rb_first(&RB_ROOT) == NULL &&
	      rb_last(&RB_ROOT) == NULL, "empty tree walks");

	/* A cleared node is on no tree. */
	struct knode lone = { 0 };
	RB_CLEAR_NODE(&lone.rb);
	CHECK(RB_EMPTY_NODE(&lone.rb) && rb_next(&lone.rb) == NULL && rb_prev(&lone.rb) == NULL,
	      "RB_CLEAR_NODE");

	free(nodes);
	free(spare);
	free(keys);
}

static bool knode_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct knode, rb)->key < rb_entry(b, struct knode, rb)->key;
}

static int knode_cmp(const void *key, const struct rb_node *n)
{
	int k = *(const int *)key, nk = rb_entry(n, struct knode, rb)->key;

	return (k > nk) - (k < nk);
}

static void test_helpers(void)
{
	enum { N = 4000, SPACE = 300 };
	struct knode *nodes = calloc(N, sizeof(*nodes));
	int *keys = malloc(N * sizeof(int));
	int counts[SPACE] = { 0 };
	struct rb_root root = RB_ROOT;
	struct rb_root_cached croot = RB_ROOT_CACHED;
	struct knode *cnodes = calloc(N, sizeof(*cnodes));

	/* rb_add with duplicate keys: equal keys stay in insertion order. */
	for (int i = 0; i < N; i++) {
		nodes[i].key = (int)unit_rand_below(SPACE);
		nodes[i].seq = i;
		counts[nodes[i].key]++;
		rb_add(&nodes[i].rb, &root, knode_less);
		cnodes[i] = nodes[i];
		rb_add_cached(&cnodes[i].rb, &croot, knode_less);
		CHECK(rb_first_cached(&croot) == rb_first(&croot.rb_root), "cached leftmost after add");
	}
	int n = 0;
	for (int k = 0; k < SPACE; k++) {
		for (int c = 0; c < counts[k]; c++)
			keys[n++] = k;
	}
	verify(&root, keys, N, true);
	verify(&croot.rb_root, keys, N, true);
	int last_key = -1, last_seq = -1;
	for (struct rb_node *p = rb_first(&root); p; p = rb_next(p)) {
		struct knode *k = rb_entry(p, struct knode, rb);

		CHECK(k->key > last_key || k->seq > last_seq, "rb_add broke insertion order of equals");
		last_key = k->key;
		last_seq = k->seq;
	}

	/* rb_find finds a node with the key exactly when one exists. */
	for (int key = -1; key <= SPACE; key++) {
		struct rb_node *found = rb_find(&key, &root, knode_cmp);

		if (key >= 0 && key < SPACE && counts[key])
			CHECK(found && rb_entry(found, struct knode, rb)->key == key, "rb_find(%d)", key);
		else
			CHECK(!found, "rb_find(%d) found a missing key", key);
	}

	/* rb_erase_cached keeps the leftmost right while erasing at random. */
	for (int left = N; left > 0; left--) {
		int i;

		do
			i = (int)unit_rand_below(N);
		while (RB_EMPTY_NODE(&cnodes[i].rb));
		rb_erase_cached(&cnodes[i].rb, &croot);
		RB_CLEAR_NODE(&cnodes[i].rb);
		CHECK(rb_first_cached(&croot) == rb_first(&croot.rb_root),
		      "cached leftmost after erase");
		if (UNIT_FAILURES())
			break;
	}
	CHECK(RB_EMPTY_ROOT(&croot.rb_root) && !rb_first_cached(&croot), "cached tree emptied");

	free(nodes);
	free(cnodes);
	free(keys);
}

int main(void)
{
	unit_run("rbtree.small-every-op", test_small_every_op);
	unit_run("rbtree.large-batches", test_large_batches);
	unit_run("rbtree.sequential", test_sequential);
	unit_run("rbtree.replace-postorder", test_replace_and_postorder);
	unit_run("rbtree.helpers", test_helpers);
	return unit_exit();
}
