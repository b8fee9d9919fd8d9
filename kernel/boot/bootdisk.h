/*
 * Layout of the boot disk, shared by the MBR, the loader and the kernel.
 * tools/mkdisk.py writes this layout and repeats these numbers: change both.
 *
 *   LBA 0                  MBR (mbr.S)
 *   LBA 1                  config sector: where the kernel is, boot arguments
 *   LBA 2 .. 2+31          stage 2 loader (stage2.S + loader.c), at most 16 KiB
 *   LBA 64 ..              the kernel ELF file, unchanged
 */
#ifndef BOOT_BOOTDISK_H
#define BOOT_BOOTDISK_H

#define BOOTDISK_SECTOR_SIZE 512
#define BOOTDISK_CONFIG_LBA 1
#define BOOTDISK_STAGE2_LBA 2
#define BOOTDISK_STAGE2_SECTORS 32
#define BOOTDISK_KERNEL_LBA 64

/* The MBR loads the config sector and stage 2 in one read, to these addresses. */
#define BOOTDISK_CONFIG_ADDR 0x7e00
#define BOOTDISK_STAGE2_ADDR 0x8000

#define BOOTDISK_CONFIG_MAGIC "CLANCFG1"
#define BOOTDISK_ARGS_MAX 496

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The config sector. args is NUL-terminated text: "key=value key=value". */
struct bootdisk_config {
	char magic[8];
	uint32_t kernel_lba;
	uint32_t kernel_sectors;
	char args[BOOTDISK_ARGS_MAX];
};
_Static_assert(sizeof(struct bootdisk_config) == BOOTDISK_SECTOR_SIZE,
	       "config sector must be one sector");
#endif

#endif
