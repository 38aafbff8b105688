/*
 * execve end to end, from processes running kernel code: tiny hand-made
 * ELF programs (ET_EXEC and PIE) that exit with argc + 40 show that the
 * program, its stack and argc arrive; "#!" scripts pass their interpreter
 * and argument; and broken files give Linux's errors (ENOEXEC, EINVAL,
 * ELIBBAD, ELOOP, ENOENT, EACCES, E2BIG) with the caller unharmed.
 */
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/syscall.h>

#include "proc_test.h"
#include "vfs_test.h"

/* mov (%rsp),%rdi; add $40,%edi; mov $60,%eax; syscall: exit(argc + 40) */
static const u8 exit_code[] = { 0x48, 0x8b, 0x3c, 0x24, 0x83, 0xc7, 0x28,
				0xb8, 0x3c, 0x00, 0x00, 0x00, 0x0f, 0x05 };

/* mov $107,%eax (geteuid); syscall; mov %eax,%edi; mov $60,%eax; syscall */
static const u8 euid_code[] = { 0xb8, 0x6b, 0x00, 0x00, 0x00, 0x0f, 0x05, 0x89, 0xc7,
				0xb8, 0x3c, 0x00, 0x00, 0x00, 0x0f, 0x05 };

#define CODE_OFF 0x78

/* A one-segment program; interp: a PT_INTERP path (NULL: none). */
static size_t build_elf(u8 *buf, int type, const char *interp, bool interp_nul)
{
	struct elf64_ehdr *eh = (struct elf64_ehdr *)buf;
	struct elf64_phdr *ph = (struct elf64_phdr *)(buf + sizeof(*eh));
	u64 base = type == ET_EXEC ? 0x400000 : 0;
	size_t size = CODE_OFF + sizeof(exit_code), ilen = interp ? strlen(interp) + 1 : 0;
	int n = 0;

	memset(buf, 0, 512);
	memcpy(eh->e_ident, "\177ELF", 4);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = type;
	eh->e_machine = EM_X86_64;
	eh->e_version = 1;
	eh->e_entry = base + CODE_OFF + (interp ? 56 : 0);
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	if (interp) {
		/* PT_INTERP first; the code and the path move down one header. */
		ph[n].p_type = PT_INTERP;
		ph[n].p_offset = CODE_OFF + 56 + sizeof(exit_code);
		ph[n].p_filesz = interp_nul ? ilen : ilen - 1;
		memcpy(buf + ph[n].p_offset, interp, ilen);
		n++;
		size += 56 + ilen;
	}
	ph[n].p_type = PT_LOAD;
	ph[n].p_flags = PF_R | PF_X;
	ph[n].p_offset = 0;
	ph[n].p_vaddr = ph[n].p_paddr = base;
	ph[n].p_filesz = ph[n].p_memsz = size;
	ph[n].p_align = 0x1000;
	n++;
	eh->e_phnum = n;
	memcpy(buf + CODE_OFF + (interp ? 56 : 0), exit_code, sizeof(exit_code));
	return size;
}

static int put_file(const char *path, const void *data, size_t n, umode_t mode)
{
	struct file *f;
	u64 pos = 0;
	ssize_t w;

	vfs_unlinkat(LINUX_AT_FDCWD, path);
	f = filp_open(path, LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC, mode);
	if (IS_ERR(f))
		return PTR_ERR(f);
	w = kernel_write(f, data, n, &pos);
	fput(f);
	if (w < 0)
		return w;
	return vfs_chmodat(LINUX_AT_FDCWD, path, mode, 0);
}

static int try_exec(const char *path, const char *const argv[])
{
	static const char *const envp[] = { "A=1", NULL };
	struct exec_source src = {
		.kernel = true, .path = path, .argv = argv, .envp = envp, .dirfd = LINUX_AT_FDCWD,
	};

	return do_execve(&src, task_pt_regs(current));
}

struct exec_req {
	const char *path;
	const char *const *argv;
	uid_t uid;                  /* run as this user (0: root) */
	int err;
};

/* A child that becomes the program, or exits 255 with the error noted. */
static int exec_child(void *arg)
{
	struct exec_req *r = arg;

	if (r->uid && proc_setresuid(r->uid, r->uid, r->uid))
		return 254;
	r->err = try_exec(r->path, r->argv);
	if (r->err)
		return 255;
	return_to_user(task_pt_regs(current));
}

static int run_prog_as(const char *path, const char *const argv[], uid_t uid)
{
	struct exec_req r = { .path = path, .argv = argv, .uid = uid };
	pid_t pid = pt_spawn(exec_child, &r);
	int st;

	if (pid < 0)
		return pid;
	st = pt_wait(pid, 0, NULL);
	if (st == 255 << 8)
		return r.err;
	return st;
}

static int run_prog(const char *path, const char *const argv[])
{
	return run_prog_as(path, argv, 0);
}

