/*
 * The process a container runs, worked out as Docker does: argv from
 * Entrypoint and Cmd and the user's overrides, the environment, and the
 * user from the image's passwd and group files. See image.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

#define DEFAULT_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

void oci_strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

static size_t strv_len(char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* Append copies of src's strings to the vector at *v (length *n). */
static int strv_append(char ***v, size_t *n, char *const *src, size_t count)
{
	char **nv = realloc(*v, (*n + count + 1) * sizeof(char *));

	if (!nv)
		return -ENOMEM;
	*v = nv;
	for (size_t i = 0; i < count; i++) {
		nv[*n] = strdup(src[i]);
		if (!nv[*n]) {
			nv[*n] = NULL;
			return -ENOMEM;
		}
		(*n)++;
	}
	nv[*n] = NULL;
	return 0;
}

int oci_build_argv(const struct oci_config *c, const struct oci_run_opts *o, char ***argv,
		   char *err, size_t errlen)
{
	char **v = NULL;
	size_t n = 0;
	int r = 0;
	bool have_args = o && o->args && o->args[0];

	if (o && o->entrypoint) {
		/* --entrypoint replaces the image's and clears its Cmd (Docker);
		 * an empty string means "no entrypoint". */
		if (*o->entrypoint) {
			char *ep[1] = { (char *)o->entrypoint };

			r = strv_append(&v, &n, ep, 1);
		}
	} else if (c->entrypoint) {
		r = strv_append(&v, &n, c->entrypoint, strv_len(c->entrypoint));
	}
	if (!r) {
		if (have_args)
			r = strv_append(&v, &n, o->args, strv_len(o->args));
		else if (!(o && o->entrypoint) && c->cmd)
			r = strv_append(&v, &n, c->cmd, strv_len(c->cmd));
	}
	if (!r && n == 0)
		r = -EINVAL;
	if (r) {
		oci_strv_free(v);
		if (err && errlen)
			snprintf(err, errlen, r == -EINVAL ? "no command specified" : "out of memory");
		return r;
	}
	*argv = v;
	return 0;
}

/* Index of the variable named like kv ("K=..." or "K") in v, or -1. */
static long env_find(char **v, size_t n, const char *kv)
{
	size_t klen = strcspn(kv, "=");

	for (size_t i = 0; i < n; i++)
		if (!strncmp(v[i], kv, klen) && v[i][klen] == '=')
			return (long)i;
	return -1;
}

static int env_set(char ***v, size_t *n, const char *kv, bool replace)
{
	long i = env_find(*v, *n, kv);

	if (i >= 0) {
		char *s;

		if (!replace)
			return 0;
		s = strdup(kv);
		if (!s)
			return -ENOMEM;
		free((*v)[i]);
		(*v)[i] = s;
		return 0;
	}
	return strv_append(v, n, (char *const *)&kv, 1);
}

int oci_build_env(const struct oci_config *c, const struct oci_run_opts *o, const char *hostname,
		  const char *home, char ***envp)
{
	char **v = NULL;
	size_t n = 0;
	char buf[320];
	int r = strv_append(&v, &n, c->env, strv_len(c->env));

	for (size_t i = 0; !r && o && o->env && o->env[i]; i++)
		if (strchr(o->env[i], '='))
			r = env_set(&v, &n, o->env[i], true);
	if (!r)
		r = env_set(&v, &n, DEFAULT_PATH, false);
	if (!r && hostname) {
		snprintf(buf, sizeof(buf), "HOSTNAME=%s", hostname);
		r = env_set(&v, &n, buf, false);
	}
	if (!r) {
		snprintf(buf, sizeof(buf), "HOME=%s", home && *home ? home : "/");
		r = env_set(&v, &n, buf, false);
	}
	if (r) {
		oci_strv_free(v);
		return r;
	}
	*envp = v;
	return 0;
}

