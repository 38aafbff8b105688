/*
 * Image metadata from JSON: docker save's manifest.json, OCI image indexes
 * and manifests, image configs. See image.h. Every field is type-checked;
 * members named by a manifest must be plain relative names (no "..", no
 * leading "/"), so a hostile manifest cannot point the reader outside the
 * archive's own members.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

#define MEDIA_LAYER_TAR "application/vnd.oci.image.layer.v1.tar"
#define MEDIA_DOCKER_LAYER "application/vnd.docker.image.rootfs.diff.tar"
#define MEDIA_OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define MEDIA_DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"

static int fail(char *err, size_t errlen, int code, const char *msg, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, "%s%s%s", msg, what ? ": " : "", what ? what : "");
	return code;
}

int oci_parse_digest(const char *s, struct oci_digest *d)
{
	if (!s || strncmp(s, "sha256:", 7) || strlen(s) != 7 + 64)
		return -EINVAL;
	for (int i = 0; i < 64; i++) {
		char c = s[7 + i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return -EINVAL;
		d->hex[i] = c;
	}
	d->hex[64] = 0;
	return 0;
}

/* A member name a manifest may use: relative, no "..", not empty. */
static bool member_ok(const char *s)
{
	const char *p = s;

	if (!s || !*s || *s == '/' || strlen(s) >= OCI_PATH_MAX)
		return false;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		if (*p)
			p++;
	}
	return true;
}

static bool is_hex64(const char *s, size_t n)
{
	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* docker save names blobs after their digest in several ways:
 * "<hex>.tar.gz", "<hex>/layer.tar", "blobs/sha256/<hex>". */
static bool digest_from_member(const char *name, struct oci_digest *d)
{
	const char *base = strrchr(name, '/');
	const char *start = name;
	size_t n;

	if (!strncmp(name, "blobs/sha256/", 13))
		start = name + 13;
	else if (base && !strcmp(base, "/layer.tar"))
		start = name;
	else if (base)
		start = base + 1;
	n = strcspn(start, "./");
	if (!is_hex64(start, n))
		return false;
	memcpy(d->hex, start, 64);
	d->hex[64] = 0;
	return true;
}

void oci_manifest_free(struct oci_manifest *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->nr_layers; i++)
		free(m->layers[i].member);
	free(m->layers);
	free(m->config_member);
	free(m->ref_name);
	memset(m, 0, sizeof(*m));
}

int oci_parse_docker_manifest(json_t *j, struct oci_manifest *m, char *err, size_t errlen)
{
	json_t *img, *cfg, *layers, *tags;
	size_t n;

	memset(m, 0, sizeof(*m));
	if (!json_is_array(j) || json_array_size(j) < 1)
		return fail(err, errlen, -EINVAL, "manifest.json: not an array of images", NULL);
	img = json_array_get(j, 0);
	cfg = json_object_get(img, "Config");
	layers = json_object_get(img, "Layers");
	if (!json_is_string(cfg) || !member_ok(json_string_value(cfg)))
		return fail(err, errlen, -EINVAL, "manifest.json: bad or missing Config", NULL);
	if (!json_is_array(layers))
		return fail(err, errlen, -EINVAL, "manifest.json: bad or missing Layers", NULL);
	n = json_array_size(layers);
	if (n > OCI_MAX_LAYERS)
		return fail(err, errlen, -E2BIG, "manifest.json: too many layers", NULL);
	m->config_member = strdup(json_string_value(cfg));
	m->has_config_digest = digest_from_member(m->config_member, &m->config_digest);
	m->layers = calloc(n ? n : 1, sizeof(*m->layers));
	if (!m->config_member || !m->layers)
		goto nomem;
	tags = json_object_get(img, "RepoTags");
	if (json_is_array(tags) && json_is_string(json_array_get(tags, 0))) {
		m->ref_name = strdup(json_string_value(json_array_get(tags, 0)));
		if (!m->ref_name)
			goto nomem;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *l = json_array_get(layers, i);
		struct oci_layer_ref *r = &m->layers[i];

		if (!json_is_string(l) || !member_ok(json_string_value(l))) {
			oci_manifest_free(m);
			return fail(err, errlen, -EINVAL, "manifest.json: bad layer name", NULL);
		}
		r->member = strdup(json_string_value(l));
		if (!r->member)
			goto nomem;
		m->nr_layers++;
		r->has_digest = digest_from_member(r->member, &r->digest);
		r->size = -1;
		r->comp = OCI_COMP_DETECT;
	}
	return 0;
nomem:
	oci_manifest_free(m);
	return fail(err, errlen, -ENOMEM, "out of memory", NULL);
}