static int exec_body(void *unused)
{
	static const char *const argv3[] = { "prog", "a", "b", NULL };
	static const char *const argv0[] = { NULL };
	static const char *const script_argv[] = { "script", "y", NULL };
	u8 *buf = kzalloc(4096, GFP_KERNEL);
	char *big;
	size_t n;

	PT_CHECK(buf);
	vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/pt", 0755);

	n = build_elf(buf, ET_EXEC, NULL, true);
	PT_EQ(put_file("/tmp/pt/exec", buf, n, 0755), 0);
	PT_EQ(run_prog("/tmp/pt/exec", argv3), 43 << 8);
	/* An empty argv still gives the program an argv[0] (""). */
	PT_EQ(run_prog("/tmp/pt/exec", argv0), 41 << 8);

	n = build_elf(buf, ET_DYN, NULL, true);
	PT_EQ(put_file("/tmp/pt/pie", buf, n, 0755), 0);
	PT_EQ(run_prog("/tmp/pt/pie", argv3), 43 << 8);

	/* "#!interp arg": argv becomes interp, arg, the script's path, argv[1..]. */
	PT_EQ(put_file("/tmp/pt/script", "#!/tmp/pt/exec  x \n", 19, 0755), 0);
	PT_EQ(run_prog("/tmp/pt/script", script_argv), 44 << 8);
	PT_EQ(put_file("/tmp/pt/s2", "#! /tmp/pt/script\n", 18, 0755), 0);
	PT_EQ(run_prog("/tmp/pt/s2", script_argv), 45 << 8);

	/* Set-user-ID: the program runs with the file owner's euid. */
	n = build_elf(buf, ET_EXEC, NULL, true);
	memcpy(buf + CODE_OFF, euid_code, sizeof(euid_code));
	n = CODE_OFF + sizeof(euid_code);
	((struct elf64_phdr *)(buf + 64))->p_filesz = n;
	((struct elf64_phdr *)(buf + 64))->p_memsz = n;
	PT_EQ(put_file("/tmp/pt/euid", buf, n, 0755), 0);
	PT_EQ(run_prog_as("/tmp/pt/euid", argv3, 2000), (2000 & 0xff) << 8);
	PT_EQ(vfs_chownat(LINUX_AT_FDCWD, "/tmp/pt/euid", 1000, 1000, 0), 0);
	PT_EQ(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/pt/euid", 04755, 0), 0);
	PT_EQ(run_prog_as("/tmp/pt/euid", argv3, 2000), (1000 & 0xff) << 8);
	PT_EQ(run_prog_as("/tmp/pt/euid", argv3, 0), (1000 & 0xff) << 8);

	/* What must fail, leaving us as we were. */
	PT_EQ(put_file("/tmp/pt/blank", "#!   \n", 6, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/blank", argv3), -ENOEXEC);
	PT_EQ(put_file("/tmp/pt/loop", "#!/tmp/pt/loop\n", 15, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/loop", argv3), -ELOOP);
	PT_EQ(put_file("/tmp/pt/noint", "#!/tmp/pt/none\n", 15, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/noint", argv3), -ENOENT);
	PT_EQ(try_exec("/tmp/pt/missing", argv3), -ENOENT);
	PT_EQ(put_file("/tmp/pt/text", "echo hi\n", 8, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/text", argv3), -ENOEXEC);
	n = build_elf(buf, ET_EXEC, NULL, true);
	PT_EQ(put_file("/tmp/pt/noexec", buf, n, 0644), 0);
	PT_EQ(try_exec("/tmp/pt/noexec", argv3), -EACCES);
	PT_EQ(put_file("/tmp/pt/short", buf, 30, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/short", argv3), -ENOEXEC);

	n = build_elf(buf, ET_EXEC, "/tmp/pt/text", true);
	PT_EQ(put_file("/tmp/pt/badinterp", buf, n, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/badinterp", argv3), -ELIBBAD);
	n = build_elf(buf, ET_EXEC, "/tmp/pt/exec", false);
	PT_EQ(put_file("/tmp/pt/nonul", buf, n, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/nonul", argv3), -ENOEXEC);
	/* A real interpreter: the program's own entry is not used. */
	n = build_elf(buf, ET_DYN, "/tmp/pt/pie", true);
	PT_EQ(put_file("/tmp/pt/withinterp", buf, n, 0755), 0);
	PT_EQ(run_prog("/tmp/pt/withinterp", argv3), 43 << 8);

	/* A PIE whose entry is a user address before the load bias but not
	 * after it: EINVAL, never a return to a non-canonical rip. */
	n = build_elf(buf, ET_DYN, NULL, true);
	((struct elf64_ehdr *)buf)->e_entry = 0x7fffffff0000ULL;
	PT_EQ(put_file("/tmp/pt/farentry", buf, n, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/farentry", argv3), -EINVAL);

	/* Segment geometry. */
	n = build_elf(buf, ET_EXEC, NULL, true);
	((struct elf64_phdr *)(buf + 64))->p_filesz = 0x5000;   /* beyond the file */
	PT_EQ(put_file("/tmp/pt/badseg", buf, n, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/badseg", argv3), -EINVAL);
	n = build_elf(buf, ET_EXEC, NULL, true);
	((struct elf64_phdr *)(buf + 64))->p_memsz = 10;          /* filesz > memsz */
	PT_EQ(put_file("/tmp/pt/badseg", buf, n, 0755), 0);
	PT_EQ(try_exec("/tmp/pt/badseg", argv3), -EINVAL);

	/* One argument longer than MAX_ARG_STRLEN. */
	big = vmalloc(200000);
	PT_CHECK(big);
	memset(big, 'x', 199999);
	big[199999] = 0;
	{
		const char *argv_big[] = { "prog", big, NULL };

		PT_EQ(try_exec("/tmp/pt/exec", argv_big), -E2BIG);
	}
	vfree(big);
	kfree(buf);
	return 0;
}

KTEST(proc_exec)
{
	vfs_test_setup();
	PT_RUN(exec_body, NULL);
}
