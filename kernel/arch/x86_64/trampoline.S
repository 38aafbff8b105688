/*
 * Application processor start-up code. smp.c copies this block to a page
 * below 1 MiB, fills the parameter fields (tr_*) and sends INIT-SIPI-SIPI;
 * the AP starts here in real mode with CS = page >> 4, IP = 0, climbs to
 * long mode on the page tables named in tr_cr3 (below 4 GiB) and jumps to
 * tr_entry(tr_percpu) on tr_stack. %ebp holds the page's linear address
 * throughout, so the code runs wherever it is copied.
 */
#define TR(x) ((x) - trampoline_start)

	.section .rodata
	.balign 16
	.globl trampoline_start, trampoline_end
	.globl tr_gdt, tr_pm32, tr_lm64, tr_gdt_ptr, tr_pm32_ptr, tr_lm64_ptr, tr_cr3, tr_efer, tr_stack, tr_percpu, tr_entry
	.code16
trampoline_start:
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	xorl %ebp, %ebp
	movw %ax, %bp
	shll $4, %ebp
	lgdtl TR(tr_gdt_ptr)
	movl %cr0, %eax
	orl $1, %eax
	movl %eax, %cr0
	ljmpl *TR(tr_pm32_ptr)

	.code32
tr_pm32:
	movw $0x18, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movl %cr4, %eax
	orl $((1 << 5) | (1 << 7) | (1 << 9) | (1 << 10)), %eax   /* PAE PGE OSFXSR OSXMMEXCPT */
	movl %eax, %cr4
	movl TR(tr_cr3)(%ebp), %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx
	rdmsr
	orl TR(tr_efer)(%ebp), %eax
	wrmsr
	movl %cr0, %eax
	andl $~((1 << 2) | (1 << 3)), %eax
	orl $((1 << 31) | (1 << 16) | (1 << 1)), %eax            /* PG WP MP */
	movl %eax, %cr0
	ljmpl *TR(tr_lm64_ptr)(%ebp)

	.code64
tr_lm64:
	movq TR(tr_stack)(%rbp), %rsp
	movq TR(tr_percpu)(%rbp), %rdi
	movq TR(tr_entry)(%rbp), %rax
	xorl %ebp, %ebp
	pushq $0                       /* fake return address ends backtraces */
	jmp *%rax

	.balign 16
tr_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff       /* 0x08: 32-bit code */
	.quad 0x00af9a000000ffff       /* 0x10: 64-bit code */
	.quad 0x00cf92000000ffff       /* 0x18: data */
tr_gdt_end:
	.balign 8
tr_gdt_ptr:
	.short tr_gdt_end - tr_gdt - 1
	.long 0                        /* page + TR(tr_gdt) */
	.balign 8
tr_pm32_ptr:
	.long 0                        /* page + TR(tr_pm32) */
	.short 0x08
	.balign 8
tr_lm64_ptr:
	.long 0                        /* page + TR(tr_lm64) */
	.short 0x10
	.balign 8
tr_cr3:    .long 0
tr_efer:   .long 0
tr_stack:  .quad 0
tr_percpu: .quad 0
tr_entry:  .quad 0
trampoline_end:

