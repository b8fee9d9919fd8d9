#if LAB >= 5
/*
 * The virtio PCI transport, legacy interface, and split virtqueues.
 *
 * The legacy registers sit at fixed offsets in I/O BAR0 (virtio 0.9.5; virtio
 * 1.0 section 4.1.4.8); the device-specific configuration follows them at
 * 0x14 while MSI-X is off, which it always is here. A queue's memory is one
 * block: the descriptor table, the available ring right after it, then the
 * used ring at the next 4096-byte boundary; the device learns where by the
 * block's page number.
 *
 * Ordering. The device is another CPU reading and writing our memory, so the
 * rings follow the spec's rules: descriptors and the available entry are
 * written before avail->idx (a release store: on x86 stores are seen in
 * program order, so only the compiler must not reorder them), avail->idx is
 * visible before used->flags is read to decide on a kick (a full fence: x86
 * may let a load pass an earlier store), and used entries are read only after
 * used->idx (an acquire load: x86 keeps loads in order, the compiler must
 * too).
 */
#include "dev/virtio.h"
#include "arch/x86/io.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#include "mm/slab.h"

/* Legacy register offsets in BAR0. */
#define REG_HOST_FEATURES 0x00  /* 32, read-only */
#define REG_GUEST_FEATURES 0x04 /* 32 */
#define REG_QUEUE_PFN 0x08      /* 32: the ring's physical address >> 12 */
#define REG_QUEUE_SIZE 0x0c     /* 16, read-only */
#define REG_QUEUE_SELECT 0x0e   /* 16 */
#define REG_QUEUE_NOTIFY 0x10   /* 16: write a queue's number to kick it */
#define REG_STATUS 0x12         /* 8 */
#define REG_ISR 0x13            /* 8, read clears */
#define REG_CONFIG 0x14         /* the device-specific configuration, without MSI-X */

#define QUEUE_ALIGN 4096 /* the legacy layout's used-ring alignment and PFN unit */
#define QUEUE_PFN_SHIFT 12
#define QUEUE_MAX 32768 /* the largest ring the spec allows */

static uint64_t
align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

