/*
 * <kernel/list.h>: random sequences of list and hlist operations checked,
 * after every step, against a plain array model: forward and backward
 * order, the link invariants, and every query (empty, singular, first,
 * last, count). Then each iteration macro on its own.
 */
#include "unit.h"
#include <kernel/list.h>

enum { NITEMS = 48, NLISTS = 4, STEPS = 40000 };

struct item {
	int id;
	struct list_head node;
	struct hlist_node hnode;
};

static struct item items[NITEMS];

/* The model: each list as an array of ids; where each item is (-1: nowhere). */
struct model {
	int ids[NLISTS][NITEMS];
	int len[NLISTS];
	int where[NITEMS];
};

static void model_remove(struct model *m, int id)
{
	int l = m->where[id];

	for (int i = 0; i < m->len[l]; i++) {
		if (m->ids[l][i] == id) {
			memmove(&m->ids[l][i], &m->ids[l][i + 1], (m->len[l] - i - 1) * sizeof(int));
			m->len[l]--;
			break;
		}
	}
	m->where[id] = -1;
}

static void model_insert(struct model *m, int l, int pos, int id)
{
	memmove(&m->ids[l][pos + 1], &m->ids[l][pos], (m->len[l] - pos) * sizeof(int));
	m->ids[l][pos] = id;
	m->len[l]++;
	m->where[id] = l;
}

static int model_pos(const struct model *m, int id)
{
	int l = m->where[id];

	for (int i = 0; i < m->len[l]; i++) {
		if (m->ids[l][i] == id)
			return i;
	}
	return -1;
}

static bool verify_list(struct list_head *head, const int *ids, int len, const char *what,
			int step)
{
	struct item *it;
	struct list_head *pos;
	int i = 0;

	list_for_each(pos, head) {
		if (pos->next->prev != pos || pos->prev->next != pos) {
			CHECK(0, "step %d %s: broken links at position %d", step, what, i);
			return false;
		}
		if (i >= len)
			break;
		i++;
	}
	i = 0;
	list_for_each_entry(it, head, node) {
		if (i >= len || it->id != ids[i]) {
			CHECK(0, "step %d %s: forward order differs at %d", step, what, i);
			return false;
		}
		i++;
	}
	CHECK(i == len, "step %d %s: %d entries forward, model has %d", step, what, i, len);
	i = len;
	list_for_each_entry_reverse(it, head, node) {
		if (i <= 0 || it->id != ids[i - 1]) {
			CHECK(0, "step %d %s: backward order differs at %d", step, what, i);
			return false;
		}
		i--;
	}
	CHECK(i == 0, "step %d %s: backward walk stopped early", step, what);
	CHECK(list_empty(head) == (len == 0), "step %d %s: list_empty wrong", step, what);
	CHECK(list_is_singular(head) == (len == 1), "step %d %s: list_is_singular wrong", step, what);
	CHECK(list_count_nodes(head) == (size_t)len, "step %d %s: list_count_nodes", step, what);
	CHECK(head->next->prev == head && head->prev->next == head, "step %d %s: head links", step,
	      what);
	struct item *first = list_first_entry_or_null(head, struct item, node);
	if (len) {
		CHECK(first && first->id == ids[0], "step %d %s: first_entry_or_null", step, what);
		CHECK(list_first_entry(head, struct item, node)->id == ids[0] &&
		      list_last_entry(head, struct item, node)->id == ids[len - 1],
		      "step %d %s: first/last entry", step, what);
		CHECK(list_is_first(&items[ids[0]].node, head) &&
		      list_is_last(&items[ids[len - 1]].node, head),
		      "step %d %s: is_first/is_last", step, what);
	} else {
		CHECK(first == NULL, "step %d %s: first_entry_or_null on empty list", step, what);
	}
	return true;
}

