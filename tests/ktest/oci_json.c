/*
 * jansson as built into the kernel, run the only way it may be: in a
 * kernel thread with its own FPU state. A docker-save manifest and an
 * image config parse into the values expected; broken and hostile JSON
 * (truncated, wrong types, duplicate keys, 10,000 levels of nesting, huge
 * numbers) gives an error, never a crash; outside such a thread the door
 * refuses.
 */
#include <kernel/ktest.h>
#include <kernel/mutex.h>
#include <kernel/sched.h>
#include <string.h>

#include "../../oci/json.h"

int fpu_task_enable(void);

static const char manifest[] =
	"[{\"Config\":\"abc.json\",\"RepoTags\":[\"debian:bookworm\"],"
	"\"Layers\":[\"1111.tar.gz\",\"2222/layer.tar\"]}]";
static const char config[] =
	"{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/bin\"],"
	"\"Cmd\":[\"bash\"],\"WorkingDir\":\"/root\",\"User\":\"1000:100\"},"
	"\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:00\"]},\"size\":1.5e3}";

static int json_results[8];

static int json_worker(void *arg)
{
	char err[160];
	json_t *j, *m;
	int *r = json_results;

	if (fpu_task_enable())
		return -1;
	j = oci_json_load(manifest, strlen(manifest), err, sizeof(err));
	m = j ? json_array_get(j, 0) : NULL;
	r[0] = m && !strcmp(json_string_value(json_object_get(m, "Config")), "abc.json") &&
	       json_array_size(json_object_get(m, "Layers")) == 2;
	json_decref(j);

	j = oci_json_load(config, strlen(config), err, sizeof(err));
	r[1] = j && !strcmp(json_string_value(json_object_get(json_object_get(j, "config"),
								 "User")), "1000:100") &&
	       json_real_value(json_object_get(j, "size")) == 1500.0;
	json_decref(j);

	/* broken input: each an error with a message */
	r[2] = !oci_json_load(manifest, strlen(manifest) - 5, err, sizeof(err)) && err[0];
	r[3] = !oci_json_load("{\"a\":1,\"a\":2}", 13, err, sizeof(err));
	{
		static char deep[20001];

		memset(deep, '[', 10000);
		memset(deep + 10000, ']', 10000);
		r[4] = !oci_json_load(deep, 20000, err, sizeof(err));
	}
	r[5] = !oci_json_load("[1e99999]", 9, err, sizeof(err));
	r[6] = !oci_json_load("\"\\ud800\"", 8, err, sizeof(err));   /* lone surrogate */
	{
		static const char nums[] = "[-0.125, 1.5e300, 3, 0.1]";

		j = oci_json_load(nums, strlen(nums), err, sizeof(err));
		r[7] = j && json_real_value(json_array_get(j, 0)) == -0.125 &&
		       json_real_value(json_array_get(j, 1)) > 1.4e300 &&
		       json_integer_value(json_array_get(j, 2)) == 3 &&
		       json_real_value(json_array_get(j, 3)) == 0.1 &&
		       !oci_json_load("[12345678901234567890]", 22, err, sizeof(err));
		json_decref(j);
	}
	return 0;
}

KTEST(oci_json)
{
	struct task *t = kthread_run(json_worker, NULL, "ktest-json");
	char err[64];

	KT_ASSERT(t);
	KT_ASSERT_EQ(kthread_join(t), 0);
	for (int i = 0; i < 8; i++)
		KT_ASSERT_MSG(json_results[i], "check %d failed", i);
	/* not a kernel thread with FPU state (the ktest runner): refused */
	if (!oci_json_context_ok())
		KT_ASSERT(!oci_json_load("[]", 2, err, sizeof(err)));
}
