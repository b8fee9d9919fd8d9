#if LAB >= 5
/*
 * ATA PIO for the IDE disks of the PIIX controller (QEMU's and Bochs's).
 *
 * A PCI driver matches the IDE class; its probe uses the two legacy channels
 * (primary 0x1F0/0x3F6 on IRQ 14, secondary 0x170/0x376 on IRQ 15) and asks
 * each unit with IDENTIFY what is there, polling with interrupts off and a
 * timeout so an absent unit or a stuck one cannot hang the boot. Hard disks
 * become block devices named by position: ata0 primary master (the boot
 * disk), ata1 primary slave (the file-system disk), ata2 and ata3 secondary.
 *
 * A request is one READ or WRITE command of up to 256 sectors (the EXT forms,
 * LBA48, only for a range that LBA28 cannot reach). The device raises its IRQ
 * once per DRQ block: one sector for READ/WRITE SECTORS, up to 16 for READ/
 * WRITE MULTIPLE, which the probe turns on when the disk has it (under QEMU
 * that is one host read per block instead of per sector, and fewer
 * interrupts). The handler reads the status (which acknowledges the
 * interrupt), moves the block through the data port, and after the last one
 * calls blk_complete. A write's first block is moved by ata_issue, since the
 * device asks for it without an interrupt. The
 * master and the slave share a channel's registers, so each channel runs one
 * command at a time: the block layer gives each disk one request (depth 1),
 * and the other disk's request waits in the channel until the first ends.
 *
 * Lock order: a disk's blkdev lock, then its channel's lock (ata_start is
 * called with the first held). The interrupt handler drops the channel lock
 * before blk_complete takes the disk's.
 */
#include <stdbool.h>
#include <stdint.h>

#include "dev/ata.h"
#include "arch/x86/io.h"
#include "arch/x86/irq.h"
#include "arch/x86/trap.h"
#include "debug/panic.h"
#include "dev/blk.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "dev/pci.h"
#include "lib/errno.h"
#include "lib/printf.h"

/* Command-block registers, as offsets from the channel's base port. */
#define ATA_DATA 0
#define ATA_ERROR 1
#define ATA_COUNT 2
#define ATA_LBA0 3
#define ATA_LBA1 4
#define ATA_LBA2 5
#define ATA_DRIVE 6
#define ATA_STATUS 7 /* reading it acknowledges the interrupt */
#define ATA_COMMAND 7

/* The control block's one port: alternate status when read (no acknowledge), device
 * control when written. */
#define ATA_CTL_NIEN 0x02 /* interrupts off */

#define ATA_SR_ERR 0x01
#define ATA_SR_DRQ 0x08
#define ATA_SR_DF 0x20
#define ATA_SR_BSY 0x80

#define ATA_CMD_READ 0x20
#define ATA_CMD_READ_EXT 0x24
#define ATA_CMD_WRITE 0x30
#define ATA_CMD_WRITE_EXT 0x34
#define ATA_CMD_READ_MULTIPLE_EXT 0x29
#define ATA_CMD_WRITE_MULTIPLE_EXT 0x39
#define ATA_CMD_IDENTIFY_PACKET 0xA1
#define ATA_CMD_READ_MULTIPLE 0xC4
#define ATA_CMD_WRITE_MULTIPLE 0xC5
#define ATA_CMD_SET_MULTIPLE 0xC6
#define ATA_CMD_IDENTIFY 0xEC

#define ATA_DRIVE_LBA 0x40 /* in ATA_DRIVE: the address is an LBA */
#define ATA_DRIVE_OBS 0xA0 /* in ATA_DRIVE: bits that old devices want set */

#define ATA_LBA28_LIMIT (1ULL << 28)
#define ATA_WORDS_PER_SECTOR (BLK_SECTOR_SIZE / 4) /* for insl/outsl */

/* How long IDENTIFY may keep a unit busy, and a write may take to ask for its first
 * sector, before the unit is given up on. */
#define ATA_IDENTIFY_TIMEOUT_NS 2000000000ULL
#define ATA_WRITE_DRQ_TIMEOUT_NS 20000000ULL

#define ATA_MULTIPLE_MAX 16 /* sectors per interrupt we ask for, when the disk can */

/* IDENTIFY words. */
#define ID_MULTIPLE_MAX 47 /* low byte: most sectors per DRQ block of READ/WRITE MULTIPLE */
#define ID_CAPABILITIES 49 /* bit 9: LBA */
#define ID_MODEL 27        /* 20 words, two characters each, high byte first */
#define ID_LBA28_SECTORS 60
#define ID_FEATURES 83 /* bit 10: LBA48 */
#define ID_LBA48_SECTORS 100