/* A descriptor's digest and media type. */
static int descriptor(json_t *d, struct oci_digest *dg, const char **media, long long *size)
{
	json_t *s = json_object_get(d, "size");

	if (!json_is_object(d) || oci_parse_digest(json_string_value(json_object_get(d, "digest")), dg))
		return -EINVAL;
	if (media)
		*media = json_string_value(json_object_get(d, "mediaType"));
	if (size)
		*size = json_is_integer(s) ? json_integer_value(s) : -1;
	if (size && *size < -1)
		return -EINVAL;
	return 0;
}

int oci_pick_manifest(json_t *index, const char *os, const char *arch, struct oci_digest *d,
		      bool *is_index, char *err, size_t errlen)
{
	json_t *ms = json_object_get(index, "manifests");
	size_t n;

	if (!json_is_object(index) || !json_is_array(ms))
		return fail(err, errlen, -EINVAL, "index.json: no manifests array", NULL);
	n = json_array_size(ms);
	if (!n)
		return fail(err, errlen, -ENOENT, "index.json: no manifests", NULL);
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(ms, i), *plat = json_object_get(e, "platform");
		const char *media = NULL;

		if (descriptor(e, d, &media, NULL))
			return fail(err, errlen, -EINVAL, "index.json: bad manifest descriptor", NULL);
		if (plat) {
			const char *po = json_string_value(json_object_get(plat, "os"));
			const char *pa = json_string_value(json_object_get(plat, "architecture"));

			if (!po || !pa || strcmp(po, os) || strcmp(pa, arch))
				continue;
		} else if (n > 1) {
			continue;   /* several without platforms: none is known to be ours */
		}
		*is_index = media && (!strcmp(media, MEDIA_OCI_INDEX) || !strcmp(media, MEDIA_DOCKER_LIST));
		return 0;
	}
	if (err && errlen)
		snprintf(err, errlen, "no image for %s/%s in the index", os, arch);
	return -ENOENT;
}

/* The layer media types there are (OCI image-spec's layer types, their
 * "nondistributable" twins, and Docker's), and the compression each names.
 * A manifest without a media type leaves it to the reader to detect. */
static const struct {
	const char *media;
	enum oci_compression comp;
} layer_media[] = {
	{ MEDIA_LAYER_TAR, OCI_COMP_NONE },
	{ MEDIA_LAYER_TAR "+gzip", OCI_COMP_GZIP },
	{ MEDIA_LAYER_TAR "+zstd", OCI_COMP_ZSTD },
	{ "application/vnd.oci.image.layer.nondistributable.v1.tar", OCI_COMP_NONE },
	{ "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", OCI_COMP_GZIP },
	{ "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd", OCI_COMP_ZSTD },
	{ MEDIA_DOCKER_LAYER, OCI_COMP_NONE },
	{ MEDIA_DOCKER_LAYER ".gzip", OCI_COMP_GZIP },
	{ MEDIA_DOCKER_LAYER ".zstd", OCI_COMP_ZSTD },
	{ "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", OCI_COMP_GZIP },
};

/* The compression a layer media type names; -EINVAL for a type that is
 * not a layer we can read (encrypted "+encrypted" layers, other blobs). */
static int media_compression(const char *media, enum oci_compression *comp)
{
	*comp = OCI_COMP_DETECT;
	if (!media)
		return 0;
	for (size_t i = 0; i < sizeof(layer_media) / sizeof(layer_media[0]); i++) {
		if (!strcmp(media, layer_media[i].media)) {
			*comp = layer_media[i].comp;
			return 0;
		}
	}
	return -EINVAL;
}

static char *blob_member(const struct oci_digest *d)
{
	char *s = malloc(13 + 65);

	if (s)
		snprintf(s, 13 + 65, "blobs/sha256/%s", d->hex);
	return s;
}

int oci_parse_oci_manifest(json_t *j, struct oci_manifest *m, char *err, size_t errlen)
{
	json_t *layers;
	size_t n;

	memset(m, 0, sizeof(*m));
	if (!json_is_object(j) || json_integer_value(json_object_get(j, "schemaVersion")) != 2)
		return fail(err, errlen, -EINVAL, "manifest: not a schemaVersion 2 manifest", NULL);
	if (descriptor(json_object_get(j, "config"), &m->config_digest, NULL, NULL))
		return fail(err, errlen, -EINVAL, "manifest: bad config descriptor", NULL);
	m->has_config_digest = true;
	layers = json_object_get(j, "layers");
	if (!json_is_array(layers))
		return fail(err, errlen, -EINVAL, "manifest: bad or missing layers", NULL);
	n = json_array_size(layers);
	if (n > OCI_MAX_LAYERS)
		return fail(err, errlen, -E2BIG, "manifest: too many layers", NULL);
	m->config_member = blob_member(&m->config_digest);
	m->layers = calloc(n ? n : 1, sizeof(*m->layers));
	if (!m->config_member || !m->layers) {
		oci_manifest_free(m);
		return fail(err, errlen, -ENOMEM, "out of memory", NULL);
	}
	for (size_t i = 0; i < n; i++) {
		struct oci_layer_ref *r = &m->layers[i];
		const char *media = NULL;

		if (descriptor(json_array_get(layers, i), &r->digest, &media, &r->size)) {
			oci_manifest_free(m);
			return fail(err, errlen, -EINVAL, "manifest: bad layer descriptor", NULL);
		}
		r->has_digest = true;
		if (media_compression(media, &r->comp)) {
			oci_manifest_free(m);
			return fail(err, errlen, -EINVAL, "manifest: unsupported layer media type", media);
		}
		r->member = blob_member(&r->digest);
		if (!r->member) {
			oci_manifest_free(m);
			return fail(err, errlen, -ENOMEM, "out of memory", NULL);
		}
		m->nr_layers++;
	}
	return 0;
}

