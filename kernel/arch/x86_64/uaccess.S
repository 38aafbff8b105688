/*
 * User-memory copies with fault recovery. The instructions that may fault
 * are listed in __ex_table; on a fault the page-fault handler first tries to
 * resolve it (demand paging, copy-on-write) and, failing that, resumes at
 * the fixup, which reports how many bytes were left.
 */
	.text

/* size_t __copy_user(void *dst, const void *src, size_t n): bytes not copied */
	.globl __copy_user
__copy_user:
	movq %rdx, %rcx
1:	rep movsb
	movq %rcx, %rax              /* 0 on success */
	ret
2:	movq %rcx, %rax              /* rep movsb stopped with rcx bytes left */
	ret
	.pushsection __ex_table, "a"
	.balign 8
	.quad 1b - .
	.quad 2b - .
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