int
virtio_attach(struct virtio_dev *vd, struct pci_device *d)
{
	char bdf[PCI_BDF_LEN];

	pci_format_bdf(d, bdf);
	if (!d->bars[0].is_io || d->bars[0].size < REG_CONFIG) {
		printf("virtio: %s: BAR0 is not the legacy I/O registers; ignored\n", bdf);
		return -ENODEV;
	}
	vd->pci = d;
	vd->iobase = (uint16_t)d->bars[0].base;
	uint32_t cmd = pci_config_read(d, PCI_COMMAND, 16);
	pci_config_write(d, PCI_COMMAND, 16, cmd | PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	outb(vd->iobase + REG_STATUS, 0); /* reset: forget any earlier driver's queues */
	outb(vd->iobase + REG_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	outb(vd->iobase + REG_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	return 0;
}

uint32_t
virtio_host_features(struct virtio_dev *vd)
{
	return inl(vd->iobase + REG_HOST_FEATURES);
}

void
virtio_set_features(struct virtio_dev *vd, uint32_t features)
{
	outl(vd->iobase + REG_GUEST_FEATURES, features);
}

void
virtio_driver_ok(struct virtio_dev *vd)
{
	outb(vd->iobase + REG_STATUS,
	     VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK);
}

void
virtio_fail(struct virtio_dev *vd)
{
	outb(vd->iobase + REG_STATUS, 0);
	outb(vd->iobase + REG_STATUS, VIRTIO_STATUS_FAILED);
}

uint32_t
virtio_config_read(struct virtio_dev *vd, int off, int width)
{
	uint16_t port = (uint16_t)(vd->iobase + REG_CONFIG + off);

	if (width == 8)
		return inb(port);
	if (width == 16)
		return inw(port);
	return inl(port);
}

uint64_t
virtio_config_read64(struct virtio_dev *vd, int off)
{
	uint32_t hi, lo;

	do {
		hi = virtio_config_read(vd, off + 4, 32);
		lo = virtio_config_read(vd, off, 32);
	} while (virtio_config_read(vd, off + 4, 32) != hi);
	return (uint64_t)hi << 32 | lo;
}

uint8_t
virtio_isr(struct virtio_dev *vd)
{
	return inb(vd->iobase + REG_ISR);
}

int
virtq_init(struct virtq *vq, struct virtio_dev *vd, uint16_t index)
{
	char bdf[PCI_BDF_LEN];

	pci_format_bdf(vd->pci, bdf);
	outw(vd->iobase + REG_QUEUE_SELECT, index);
	uint16_t size = inw(vd->iobase + REG_QUEUE_SIZE);
	if (size == 0) {
		printf("virtio: %s: no queue %u\n", bdf, index);
		return -ENOENT;
	}
	if (size > QUEUE_MAX || (size & (size - 1)) != 0) {
		printf("virtio: %s: queue %u has %u entries, not a power of two up to %u\n", bdf,
		       index, size, QUEUE_MAX);
		return -EINVAL;
	}

	uint64_t used_off = align_up(sizeof(struct virtq_desc) * size + sizeof(struct virtq_avail) +
					     sizeof(uint16_t) * (size + 1),
				     QUEUE_ALIGN);
	uint64_t bytes = used_off +
			 align_up(sizeof(struct virtq_used) +
					  sizeof(struct virtq_used_elem) * size + sizeof(uint16_t),
				  QUEUE_ALIGN);
	unsigned order = 0;
	while ((PAGE_SIZE << order) < bytes)
		order++;
	vq->pages = page_alloc(order, OWNER_DMA);
	vq->tokens = kmalloc(sizeof(void *) * size);
	if (!vq->pages || !vq->tokens || page_pa(vq->pages) >> QUEUE_PFN_SHIFT > UINT32_MAX) {
		printf("virtio: %s: no memory for queue %u (%lu KiB of rings below 16 TiB)\n", bdf,
		       index, bytes / 1024);
		if (vq->pages)
			page_free(vq->pages);
		kfree(vq->tokens);
		return -ENOMEM;
	}

	uint8_t *ring = page_va(vq->pages);
	memset(ring, 0, PAGE_SIZE << order);
	memset(vq->tokens, 0, sizeof(void *) * size);
	vq->vdev = vd;
	vq->index = index;
	vq->size = size;
	vq->desc = (struct virtq_desc *)ring;
	vq->avail = (struct virtq_avail *)(ring + sizeof(struct virtq_desc) * size);
	vq->used = (struct virtq_used *)(ring + used_off);
	spin_init(&vq->lock, "virtq");
	for (uint16_t i = 0; i + 1 < size; i++)
		vq->desc[i].next = i + 1;
	vq->free_head = 0;
	vq->nfree = size;
	vq->avail_idx = 0;
	vq->last_used = 0;
	outl(vd->iobase + REG_QUEUE_PFN, (uint32_t)(page_pa(vq->pages) >> QUEUE_PFN_SHIFT));
	return 0;
}

void
virtq_free(struct virtq *vq)
{
	page_free(vq->pages);
	kfree(vq->tokens);
	vq->pages = NULL;
	vq->tokens = NULL;
}

/* Whether [addr, addr + len) has a fixed physical address (the direct map or the image). */
static bool
has_physical(const void *addr, uint32_t len)
{
	uint64_t a = (uint64_t)(uintptr_t)addr;

	if (a >= KERNEL_VMA)
		return len <= UINT64_MAX - a + 1;
	return a >= DIRECT_MAP_BASE && a - DIRECT_MAP_BASE <= (uint64_t)DIRECT_MAP_SIZE - len;
}

int
virtq_add(struct virtq *vq, const struct virtq_buf *bufs, int n, void *token)
{
	for (int i = 0; i < n; i++)
		if (!has_physical(bufs[i].addr, bufs[i].len))
			return -EFAULT;
	spin_lock(&vq->lock);
	if (n < 1 || vq->nfree < n) {
		spin_unlock(&vq->lock);
		return -ENOSPC;
	}
	uint16_t head = vq->free_head, i = head;
	for (int k = 0; k < n; k++) {
		struct virtq_desc *d = &vq->desc[i];
		d->addr = v2p(bufs[k].addr);
		d->len = bufs[k].len;
		d->flags = (bufs[k].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
			   (k + 1 < n ? VIRTQ_DESC_F_NEXT : 0);
		i = d->next; /* the next free descriptor: the chain's next, or the new free head */
	}
	vq->free_head = i;
	vq->nfree -= (uint16_t)n;
	vq->tokens[head] = token;
	vq->avail->ring[vq->avail_idx & (vq->size - 1)] = head;
	vq->avail_idx++;
	__atomic_store_n(&vq->avail->idx, vq->avail_idx, __ATOMIC_RELEASE);
	spin_unlock(&vq->lock);
	return 0;
}

void
virtq_kick(struct virtq *vq)
{
	/* avail->idx must be visible before used->flags is read: a device that sets
	 * NO_NOTIFY re-reads avail->idx after clearing it, so one of us sees the other. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!(__atomic_load_n(&vq->used->flags, __ATOMIC_RELAXED) & VIRTQ_USED_F_NO_NOTIFY))
		outw(vq->vdev->iobase + REG_QUEUE_NOTIFY, vq->index);
}

void *
virtq_collect(struct virtq *vq, uint32_t *len)
{
	spin_lock(&vq->lock);
	while (vq->last_used != __atomic_load_n(&vq->used->idx, __ATOMIC_ACQUIRE)) {
		struct virtq_used_elem e = vq->used->ring[vq->last_used & (vq->size - 1)];
		vq->last_used++;
		if (e.id >= vq->size || !vq->tokens[e.id]) {
			char bdf[PCI_BDF_LEN];
			pci_format_bdf(vq->vdev->pci, bdf);
			printf("virtio: %s: queue %u: the device returned descriptor %u, which it "
			       "does not hold; ignored\n",
			       bdf, vq->index, e.id);
			continue;
		}
		uint16_t last = (uint16_t)e.id, n = 1;
		while (vq->desc[last].flags & VIRTQ_DESC_F_NEXT) {
			last = vq->desc[last].next;
			n++;
		}
		vq->desc[last].next = vq->free_head;
		vq->free_head = (uint16_t)e.id;
		vq->nfree += n;
		void *token = vq->tokens[e.id];
		vq->tokens[e.id] = NULL;
		spin_unlock(&vq->lock);
		if (len)
			*len = e.len;
		return token;
	}
	spin_unlock(&vq->lock);
	return NULL;
}
#endif