struct ata_channel {
	const char *name;     /* "primary", "secondary" */
	uint16_t base, ctl;   /* command-block and control ports */
	int irq;              /* the ISA IRQ of compatibility mode */
	struct spinlock lock; /* guards the fields below and the channel's registers */
	struct bio *cur;      /* the request the device is working on, or NULL */
	struct bio *pending;  /* the other unit's request, waiting for cur to end */
	uint8_t *pos;         /* where cur's next sector goes to or comes from */
	uint32_t left;        /* cur's sectors still to move */
};

struct ata_disk {
	struct blkdev blk;
	struct ata_channel *chan;
	int unit;     /* 0 master, 1 slave */
	int multiple; /* sectors per interrupt: 1 (READ/WRITE SECTORS) or the MULTIPLE block */
	char model[41];
};

static struct ata_channel channels[2] = {
	{ .name = "primary",
	  .base = 0x1F0,
	  .ctl = 0x3F6,
	  .irq = 14,
	  .lock = SPINLOCK_INIT("ata primary") },
	{ .name = "secondary",
	  .base = 0x170,
	  .ctl = 0x376,
	  .irq = 15,
	  .lock = SPINLOCK_INIT("ata secondary") },
};
static struct ata_disk disks[4]; /* by position: channel * 2 + unit */
static bool legacy_ports_taken;  /* by the first IDE controller probed (pci_lock) */

static const char *const unit_names[2] = { "master", "slave" };

enum ata_kind { ATA_ABSENT, ATA_HARDDISK, ATA_ATAPI, ATA_BROKEN };

/* The 400 ns a unit needs after being selected before its status means anything. */
static void
ata_delay(struct ata_channel *ch)
{
	for (int i = 0; i < 4; i++)
		inb(ch->ctl);
}

/* Poll until the selected unit is not busy; its status, or -1 after timeout_ns. */
static int
ata_wait_idle(struct ata_channel *ch, uint64_t timeout_ns)
{
	uint64_t deadline = clock_ns() + timeout_ns;

	for (;;) {
		uint8_t st = inb(ch->ctl);

		if (!(st & ATA_SR_BSY))
			return st;
		if (clock_ns() > deadline)
			return -1;
	}
}