static void test_list_random(void)
{
	struct list_head heads[NLISTS];
	struct model m = { 0 };
	char what[32];

	for (int l = 0; l < NLISTS; l++)
		INIT_LIST_HEAD(&heads[l]);
	for (int i = 0; i < NITEMS; i++) {
		items[i].id = i;
		m.where[i] = -1;
	}

	for (int step = 0; step < STEPS; step++) {
		int id = unit_rand_below(NITEMS);
		int l = unit_rand_below(NLISTS), l2 = unit_rand_below(NLISTS);
		struct item *it = &items[id];
		int op = unit_rand_below(12);

		if (m.where[id] < 0) {
			/* Off every list: the ops that add. */
			switch (op % 4) {
			case 0:
				list_add(&it->node, &heads[l]);
				model_insert(&m, l, 0, id);
				break;
			case 1:
				list_add_tail(&it->node, &heads[l]);
				model_insert(&m, l, m.len[l], id);
				break;
			case 2: {
				/* After or before a random entry of a random list. */
				if (!m.len[l])
					break;
				int pos = unit_rand_below(m.len[l]);
				struct item *at = &items[m.ids[l][pos]];

				if (unit_rand_below(2)) {
					list_add(&it->node, &at->node);
					model_insert(&m, l, pos + 1, id);
				} else {
					list_add_tail(&it->node, &at->node);
					model_insert(&m, l, pos, id);
				}
				break;
			}
			default: {
				/* Replace an entry of a list. */
				if (!m.len[l])
					break;
				int pos = unit_rand_below(m.len[l]);
				int old = m.ids[l][pos];

				list_replace_init(&items[old].node, &it->node);
				CHECK(list_empty(&items[old].node), "replace_init leaves old empty");
				m.ids[l][pos] = id;
				m.where[id] = l;
				m.where[old] = -1;
				break;
			}
			}
		} else {
			int from = m.where[id];

			switch (op) {
			case 0:
				list_del(&it->node);
				CHECK(it->node.next == LIST_POISON1 && it->node.prev == LIST_POISON2,
				      "list_del poisons");
				model_remove(&m, id);
				break;
			case 1:
				list_del_init(&it->node);
				CHECK(list_empty(&it->node), "list_del_init leaves it empty");
				model_remove(&m, id);
				break;
			case 2:
				list_move(&it->node, &heads[l]);
				model_remove(&m, id);
				model_insert(&m, l, 0, id);
				break;
			case 3:
				list_move_tail(&it->node, &heads[l]);
				model_remove(&m, id);
				model_insert(&m, l, m.len[l], id);
				break;
			case 4:
				if (l == l2)
					break;
				list_splice_init(&heads[l], &heads[l2]);
				for (int i = m.len[l] - 1; i >= 0; i--)
					model_insert(&m, l2, 0, m.ids[l][i]);
				m.len[l] = 0;
				break;
			case 5:
				if (l == l2)
					break;
				list_splice_tail_init(&heads[l], &heads[l2]);
				for (int i = 0; i < m.len[l]; i++)
					model_insert(&m, l2, m.len[l2], m.ids[l][i]);
				m.len[l] = 0;
				break;
			case 6:
				if (l == l2)
					break;
				/* The non-init forms leave the source stale: re-init it. */
				if (unit_rand_below(2)) {
					list_splice(&heads[l], &heads[l2]);
					for (int i = m.len[l] - 1; i >= 0; i--)
						model_insert(&m, l2, 0, m.ids[l][i]);
				} else {
					list_splice_tail(&heads[l], &heads[l2]);
					for (int i = 0; i < m.len[l]; i++)
						model_insert(&m, l2, m.len[l2], m.ids[l][i]);
				}
				INIT_LIST_HEAD(&heads[l]);
				m.len[l] = 0;
				break;
			case 7:
				list_rotate_left(&heads[from]);
				if (m.len[from] > 1) {
					int first = m.ids[from][0];

					model_remove(&m, first);
					model_insert(&m, from, m.len[from], first);
				}
				break;
			default: {
				/* list_next_entry/list_prev_entry agree with the model. */
				int pos = model_pos(&m, id);

				if (pos + 1 < m.len[from])
					CHECK(list_next_entry(it, node)->id == m.ids[from][pos + 1],
					      "list_next_entry");
				if (pos > 0)
					CHECK(list_prev_entry(it, node)->id == m.ids[from][pos - 1],
					      "list_prev_entry");
				break;
			}
			}
		}

		for (int k = 0; k < NLISTS; k++) {
			snprintf(what, sizeof(what), "list %d", k);
			if (!verify_list(&heads[k], m.ids[k], m.len[k], what, step))
				return;
		}
		if (UNIT_FAILURES())
			return;
	}
}

static void test_list_iterators(void)
{
	LIST_HEAD(head);
	static struct list_head static_head = LIST_HEAD_INIT(static_head);
	struct item *it, *tmp;
	struct list_head *pos, *n;
	int i;

	CHECK(list_empty(&head) && list_empty(&static_head), "LIST_HEAD starts empty");
	for (i = 0; i < 10; i++) {
		items[i].id = i;
		list_add_tail(&items[i].node, &head);
	}

	/* Delete the odd ones while iterating. */
	list_for_each_entry_safe(it, tmp, &head, node) {
		if (it->id % 2)
			list_del(&it->node);
	}
	i = 0;
	list_for_each_entry(it, &head, node) {
		CHECK(it->id == 2 * i, "after safe deletion: %d at %d", it->id, i);
		i++;
	}
	CHECK(i == 5, "after safe deletion: %d left", i);

	i = 4;
	list_for_each_prev(pos, &head) {
		CHECK(list_entry(pos, struct item, node)->id == 2 * i, "list_for_each_prev");
		i--;
	}

	/* continue: from the entry after 4; from: starting at 4. */
	struct item *four = &items[4];
	i = 0;
	it = four;
	list_for_each_entry_continue(it, &head, node)
		CHECK(it->id == 6 + 2 * i++, "list_for_each_entry_continue");
	CHECK(i == 2, "continue visited %d", i);
	i = 0;
	it = four;
	list_for_each_entry_from(it, &head, node)
		CHECK(it->id == 4 + 2 * i++, "list_for_each_entry_from");
	CHECK(i == 3, "from visited %d", i);

	/* Reverse-safe deletion of everything, checking the order. */
	i = 4;
	list_for_each_entry_safe_reverse(it, tmp, &head, node) {
		CHECK(it->id == 2 * i, "safe_reverse order");
		i--;
		list_del_init(&it->node);
	}
	CHECK(list_empty(&head), "safe_reverse emptied the list");

	for (i = 0; i < 5; i++)
		list_add(&items[i].node, &head);
	i = 0;
	list_for_each_safe(pos, n, &head) {
		list_del(pos);
		i++;
	}
	CHECK(i == 5 && list_empty(&head), "list_for_each_safe deletion");
}

