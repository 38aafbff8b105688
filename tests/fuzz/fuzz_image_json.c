/*
 * libFuzzer target: image metadata. The input is JSON text, loaded as the
 * kernel loads it (jansson, duplicate keys refused; its numbers through
 * oci/jansson_glue.c as in the kernel) and given to every parser of
 * oci/manifest.c: docker save's manifest.json, the platform choice in an
 * OCI index, an OCI manifest, an image config; a config that parses is
 * then taken through oci/spec.c (argv, environment, and its User against
 * a fixed passwd and group). Checked beyond "no crash, no leak, no
 * undefined behaviour": every member name a manifest yields stays inside
 * the archive (relative, no ".." component), digests are 64 lower-case
 * hex digits, layer counts are within OCI_MAX_LAYERS.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../oci/image.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); abort(); } } while (0)

static const char passwd[] = "root:x:0:0:root:/root:/bin/bash\n"
			     "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
			     "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
static const char group[] = "root:x:0:\nusers:x:100:\nwww-data:x:33:\n";

static void check_member(const char *s)
{
	const char *p = s;

	CHECK(s && *s && *s != '/' && strlen(s) < OCI_PATH_MAX);
	while (*p) {
		size_t n = strcspn(p, "/");

		CHECK(!(n == 2 && p[0] == '.' && p[1] == '.'));
		p += n;
		if (*p)
			p++;
	}
}

static void check_digest(const struct oci_digest *d)
{
	CHECK(strlen(d->hex) == 64 && strspn(d->hex, "0123456789abcdef") == 64);
}

static void check_manifest(const struct oci_manifest *m)
{
	check_member(m->config_member);
	if (m->has_config_digest)
		check_digest(&m->config_digest);
	CHECK(m->nr_layers >= 0 && m->nr_layers <= OCI_MAX_LAYERS);
	for (int i = 0; i < m->nr_layers; i++) {
		check_member(m->layers[i].member);
		if (m->layers[i].has_digest)
			check_digest(&m->layers[i].digest);
		CHECK(m->layers[i].size >= -1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t je;
	json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	struct oci_manifest m;
	struct oci_config c;
	struct oci_digest d;
	char err[256];
	bool is_index;

	if (!j)
		return 0;
	if (!oci_parse_docker_manifest(j, &m, err, sizeof(err))) {
		check_manifest(&m);
		oci_manifest_free(&m);
	}
	if (!oci_pick_manifest(j, "linux", "amd64", &d, &is_index, err, sizeof(err)))
		check_digest(&d);
	if (!oci_parse_oci_manifest(j, &m, err, sizeof(err))) {
		check_manifest(&m);
		oci_manifest_free(&m);
	}
	if (!oci_parse_config(j, &c, err, sizeof(err))) {
		struct oci_run_opts o = { 0 };
		char **argv, **envp, home[256];
		unsigned uid, gid;

		CHECK(c.env && c.nr_diff_ids >= 0 && c.nr_diff_ids <= OCI_MAX_LAYERS);
		for (int i = 0; i < c.nr_diff_ids; i++)
			check_digest(&c.diff_ids[i]);
		if (!oci_build_argv(&c, &o, &argv, err, sizeof(err))) {
			CHECK(argv[0]);
			oci_strv_free(argv);
		}
		o.env = c.cmd;   /* any strings as -e overrides */
		if (!oci_build_env(&c, &o, "fuzzhost", "/root", &envp)) {
			/* Docker's rules add PATH, HOSTNAME and HOME when missing. */
			bool path = false, host = false;

			for (char **e = envp; *e; e++) {
				path |= !strncmp(*e, "PATH=", 5);
				host |= !strncmp(*e, "HOSTNAME=", 9);
			}
			CHECK(path && host);
			oci_strv_free(envp);
		}
		oci_resolve_user(c.user, passwd, group, &uid, &gid, home, sizeof(home), err, sizeof(err));
		oci_config_free(&c);
	}
	json_decref(j);
	return 0;
}