/* The model string of IDENTIFY data id into out (41 bytes), trailing spaces cut. */
static void
ata_model(const uint16_t *id, char *out)
{
	int n = 0;

	for (int i = 0; i < 20; i++) {
		out[n++] = (char)(id[ID_MODEL + i] >> 8);
		out[n++] = (char)(id[ID_MODEL + i] & 0xFF);
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
		n--;
	out[n] = '\0';
	for (int i = 0; i < n; i++)
		if (out[i] < ' ' || out[i] > '~')
			out[i] = '?';
}

/* Send cmd (IDENTIFY or IDENTIFY PACKET DEVICE) to the selected unit and read its 256
 * words into id. 0, or -EIO (said why in *why) when the unit failed or timed out. */
static int
ata_identify_cmd(struct ata_channel *ch, uint8_t cmd, uint16_t *id, const char **why)
{
	int st;

	outb(ch->base + ATA_COUNT, 0);
	outb(ch->base + ATA_LBA0, 0);
	outb(ch->base + ATA_LBA1, 0);
	outb(ch->base + ATA_LBA2, 0);
	outb(ch->base + ATA_COMMAND, cmd);
	ata_delay(ch);
	st = ata_wait_idle(ch, ATA_IDENTIFY_TIMEOUT_NS);
	if (st < 0) {
		*why = "still busy 2 s after IDENTIFY";
		return -EIO;
	}
	if (st & (ATA_SR_ERR | ATA_SR_DF)) {
		*why = "IDENTIFY aborted";
		return -EIO;
	}
	if (!(st & ATA_SR_DRQ)) {
		*why = "no data after IDENTIFY";
		return -EIO;
	}
	insl(ch->base + ATA_DATA, id, ATA_WORDS_PER_SECTOR);
	inb(ch->base + ATA_STATUS);
	return 0;
}

/* What is at unit of ch: with ATA_HARDDISK or ATA_ATAPI, id holds its IDENTIFY data;
 * with ATA_BROKEN, *why says what went wrong. Interrupts of the channel are off. */
static enum ata_kind
ata_identify(struct ata_channel *ch, int unit, uint16_t *id, const char **why)
{
	int st;

	outb(ch->base + ATA_DRIVE, ATA_DRIVE_OBS | unit << 4);
	ata_delay(ch);
	st = inb(ch->ctl);
	if (st == 0x00 || st == 0xFF) /* nobody drives the status lines */
		return ATA_ABSENT;
	if (ata_wait_idle(ch, ATA_IDENTIFY_TIMEOUT_NS) < 0) {
		*why = "busy for 2 s after being selected";
		return ATA_BROKEN;
	}
	if (ata_identify_cmd(ch, ATA_CMD_IDENTIFY, id, why) == 0)
		return ATA_HARDDISK;
	/* A packet device (CD-ROM) aborts IDENTIFY and leaves its signature in LBA1/LBA2. */
	if (inb(ch->base + ATA_LBA1) == 0x14 && inb(ch->base + ATA_LBA2) == 0xEB) {
		if (ata_identify_cmd(ch, ATA_CMD_IDENTIFY_PACKET, id, why) == 0)
			return ATA_ATAPI;
	}
	inb(ch->base + ATA_STATUS);
	return ATA_BROKEN;
}

/* Ask the selected unit, whose IDENTIFY data is id, for READ/WRITE MULTIPLE blocks of up
 * to ATA_MULTIPLE_MAX sectors: the block it took, or 1 (READ/WRITE SECTORS) if none. */
static int
ata_set_multiple(struct ata_channel *ch, const uint16_t *id)
{
	int max = id[ID_MULTIPLE_MAX] & 0xFF;
	int m = 1;
	int st;

	while (m * 2 <= max && m * 2 <= ATA_MULTIPLE_MAX)
		m *= 2;
	if (m == 1)
		return 1;
	outb(ch->base + ATA_COUNT, (uint8_t)m);
	outb(ch->base + ATA_COMMAND, ATA_CMD_SET_MULTIPLE);
	ata_delay(ch);
	st = ata_wait_idle(ch, ATA_IDENTIFY_TIMEOUT_NS);
	inb(ch->base + ATA_STATUS);
	return st >= 0 && !(st & (ATA_SR_ERR | ATA_SR_DF)) ? m : 1;
}

/* The command for a transfer on disk: multiple or not, write or read, LBA48 or LBA28. */
static uint8_t
ata_command(const struct ata_disk *disk, bool write, bool ext)
{
	static const uint8_t cmds[2][2][2] = {
		{ { ATA_CMD_READ, ATA_CMD_READ_EXT }, { ATA_CMD_WRITE, ATA_CMD_WRITE_EXT } },
		{ { ATA_CMD_READ_MULTIPLE, ATA_CMD_READ_MULTIPLE_EXT },
		  { ATA_CMD_WRITE_MULTIPLE, ATA_CMD_WRITE_MULTIPLE_EXT } },
	};

	return cmds[disk->multiple > 1][write][ext];
}

/* Move ch's current request's next DRQ block (up to disk->multiple sectors) through the
 * data port. ch->lock held, DRQ set. */
static void
ata_move_block(struct ata_channel *ch, struct bio *b)
{
	struct ata_disk *disk = b->dev->driver;
	uint32_t n = ch->left < (uint32_t)disk->multiple ? ch->left : (uint32_t)disk->multiple;

	if (b->write)
		outsl(ch->base + ATA_DATA, ch->pos, n * ATA_WORDS_PER_SECTOR);
	else
		insl(ch->base + ATA_DATA, ch->pos, n * ATA_WORDS_PER_SECTOR);
	ch->pos += n * BLK_SECTOR_SIZE;
	ch->left -= n;
}

/* Start b on ch's device: the command, and for a write the first block. ch->lock held,
 * the channel idle. */
static void
ata_issue(struct ata_channel *ch, struct bio *b)
{
	struct ata_disk *disk = b->dev->driver;
	uint64_t lba = b->sector;
	uint32_t n = b->nsectors;
	bool ext = lba + n > ATA_LBA28_LIMIT;
	uint16_t base = ch->base;

	ch->cur = b;
	ch->pos = b->data;
	ch->left = n;
	if (ext) {
		outb(base + ATA_DRIVE, ATA_DRIVE_OBS | ATA_DRIVE_LBA | disk->unit << 4);
		ata_delay(ch);
		outb(base + ATA_COUNT, (uint8_t)(n >> 8));
		outb(base + ATA_LBA0, (uint8_t)(lba >> 24));
		outb(base + ATA_LBA1, (uint8_t)(lba >> 32));
		outb(base + ATA_LBA2, (uint8_t)(lba >> 40));
	} else {
		outb(base + ATA_DRIVE, ATA_DRIVE_OBS | ATA_DRIVE_LBA | disk->unit << 4 |
					       (uint8_t)((lba >> 24) & 0x0F));
		ata_delay(ch);
	}
	outb(base + ATA_COUNT, (uint8_t)n); /* 256 is written as 0 */
	outb(base + ATA_LBA0, (uint8_t)lba);
	outb(base + ATA_LBA1, (uint8_t)(lba >> 8));
	outb(base + ATA_LBA2, (uint8_t)(lba >> 16));
	outb(base + ATA_COMMAND, ata_command(disk, b->write, ext));
	if (!b->write)
		return;
	/* An error instead of DRQ comes with an interrupt, which fails the request. */
	int st = ata_wait_idle(ch, ATA_WRITE_DRQ_TIMEOUT_NS);
	if (st >= 0 && (st & (ATA_SR_DRQ | ATA_SR_ERR | ATA_SR_DF)) == ATA_SR_DRQ)
		ata_move_block(ch, b);
	else if (st < 0) {
		printf("ata: %s: WRITE at LBA %lu: the disk stays busy\n", b->dev->name, lba);
	}
}

/* blkdev_ops.start: run b now if the channel is idle, else after the other unit's. */
static void
ata_start(struct blkdev *dev, struct bio *b)
{
	struct ata_disk *disk = dev->driver;
	struct ata_channel *ch = disk->chan;

	spin_lock(&ch->lock);
	if (!ch->cur)
		ata_issue(ch, b);
	else if (!ch->pending)
		ch->pending = b;
	else
		panic("ata: %s channel: a third request; each disk has depth 1", ch->name);
	spin_unlock(&ch->lock);
}

static const struct blkdev_ops ata_ops = { .start = ata_start };

/* ch's interrupt: acknowledge, move one sector, and end the request after its last. */
static void
ata_intr(struct ata_channel *ch)
{
	struct bio *b, *done = NULL;
	int status = 0;
	uint8_t st;

	spin_lock(&ch->lock);
	st = inb(ch->base + ATA_STATUS);
	b = ch->cur;
	if (!b || (st & ATA_SR_BSY)) {
		spin_unlock(&ch->lock);
		return;
	}
	uint64_t lba = b->sector + (b->nsectors - ch->left);
	if (st & (ATA_SR_ERR | ATA_SR_DF)) {
		printf("ata: %s: %s error at LBA %lu: status 0x%x, error register 0x%x\n",
		       b->dev->name, b->write ? "write" : "read", lba, st,
		       inb(ch->base + ATA_ERROR));
		status = -EIO;
		done = b;
	} else if (ch->left == 0) {
		done = b; /* a write whose last sector the disk has taken */
	} else if (!(st & ATA_SR_DRQ)) {
		printf("ata: %s: %s at LBA %lu: interrupt without data (status 0x%x)\n",
		       b->dev->name, b->write ? "write" : "read", lba, st);
		status = -EIO;
		done = b;
	} else {
		ata_move_block(ch, b);
		if (ch->left == 0 && !b->write)
			done = b;
	}
	if (done) {
		ch->cur = NULL;
		if (ch->pending) {
			struct bio *next = ch->pending;

			ch->pending = NULL;
			ata_issue(ch, next);
		}
	}
	spin_unlock(&ch->lock);
	if (done)
		blk_complete(done->dev, done, status);
}

static void
ata_intr_primary(struct trapframe *tf)
{
	(void)tf;
	ata_intr(&channels[0]);
}

static void
ata_intr_secondary(struct trapframe *tf)
{
	(void)tf;
	ata_intr(&channels[1]);
}

/* Fill disk from IDENTIFY data id; false (and why) when it cannot be used. */
static bool
ata_disk_setup(struct ata_disk *disk, const uint16_t *id, const char **why)
{
	uint64_t sectors;

	if (!(id[ID_CAPABILITIES] & (1 << 9))) {
		*why = "no LBA addressing";
		return false;
	}
	sectors = (uint64_t)id[ID_LBA28_SECTORS] | (uint64_t)id[ID_LBA28_SECTORS + 1] << 16;
	if (id[ID_FEATURES] & (1 << 10)) {
		uint64_t sectors48 = 0;

		for (int i = 3; i >= 0; i--)
			sectors48 = sectors48 << 16 | id[ID_LBA48_SECTORS + i];
		if (sectors48 > sectors)
			sectors = sectors48;
	} else if (sectors > ATA_LBA28_LIMIT) {
		sectors = ATA_LBA28_LIMIT;
	}
	if (sectors == 0) {
		*why = "reports no sectors";
		return false;
	}
	disk->blk.nsectors = sectors;
	disk->blk.depth = 1;
	disk->blk.ops = &ata_ops;
	disk->blk.driver = disk;
	return true;
}

/* Find the units of channel c; register the hard disks. How many were registered. */
static int
ata_probe_channel(int c)
{
	struct ata_channel *ch = &channels[c];
	struct ata_disk *found[2];
	uint16_t id[256];
	int n = 0;

	outb(ch->ctl, ATA_CTL_NIEN);
	if (inb(ch->base + ATA_STATUS) == 0xFF) {
		printf("ata: %s channel: nothing attached\n", ch->name);
		return 0;
	}
	for (int unit = 0; unit < 2; unit++) {
		struct ata_disk *disk = &disks[c * 2 + unit];
		const char *why = NULL;

		snprintf(disk->blk.name, BLK_NAME_MAX, "ata%d", c * 2 + unit);
		switch (ata_identify(ch, unit, id, &why)) {
		case ATA_ABSENT:
			printf("ata: %s %s: none\n", ch->name, unit_names[unit]);
			break;
		case ATA_ATAPI:
			ata_model(id, disk->model);
			printf("ata: %s %s: ATAPI device \"%s\" (CD-ROM), not used\n", ch->name,
			       unit_names[unit], disk->model);
			break;
		case ATA_BROKEN:
			printf("ata: %s %s: %s; not used\n", ch->name, unit_names[unit], why);
			break;
		case ATA_HARDDISK:
			ata_model(id, disk->model);
			if (!ata_disk_setup(disk, id, &why)) {
				printf("ata: %s %s: disk \"%s\": %s; not used\n", ch->name,
				       unit_names[unit], disk->model, why);
				break;
			}
			disk->chan = ch;
			disk->unit = unit;
			disk->multiple = ata_set_multiple(ch, id);
			printf("ata: %s: %s %s: \"%s\", %lu sectors, LBA%s, %d sector%s an "
			       "interrupt\n",
			       disk->blk.name, ch->name, unit_names[unit], disk->model,
			       disk->blk.nsectors,
			       disk->blk.nsectors > ATA_LBA28_LIMIT ? "48" : "28", disk->multiple,
			       disk->multiple == 1 ? "" : "s");
			found[n++] = disk;
			break;
		}
	}
	if (n == 0)
		return 0;
	trap_set_handler(T_IRQ0 + ch->irq, c == 0 ? ata_intr_primary : ata_intr_secondary);
	irq_enable(ch->irq);
	inb(ch->base + ATA_STATUS);
	outb(ch->ctl, 0);
	int registered = 0;
	for (int i = 0; i < n; i++)
		if (blk_register(&found[i]->blk) == 0)
			registered++;
	return registered;
}

/* pci_driver.probe: claim the first IDE controller and probe both legacy channels. */
static int
ata_probe(struct pci_device *d)
{
	char bdf[PCI_BDF_LEN];
	int n;

	pci_format_bdf(d, bdf);
	/* prog_if bits 0 and 2: a channel in native PCI mode, not at the legacy ports. */
	if (legacy_ports_taken || (d->prog_if & 0x05)) {
		printf("ata: %s: IDE controller not in compatibility mode or a second one; "
		       "not used\n",
		       bdf);
		return -ENODEV;
	}
	legacy_ports_taken = true;
	n = ata_probe_channel(0) + ata_probe_channel(1);
	printf("ata: %s: %d disk%s\n", bdf, n, n == 1 ? "" : "s");
	return 0;
}

static const struct pci_match ata_match[] = {
	{ .vendor = PCI_ANY, .device = PCI_ANY, .class = 0x01, .subclass = 0x01 },
};

static const struct pci_driver ata_driver = {
	.name = "ata",
	.match = ata_match,
	.nmatch = 1,
	.probe = ata_probe,
};

void
ata_init(void)
{
	int err = pci_register_driver(&ata_driver);

	if (err < 0)
		printf("ata: cannot register the PCI driver (%d)\n", err);
}
#endif
