/*
 * Exception table: an instruction that may fault on purpose (user-memory
 * access, MSR probing) lists its address with a fixup address; the fault
 * handler resumes there instead of panicking.
 */
#ifndef ASM_EXTABLE_H
#define ASM_EXTABLE_H

#ifndef __ASSEMBLER__
#include <asm/ptrace.h>

struct exception_table_entry {
	long insn;    /* relative to the field's own address */
	long fixup;
};

/* If regs->rip has a fixup, move regs->rip there and return true. */
bool fixup_exception(struct pt_regs *regs);
#endif

/* For inline asm: _ASM_EXTABLE(1b, 3b) */
#define _ASM_EXTABLE(from, to)                  \
	" .pushsection __ex_table, \"a\"\n"     \
	" .balign 8\n"                          \
	" .quad (" #from ") - .\n"              \
	" .quad (" #to ") - .\n"            \
	" .popsection\n"

#endif
