#if LAB >= 6
/*
 * Program entry. The kernel starts a program at _start with rdi = argc,
 * rsi = argv and rsp at the System V layout (argc, argv[0..argc), NULL, an
 * empty environment's NULL), 16-byte aligned. _start calls main(argc, argv)
 * and hands its value to exit, which flushes printf's buffer.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp         /* the outermost frame, for backtraces */
	andq $-16, %rsp         /* main gets the alignment the ABI promises */
	call main
	movl %eax, %edi
	call exit
	ud2
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
#endif
