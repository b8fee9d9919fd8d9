/*
 * The symbol table of the first link pass: empty. tools/mksymtab.py reads
 * that first kernel and writes the real table in this same shape; it lives
 * in .ksymtab, after all code, so swapping it in moves no function.
 */
	.section .ksymtab, "a"
	.p2align 3
	.globl kernel_symtab
kernel_symtab:
	.quad 0, 0, 0, 0, empty_strings
empty_strings:
	.byte 0
	.section .note.GNU-stack, "", @progbits
