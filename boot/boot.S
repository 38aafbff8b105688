/*
 * First instructions. Two ways in, both in 32-bit protected mode with paging
 * off:
 *   _start32      GRUB's multiboot2: eax = 0x36d76289, ebx = boot info.
 *   _pvh_start32  QEMU -kernel through the PVH ELF note: ebx = hvm_start_info.
 * Both build boot page tables (first 4 GiB 1:1, at the direct map, and the
 * first 2 GiB at KERNEL_VMA), enter long mode and call
 * kmain(protocol, info_phys) in the higher half on the boot stack.
 */
#include <kernel/vmlayout.h>

#define MB2_MAGIC        0xe85250d6
#define MB2_ARCH_I386    0
#define MB2_BOOT_MAGIC   0x36d76289

#define BOOT_PROTO_MB2   1
#define BOOT_PROTO_PVH   2

#define PTE_P    0x1
#define PTE_W    0x2
#define PTE_PS   0x80

#define V2P(x) ((x) - KERNEL_VMA)

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* End tag. The ELF entry point (_start32) is identity-mapped. */
	.balign 8
	.short 0
	.short 0
	.long 8
mb2_header_end:

	/* PVH entry for QEMU -kernel: an ELF note Xen/XEN_ELFNOTE_PHYS32_ENTRY. */
	.section .note.pvh, "a", @note
	.balign 4
	.long 4                 /* name size */
	.long 4                 /* desc size */
	.long 18                /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long _pvh_start32

	.section .boot.text, "ax"
	.code32
	.globl _start32
_start32:
	cli
	cld
	cmpl $MB2_BOOT_MAGIC, %eax
	jne no_boot
	movl $BOOT_PROTO_MB2, %esi
	jmp common32

	.globl _pvh_start32
_pvh_start32:
	cli
	cld
	movl $BOOT_PROTO_PVH, %esi

common32:
	movl %esi, V2P(boot_protocol)
	movl %ebx, V2P(boot_info_phys)
	movl $V2P(boot_stack_top), %esp

	/* Long mode available? */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx
	jz no_long_mode
	movl %edx, %edi         /* keep ext. features: bit 20 = NX */

	/* PD0..PD3: 2048 2 MiB pages covering the first 4 GiB. */
	movl $V2P(boot_pd), %ebx
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_P | PTE_W | PTE_PS), %eax
	movl %eax, (%ebx, %ecx, 8)
	movl %ecx, %eax
	shrl $11, %eax
	movl %eax, 4(%ebx, %ecx, 8)    /* bits 32+ of the physical address */
	incl %ecx
	cmpl $2048, %ecx
	jb 1b

	/* Low PDPT: 4 entries -> PD0..PD3 (1:1 and direct map). */
	movl $V2P(boot_pdpt_low), %ebx
	movl $V2P(boot_pd), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, 0(%ebx)
	addl $4096, %eax
	movl %eax, 8(%ebx)
	addl $4096, %eax
	movl %eax, 16(%ebx)
	addl $4096, %eax
	movl %eax, 24(%ebx)

	/* High PDPT: entries 510, 511 -> PD0, PD1 (KERNEL_VMA = -2 GiB). */
	movl $V2P(boot_pdpt_high), %ebx
	movl $V2P(boot_pd), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, 510*8(%ebx)
	addl $4096, %eax
	movl %eax, 511*8(%ebx)

	/* PML4: 0 (1:1), 256 (direct map), 511 (kernel). */
	movl $V2P(boot_pml4), %ebx
	movl $V2P(boot_pdpt_low), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, 0(%ebx)
	movl %eax, 256*8(%ebx)
	movl $V2P(boot_pdpt_high), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, 511*8(%ebx)

	movl %ebx, %cr3

	/* CR4: PAE, PGE, OSFXSR, OSXMMEXCPT. */
	movl %cr4, %eax
	orl $((1 << 5) | (1 << 7) | (1 << 9) | (1 << 10)), %eax
	movl %eax, %cr4

	/* EFER: LME, SCE, and NXE when the CPU has NX. */
	movl $0xc0000080, %ecx
	rdmsr
	orl $((1 << 8) | (1 << 0)), %eax
	testl $(1 << 20), %edi
	jz 2f
	orl $(1 << 11), %eax
2:	wrmsr

	/* CR0: PG, WP, PE, MP; clear EM and TS. */
	movl %cr0, %eax
	andl $~((1 << 2) | (1 << 3)), %eax
	orl $((1 << 31) | (1 << 16) | (1 << 0) | (1 << 1)), %eax
	movl %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $0x08, $start64_low

no_long_mode:
	/* Tell the serial port, then stop: nothing else can run. */
	movl $msg_no_lm, %esi
	jmp die32
no_boot:
	movl $msg_no_boot, %esi
die32:
	movw $0x3f8, %dx
3:	lodsb
	testb %al, %al
	jz 4f
	outb %al, %dx
	jmp 3b
4:	hlt
	jmp 4b

	.code64
start64_low:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $start64_high, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff       /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff       /* 0x10: data */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt
msg_no_lm:
	.asciz "boot: this CPU has no long mode (x86_64); cannot start\r\n"
msg_no_boot:
	.asciz "boot: not started by a multiboot2 loader or PVH; cannot start\r\n"

	.text
start64_high:
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	movl boot_protocol(%rip), %edi
	movl boot_info_phys(%rip), %esi
	call kmain
5:	cli
	hlt
	jmp 5b

	.data
	.balign 4
	.globl boot_protocol, boot_info_phys
boot_protocol:  .long 0
boot_info_phys: .long 0

	.bss
	.balign 4096
	.globl boot_pml4
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4 * 4096
	.globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	.skip 16384
boot_stack_top:
