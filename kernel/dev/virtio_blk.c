#if LAB >= 5
/*
 * virtio-blk, the legacy PCI device (1af4:1001): one virtqueue of requests,
 * each a chain of three buffers: a header the device reads (type and first
 * sector), the data (read by the device for a write, written by it for a
 * read), and a status byte it writes last. The block layer hands us up to
 * depth = ring size / 3 requests at once, so a chain always fits; the device
 * raises its PCI INTx line when it has put finished chains on the used ring,
 * and the interrupt handler gives them back to the block layer. No feature
 * is negotiated: reads and writes of 512-byte sectors need none, and QEMU's
 * writes reach the disk file (its host page cache) when they complete, so
 * flushing buys nothing for a crash of the guest or of QEMU.
 */
#include "dev/virtio_blk.h"
#include "arch/x86/irq.h"
#include "arch/x86/trap.h"
#include "debug/panic.h"
#include "dev/blk.h"
#include "dev/console.h"
#include "dev/pci.h"
#include "dev/virtio.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"

#define VBLK_DEVICE 0x1001            /* the legacy (transitional) virtio-blk PCI id */
#define VBLK_MAX 8                    /* disks the interrupt handler knows */
#define VBLK_MAX_SECTORS (1ULL << 48) /* a larger capacity is a broken device */

/* Device configuration (legacy offsets from REG_CONFIG). */
#define CFG_CAPACITY 0 /* 64-bit, in 512-byte sectors whatever the block size */

#define F_RO (1u << 5) /* feature bit: the disk is read-only */

/* Request types and status values. */
#define T_IN 0  /* read */
#define T_OUT 1 /* write */
#define S_OK 0
#define S_UNSET 0xff /* what we put in the status byte: a device that never writes it fails */

/* One request slot: the header and status byte the device reads and writes (in kmalloc
 * memory, so physically contiguous), and the bio they belong to. */
struct vblk_req {
	struct {
		uint32_t type;
		uint32_t reserved;
		uint64_t sector;
	} hdr;
	uint8_t status;
	struct bio *bio;
	struct vblk_req *next_free;
};

struct vblk {
	struct blkdev blk;
	struct virtio_dev vdev;
	struct virtq vq;
	int irq;
	struct vblk_req *reqs; /* blk.depth of them */
	struct spinlock lock;  /* guards free_reqs; taken inside dev->lock */
	struct vblk_req *free_reqs;
};

/* The disks, for the interrupt handler; appended by probe, a failed probe removes its own.
 * Lock order: vblks_lock, then a disk's blk.lock, then its vq.lock or lock. */
static struct spinlock vblks_lock = SPINLOCK_INIT("vblks");
static struct vblk *vblks[VBLK_MAX];
static int nvblks_named; /* disks named so far: the next is "vblk<n>" */

/* ops->start: put b on the ring as one chain and kick. dev->lock held, interrupts off. */
static void
vblk_start(struct blkdev *dev, struct bio *b)
{
	struct vblk *v = dev->driver;

	spin_lock(&v->lock);
	struct vblk_req *r = v->free_reqs;
	if (r)
		v->free_reqs = r->next_free;
	spin_unlock(&v->lock);
	if (!r)
		panic("vblk: %s: more than depth %d requests started", dev->name, dev->depth);

	r->hdr.type = b->write ? T_OUT : T_IN;
	r->hdr.reserved = 0;
	r->hdr.sector = b->sector;
	r->status = S_UNSET;
	r->bio = b;
	struct virtq_buf bufs[3] = {
		{ &r->hdr, sizeof(r->hdr), false },
		{ b->data, b->nsectors * BLK_SECTOR_SIZE, !b->write },
		{ &r->status, 1, true },
	};
	int err = virtq_add(&v->vq, bufs, 3, r);
	if (err < 0)
		panic("vblk: %s: cannot queue a request for %p (error %d): the buffer has no "
		      "physical address, or more requests than the ring holds",
		      dev->name, b->data, err);
	virtq_kick(&v->vq);
}

/* Give v's finished requests back to the block layer. Caller holds vblks_lock. */
static void
vblk_collect(struct vblk *v)
{
	struct vblk_req *r;

	while ((r = virtq_collect(&v->vq, NULL))) {
		struct bio *b = r->bio;
		uint8_t status = r->status;
		spin_lock(&v->lock);
		r->next_free = v->free_reqs;
		v->free_reqs = r;
		spin_unlock(&v->lock);
		if (status != S_OK)
			printf("vblk: %s: %s of %u sectors at sector %lu failed (device status "
			       "%u)\n",
			       v->blk.name, b->write ? "write" : "read", b->nsectors, b->sector,
			       status);
		blk_complete(&v->blk, b, status == S_OK ? 0 : -EIO);
	}
}

