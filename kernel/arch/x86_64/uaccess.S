/*
 * User-memory copies with fault recovery. The instructions that may fault
 * are listed in __ex_table; on a fault the page-fault handler first tries to
 * resolve it (demand paging, copy-on-write) and, failing that, resumes at
 * the fixup, which reports how many bytes were left.
 */
	.text

/*
 * size_t __copy_user(void *dst, const void *src, size_t n): bytes not copied.
 *
 * 64-byte blocks of eight quadword loads and stores, then the tail with
 * rep movsb. Not rep movsb throughout: QEMU's TCG runs a rep string
 * instruction one element per translated-block execution, so a 64 KiB
 * rep movsb is 65,536 trips through its loop, where this is 1,024 (it is
 * no slower on hardware: Linux's copy_user_generic_unrolled is the same
 * shape). A fault inside a block leaves rsi, rdi and rcx at the block's
 * start (they move only after it); the fixup copies the rest with rep
 * movsb, which stops at the faulting byte, so the count left is exact.
 * Bytes stored before the fault are stored again: user copies never
 * overlap, so that is harmless.
 */
	.globl __copy_user
__copy_user:
	movq %rdx, %rcx
	cmpq $64, %rcx
	jb 1f
20:	movq 0(%rsi), %r8
21:	movq 8(%rsi), %r9
22:	movq 16(%rsi), %r10
23:	movq 24(%rsi), %r11
24:	movq %r8, 0(%rdi)
25:	movq %r9, 8(%rdi)
26:	movq %r10, 16(%rdi)
27:	movq %r11, 24(%rdi)
28:	movq 32(%rsi), %r8
29:	movq 40(%rsi), %r9
30:	movq 48(%rsi), %r10
31:	movq 56(%rsi), %r11
32:	movq %r8, 32(%rdi)
33:	movq %r9, 40(%rdi)
34:	movq %r10, 48(%rdi)
35:	movq %r11, 56(%rdi)
	addq $64, %rsi
	addq $64, %rdi
	subq $64, %rcx
	cmpq $64, %rcx
	jae 20b
1:	rep movsb
	movq %rcx, %rax              /* 0 on success */
	ret
2:	movq %rcx, %rax              /* rep movsb stopped with rcx bytes left */
	ret
	.pushsection __ex_table, "a"
	.balign 8
	.quad 1b - .
	.quad 2b - .
	.quad 20b - .
	.quad 1b - .
	.quad 21b - .
	.quad 1b - .
	.quad 22b - .
	.quad 1b - .
	.quad 23b - .
	.quad 1b - .
	.quad 24b - .
	.quad 1b - .
	.quad 25b - .
	.quad 1b - .
	.quad 26b - .
	.quad 1b - .
	.quad 27b - .
	.quad 1b - .
	.quad 28b - .
	.quad 1b - .
	.quad 29b - .
	.quad 1b - .
	.quad 30b - .
	.quad 1b - .
	.quad 31b - .
	.quad 1b - .
	.quad 32b - .
	.quad 1b - .
	.quad 33b - .
	.quad 1b - .
	.quad 34b - .
	.quad 1b - .
	.quad 35b - .
	.quad 1b - .
	.popsection

/* size_t __clear_user(void *dst, size_t n) */
	.globl __clear_user
__clear_user:
	movq %rsi, %rcx
	xorl %eax, %eax
3:	rep stosb
	movq %rcx, %rax
	ret
4:	movq %rcx, %rax
	ret
	.pushsection __ex_table, "a"
	.balign 8
	.quad 3b - .
	.quad 4b - .
	.popsection

/* long __strncpy_user(char *dst, const char *src, long n): copies up to n
 * bytes stopping after a NUL; returns the string length, n if no NUL in n
 * bytes, or -14 (EFAULT) on a fault. The caller checked the range. */
	.globl __strncpy_user
__strncpy_user:
	xorl %eax, %eax
5:	cmpq %rdx, %rax
	je 7f
6:	movb (%rsi, %rax), %cl
	movb %cl, (%rdi, %rax)
	testb %cl, %cl
	jz 7f
	incq %rax
	jmp 5b
7:	ret
8:	movq $-14, %rax
	ret
	.pushsection __ex_table, "a"
	.balign 8
	.quad 6b - .
	.quad 8b - .
	.popsection