/* Hash lists, against a model of NLISTS buckets. */
static bool verify_hlist(struct hlist_head *h, const int *ids, int len, int step)
{
	struct item *it;
	struct hlist_node *pos;
	struct hlist_node **expect_pprev = &h->first;
	int i = 0;

	hlist_for_each(pos, h) {
		if (pos->pprev != expect_pprev) {
			CHECK(0, "step %d: pprev wrong at %d", step, i);
			return false;
		}
		expect_pprev = &pos->next;
		if (++i > len)
			break;
	}
	i = 0;
	hlist_for_each_entry(it, h, hnode) {
		if (i >= len || it->id != ids[i]) {
			CHECK(0, "step %d: hlist order differs at %d", step, i);
			return false;
		}
		CHECK(!hlist_unhashed(&it->hnode), "step %d: entry unhashed", step);
		i++;
	}
	CHECK(i == len, "step %d: %d hlist entries, model %d", step, i, len);
	CHECK(hlist_empty(h) == (len == 0), "step %d: hlist_empty wrong", step);
	return true;
}

static void test_hlist_random(void)
{
	struct hlist_head heads[NLISTS];
	struct model m = { 0 };

	for (int l = 0; l < NLISTS; l++)
		INIT_HLIST_HEAD(&heads[l]);
	for (int i = 0; i < NITEMS; i++) {
		items[i].id = i;
		INIT_HLIST_NODE(&items[i].hnode);
		CHECK(hlist_unhashed(&items[i].hnode), "INIT_HLIST_NODE is unhashed");
		m.where[i] = -1;
	}

	for (int step = 0; step < STEPS; step++) {
		int id = unit_rand_below(NITEMS);
		int l = unit_rand_below(NLISTS), l2 = unit_rand_below(NLISTS);
		struct item *it = &items[id];
		int op = unit_rand_below(4);

		if (m.where[id] < 0) {
			if (op == 0 || !m.len[l]) {
				hlist_add_head(&it->hnode, &heads[l]);
				model_insert(&m, l, 0, id);
			} else {
				int pos = unit_rand_below(m.len[l]);
				struct item *at = &items[m.ids[l][pos]];

				if (op == 1) {
					hlist_add_before(&it->hnode, &at->hnode);
					model_insert(&m, l, pos, id);
				} else {
					hlist_add_behind(&it->hnode, &at->hnode);
					model_insert(&m, l, pos + 1, id);
				}
			}
		} else {
			switch (op) {
			case 0:
				hlist_del(&it->hnode);
				CHECK(!hlist_unhashed(&it->hnode), "hlist_del leaves it poisoned");
				INIT_HLIST_NODE(&it->hnode);
				model_remove(&m, id);
				break;
			case 1:
				hlist_del_init(&it->hnode);
				CHECK(hlist_unhashed(&it->hnode), "hlist_del_init leaves it unhashed");
				hlist_del_init(&it->hnode);	/* a second time is harmless */
				model_remove(&m, id);
				break;
			case 2:
				if (l == l2 || m.len[l2])
					break;
				hlist_move_list(&heads[l], &heads[l2]);
				for (int i = 0; i < m.len[l]; i++)
					model_insert(&m, l2, i, m.ids[l][i]);
				m.len[l] = 0;
				break;
			default:
				break;
			}
		}
		for (int k = 0; k < NLISTS; k++) {
			if (!verify_hlist(&heads[k], m.ids[k], m.len[k], step))
				return;
		}
		if (UNIT_FAILURES())
			return;
	}

	/* Safe iteration deleting every entry of every bucket. */
	for (int k = 0; k < NLISTS; k++) {
		struct item *it;
		struct hlist_node *n;
		int count = 0;

		hlist_for_each_entry_safe(it, n, &heads[k], hnode) {
			hlist_del_init(&it->hnode);
			count++;
		}
		CHECK(count == m.len[k] && hlist_empty(&heads[k]), "hlist_for_each_entry_safe");
	}
	HLIST_HEAD(fresh);
	CHECK(hlist_empty(&fresh), "HLIST_HEAD starts empty");
}

int main(void)
{
	unit_run("list.random-ops", test_list_random);
	unit_run("list.iterators", test_list_iterators);
	unit_run("hlist.random-ops", test_hlist_random);
	return unit_exit();
}