static bool all_digits(const char *s, size_t n)
{
	if (!n || n > 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* A decimal field; 0 for an empty or non-numeric one, as runc's parser
 * takes it (Atoi's error ignored). */
static unsigned to_uint(const char *s, size_t n)
{
	unsigned long v = 0;

	if (!all_digits(s, n))
		return 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v > 0xfffffffeUL ? 0xfffffffeU : (unsigned)v;
}

/* Find field 0 == key (by name) or field 2 == id (numeric) in a colon file;
 * copies the line's fields into f[0..nf). */
static bool colon_lookup(const char *text, const char *key, size_t klen, bool numeric, char f[7][256],
			 int nf)
{
	const char *line = text;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *p = line;
		int i = 0;

		/* A short line leaves its missing fields empty (found by fuzzing
		 * under MemorySanitizer: they were read uninitialized). */
		for (int k = 0; k < nf; k++)
			f[k][0] = 0;
		for (; i < nf; i++) {
			size_t fl = strcspn(p, ":\n");

			if ((size_t)(p - line) + fl > len)
				fl = len - (size_t)(p - line);
			if (fl > 255)
				fl = 255;
			memcpy(f[i], p, fl);
			f[i][fl] = 0;
			p += fl;
			if (*p != ':')
				break;
			p++;
		}
		if (i >= 2) {
			const char *cmp = numeric ? f[2] : f[0];

			if (strlen(cmp) == klen && !strncmp(cmp, key, klen))
				return true;
		}
		line = end ? end + 1 : NULL;
	}
	return false;
}

int oci_resolve_user(const char *spec, const char *passwd, const char *group, unsigned *uid,
		     unsigned *gid, char *home, size_t homelen, char *err, size_t errlen)
{
	char f[7][256];
	const char *colon;
	size_t ulen;

	if (!spec || !*spec)
		spec = "0";
	colon = strchr(spec, ':');
	ulen = colon ? (size_t)(colon - spec) : strlen(spec);
	if (home && homelen)
		snprintf(home, homelen, "/");
	if (all_digits(spec, ulen)) {
		*uid = to_uint(spec, ulen);
		*gid = 0;
		if (passwd && colon_lookup(passwd, spec, ulen, true, f, 7)) {
			*gid = to_uint(f[3], strlen(f[3]));
			if (home && homelen && f[5][0])
				snprintf(home, homelen, "%s", f[5]);
		}
	} else {
		if (!passwd || !colon_lookup(passwd, spec, ulen, false, f, 7) ||
		    !all_digits(f[2], strlen(f[2]))) {
			if (err && errlen)
				snprintf(err, errlen, "unable to find user %.*s: no matching entries in passwd file",
					 (int)ulen, spec);
			return -ENOENT;
		}
		*uid = to_uint(f[2], strlen(f[2]));
		*gid = to_uint(f[3], strlen(f[3]));
		if (home && homelen && f[5][0])
			snprintf(home, homelen, "%s", f[5]);
	}
	if (colon) {
		const char *g = colon + 1;
		size_t glen = strlen(g);

		if (all_digits(g, glen)) {
			*gid = to_uint(g, glen);
		} else if (group && colon_lookup(group, g, glen, false, f, 4) &&
			   all_digits(f[2], strlen(f[2]))) {
			*gid = to_uint(f[2], strlen(f[2]));
		} else {
			if (err && errlen)
				snprintf(err, errlen, "unable to find group %s: no matching entries in group file", g);
			return -ENOENT;
		}
	}
	return 0;
}

int oci_user_groups(const char *spec, const char *passwd, const char *group, unsigned *gids, int max)
{
	char f[7][256], name[256];
	const char *colon, *line;
	size_t ulen;
	int n = 0;

	if (!spec || !*spec)
		spec = "0";
	colon = strchr(spec, ':');
	ulen = colon ? (size_t)(colon - spec) : strlen(spec);
	/* runc takes the name from the passwd entry, found by name or uid. */
	if (!passwd || !colon_lookup(passwd, spec, ulen, all_digits(spec, ulen), f, 7))
		return 0;
	snprintf(name, sizeof(name), "%s", f[0]);
	for (line = group; line && *line;) {
		const char *end = strchr(line, '\n'), *m;
		size_t len = end ? (size_t)(end - line) : strlen(line), nl = strlen(name);
		int colons = 0;
		const char *gid = NULL;

		/* name:passwd:gid:member,member */
		for (m = line; m < line + len && colons < 3; m++)
			if (*m == ':' && ++colons == 2)
				gid = m + 1;
		if (colons == 3 && gid) {
			size_t glen = strcspn(gid, ":");

			for (const char *p = m; p < line + len;) {
				size_t ml = strcspn(p, ",\n");

				if (p + ml > line + len)
					ml = (size_t)(line + len - p);
				if (ml == nl && !strncmp(p, name, nl) && all_digits(gid, glen)) {
					if (n < max)
						gids[n] = to_uint(gid, glen);
					n++;
					break;
				}
				p += ml + 1;
			}
		}
		line = end ? end + 1 : NULL;
	}
	return n < max ? n : max;
}
