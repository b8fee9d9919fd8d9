/*
 * Kernel entry. The loader jumps to _start in 32-bit protected mode, paging
 * off, with BOOTINFO_MAGIC in %eax and the boot-info block in %ebx. This code
 * checks the CPU, builds the boot page tables, turns on PAE, long mode and
 * NX, and jumps to the higher half, where it clears .bss, switches to the
 * boot stack and calls kmain(bootinfo_phys).
 *
 * Boot page tables (lab 3 replaces them):
 *   PML4[0]   -> identity map of 0..1 GiB (the code below runs there until the jump)
 *   PML4[256] -> DIRECT_MAP_BASE: 0..4 GiB (p2v), so the local and I/O APICs
 *                near 4 GiB are reachable; 0xFE000000..4 GiB is uncached
 *   PML4[511] -> KERNEL_VMA: 0..1 GiB, via PDPT_HIGH[510]
 * The first GiB of all three shares one page directory. Its first 4 MiB use
 * 4 KiB pages so the page below the boot stack (boot_stack_guard) can be
 * left unmapped.
 */
#include "boot/bootinfo.h"
#include "mm/memlayout.h"

#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PWT 0x8
#define PTE_PCD 0x10
#define PTE_PS 0x80                     /* 2 MiB page, in a page directory */
#define MMIO_START_2M (0xfe000000 >> 21) /* first 2 MiB page left uncached */
#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define CPUID_LM (1 << 29)
#define CPUID_NX (1 << 20)

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cmp $BOOTINFO_MAGIC, %eax
	jne bad_loader
	mov %ebx, %esi                  /* keep the boot info; cpuid clobbers %ebx */

	mov $0x80000000, %eax           /* long mode and NX are in leaf 0x80000001 */
	cpuid
	cmp $0x80000001, %eax
	jb no_long_mode
	mov $0x80000001, %eax
	cpuid
	test $CPUID_LM, %edx
	jz no_long_mode
	test $CPUID_NX, %edx
	jz no_long_mode

	mov $boot_pml4, %edi            /* zero all ten table pages */
	mov $(10 * 4096 / 4), %ecx
	xor %eax, %eax
	rep stosl

	movl $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4
	movl $(boot_pdpt_direct + PTE_P + PTE_W), boot_pml4 + 256 * 8
	movl $(boot_pdpt_high + PTE_P + PTE_W), boot_pml4 + 511 * 8
	movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_low
	movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_high + 510 * 8
	movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_direct
	movl $(boot_pd_high + PTE_P + PTE_W), boot_pdpt_direct + 8
	movl $(boot_pd_high + 4096 + PTE_P + PTE_W), boot_pdpt_direct + 16
	movl $(boot_pd_high + 8192 + PTE_P + PTE_W), boot_pdpt_direct + 24
	movl $(boot_pt + PTE_P + PTE_W), boot_pd
	movl $(boot_pt + 4096 + PTE_P + PTE_W), boot_pd + 8

	mov $2, %ecx                    /* PD[2..511]: 2 MiB pages, 4 MiB .. 1 GiB */
1:	mov %ecx, %eax
	shl $21, %eax
	or $(PTE_P + PTE_W + PTE_PS), %eax
	mov %eax, boot_pd(, %ecx, 8)
	inc %ecx
	cmp $512, %ecx
	jb 1b

	mov $512, %ecx                  /* PD_HIGH: 2 MiB pages, 1 GiB .. 4 GiB */
3:	mov %ecx, %eax
	shl $21, %eax
	or $(PTE_P + PTE_W + PTE_PS), %eax
	cmp $MMIO_START_2M, %ecx
	jb 4f
	or $(PTE_PCD + PTE_PWT), %eax   /* device registers: no caching */
4:	mov %eax, boot_pd_high - 512 * 8(, %ecx, 8)
	inc %ecx
	cmp $2048, %ecx
	jb 3b

	xor %ecx, %ecx                  /* the two PTs: 4 KiB pages, 0 .. 4 MiB */
2:	mov %ecx, %eax
	shl $12, %eax
	or $(PTE_P + PTE_W), %eax
	mov %eax, boot_pt(, %ecx, 8)
	inc %ecx
	cmp $1024, %ecx
	jb 2b

	mov $boot_stack_guard_phys, %eax
	shr $12, %eax
	movl $0, boot_pt(, %eax, 8)     /* unmap the stack guard page */

	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov $MSR_EFER, %ecx
	rdmsr
	or $(EFER_LME | EFER_NXE), %eax
	wrmsr
	mov %cr0, %eax
	or $(CR0_PG | CR0_WP | CR0_PE), %eax
	mov %eax, %cr0                  /* now in compatibility mode */
	lgdt boot_gdt_desc
	ljmp $0x08, $long_mode_entry

bad_loader:
	mov $msg_bad_loader, %esi
	jmp boot_fail
no_long_mode:
	mov $msg_no_long_mode, %esi
boot_fail:                              /* print %esi on COM1 and stop */
	lodsb
	test %al, %al
	jz 4f
	mov %al, %bl
	mov $0x3fd, %dx
3:	in %dx, %al
	test $0x20, %al
	jz 3b
	mov $0x3f8, %dx
	mov %bl, %al
	out %al, %dx
	jmp boot_fail
4:	cli
	hlt
	jmp 4b

	.code64
long_mode_entry:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %eax, %eax
	mov %ax, %fs
	mov %ax, %gs
	mov %esi, %r12d                 /* zero-extend: upper halves are undefined after the switch */
	movabs $higher_half, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.p2align 3
boot_gdt:
	.quad 0                         /* null */
	.quad 0x00209a0000000000        /* 0x08: kernel code, 64-bit */
	.quad 0x0000920000000000        /* 0x10: kernel data */
boot_gdt_desc:
	.word boot_gdt_desc - boot_gdt - 1
	.long boot_gdt
msg_bad_loader:
	.asciz "clan: not started by the Clan OS loader (bad boot-info magic)\r\n"
msg_no_long_mode:
	.asciz "clan: this CPU has no long mode or no NX; Clan OS needs x86-64 with NX\r\n"

	.section .boot.bss, "aw", @nobits
	.p2align 12
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pdpt_direct: .skip 4096
boot_pd:	.skip 4096
boot_pd_high:	.skip 3 * 4096
boot_pt:	.skip 2 * 4096

	.text
higher_half:
	/* Clear .bss: the loader did, but the kernel does not rely on its loader. */
	movabs $__bss_start, %rdi
	movabs $__bss_end, %rcx
	sub %rdi, %rcx
	xor %eax, %eax
	rep stosb
	movabs $boot_stack_top, %rsp
	xor %ebp, %ebp                  /* the backtrace walker stops at a zero frame pointer */
	mov %r12, %rdi
	call kmain
5:	cli
	hlt
	jmp 5b

	.section .note.GNU-stack, "", @progbits
