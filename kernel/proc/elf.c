/*
 * ELF64 validation and loading for exec.
 *
 * Nothing in a file is trusted: the header's identity and sizes, the
 * program header table's bounds, every PT_LOAD's geometry (file range
 * inside the file, p_filesz <= p_memsz, offset and address congruent
 * modulo the page size, no wrap-around, inside the user address space,
 * ascending and not overlapping) and PT_INTERP's size are checked before
 * anything is mapped. A malformed file is -ENOEXEC (not an executable we
 * know), -EINVAL (bad segments, as Linux's loader reports them) or, for a
 * program interpreter, -ELIBBAD.
 *
 * Loading reserves the whole span of the segments first (so a PIE or an
 * interpreter lands in one free range), maps each segment over it from
 * the file (MAP_PRIVATE|MAP_FIXED), zeroes the tail of the last file page
 * of a segment with bss, maps the rest of the bss anonymous, and unmaps
 * the gaps between segments, as Linux's layout has them.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/mman.h>
#include <string.h>

#include "internal.h"

#define PAGE_DOWN(x) ((x) & PAGE_MASK)
#define PAGE_UP(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

static bool add_overflows(u64 a, u64 b, u64 *sum)
{
	return __builtin_add_overflow(a, b, sum);
}

int elf_check_ehdr(const struct elf64_ehdr *eh, u64 file_size)
{
	u64 ph_bytes, ph_end;

	if (memcmp(eh->e_ident, "\177ELF", 4))
		return -ENOEXEC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (eh->e_machine != EM_X86_64)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(struct elf64_phdr))
		return -ENOEXEC;
	ph_bytes = (u64)eh->e_phnum * sizeof(struct elf64_phdr);
	if (ph_bytes == 0 || ph_bytes > ELF_MAX_PHDR_BYTES)
		return -ENOEXEC;
	if (add_overflows(eh->e_phoff, ph_bytes, &ph_end) || ph_end > file_size)
		return -ENOEXEC;
	return 0;
}

int elf_check_phdrs(const struct elf64_ehdr *eh, const struct elf64_phdr *ph, u64 file_size,
		    struct elf_image *img)
{
	u64 prev_end = 0, ph_bytes = (u64)eh->e_phnum * sizeof(*ph);
	unsigned nload = 0;
	bool have_phdr = false;

	img->interp = -1;
	img->exec_stack = false;
	img->align = PAGE_SIZE;
	img->phdr_addr = 0;
	img->lo = img->hi = 0;

	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *p = &ph[i];
		u64 end, fend;

		switch (p->p_type) {
		case PT_INTERP:
			if (img->interp >= 0)
				break;          /* Linux uses the first */
			if (p->p_filesz < 2 || p->p_filesz > PATH_MAX)
				return -ENOEXEC;
			if (add_overflows(p->p_offset, p->p_filesz, &fend) || fend > file_size)
				return -ENOEXEC;
			img->interp = i;
			break;
		case PT_GNU_STACK:
			img->exec_stack = p->p_flags & PF_X;
			break;
		case PT_PHDR:
			if (!have_phdr) {
				img->phdr_addr = p->p_vaddr;
				have_phdr = true;
			}
			break;
		case PT_LOAD:
			if (p->p_filesz > p->p_memsz)
				return -EINVAL;
			if ((p->p_offset & ~PAGE_MASK) != (p->p_vaddr & ~PAGE_MASK))
				return -EINVAL;
			if (add_overflows(p->p_offset, p->p_filesz, &fend) || fend > file_size)
				return -EINVAL;
			if (add_overflows(p->p_vaddr, p->p_memsz, &end) || end > VM_TASK_SIZE)
				return -EINVAL;
			if (p->p_memsz == 0)
				break;          /* maps nothing */
			/* Ascending (the ELF spec's order) and disjoint. */
			if (nload && p->p_vaddr < prev_end)
				return -EINVAL;
			if (!nload)
				img->lo = PAGE_DOWN(p->p_vaddr);
			prev_end = end;
			img->hi = PAGE_UP(end);
			if (p->p_align > img->align && !(p->p_align & (p->p_align - 1)) &&
			    p->p_align <= ELF_MAX_ALIGN)
				img->align = p->p_align;
			if (!have_phdr && p->p_offset <= eh->e_phoff &&
			    eh->e_phoff + ph_bytes <= p->p_offset + p->p_filesz)
				img->phdr_addr = p->p_vaddr + (eh->e_phoff - p->p_offset);
			nload++;
			break;
		}
	}
	if (!nload)
		return -ENOEXEC;
	if (eh->e_type == ET_DYN && img->hi - img->lo > VM_TASK_SIZE / 2)
		return -EINVAL;
	if (eh->e_entry >= VM_TASK_SIZE)
		return -EINVAL;
	return 0;
}

void elf_image_free(struct elf_image *img)
{
	kfree(img->ph);
	img->ph = NULL;
}

int elf_read_image(struct file *f, const void *prefix, size_t prefix_len, bool is_interp,
		   struct elf_image *img)
{
	u64 size = file_size(f), pos;
	size_t ph_bytes;
	ssize_t n;
	int r;

