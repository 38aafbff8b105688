/*
 * Red-black trees, intrusive, with Linux's interface (kernel/lib/rbtree.c).
 *
 * The tree knows nothing about keys. To insert, the caller walks down from
 * root->rb_node comparing its own keys, remembers the parent and the child
 * link it fell off, then calls rb_link_node(node, parent, link) and
 * rb_insert_color(node, root) to rebalance. Searching is the same walk.
 * rb_add() and rb_find() wrap both walks for callers that prefer a
 * comparison callback.
 *
 * A node's parent pointer and colour share one word: nodes are at least
 * 4-byte aligned, so bit 0 holds the colour (0 red, 1 black).
 * Nothing here locks: the owner of the tree says which lock guards it.
 */
#ifndef KERNEL_RBTREE_H
#define KERNEL_RBTREE_H

#include <kernel/types.h>

struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

/* A tree that also remembers its leftmost node, for O(1) rb_first_cached(). */
struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT ((struct rb_root){ NULL })
#define RB_ROOT_CACHED ((struct rb_root_cached){ { NULL }, NULL })

#define rb_parent(r) ((struct rb_node *)((r)->__rb_parent_color & ~3UL))

#define rb_entry(ptr, type, member) container_of(ptr, type, member)

#define rb_entry_safe(ptr, type, member) ({				\
	__typeof__(ptr) ____ptr = (ptr);				\
	____ptr ? rb_entry(____ptr, type, member) : NULL;		\
})

#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)

/* A node that is on no tree points at itself; RB_CLEAR_NODE marks it so. */
#define RB_EMPTY_NODE(node) \
	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) \
	((node)->__rb_parent_color = (unsigned long)(node))

/* Hang a new (red) leaf @node under @parent at *@rb_link. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* Put @new in @victim's place without rebalancing; keys must sort alike. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root);

/* In-order walk. All return NULL past the end or for an RB_EMPTY_NODE. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * Post-order walk: children before parents, so every node can be freed as
 * it is visited (no rebalancing happens; the tree is garbage afterwards).
 */
struct rb_node *rb_first_postorder(const struct rb_root *root);
struct rb_node *rb_next_postorder(const struct rb_node *node);

#define rbtree_postorder_for_each_entry_safe(pos, n, root, field)		\
	for (pos = rb_entry_safe(rb_first_postorder(root), __typeof__(*pos), field); \
	     pos && ({ n = rb_entry_safe(rb_next_postorder(&pos->field),	\
					 __typeof__(*pos), field); 1; });	\
	     pos = n)

/* Cached-leftmost trees. */

#define rb_first_cached(root) ((root)->rb_leftmost)

/* @leftmost: the caller's insertion walk never went right. */
static inline void rb_insert_color_cached(struct rb_node *node,
					  struct rb_root_cached *root,
					  bool leftmost)
{
	if (leftmost)
		root->rb_leftmost = node;
	rb_insert_color(node, &root->rb_root);
}

static inline void rb_erase_cached(struct rb_node *node,
				   struct rb_root_cached *root)
{
	if (root->rb_leftmost == node)
		root->rb_leftmost = rb_next(node);
	rb_erase(node, &root->rb_root);
}

/* Callback helpers. */

/*
 * Insert @node, placing it after nodes it is not less than (equal keys keep
 * insertion order). @less(a, b) says whether a sorts before b.
 */
static inline void rb_add(struct rb_node *node, struct rb_root *tree,
			  bool (*less)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_node;
	struct rb_node *parent = NULL;

	while (*link) {
		parent = *link;
		if (less(node, parent))
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(node, parent, link);
	rb_insert_color(node, tree);
}

static inline void rb_add_cached(struct rb_node *node, struct rb_root_cached *tree,
				 bool (*less)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_root.rb_node;
	struct rb_node *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (less(node, parent)) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(node, parent, link);
	rb_insert_color_cached(node, tree, leftmost);
}

/*
 * Find a node matching @key. @cmp(key, node) is <0, 0 or >0 as key sorts
 * before, with or after node. With several equal keys any one may be found.
 */
static inline struct rb_node *rb_find(const void *key, const struct rb_root *tree,
				      int (*cmp)(const void *key, const struct rb_node *))
{
	struct rb_node *node = tree->rb_node;

	while (node) {
		int c = cmp(key, node);

		if (c < 0)
			node = node->rb_left;
		else if (c > 0)
			node = node->rb_right;
		else
			return node;
	}
	return NULL;
}

#endif
