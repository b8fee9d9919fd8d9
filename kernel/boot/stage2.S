/*
 * Stage 2, real-mode half. The MBR jumps here (0x8000) with the boot drive in
 * %dl. While the BIOS is still usable it collects the E820 memory map and
 * turns on the A20 line; then it enters 32-bit protected mode and calls
 * loader_main() (loader.c), which loads the kernel. Errors found here (no A20,
 * no memory map) are left in variables for loader_main to report, because
 * printing is much easier from C.
 */
#include "boot/bootinfo.h"

#define SMAP 0x534d4150                 /* "SMAP", the E820 signature */

	.code16
	.section .text.entry, "ax"
	.globl stage2_start
stage2_start:
	cli
	xor %ax, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov $0x7c00, %sp
	mov %dl, boot_drive
	cld

	/* Zero .bss now: e820_collect writes its results there. */
	mov $__bss_start, %di
	mov $__bss_end, %cx
	sub %di, %cx
	xor %al, %al
	rep stosb

	call e820_collect
	call a20_enable

	lgdt gdt_desc
	mov %cr0, %eax
	or $1, %eax                     /* CR0.PE */
	mov %eax, %cr0
	ljmp $0x08, $protected_entry

/* Ask INT 15h E820 for every memory range, into e820_buf / e820_count. */
e820_collect:
	xor %ebx, %ebx
	mov $e820_buf, %di
1:	movl $1, %es:20(%di)            /* ACPI attrs "valid" if the BIOS omits them */
	mov $0xe820, %eax
	mov $24, %ecx
	mov $SMAP, %edx
	int $0x15
	jc 2f                           /* carry: error, or past the last entry */
	cmp $SMAP, %eax
	jne 2f
	incl e820_count
	add $24, %di
	cmpl $BOOTINFO_MAX_E820, e820_count
	jae 2f
	test %ebx, %ebx                 /* %ebx == 0: that was the last entry */
	jnz 1b
2:	ret

/* Enable A20: ask the BIOS, then try the "fast A20" port; set a20_ok if on. */
a20_enable:
	call a20_is_on
	jnz 1f
	mov $0x2401, %ax
	int $0x15
	call a20_is_on
	jnz 1f
	inb $0x92, %al
	or $2, %al
	and $0xfe, %al                  /* bit 0 would reset the machine */
	outb %al, $0x92
	call a20_is_on
	jz 2f
1:	movb $1, a20_ok
2:	ret

/* ZF clear iff A20 is on: with it off, ffff:0510 wraps around to 0000:0500. */
a20_is_on:
	push %ds
	push %es
	xor %ax, %ax
	mov %ax, %ds
	not %ax
	mov %ax, %es
	movb $0x00, %ds:0x500
	movb $0xff, %es:0x510
	cmpb $0xff, %ds:0x500
	pop %es
	pop %ds
	ret

	.code32
protected_entry:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %fs
	mov %ax, %gs
	mov %ax, %ss
	mov $0x7c00, %esp
	movzbl boot_drive, %eax
	push %eax
	call loader_main                /* never returns */
1:	cli
	hlt
	jmp 1b

	.section .data
	.p2align 3
gdt:	.quad 0                         /* null */
	.quad 0x00cf9a000000ffff        /* 0x08: code, 32-bit, flat */
	.quad 0x00cf92000000ffff        /* 0x10: data, flat */
gdt_desc:
	.word gdt_desc - gdt - 1
	.long gdt
boot_drive:
	.byte 0

	.section .bss
	.p2align 3
	.globl e820_buf, e820_count, a20_ok
e820_buf:
	.skip 24 * BOOTINFO_MAX_E820
e820_count:
	.long 0
a20_ok:
	.byte 0

	.section .note.GNU-stack, "", @progbits