/* A JSON array of strings as a NULL-terminated vector; NULL for JSON null
 * or absence (*present false), -EINVAL for anything else. */
static int strv_from_json(json_t *a, char ***out, bool *present)
{
	size_t n;
	char **v;

	*out = NULL;
	if (present)
		*present = a && !json_is_null(a);
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > OCI_MAX_ARGS)
		return -EINVAL;
	n = json_array_size(a);
	v = calloc(n + 1, sizeof(char *));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *s = json_string_value(json_array_get(a, i));

		if (!s || !(v[i] = strdup(s))) {
			oci_strv_free(v);
			return s ? -ENOMEM : -EINVAL;
		}
	}
	*out = v;
	return 0;
}

void oci_config_free(struct oci_config *c)
{
	if (!c)
		return;
	free(c->arch);
	free(c->os);
	oci_strv_free(c->env);
	oci_strv_free(c->entrypoint);
	oci_strv_free(c->cmd);
	free(c->working_dir);
	free(c->user);
	free(c->diff_ids);
	memset(c, 0, sizeof(*c));
}

static int opt_string(json_t *o, const char *key, char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
		return 0;
	if (!json_is_string(v))
		return -EINVAL;
	*out = strdup(json_string_value(v));
	return *out ? 0 : -ENOMEM;
}

int oci_parse_config(json_t *j, struct oci_config *c, char *err, size_t errlen)
{
	json_t *cfg, *rootfs, *ids;
	size_t n;
	int r;

	memset(c, 0, sizeof(*c));
	if (!json_is_object(j))
		return fail(err, errlen, -EINVAL, "config: not a JSON object", NULL);
	cfg = json_object_get(j, "config");
	if (cfg && !json_is_null(cfg) && !json_is_object(cfg))
		return fail(err, errlen, -EINVAL, "config: bad config section", NULL);
	if ((r = opt_string(j, "architecture", &c->arch)) || (r = opt_string(j, "os", &c->os)) ||
	    (r = strv_from_json(json_object_get(cfg, "Env"), &c->env, NULL)) ||
	    (r = strv_from_json(json_object_get(cfg, "Entrypoint"), &c->entrypoint, NULL)) ||
	    (r = strv_from_json(json_object_get(cfg, "Cmd"), &c->cmd, NULL)) ||
	    (r = opt_string(cfg, "WorkingDir", &c->working_dir)) ||
	    (r = opt_string(cfg, "User", &c->user))) {
		oci_config_free(c);
		return fail(err, errlen, r, "config: a field of the wrong type", NULL);
	}
	if (!c->env && !(c->env = calloc(1, sizeof(char *)))) {
		oci_config_free(c);
		return fail(err, errlen, -ENOMEM, "out of memory", NULL);
	}
	rootfs = json_object_get(j, "rootfs");
	ids = json_object_get(rootfs, "diff_ids");
	if (!json_is_array(ids) || strcmp(json_string_value(json_object_get(rootfs, "type")) ?: "",
					  "layers")) {
		oci_config_free(c);
		return fail(err, errlen, -EINVAL, "config: bad or missing rootfs.diff_ids", NULL);
	}
	n = json_array_size(ids);
	if (n > OCI_MAX_LAYERS) {
		oci_config_free(c);
		return fail(err, errlen, -E2BIG, "config: too many layers", NULL);
	}
	c->diff_ids = calloc(n ? n : 1, sizeof(*c->diff_ids));
	if (!c->diff_ids) {
		oci_config_free(c);
		return fail(err, errlen, -ENOMEM, "out of memory", NULL);
	}
	for (size_t i = 0; i < n; i++) {
		if (oci_parse_digest(json_string_value(json_array_get(ids, i)), &c->diff_ids[i])) {
			oci_config_free(c);
			return fail(err, errlen, -EINVAL, "config: bad diff_id", NULL);
		}
	}
	c->nr_diff_ids = (int)n;
	return 0;
}
