/*
 * The pure half of the OCI code: image metadata parsed from JSON (docker
 * save's manifest.json, OCI's index.json and manifests, image configs),
 * layer entry names checked and classified, and the process a container
 * runs worked out from the config and the user's overrides as Docker does
 * it. Nothing here touches files or kernel objects, so the same sources
 * build for the host and are unit-tested there (tests/unit/oci/); in the
 * kernel the parsers run in the OCI worker thread (JSON needs its FPU
 * state, see json.c), the process rules (spec.c) in the child a container
 * run starts (oci/container.c, which includes this without the JSON half:
 * OCI_NO_JSON).
 *
 * Errors: -EINVAL (malformed), -ENOENT (a reference to nothing), -E2BIG
 * (past a limit), -ENOMEM; with a one-line message in the caller's err.
 */
#ifndef OCI_IMAGE_H
#define OCI_IMAGE_H

#ifndef OCI_NO_JSON
#include <jansson.h>
#endif
#include <stdbool.h>
#include <stddef.h>

#include "layer.h"

#define OCI_MAX_LAYERS 128
#define OCI_MAX_ARGS 4096
#define OCI_PATH_MAX 4096

struct oci_digest {
	char hex[65];                   /* sha256 only: 64 lower-case hex digits */
};

struct oci_layer_ref {
	char *member;                   /* its name inside the image archive */
	bool has_digest;                /* blob digest known (OCI; docker-save blob names) */
	struct oci_digest digest;
	long long size;                 /* -1: not given */
	enum oci_compression comp;      /* from the media type, or DETECT */
};

struct oci_manifest {
	char *config_member;
	bool has_config_digest;
	struct oci_digest config_digest;
	int nr_layers;
	struct oci_layer_ref *layers;
	char *ref_name;                 /* RepoTags[0] or the ref.name annotation; may be NULL */
};

struct oci_config {
	char *arch, *os;
	char **env;                     /* NULL-terminated; never NULL after a parse */
	char **entrypoint;              /* NULL: not set */
	char **cmd;                     /* NULL: not set */
	char *working_dir;              /* NULL: not set */
	char *user;                     /* NULL: not set */
	int nr_diff_ids;
	struct oci_digest *diff_ids;
};

/* "sha256:<64 hex>" → d. -EINVAL for anything else (other algorithms too). */
int oci_parse_digest(const char *s, struct oci_digest *d);

#ifndef OCI_NO_JSON
/* docker save's manifest.json: the first image of the array. */
int oci_parse_docker_manifest(json_t *j, struct oci_manifest *m, char *err, size_t errlen);
/* OCI index.json (or a nested image index): the manifest for os/arch
 * ("linux"/"amd64"); a manifest without a platform counts as a match
 * when it is the only one. *is_index tells whether the chosen entry is
 * itself an index (follow it). */
int oci_pick_manifest(json_t *index, const char *os, const char *arch, struct oci_digest *d,
		      bool *is_index, char *err, size_t errlen);
/* An OCI image manifest: config and layers as blobs/sha256/<hex>. */
int oci_parse_oci_manifest(json_t *j, struct oci_manifest *m, char *err, size_t errlen);
int oci_parse_config(json_t *j, struct oci_config *c, char *err, size_t errlen);
#endif
void oci_manifest_free(struct oci_manifest *m);
void oci_config_free(struct oci_config *c);

/* Layer entry names. The name as stored in the layer tar becomes a path
 * relative to the layer root: "./" prefixes, repeated and trailing slashes
 * go; "" is the root itself. -EINVAL for an absolute name, a ".."
 * component, or a path longer than OCI_PATH_MAX. */
int oci_entry_path(const char *name, char *out, size_t outlen);

enum oci_whiteout { OCI_WH_NONE, OCI_WH_FILE, OCI_WH_OPAQUE };
/* What a (normalized) entry is: a plain entry, ".wh.NAME" (target gets
 * "dir/NAME"), or ".wh..wh..opq" (target gets its directory). -EINVAL
 * (as an int) for ".wh." with nothing after it and other ".wh..wh.*". */
int oci_whiteout_kind(const char *path, char *target, size_t tlen);

/* What the unpacker does with one layer entry. */
enum oci_action {
	OCI_ACT_ROOT,                   /* the layer root: a directory's metadata, else nothing */
	OCI_ACT_OPAQUE,                 /* ".wh..wh..opq": mark directory target opaque */
	OCI_ACT_WHITEOUT,               /* ".wh.NAME": a 0/0 character device at target */
	OCI_ACT_DIR,
	OCI_ACT_FILE,
	OCI_ACT_SYMLINK,
	OCI_ACT_HARDLINK,               /* path links to target (must be an earlier non-directory) */
	OCI_ACT_FIFO,
	OCI_ACT_DEV_WHITEOUT,           /* a 0/0 character device as stored: an overlayfs whiteout */
};
#define OCI_MAX_FILE (64ULL << 30)      /* a regular file's size */
/* Decide what entry e becomes: its normalized path into path and, for
 * whiteouts, opaque directories and hardlinks, the normalized target into
 * target (both OCI_PATH_MAX + 1 bytes). Refused: -EPERM (an unsafe name or
 * hardlink target, a device node), -EINVAL (an invalid whiteout, an
 * unknown type), -EFBIG (a file over OCI_MAX_FILE), with a message. What
 * needs the files made so far (symlinks on the way, the hardlink's
 * target) is the unpacker's to check. */
int oci_entry_plan(const struct oci_entry *e, char *path, char *target, enum oci_action *act,
		   char *err, size_t errlen);

/* The process to run, as Docker works it out. */
struct oci_run_opts {
	const char *entrypoint;         /* --entrypoint (NULL: the image's) */
	char **args;                    /* CMD ARG... after the image name (NULL or empty: the image's Cmd) */
	char **env;                     /* -e K=V, NULL-terminated, may be NULL */
	const char *workdir;            /* -w */
	const char *user;               /* -u */
	const char *hostname;
};
/* argv (NULL-terminated, malloc'd strings in a malloc'd array): the
 * entrypoint (override or image's) followed by the args (or, when none
 * and no entrypoint override, the image's Cmd). -EINVAL "no command". */
int oci_build_argv(const struct oci_config *c, const struct oci_run_opts *o, char ***argv,
		   char *err, size_t errlen);
/* The environment: the image's, then -e overrides (same name replaced;
 * "K" alone is dropped as Docker takes it from the caller's environment,
 * which a container started by the kernel has none of), PATH defaulted,
 * HOSTNAME and HOME (from the user's passwd entry, else "/") added unless
 * set. */
int oci_build_env(const struct oci_config *c, const struct oci_run_opts *o, const char *hostname,
		  const char *home, char ***envp);
/* -u / User: "name", "uid", "name:group", "uid:gid", looked up in the
 * image's /etc/passwd and /etc/group text (either may be NULL). A numeric
 * uid that is not in passwd runs with gid 0 and home "/"; an unknown name
 * is -ENOENT ("unable to find user NAME" as Docker says). */
int oci_resolve_user(const char *spec, const char *passwd, const char *group, unsigned *uid,
		     unsigned *gid, char *home, size_t homelen, char *err, size_t errlen);

/* The supplementary groups runc gives the user of spec (as
 * oci_resolve_user takes it): the gid of every group of the group text
 * that lists the user's passwd name among its members, in file order. At
 * most max are stored in gids; returns how many. */
int oci_user_groups(const char *spec, const char *passwd, const char *group, unsigned *gids, int max);

void oci_strv_free(char **v);

#endif
