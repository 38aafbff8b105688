/*
 * oci/ on the host: digests, docker-save and OCI manifests (and hostile
 * ones), platform choice in an index, configs, entry-name checks,
 * whiteouts, and Docker's rules for argv, environment and users.
 */
#include "../unit.h"
#include <errno.h>

#include "../../../oci/image.h"

static json_t *J(const char *s)
{
	json_error_t e;
	json_t *j = json_loads(s, 0, &e);

	if (!j)
		fprintf(stderr, "bad test JSON: %s\n", e.text);
	return j;
}

#define H64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define H64B "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

static void test_digest(void)
{
	struct oci_digest d;

	CHECK(!oci_parse_digest("sha256:" H64, &d) && !strcmp(d.hex, H64), "good");
	CHECK(oci_parse_digest("sha512:" H64, &d) == -EINVAL, "other algorithm");
	CHECK(oci_parse_digest("sha256:" H64 "0", &d) == -EINVAL, "too long");
	CHECK(oci_parse_digest("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", &d) == -EINVAL, "upper case");
	CHECK(oci_parse_digest(NULL, &d) == -EINVAL, "NULL");
}

static void test_docker_manifest(void)
{
	struct oci_manifest m;
	char err[200];
	json_t *j = J("[{\"Config\":\"" H64 ".json\",\"RepoTags\":[\"debian:bookworm\"],"
		      "\"Layers\":[\"" H64B ".tar.gz\",\"" H64 "/layer.tar\",\"plain.tar\"]}]");

	CHECK(!oci_parse_docker_manifest(j, &m, err, sizeof(err)), "parses");
	CHECK(m.nr_layers == 3 && m.has_config_digest && !strcmp(m.config_digest.hex, H64), "config");
	CHECK(m.layers[0].has_digest && !strcmp(m.layers[0].digest.hex, H64B), "gz blob digest");
	CHECK(m.layers[1].has_digest && !strcmp(m.layers[1].digest.hex, H64), "dir/layer.tar digest");
	CHECK(!m.layers[2].has_digest, "no digest in a plain name");
	CHECK(!strcmp(m.ref_name, "debian:bookworm"), "tag");
	oci_manifest_free(&m);
	json_decref(j);

	static const char *bad[] = {
		"{}", "[]", "[{\"Layers\":[]}]", "[{\"Config\":5,\"Layers\":[]}]",
		"[{\"Config\":\"../x.json\",\"Layers\":[]}]", "[{\"Config\":\"/etc/x\",\"Layers\":[]}]",
		"[{\"Config\":\"c.json\",\"Layers\":[\"a/../../b\"]}]", "[{\"Config\":\"c.json\",\"Layers\":[7]}]",
		"[{\"Config\":\"c.json\"}]", NULL };
	for (int i = 0; bad[i]; i++) {
		j = J(bad[i]);
		CHECK(oci_parse_docker_manifest(j, &m, err, sizeof(err)) < 0 && err[0], "bad #%d", i);
		json_decref(j);
	}
}