/* The INTx handler, shared by every disk on the line: the ISR read tells whose it is. */
static void
vblk_intr(struct trapframe *tf)
{
	int irq = (int)tf->vector - T_IRQ0;

	spin_lock(&vblks_lock);
	for (int i = 0; i < VBLK_MAX; i++)
		if (vblks[i] && vblks[i]->irq == irq && virtio_isr(&vblks[i]->vdev))
			vblk_collect(vblks[i]);
	spin_unlock(&vblks_lock);
}

static const struct blkdev_ops vblk_ops = { .start = vblk_start };

/* Make the table slot of v free again and forget the device; probe's error path. */
static void
vblk_discard(struct vblk *v, int slot)
{
	if (slot >= 0) {
		spin_lock(&vblks_lock);
		vblks[slot] = NULL;
		spin_unlock(&vblks_lock);
	}
	virtio_fail(&v->vdev);
	if (v->vq.pages)
		virtq_free(&v->vq);
	kfree(v->reqs);
	kfree(v);
}

/* Set up d and its queue 0 and register it as the next vblk disk; a negative errno, with
 * the reason printed and nothing registered, if it cannot be used. */
static int
vblk_probe(struct pci_device *d)
{
	char bdf[PCI_BDF_LEN];

	pci_format_bdf(d, bdf);
	if (d->irq_pin == 0 || d->irq_line >= 16) {
		printf("vblk: %s: no usable interrupt line (pin %u, line %u); not used\n", bdf,
		       d->irq_pin, d->irq_line);
		return -ENODEV;
	}
	struct vblk *v = kmalloc(sizeof(*v));
	if (!v) {
		printf("vblk: %s: out of memory; not used\n", bdf);
		return -ENOMEM;
	}
	memset(v, 0, sizeof(*v));
	int err = virtio_attach(&v->vdev, d);
	if (err < 0) {
		kfree(v);
		return err;
	}
	uint32_t features = virtio_host_features(&v->vdev);
	virtio_set_features(&v->vdev, 0);
	err = virtq_init(&v->vq, &v->vdev, 0);
	if (err < 0) {
		vblk_discard(v, -1);
		return err;
	}
	uint64_t capacity = virtio_config_read64(&v->vdev, CFG_CAPACITY);
	if (capacity == 0 || capacity > VBLK_MAX_SECTORS) {
		printf("vblk: %s: the device reports a capacity of %lu sectors; not used\n", bdf,
		       capacity);
		vblk_discard(v, -1);
		return -ENODEV;
	}
	int depth = v->vq.size / 3;
	v->reqs = kmalloc(sizeof(struct vblk_req) * (size_t)depth);
	if (depth < 1 || !v->reqs) {
		printf("vblk: %s: no room for requests (ring of %u); not used\n", bdf, v->vq.size);
		vblk_discard(v, -1);
		return -ENOMEM;
	}
	spin_init(&v->lock, "vblk");
	for (int i = 0; i < depth; i++) {
		v->reqs[i].next_free = v->free_reqs;
		v->free_reqs = &v->reqs[i];
	}
	v->irq = d->irq_line;
	v->blk.nsectors = capacity;
	v->blk.depth = depth;
	v->blk.ops = &vblk_ops;
	v->blk.driver = v;

	int slot = -1;
	spin_lock(&vblks_lock);
	for (int i = 0; i < VBLK_MAX && slot < 0; i++)
		if (!vblks[i])
			slot = i;
	if (slot >= 0) {
		vblks[slot] = v;
		snprintf(v->blk.name, sizeof(v->blk.name), "vblk%d", nvblks_named++);
	}
	spin_unlock(&vblks_lock);
	if (slot < 0) {
		printf("vblk: %s: more than %d disks; not used\n", bdf, VBLK_MAX);
		vblk_discard(v, -1);
		return -ENOSPC;
	}
	trap_set_handler(T_IRQ0 + v->irq, vblk_intr);
	irq_enable(v->irq);
	virtio_driver_ok(&v->vdev);
	printf("vblk: %s: %s, I/O 0x%x, IRQ %d, %u-entry ring, %d requests at once%s\n",
	       v->blk.name, bdf, v->vdev.iobase, v->irq, v->vq.size, depth,
	       features & F_RO ? ", read-only: writes will fail" : "");
	err = blk_register(&v->blk);
	if (err < 0) {
		printf("vblk: %s: blk_register: error %d; not used\n", v->blk.name, err);
		vblk_discard(v, slot);
		return err;
	}
	return 0;
}

static const struct pci_match vblk_match[] = {
	{ .vendor = VIRTIO_VENDOR, .device = VBLK_DEVICE, .class = PCI_ANY, .subclass = PCI_ANY },
};

static const struct pci_driver vblk_driver = {
	.name = "virtio-blk",
	.match = vblk_match,
	.nmatch = 1,
	.probe = vblk_probe,
};

void
virtio_blk_init(void)
{
	int err = pci_register_driver(&vblk_driver);

	if (err < 0)
		printf("vblk: cannot register the driver: error %d\n", err);
}
#endif
