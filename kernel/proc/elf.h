/*
 * ELF64 as exec reads it (kernel/proc/elf.c): the file and program headers,
 * the validator (also run by tests/ktest/proc_elf.c on crafted headers) and
 * the loader that maps a validated image into an address space.
 */
#ifndef KERNEL_PROC_ELF_H
#define KERNEL_PROC_ELF_H

#include <kernel/types.h>

struct file;
struct mm;

#define EI_NIDENT 16
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62

#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551

#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

struct elf64_ehdr {
	u8 e_ident[EI_NIDENT];
	u16 e_type;
	u16 e_machine;
	u32 e_version;
	u64 e_entry;
	u64 e_phoff;
	u64 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;
	u16 e_phnum;
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
};

struct elf64_phdr {
	u32 p_type;
	u32 p_flags;
	u64 p_offset;
	u64 p_vaddr;
	u64 p_paddr;
	u64 p_filesz;
	u64 p_memsz;
	u64 p_align;
};

/* Program headers beyond this many bytes are refused (Linux: 64 KiB). */
#define ELF_MAX_PHDR_BYTES 65536
/* Largest p_align honoured for a PIE's load address. */
#define ELF_MAX_ALIGN (1UL << 30)

/* What validation learned about an image; addresses are p_vaddr values
 * (add the load bias for ET_DYN). */
struct elf_image {
	struct elf64_ehdr eh;
	struct elf64_phdr *ph;      /* kmalloc'd copy of the program headers */
	unsigned long lo, hi;       /* page-aligned span of the PT_LOAD segments */
	unsigned long align;        /* largest power-of-two p_align of a PT_LOAD (>= page) */
	int interp;                 /* index of PT_INTERP, -1 if none */
	bool exec_stack;            /* PT_GNU_STACK with PF_X */
	unsigned long phdr_addr;    /* where the program headers are mapped, 0: not mapped */
};

/* Header checks; 0 or -ENOEXEC. file_size bounds e_phoff. */
int elf_check_ehdr(const struct elf64_ehdr *eh, u64 file_size);
/* Program header checks and the layout they describe: 0, -ENOEXEC (no
 * PT_LOAD, a bad PT_INTERP) or -EINVAL (segment geometry). */
int elf_check_phdrs(const struct elf64_ehdr *eh, const struct elf64_phdr *ph, u64 file_size,
		    struct elf_image *img);
/* Read and validate f's headers into img (prefix: the first bytes of the
 * file, already read). is_interp: errors as for an interpreter (-ELIBBAD
 * for a non-ELF or foreign file). Free img->ph with elf_image_free. */
int elf_read_image(struct file *f, const void *prefix, size_t prefix_len, bool is_interp,
		   struct elf_image *img);
void elf_image_free(struct elf_image *img);
/*
 * Map a validated image into mm: ET_EXEC at its addresses, ET_DYN at bias
 * (load_hint != 0: that base, page-aligned, as Linux places a PIE;
 * 0: wherever mmap puts it, as for an interpreter). *bias_out gets the
 * load bias, *end_out the end of the highest segment (the brk start).
 */
int elf_map_image(struct mm *mm, struct file *f, struct elf_image *img, unsigned long load_hint,
		  unsigned long *bias_out, unsigned long *end_out);

#endif
