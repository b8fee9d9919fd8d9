/*
 * Stage 2, protected-mode half: load the kernel ELF from the boot disk and
 * jump to its entry. The disk is read with ATA PIO (the BIOS is gone in
 * protected mode); each PT_LOAD segment is copied to its physical address
 * (p_paddr) and its .bss part zeroed. Every check that can fail on a bad
 * disk image prints what is wrong on COM1 and halts: never a silent reboot.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/io.h"
#include "boot/bootdisk.h"
#include "boot/bootinfo.h"
#include "dev/uart.h"
#include "lib/elf.h"
#include "lib/printf.h"
#include "lib/string.h"

/* Filled in by stage2.S while the BIOS could still be called. */
extern struct e820_entry e820_buf[];
extern uint32_t e820_count;
extern uint8_t a20_ok;

/* The kernel must load above the loader and the BIOS area, into mapped RAM. */
#define KERNEL_MIN_PADDR 0x100000u
#define KERNEL_MAX_PADDR 0x40000000u /* the kernel's boot page tables map 1 GiB */
#define KERNEL_MAX_BYTES (32u << 20)

/* A 32 KiB bounce buffer in free conventional memory (stage 2 ends below 64 KiB). */
#define BOUNCE_ADDR 0x20000u
#define BOUNCE_SECTORS 64u

#define ATA_DATA 0x1f0
#define ATA_COUNT 0x1f2
#define ATA_LBA0 0x1f3
#define ATA_LBA1 0x1f4
#define ATA_LBA2 0x1f5
#define ATA_DRIVE 0x1f6
#define ATA_STATUS 0x1f7  /* read: status */
#define ATA_COMMAND 0x1f7 /* write: command */
#define ATA_CMD_READ 0x20
#define ATA_BSY 0x80
#define ATA_DF 0x20
#define ATA_DRQ 0x08
#define ATA_ERR 0x01

static struct bootinfo bootinfo;
static const struct bootdisk_config *config = (void *)BOOTDISK_CONFIG_ADDR;

static void
put(int c, void *arg)
{
	(void)arg;
	uart_putc(c);
}

/* Print "clanboot: error: <message>" and stop the machine. */
static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void
fail(const char *fmt, ...)
{
	va_list ap;

	for (const char *s = "clanboot: error: "; *s; s++)
		uart_putc(*s);
	va_start(ap, fmt);
	vprintfmt(put, 0, fmt, ap);
	va_end(ap);
	uart_putc('\n');
	uart_flush();
	halt_forever();
}

/* Wait for the drive to drop BSY; fail on an error bit or if it never answers. */
static uint8_t
ata_wait(uint32_t lba)
{
	for (uint32_t spin = 0; spin < 10000000; spin++) {
		uint8_t status = inb(ATA_STATUS);
		if (status & ATA_BSY)
			continue;
		if (status & (ATA_ERR | ATA_DF))
			fail("disk read failed at sector %u (ATA status 0x%x)", lba, status);
		return status;
	}
	fail("disk does not answer (sector %u)", lba);
}

/* Read count (1..256) sectors from the primary ATA master, LBA28, into dst. */
static void
ata_read(uint32_t lba, uint32_t count, void *dst)
{
	ata_wait(lba);
	outb(ATA_DRIVE, 0xe0 | ((lba >> 24) & 0x0f));
	outb(ATA_COUNT, (uint8_t)count);
	outb(ATA_LBA0, (uint8_t)lba);
	outb(ATA_LBA1, (uint8_t)(lba >> 8));
	outb(ATA_LBA2, (uint8_t)(lba >> 16));
	outb(ATA_COMMAND, ATA_CMD_READ);
	for (uint32_t i = 0; i < count; i++) {
		while (!(ata_wait(lba + i) & ATA_DRQ))
			;
		insl(ATA_DATA, (uint8_t *)dst + i * BOOTDISK_SECTOR_SIZE, BOOTDISK_SECTOR_SIZE / 4);
	}
}

/* Copy len bytes at byte offset off of the kernel file to dst. */
static void
kernel_read(void *dst, uint32_t off, uint32_t len)
{
	uint8_t *bounce = (uint8_t *)BOUNCE_ADDR;

	while (len) {
		uint32_t sector = off / BOOTDISK_SECTOR_SIZE;
		uint32_t skip = off % BOOTDISK_SECTOR_SIZE;
		uint32_t nsect = (skip + len + BOOTDISK_SECTOR_SIZE - 1) / BOOTDISK_SECTOR_SIZE;
		if (nsect > BOUNCE_SECTORS)
			nsect = BOUNCE_SECTORS;
		ata_read(config->kernel_lba + sector, nsect, bounce);
		uint32_t n = nsect * BOOTDISK_SECTOR_SIZE - skip;
		if (n > len)
			n = len;
		memcpy(dst, bounce + skip, n);
		dst = (uint8_t *)dst + n;
		off += n;
		len -= n;
	}
}