	memset(img, 0, sizeof(*img));
	img->interp = -1;
	if (prefix_len >= sizeof(img->eh)) {
		memcpy(&img->eh, prefix, sizeof(img->eh));
	} else {
		pos = 0;
		n = kernel_read(f, &img->eh, sizeof(img->eh), &pos);
		if (n < 0)
			return n;
		if ((size_t)n < sizeof(img->eh))
			return is_interp ? -ELIBBAD : -ENOEXEC;
	}
	r = elf_check_ehdr(&img->eh, size);
	if (r) {
		/* Linux: an interpreter that is no ELF or for another machine
		 * is -ELIBBAD; other header faults are -EINVAL for it. */
		if (is_interp)
			return memcmp(img->eh.e_ident, "\177ELF", 4) ||
			       img->eh.e_machine != EM_X86_64 ? -ELIBBAD : -EINVAL;
		return r;
	}
	ph_bytes = img->eh.e_phnum * sizeof(struct elf64_phdr);
	img->ph = kmalloc(ph_bytes, GFP_KERNEL);
	if (!img->ph)
		return -ENOMEM;
	pos = img->eh.e_phoff;
	n = kernel_read(f, img->ph, ph_bytes, &pos);
	if (n < 0 || (size_t)n != ph_bytes) {
		elf_image_free(img);
		return n < 0 ? n : -EIO;
	}
	r = elf_check_phdrs(&img->eh, img->ph, size, img);
	if (r)
		elf_image_free(img);
	return r;
}

static int segment_prot(u32 flags)
{
	int prot = 0;

	if (flags & PF_R)
		prot |= LINUX_PROT_READ;
	if (flags & PF_W)
		prot |= LINUX_PROT_WRITE;
	if (flags & PF_X)
		prot |= LINUX_PROT_EXEC;
	return prot;
}

/* Reserve span bytes: at hint exactly (fixed), or anywhere mmap likes
 * with the start aligned to align. Returns the address or -errno. */
static long reserve_span(struct mm *mm, unsigned long hint, unsigned long span,
			 unsigned long align, bool fixed)
{
	int flags = LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS | LINUX_MAP_NORESERVE;
	unsigned long base, extra;
	long r;

	if (fixed)
		return vm_mmap(mm, hint, span, LINUX_PROT_NONE, flags | LINUX_MAP_FIXED, NULL, 0);
	extra = align > PAGE_SIZE ? align : 0;
	r = vm_mmap(mm, hint, span + extra, LINUX_PROT_NONE, flags, NULL, 0);
	if (r < 0 || !extra)
		return r;
	/* Trim to an aligned span. */
	base = ALIGN_UP((unsigned long)r, align);
	if (base > (unsigned long)r)
		vm_munmap(mm, r, base - r);
	if ((unsigned long)r + span + extra > base + span)
		vm_munmap(mm, base + span, (unsigned long)r + span + extra - (base + span));
	return base;
}

int elf_map_image(struct mm *mm, struct file *f, struct elf_image *img, unsigned long load_hint,
		  unsigned long *bias_out, unsigned long *end_out)
{
	static const u8 zeros[PAGE_SIZE];
	unsigned long span = img->hi - img->lo, bias, end = 0, prev_page_end = 0;
	long base;

	if (img->eh.e_type == ET_EXEC) {
		base = reserve_span(mm, img->lo, span, PAGE_SIZE, true);
	} else if (load_hint) {
		base = reserve_span(mm, ALIGN_UP(load_hint, img->align), span, img->align, true);
	} else {
		base = reserve_span(mm, 0, span, img->align, false);
	}
	if (base < 0)
		return base;
	bias = base - img->lo;

	for (int i = 0; i < img->eh.e_phnum; i++) {
		const struct elf64_phdr *p = &img->ph[i];
		unsigned long start, file_end, mem_end, anon_start;
		int prot = segment_prot(p->p_flags);
		long r;

		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		start = PAGE_DOWN(p->p_vaddr + bias);
		file_end = p->p_vaddr + bias + p->p_filesz;
		mem_end = p->p_vaddr + bias + p->p_memsz;
		if (prev_page_end && start > prev_page_end)
			vm_munmap(mm, prev_page_end, start - prev_page_end);   /* the gap */

		if (p->p_filesz) {
			r = vm_mmap(mm, start, PAGE_UP(file_end) - start, prot,
				    LINUX_MAP_PRIVATE | LINUX_MAP_FIXED, f, PAGE_DOWN(p->p_offset));
			if (r < 0)
				return r;
			/* The file page that holds the end of the data also holds
			 * whatever follows it in the file: bss must read as 0, and
			 * so must the rest of that page (Linux's padzero; ld.so's
			 * early malloc uses it and counts on zeroes). */
			if (p->p_memsz > p->p_filesz && (file_end & ~PAGE_MASK)) {
				unsigned long n = PAGE_UP(file_end) - file_end;

				if ((prot & LINUX_PROT_WRITE) &&
				    vm_access(mm, file_end, (void *)zeros, n, true) != (long)n)
					return -EFAULT;
				/* XXX: a read-only segment with bss keeps the file's
				 * bytes there (Linux fails such an exec with EFAULT). */
			}
			anon_start = PAGE_UP(file_end);
		} else {
			anon_start = start;
		}
		if (PAGE_UP(mem_end) > anon_start) {
			r = vm_mmap(mm, anon_start, PAGE_UP(mem_end) - anon_start, prot,
				    LINUX_MAP_PRIVATE | LINUX_MAP_FIXED | LINUX_MAP_ANONYMOUS, NULL, 0);
			if (r < 0)
				return r;
		}
		prev_page_end = PAGE_UP(mem_end);
		if (mem_end > end)
			end = mem_end;
	}
	*bias_out = bias;
	*end_out = end;
	return 0;
}
