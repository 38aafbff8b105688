/*
 * ELF validation against crafted headers (elf_check_ehdr/elf_check_phdrs
 * directly): every malformed field gives Linux's error, never a crash;
 * valid images describe their layout correctly.
 */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/vm.h>
#include <string.h>

#include "kernel/proc/internal.h"

#define FSIZE 0x10000

static void good_ehdr(struct elf64_ehdr *eh, int type, int phnum)
{
	memset(eh, 0, sizeof(*eh));
	memcpy(eh->e_ident, "\177ELF", 4);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = type;
	eh->e_machine = EM_X86_64;
	eh->e_version = 1;
	eh->e_entry = 0x401000;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(struct elf64_phdr);
	eh->e_phnum = phnum;
}

static void load(struct elf64_phdr *p, u64 off, u64 vaddr, u64 filesz, u64 memsz, u32 flags)
{
	memset(p, 0, sizeof(*p));
	p->p_type = PT_LOAD;
	p->p_flags = flags;
	p->p_offset = off;
	p->p_vaddr = p->p_paddr = vaddr;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_align = 0x1000;
}

KTEST(proc_elf_ehdr)
{
	struct elf64_ehdr eh;

	good_ehdr(&eh, ET_EXEC, 2);
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), 0);
	eh.e_ident[0] = 0x7e;
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, ET_EXEC, 2);
	eh.e_ident[EI_CLASS] = 1;                          /* ELF32 */
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, ET_EXEC, 2);
	eh.e_ident[EI_DATA] = 2;                           /* big endian */
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, 1, 2);                              /* ET_REL */
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, 4, 2);                              /* ET_CORE */
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, ET_DYN, 2);
	eh.e_machine = 3;                                  /* i386 */
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, ET_EXEC, 2);
	eh.e_phentsize = 32;
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, ET_EXEC, 0);
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, ET_EXEC, 2000);                     /* 112000 bytes of headers */
	KT_ASSERT_EQ(elf_check_ehdr(&eh, 1 << 20), -ENOEXEC);
	good_ehdr(&eh, ET_EXEC, 2);
	eh.e_phoff = FSIZE - 100;                          /* runs past the end */
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	eh.e_phoff = ~0ULL - 50;                           /* wraps */
	KT_ASSERT_EQ(elf_check_ehdr(&eh, FSIZE), -ENOEXEC);
	good_ehdr(&eh, ET_EXEC, 2);
	KT_ASSERT_EQ(elf_check_ehdr(&eh, 100), -ENOEXEC); /* file shorter than its headers */
}

KTEST(proc_elf_phdrs)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph[4];
	struct elf_image img;

	/* A classic static executable: text, data+bss, GNU_STACK. */
	good_ehdr(&eh, ET_EXEC, 3);
	load(&ph[0], 0, 0x400000, 0x2345, 0x2345, PF_R | PF_X);
	load(&ph[1], 0x3000, 0x403000, 0x100, 0x5000, PF_R | PF_W);
	memset(&ph[2], 0, sizeof(ph[2]));
	ph[2].p_type = PT_GNU_STACK;
	ph[2].p_flags = PF_R | PF_W;
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), 0);
	KT_ASSERT_EQ(img.lo, 0x400000);
	KT_ASSERT_EQ(img.hi, 0x408000);
	KT_ASSERT_EQ(img.interp, -1);
	KT_ASSERT(!img.exec_stack);
	KT_ASSERT_EQ(img.phdr_addr, 0x400040);             /* inside the first segment */
	ph[2].p_flags |= PF_X;
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), 0);
	KT_ASSERT(img.exec_stack);

	/* p_filesz > p_memsz */
	load(&ph[1], 0x3000, 0x403000, 0x200, 0x100, PF_R | PF_W);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);
	/* offset and address not congruent modulo the page size */
	load(&ph[1], 0x3010, 0x403000, 0x100, 0x100, PF_R | PF_W);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);
	/* file range beyond the file, or wrapping */
	load(&ph[1], 0xf000, 0x40f000, 0x2000, 0x2000, PF_R | PF_W);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);
	load(&ph[1], 0xfffffffffffff000ULL, 0x403000, 0x2000, 0x2000, PF_R);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);
	/* address range wrapping or beyond user space */
	load(&ph[1], 0x3000, 0xfffffffffffff000ULL, 0x100, 0x2000, PF_R);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);
	load(&ph[1], 0x3000, VM_TASK_SIZE - 0x1000, 0x100, 0x2000, PF_R);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);
	/* overlapping or out of order */
	load(&ph[1], 0x2000, 0x402000, 0x100, 0x100, PF_R);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);
	load(&ph[1], 0x3000, 0x300000, 0x100, 0x100, PF_R);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);
	/* segments sharing a page (text end, data start) are fine */
	load(&ph[1], 0x2348, 0x402348, 0x100, 0x100, PF_R | PF_W);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), 0);

	/* No PT_LOAD at all. */
	good_ehdr(&eh, ET_EXEC, 1);
	memset(&ph[0], 0, sizeof(ph[0]));
	ph[0].p_type = PT_NOTE;
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -ENOEXEC);
	/* An empty PT_LOAD alone maps nothing: no PT_LOAD either. */
	load(&ph[0], 0, 0x400000, 0, 0, PF_R);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -ENOEXEC);

	/* PT_INTERP bounds. */
	good_ehdr(&eh, ET_DYN, 2);
	eh.e_entry = 0x1000;
	memset(&ph[0], 0, sizeof(ph[0]));
	ph[0].p_type = PT_INTERP;
	ph[0].p_offset = 0x200;
	ph[0].p_filesz = 28;
	load(&ph[1], 0, 0, 0x3000, 0x3000, PF_R | PF_X);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), 0);
	KT_ASSERT_EQ(img.interp, 0);
	KT_ASSERT_EQ(img.lo, 0);
	KT_ASSERT_EQ(img.hi, 0x3000);
	ph[0].p_filesz = 1;
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -ENOEXEC);
	ph[0].p_filesz = 5000;
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -ENOEXEC);
	ph[0].p_filesz = 28;
	ph[0].p_offset = FSIZE - 10;
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -ENOEXEC);

	/* Entry point outside user space. */
	good_ehdr(&eh, ET_EXEC, 1);
	eh.e_entry = 0xffffffff80000000ULL;
	load(&ph[0], 0, 0x400000, 0x1000, 0x1000, PF_R | PF_X);
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), -EINVAL);

	/* The largest power-of-two alignment is kept for a PIE's base. */
	good_ehdr(&eh, ET_DYN, 1);
	eh.e_entry = 0x10;
	load(&ph[0], 0, 0, 0x1000, 0x1000, PF_R | PF_X);
	ph[0].p_align = 0x200000;
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), 0);
	KT_ASSERT_EQ(img.align, 0x200000);
	ph[0].p_align = 0x30000;                           /* not a power of two: ignored */
	KT_ASSERT_EQ(elf_check_phdrs(&eh, ph, FSIZE, &img), 0);
	KT_ASSERT_EQ(img.align, PAGE_SIZE);
}
