/*
 * Red-black tree rebalancing and walking (see <kernel/rbtree.h>).
 *
 * The rules kept: every node is red or black, the root is black, a red
 * node has no red child, and every path from a node down to a missing child
 * (NULL, counted as black) crosses the same number of black nodes. So the
 * longest path is at most twice the shortest, and insert, erase and lookup
 * are O(log n). Insertion fixes a red-red pair by recolouring upwards and
 * ends with at most two rotations; erasure of a black node leaves one path
 * short of a black and fixes it with at most three rotations.
 */
#include <kernel/rbtree.h>

#define RB_RED   0UL
#define RB_BLACK 1UL

static inline unsigned long rb_color(const struct rb_node *node)
{
	return node->__rb_parent_color & 1;
}

/* NULL children count as black. */
static inline bool rb_is_red(const struct rb_node *node)
{
	return node && rb_color(node) == RB_RED;
}

static inline void rb_set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->__rb_parent_color = (unsigned long)parent | rb_color(node);
}

static inline void rb_set_color(struct rb_node *node, unsigned long color)
{
	node->__rb_parent_color = (node->__rb_parent_color & ~1UL) | color;
}

/* Make @parent (or the root, if @parent is NULL) point at @new instead of @old. */
static inline void rb_change_child(struct rb_node *old, struct rb_node *new,
				   struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *     x              y
 *    / \            / \
 *   a   y    ->    x   c
 *      / \        / \
 *     b   c      a   b
 */
static void rb_rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right;
	struct rb_node *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	y->rb_left = x;
	rb_set_parent(y, parent);
	rb_set_parent(x, y);
	rb_change_child(x, y, parent, root);
}

/* The mirror image of rb_rotate_left. */
static void rb_rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left;
	struct rb_node *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	y->rb_right = x;
	rb_set_parent(y, parent);
	rb_set_parent(x, y);
	rb_change_child(x, y, parent, root);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	/* @node is red; the only rule it can break is red parent, red child. */
	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		/* A red parent is never the root, so the grandparent exists. */
		gparent = rb_parent(parent);

		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (rb_is_red(uncle)) {
				/* Push the grandparent's blackness down a level. */
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {
				/* Turn the zig-zag into a straight line. */
				rb_rotate_left(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_color(parent, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			rb_rotate_right(gparent, root);
			break;
		} else {
			uncle = gparent->rb_left;
			if (rb_is_red(uncle)) {
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {
				rb_rotate_right(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_color(parent, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			rb_rotate_left(gparent, root);
			break;
		}
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/*
 * A black node was removed from below @parent, and @x (possibly NULL) took
 * its place: every path through @x is one black short.
 */
static void rb_erase_fixup(struct rb_node *x, struct rb_node *parent,
			   struct rb_root *root)
{
	struct rb_node *sibling;

	while (x != root->rb_node && !rb_is_red(x)) {
		/*
		 * When @x is NULL its sibling is not (it must carry at least
		 * one black), so the test below still tells the sides apart.
		 */
		if (x == parent->rb_left) {
			sibling = parent->rb_right;
			if (rb_is_red(sibling)) {
				/* Make the sibling black by rotating it up. */
				rb_set_color(sibling, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_left(parent, root);
				sibling = parent->rb_right;
			}
			if (!rb_is_red(sibling->rb_left) && !rb_is_red(sibling->rb_right)) {
				/* Shorten the sibling's side too; move the problem up. */
				rb_set_color(sibling, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (!rb_is_red(sibling->rb_right)) {
				/* Make the far nephew the red one. */
				rb_set_color(sibling->rb_left, RB_BLACK);
				rb_set_color(sibling, RB_RED);
				rb_rotate_right(sibling, root);
				sibling = parent->rb_right;
			}
			/* Rotate a black onto @x's side; done. */
			rb_set_color(sibling, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(sibling->rb_right, RB_BLACK);
			rb_rotate_left(parent, root);
			x = root->rb_node;
			break;
		} else {
			sibling = parent->rb_left;
			if (rb_is_red(sibling)) {
				rb_set_color(sibling, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_right(parent, root);
				sibling = parent->rb_left;
			}
			if (!rb_is_red(sibling->rb_left) && !rb_is_red(sibling->rb_right)) {
				rb_set_color(sibling, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (!rb_is_red(sibling->rb_left)) {
				rb_set_color(sibling->rb_right, RB_BLACK);
				rb_set_color(sibling, RB_RED);
				rb_rotate_left(sibling, root);
				sibling = parent->rb_left;
			}
			rb_set_color(sibling, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(sibling->rb_left, RB_BLACK);
			rb_rotate_right(parent, root);
			x = root->rb_node;
			break;
		}
	}
	if (x)
		rb_set_color(x, RB_BLACK);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent;
	unsigned long removed_color;

	if (node->rb_left && node->rb_right) {
		/*
		 * Two children: node's in-order successor (leftmost of the
		 * right subtree, so it has no left child) takes node's place
		 * and colour; the tree loses a node where the successor was.
		 */
		struct rb_node *succ = node->rb_right;

		while (succ->rb_left)
			succ = succ->rb_left;
		child = succ->rb_right;
		removed_color = rb_color(succ);

		if (succ == node->rb_right) {
			parent = succ;
		} else {
			parent = rb_parent(succ);
			parent->rb_left = child;
			if (child)
				rb_set_parent(child, parent);
			succ->rb_right = node->rb_right;
			rb_set_parent(node->rb_right, succ);
		}
		succ->rb_left = node->rb_left;
		rb_set_parent(node->rb_left, succ);
		rb_change_child(node, succ, rb_parent(node), root);
		succ->__rb_parent_color = node->__rb_parent_color;
	} else {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		removed_color = rb_color(node);
		if (child)
			rb_set_parent(child, parent);
		rb_change_child(node, child, parent, root);
	}

	if (removed_color == RB_BLACK)
		rb_erase_fixup(child, parent, root);
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		rb_set_parent(victim->rb_right, new);
	rb_change_child(victim, new, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *node = root->rb_node;

	if (!node)
		return NULL;
	while (node->rb_left)
		node = node->rb_left;
	return node;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *node = root->rb_node;

	if (!node)
		return NULL;
	while (node->rb_right)
		node = node->rb_right;
	return node;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	/* Climb while we come up from a right child. */
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

/* The first node in post-order below @node: go down, left when possible. */
static struct rb_node *rb_deepest_left(const struct rb_node *node)
{
	for (;;) {
		if (node->rb_left)
			node = node->rb_left;
		else if (node->rb_right)
			node = node->rb_right;
		else
			return (struct rb_node *)node;
	}
}

struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	if (!root->rb_node)
		return NULL;
	return rb_deepest_left(root->rb_node);
}

struct rb_node *rb_next_postorder(const struct rb_node *node)
{
	struct rb_node *parent;

	if (!node)
		return NULL;
	parent = rb_parent(node);
	/* After a left subtree comes its right sibling's subtree, then the parent. */
	if (parent && node == parent->rb_left && parent->rb_right)
		return rb_deepest_left(parent->rb_right);
	return parent;
}