static void test_index_and_manifest(void)
{
	struct oci_digest d;
	struct oci_manifest m;
	bool is_index;
	char err[200];
	json_t *j = J("{\"schemaVersion\":2,\"manifests\":["
		      "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" H64B "\",\"size\":5,"
		      "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}},"
		      "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" H64 "\",\"size\":5,"
		      "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}");

	CHECK(!oci_pick_manifest(j, "linux", "amd64", &d, &is_index, err, sizeof(err)), "picks");
	CHECK(!strcmp(d.hex, H64) && !is_index, "the amd64 one");
	CHECK(oci_pick_manifest(j, "linux", "riscv64", &d, &is_index, err, sizeof(err)) == -ENOENT,
	      "no riscv64");
	json_decref(j);

	j = J("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
	      "\"digest\":\"sha256:" H64 "\",\"size\":10},\"layers\":[{\"mediaType\":"
	      "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" H64B "\",\"size\":99},"
	      "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"sha256:" H64 "\",\"size\":1},"
	      "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:" H64 "\",\"size\":1}]}");
	CHECK(!oci_parse_oci_manifest(j, &m, err, sizeof(err)), "manifest parses");
	CHECK(!strcmp(m.config_member, "blobs/sha256/" H64), "config blob");
	CHECK(m.nr_layers == 3 && m.layers[0].comp == OCI_COMP_GZIP && m.layers[0].size == 99 &&
	      m.layers[1].comp == OCI_COMP_ZSTD && m.layers[2].comp == OCI_COMP_NONE, "layers");
	oci_manifest_free(&m);
	json_decref(j);
	/* Layer media types: each known one names its compression; none means
	 * detect; anything else (encrypted layers, non-layer blobs) is refused. */
	static const struct { const char *media; int comp; } media[] = {
		{ "application/vnd.oci.image.layer.v1.tar+zstd", OCI_COMP_ZSTD },
		{ "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", OCI_COMP_GZIP },
		{ "application/vnd.docker.image.rootfs.diff.tar.gzip", OCI_COMP_GZIP },
		{ "application/vnd.docker.image.rootfs.diff.tar.zstd", OCI_COMP_ZSTD },
		{ "application/vnd.docker.image.rootfs.diff.tar", OCI_COMP_NONE },
		{ NULL, OCI_COMP_DETECT },
		{ "application/vnd.oci.image.layer.v1.tar+encrypted", -1 },
		{ "application/vnd.oci.image.layer.v1.tar+zstd+encrypted", -1 },
		{ "application/vnd.oci.image.config.v1+json", -1 },
		{ "", -1 } };
	for (size_t i = 0; i < sizeof(media) / sizeof(media[0]); i++) {
		char text[512];
		int r;

		snprintf(text, sizeof(text), "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" H64 "\"},"
			 "\"layers\":[{%s%s%s\"digest\":\"sha256:" H64 "\",\"size\":1}]}",
			 media[i].media ? "\"mediaType\":\"" : "", media[i].media ? media[i].media : "",
			 media[i].media ? "\"," : "");
		j = J(text);
		r = oci_parse_oci_manifest(j, &m, err, sizeof(err));
		if (media[i].comp < 0)
			CHECK(r == -EINVAL && strstr(err, "media type"), "media %zu refused", i);
		else
			CHECK(!r && m.nr_layers == 1 && (int)m.layers[0].comp == media[i].comp, "media %zu", i);
		if (!r)
			oci_manifest_free(&m);
		json_decref(j);
	}
	j = J("{\"schemaVersion\":2,\"config\":{\"digest\":\"md5:x\"},\"layers\":[]}");
	CHECK(oci_parse_oci_manifest(j, &m, err, sizeof(err)) == -EINVAL, "bad config digest");
	json_decref(j);
	j = J("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" H64 "\"},\"layers\":[{\"digest\":\"sha256:" H64 "\",\"size\":-5}]}");
	CHECK(oci_parse_oci_manifest(j, &m, err, sizeof(err)) == -EINVAL, "negative size");
	json_decref(j);
}

static void test_config(void)
{
	struct oci_config c;
	char err[200];
	json_t *j = J("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/x\",\"A=1\"],"
		      "\"Entrypoint\":[\"/docker-entrypoint.sh\"],\"Cmd\":[\"nginx\",\"-g\"],\"WorkingDir\":\"/srv\","
		      "\"User\":\"www-data\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" H64 "\"]}}");

	CHECK(!oci_parse_config(j, &c, err, sizeof(err)), "parses: %s", err);
	CHECK(c.nr_diff_ids == 1 && !strcmp(c.diff_ids[0].hex, H64), "diff_ids");
	CHECK(!strcmp(c.env[1], "A=1") && !c.env[2] && !strcmp(c.cmd[1], "-g") &&
	      !strcmp(c.working_dir, "/srv") && !strcmp(c.user, "www-data"), "fields");
	oci_config_free(&c);
	json_decref(j);
	j = J("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{\"Cmd\":null,\"Env\":null}}");
	CHECK(!oci_parse_config(j, &c, err, sizeof(err)) && c.env && !c.env[0] && !c.cmd, "nulls");
	oci_config_free(&c);
	json_decref(j);
	static const char *bad[] = { "[]", "{\"rootfs\":{}}", "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"x\"]}}",
				     "{\"config\":{\"Cmd\":\"sh\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}",
				     "{\"config\":{\"Env\":[1]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}", NULL };
	for (int i = 0; bad[i]; i++) {
		j = J(bad[i]);
		CHECK(oci_parse_config(j, &c, err, sizeof(err)) < 0, "bad #%d", i);
		json_decref(j);
	}
}