static void
check_header(const struct elf64_ehdr *eh, uint32_t file_bytes)
{
	if (memcmp(eh->e_ident, ELF_MAGIC, 4) != 0)
		fail("kernel is not an ELF file (bad magic)");
	if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB)
		fail("kernel is not a little-endian ELF64 file");
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
		fail("kernel is not an x86-64 executable (type %u, machine %u)", eh->e_type,
		     eh->e_machine);
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 || eh->e_phnum > 16)
		fail("kernel has a corrupt program header table (%u entries of %u bytes)",
		     eh->e_phnum, eh->e_phentsize);
	if (eh->e_phoff > file_bytes ||
	    eh->e_phnum * sizeof(struct elf64_phdr) > file_bytes - eh->e_phoff)
		fail("kernel program headers lie outside the file");
	if (eh->e_entry < KERNEL_MIN_PADDR || eh->e_entry >= KERNEL_MAX_PADDR)
		fail("kernel entry 0x%llx is not a low physical address",
		     (unsigned long long)eh->e_entry);
}

/* True if [start, end) lies inside one usable E820 range. */
static bool
in_usable_ram(uint64_t start, uint64_t end)
{
	for (uint32_t i = 0; i < e820_count; i++) {
		const struct e820_entry *e = &e820_buf[i];
		if (e->type == E820_USABLE && start >= e->base && end <= e->base + e->length)
			return true;
	}
	return false;
}

static void
load_segment(const struct elf64_phdr *ph, uint32_t file_bytes)
{
	uint64_t start = ph->p_paddr, end = ph->p_paddr + ph->p_memsz;

	if (ph->p_filesz > ph->p_memsz || ph->p_offset > file_bytes ||
	    ph->p_filesz > file_bytes - ph->p_offset)
		fail("kernel segment at 0x%llx has sizes that do not fit the file",
		     (unsigned long long)start);
	if (start < KERNEL_MIN_PADDR || end > KERNEL_MAX_PADDR || end < start)
		fail("kernel segment 0x%llx-0x%llx is outside 1 MiB..1 GiB",
		     (unsigned long long)start, (unsigned long long)end);
	if (!in_usable_ram(start, end))
		fail("kernel segment 0x%llx-0x%llx is not in usable RAM", (unsigned long long)start,
		     (unsigned long long)end);
	kernel_read((void *)(uintptr_t)start, (uint32_t)ph->p_offset, (uint32_t)ph->p_filesz);
	memset((void *)(uintptr_t)(start + ph->p_filesz), 0, ph->p_memsz - ph->p_filesz);
	if (start < bootinfo.kernel_start)
		bootinfo.kernel_start = start;
	if (end > bootinfo.kernel_end)
		bootinfo.kernel_end = end;
}

void loader_main(uint32_t boot_drive) __attribute__((noreturn));

/* Called by stage2.S in protected mode; loads the kernel and jumps to it. */
void
loader_main(uint32_t boot_drive)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph;

	uart_init();
	if (!a20_ok)
		fail("cannot enable the A20 line");
	if (e820_count == 0)
		fail("the BIOS gave no E820 memory map");
	if (memcmp(config->magic, BOOTDISK_CONFIG_MAGIC, 8) != 0)
		fail("config sector (LBA %u) is missing; rebuild the disk image",
		     BOOTDISK_CONFIG_LBA);
	if (config->kernel_sectors == 0 ||
	    config->kernel_sectors > KERNEL_MAX_BYTES / BOOTDISK_SECTOR_SIZE)
		fail("kernel is %u KiB; the loader loads 1 sector to %u KiB",
		     config->kernel_sectors / 2, KERNEL_MAX_BYTES / 1024);
	uint32_t file_bytes = config->kernel_sectors * BOOTDISK_SECTOR_SIZE;

	kernel_read(&eh, 0, sizeof(eh));
	check_header(&eh, file_bytes);

	bootinfo.kernel_start = UINT64_MAX;
	for (uint32_t i = 0; i < eh.e_phnum; i++) {
		kernel_read(&ph, (uint32_t)eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_LOAD)
			load_segment(&ph, file_bytes);
	}
	if (bootinfo.kernel_start == UINT64_MAX)
		fail("kernel has no loadable segment");

	bootinfo.magic = BOOTINFO_MAGIC;
	bootinfo.boot_drive = boot_drive;
	bootinfo.e820_count = e820_count;
	memcpy(bootinfo.e820, e820_buf, e820_count * sizeof(struct e820_entry));
	strlcpy(bootinfo.args, config->args, sizeof(bootinfo.args));

	__asm__ volatile("jmp *%2"
			 :
			 : "a"(BOOTINFO_MAGIC), "b"(&bootinfo), "r"((uint32_t)eh.e_entry));
	__builtin_unreachable();
}
