/*
 * The master boot record: the BIOS loads these 512 bytes at 0x7c00 and jumps
 * here in 16-bit real mode. Its one job is to read the config sector and the
 * stage 2 loader (LBA 1 .. 1+BOOTDISK_STAGE2_SECTORS) to 0x7e00 with the BIOS
 * "extended read" call and jump to stage 2, passing the boot drive in %dl.
 * Anything that goes wrong is printed on the screen and on COM1, then it halts.
 */
#include "boot/bootdisk.h"

	.code16
	.section .text
	.globl mbr_start
mbr_start:
	cli
	xor %ax, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov $0x7c00, %sp
	ljmp $0, $1f            /* some BIOSes enter at 07c0:0000; normalise %cs */
1:	sti
	mov %dl, boot_drive

	/* Extended reads (INT 13h AH=42h) take an LBA, so check they exist. */
	mov $0x41, %ah
	mov $0x55aa, %bx
	int $0x13
	jc no_ext
	cmp $0xaa55, %bx
	jne no_ext

	mov $dap, %si
	mov $0x42, %ah
	mov boot_drive, %dl
	int $0x13
	jc read_failed

	mov boot_drive, %dl
	ljmp $0, $BOOTDISK_STAGE2_ADDR

no_ext:
	mov $msg_no_ext, %si
	jmp fail
read_failed:
	mov $msg_read, %si
fail:
	call puts
halt:
	cli
	hlt
	jmp halt

/* puts: print the NUL-terminated string at %si on the screen and on COM1. */
puts:
	lodsb
	test %al, %al
	jz 2f
	mov $0x0e, %ah          /* BIOS teletype */
	mov $7, %bx
	int $0x10
	mov $0x3f8, %dx         /* COM1 data; emulators need no set-up to send */
	out %al, %dx
	jmp puts
2:	ret

msg_no_ext:	.asciz "clanboot: BIOS has no INT 13h extensions\r\n"
msg_read:	.asciz "clanboot: cannot read stage 2 from the boot disk\r\n"

	.p2align 2
dap:                            /* disk address packet for AH=42h */
	.byte 16, 0
	.word 1 + BOOTDISK_STAGE2_SECTORS
	.word BOOTDISK_CONFIG_ADDR, 0
	.quad BOOTDISK_CONFIG_LBA
boot_drive:
	.byte 0

	.org 510
	.byte 0x55, 0xaa

	.section .note.GNU-stack, "", @progbits