static void test_paths(void)
{
	char out[OCI_PATH_MAX + 8];
	static char longname[5000];

	CHECK(!oci_entry_path("./usr/bin/", out, sizeof(out)) && !strcmp(out, "usr/bin"), "./ and /");
	CHECK(!oci_entry_path("a//b/./c", out, sizeof(out)) && !strcmp(out, "a/b/c"), "collapse");
	CHECK(!oci_entry_path("./", out, sizeof(out)) && !strcmp(out, ""), "root");
	CHECK(oci_entry_path("/etc/passwd", out, sizeof(out)) == -EINVAL, "absolute");
	CHECK(oci_entry_path("../../etc/passwd", out, sizeof(out)) == -EINVAL, "dotdot");
	CHECK(oci_entry_path("a/b/../../..", out, sizeof(out)) == -EINVAL, "dotdot later");
	CHECK(!oci_entry_path("a/..b/c..", out, sizeof(out)) && !strcmp(out, "a/..b/c.."), "dots in names");
	memset(longname, 'a', sizeof(longname) - 1);
	CHECK(oci_entry_path(longname, out, sizeof(out)) == -EINVAL, "too long");
	CHECK(oci_entry_path("abc", out, 3) == -EINVAL, "buffer too small");
}

static void test_whiteouts(void)
{
	char t[256];

	CHECK(oci_whiteout_kind("etc/motd", t, sizeof(t)) == OCI_WH_NONE, "plain");
	CHECK(oci_whiteout_kind("etc/.wh.motd", t, sizeof(t)) == OCI_WH_FILE && !strcmp(t, "etc/motd"), "file");
	CHECK(oci_whiteout_kind(".wh.top", t, sizeof(t)) == OCI_WH_FILE && !strcmp(t, "top"), "top level");
	CHECK(oci_whiteout_kind("opt/x/.wh..wh..opq", t, sizeof(t)) == OCI_WH_OPAQUE && !strcmp(t, "opt/x"), "opaque");
	CHECK(oci_whiteout_kind(".wh..wh..opq", t, sizeof(t)) == OCI_WH_OPAQUE && !strcmp(t, ""), "opaque root");
	CHECK(oci_whiteout_kind("a/.wh.", t, sizeof(t)) == -EINVAL, "empty");
	CHECK(oci_whiteout_kind("a/.wh...", t, sizeof(t)) == -EINVAL, "dotdot");
	CHECK(oci_whiteout_kind("a/.wh..wh.plnk", t, sizeof(t)) == -EINVAL, "aufs meta");
	CHECK(oci_whiteout_kind("a/x.wh.y", t, sizeof(t)) == OCI_WH_NONE, "not a prefix");
}

