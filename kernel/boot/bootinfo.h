/*
 * The boot-info block: what the loader learned about the machine, handed to
 * the kernel's entry in %ebx (with BOOTINFO_MAGIC in %eax). The loader builds
 * it in low memory; kmain copies it before anything can reuse that memory.
 */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#define BOOTINFO_MAGIC 0xC1A2B007
#define BOOTINFO_MAX_E820 64

#ifndef __ASSEMBLER__
#include <stdint.h>
#include "boot/bootdisk.h"

/* One BIOS E820 entry, as INT 15h returns it. */
struct e820_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type; /* E820_USABLE, E820_RESERVED, ... */
	uint32_t acpi_attrs;
} __attribute__((packed));

#define E820_USABLE 1
#define E820_RESERVED 2
#define E820_ACPI_RECLAIM 3
#define E820_ACPI_NVS 4
#define E820_BAD 5

struct bootinfo {
	uint32_t magic;        /* BOOTINFO_MAGIC */
	uint32_t boot_drive;   /* BIOS drive number the MBR was loaded from */
	uint64_t kernel_start; /* physical range the kernel's segments occupy */
	uint64_t kernel_end;
	uint32_t e820_count; /* entries in e820[], unsorted, as the BIOS gave them */
	uint32_t pad;
	struct e820_entry e820[BOOTINFO_MAX_E820];
	char args[BOOTDISK_ARGS_MAX]; /* boot arguments, NUL-terminated */
};
#endif

#endif
