/*
 * The vDSO image (mk/vdso.mk builds it from kernel/arch/x86_64/vdso/),
 * embedded as it is; kernel/proc/vdso.c copies it into the pages every
 * process maps.
 */
#ifndef VDSO_IMAGE_PATH
#error "VDSO_IMAGE_PATH: the path of vdso.so (set by mk/vdso.mk)"
#endif

	.section .rodata, "a"
	.balign 64
	.globl vdso_image_start
vdso_image_start:
	.incbin VDSO_IMAGE_PATH
	.globl vdso_image_end
vdso_image_end:

	.section .note.GNU-stack, "", @progbits