static void test_entry_plan(void)
{
	char path[OCI_PATH_MAX + 1], target[OCI_PATH_MAX + 1], err[300];
	enum oci_action act;
	struct oci_entry e = { .name = "./etc/passwd", .type = OCI_E_REG, .size = 10 };

	CHECK(!oci_entry_plan(&e, path, target, &act, err, sizeof(err)) && act == OCI_ACT_FILE &&
	      !strcmp(path, "etc/passwd"), "file");
	e.size = -1;
	CHECK(oci_entry_plan(&e, path, target, &act, err, sizeof(err)) == -EFBIG, "negative size");
	e.size = (long long)OCI_MAX_FILE + 1;
	CHECK(oci_entry_plan(&e, path, target, &act, err, sizeof(err)) == -EFBIG, "huge file");
	e = (struct oci_entry){ .name = "./", .type = OCI_E_DIR };
	CHECK(!oci_entry_plan(&e, path, target, &act, err, sizeof(err)) && act == OCI_ACT_ROOT, "root");
	e.name = ".wh..wh..opq";
	CHECK(!oci_entry_plan(&e, path, target, &act, err, sizeof(err)) && act == OCI_ACT_OPAQUE &&
	      !strcmp(target, ""), "opaque root");
	e = (struct oci_entry){ .name = "a/.wh.b", .type = OCI_E_DIR };
	CHECK(!oci_entry_plan(&e, path, target, &act, err, sizeof(err)) && act == OCI_ACT_WHITEOUT &&
	      !strcmp(target, "a/b"), "whiteout of any type");
	e.name = "a/.wh..wh.plnk";
	CHECK(oci_entry_plan(&e, path, target, &act, err, sizeof(err)) == -EINVAL &&
	      strstr(err, "invalid whiteout"), "aufs hardlink dir");
	e = (struct oci_entry){ .name = "x", .type = OCI_E_HARDLINK, .link = "./a/../../b" };
	CHECK(oci_entry_plan(&e, path, target, &act, err, sizeof(err)) == -EPERM &&
	      strstr(err, "hardlink to an unsafe path"), "hardlink dotdot");
	e.link = "./";
	CHECK(oci_entry_plan(&e, path, target, &act, err, sizeof(err)) == -EPERM, "hardlink to the root");
	e.link = "./a//b";
	CHECK(!oci_entry_plan(&e, path, target, &act, err, sizeof(err)) && act == OCI_ACT_HARDLINK &&
	      !strcmp(target, "a/b"), "hardlink");
	e = (struct oci_entry){ .name = "dev/sda", .type = OCI_E_BLK, .rdev_major = 8 };
	CHECK(oci_entry_plan(&e, path, target, &act, err, sizeof(err)) == -EPERM &&
	      strstr(err, "device node 8:0"), "block device");
	e.type = OCI_E_CHR;
	e.rdev_major = 0;
	CHECK(!oci_entry_plan(&e, path, target, &act, err, sizeof(err)) && act == OCI_ACT_DEV_WHITEOUT,
	      "0/0 char device");
	e.type = OCI_E_SOCK;
	CHECK(oci_entry_plan(&e, path, target, &act, err, sizeof(err)) == -EINVAL, "socket");
}

static void test_argv_env(void)
{
	char *env[] = { "PATH=/bin", "A=1", NULL }, *ep[] = { "/ep.sh", NULL }, *cmd[] = { "bash", NULL };
	struct oci_config c = { .env = env, .entrypoint = ep, .cmd = cmd };
	struct oci_run_opts o = { 0 };
	char **argv, **envp, err[100];
	char *args[] = { "echo", "hi", NULL }, *e[] = { "A=2", "B=3", "C", NULL };

	CHECK(!oci_build_argv(&c, &o, &argv, err, sizeof(err)) && !strcmp(argv[0], "/ep.sh") &&
	      !strcmp(argv[1], "bash") && !argv[2], "entrypoint + cmd");
	oci_strv_free(argv);
	o.args = args;
	CHECK(!oci_build_argv(&c, &o, &argv, err, sizeof(err)) && !strcmp(argv[1], "echo") &&
	      !strcmp(argv[2], "hi") && !argv[3], "args replace cmd");
	oci_strv_free(argv);
	o.args = NULL;
	o.entrypoint = "/bin/sh";
	CHECK(!oci_build_argv(&c, &o, &argv, err, sizeof(err)) && !strcmp(argv[0], "/bin/sh") && !argv[1],
	      "--entrypoint clears cmd");
	oci_strv_free(argv);
	o.entrypoint = "";
	CHECK(oci_build_argv(&c, &o, &argv, err, sizeof(err)) == -EINVAL && strstr(err, "no command"),
	      "empty entrypoint, no args");
	o.entrypoint = NULL;
	c.entrypoint = NULL;
	c.cmd = NULL;
	CHECK(oci_build_argv(&c, &o, &argv, err, sizeof(err)) == -EINVAL, "nothing to run");

	o.env = e;
	CHECK(!oci_build_env(&c, &o, "3f2a9c", "/root", &envp), "env");
	CHECK(!strcmp(envp[0], "PATH=/bin") && !strcmp(envp[1], "A=2") && !strcmp(envp[2], "B=3") &&
	      !strcmp(envp[3], "HOSTNAME=3f2a9c") && !strcmp(envp[4], "HOME=/root") && !envp[5], "env order");
	oci_strv_free(envp);
	c.env = (char *[]){ NULL };
	CHECK(!oci_build_env(&c, NULL, NULL, NULL, &envp) && !strncmp(envp[0], "PATH=/usr/local/sbin", 20) &&
	      !strcmp(envp[1], "HOME=/"), "defaults");
	oci_strv_free(envp);
}

static void test_users(void)
{
	const char *pw = "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
			 "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin";
	const char *gr = "root:x:0:\nusers:x:100:\nwww-data:x:33:\n";
	unsigned u, g;
	char home[64], err[128];

	CHECK(!oci_resolve_user(NULL, pw, gr, &u, &g, home, sizeof(home), err, sizeof(err)) && u == 0 &&
	      g == 0 && !strcmp(home, "/root"), "default root");
	CHECK(!oci_resolve_user("www-data", pw, gr, &u, &g, home, sizeof(home), err, sizeof(err)) &&
	      u == 33 && g == 33 && !strcmp(home, "/var/www"), "by name");
	CHECK(!oci_resolve_user("nobody", pw, gr, &u, &g, home, sizeof(home), err, sizeof(err)) &&
	      u == 65534 && g == 65534, "last line without newline");
	CHECK(!oci_resolve_user("1000", pw, gr, &u, &g, home, sizeof(home), err, sizeof(err)) &&
	      u == 1000 && g == 0 && !strcmp(home, "/"), "unknown uid");
	CHECK(!oci_resolve_user("33:users", pw, gr, &u, &g, home, sizeof(home), err, sizeof(err)) &&
	      u == 33 && g == 100, "uid:group");
	CHECK(!oci_resolve_user("1000:1000", NULL, NULL, &u, &g, home, sizeof(home), err, sizeof(err)) &&
	      u == 1000 && g == 1000, "uid:gid without files");
	CHECK(oci_resolve_user("alice", pw, gr, &u, &g, home, sizeof(home), err, sizeof(err)) == -ENOENT &&
	      strstr(err, "unable to find user alice"), "unknown name");
	CHECK(oci_resolve_user("root:wheel", pw, gr, &u, &g, home, sizeof(home), err, sizeof(err)) == -ENOENT,
	      "unknown group");
	/* Short and odd lines (fuzz_user under MemorySanitizer read the
	 * missing fields uninitialized): missing or non-numeric fields are
	 * empty, 0, and home "/" as runc takes them. */
	CHECK(!oci_resolve_user("dy", "dy::328", NULL, &u, &g, home, sizeof(home), err, sizeof(err)) &&
	      u == 328 && g == 0 && !strcmp(home, "/"), "name, three fields");
	CHECK(!oci_resolve_user("328", "dy::328", NULL, &u, &g, home, sizeof(home), err, sizeof(err)) &&
	      u == 328 && g == 0 && !strcmp(home, "/"), "uid, three fields");
	CHECK(!oci_resolve_user("x", "x:x:5:abc::", NULL, &u, &g, home, sizeof(home), err, sizeof(err)) &&
	      u == 5 && g == 0 && !strcmp(home, "/"), "non-numeric gid, empty home");
}

static void test_groups(void)
{
	const char *pw = "root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33::/var/www:/bin/false\n";
	const char *gr = "root:x:0:\nwheel:x:10:root\nadm:x:4:syslog,www-data\nbad:x:x:root\n"
			 "users:x:100:www-data";
	unsigned g[4];

	CHECK(oci_user_groups(NULL, pw, gr, g, 4) == 1 && g[0] == 10, "root in wheel (busybox)");
	CHECK(oci_user_groups("33", pw, gr, g, 4) == 2 && g[0] == 4 && g[1] == 100, "by uid, last line");
	CHECK(oci_user_groups("www-data:0", pw, gr, g, 1) == 1 && g[0] == 4, "capped");
	CHECK(oci_user_groups("1000", pw, gr, g, 4) == 0, "no passwd entry");
	CHECK(oci_user_groups("root", pw, NULL, g, 4) == 0, "no group file");
}

int main(void)
{
	unit_run("oci.digest", test_digest);
	unit_run("oci.docker_manifest", test_docker_manifest);
	unit_run("oci.index_manifest", test_index_and_manifest);
	unit_run("oci.config", test_config);
	unit_run("oci.entry_paths", test_paths);
	unit_run("oci.whiteouts", test_whiteouts);
	unit_run("oci.entry_plan", test_entry_plan);
	unit_run("oci.argv_env", test_argv_env);
	unit_run("oci.users", test_users);
	unit_run("oci.groups", test_groups);
	return unit_exit();
}
