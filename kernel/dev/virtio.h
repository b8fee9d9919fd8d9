#if LAB >= 5
/*
 * Virtio over PCI, the legacy ("transitional", virtio 0.9.5) interface: the
 * device's registers are in its I/O BAR0, and each virtqueue is a split ring
 * (descriptor table, available ring, used ring) in one physically contiguous
 * block of memory whose page number the driver writes to the device. A
 * device driver (dev/virtio_blk.c) brings the device up with virtio_attach,
 * negotiates features, sets up its queues with virtq_init, then calls
 * virtio_driver_ok. Requests are descriptor chains added with virtq_add and
 * announced with virtq_kick; the device returns them on the used ring, which
 * virtq_collect reads back in its interrupt handler (after virtio_isr).
 */
#ifndef DEV_VIRTIO_H
#define DEV_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>

#include "dev/pci.h"
#include "sync/spinlock.h"

struct page;

#define VIRTIO_VENDOR 0x1af4

/* Device status bits. */
#define VIRTIO_STATUS_ACKNOWLEDGE 0x01 /* the guest noticed the device */
#define VIRTIO_STATUS_DRIVER 0x02      /* and has a driver for it */
#define VIRTIO_STATUS_DRIVER_OK 0x04   /* the driver is ready: the device may run */
#define VIRTIO_STATUS_FAILED 0x80      /* the driver gave up on the device */

/* ISR status bits (reading the register clears them and lowers INTx). */
#define VIRTIO_ISR_QUEUE 0x1  /* a used ring has new entries */
#define VIRTIO_ISR_CONFIG 0x2 /* the device configuration changed */

/* One device, through its legacy I/O registers. */
struct virtio_dev {
	struct pci_device *pci;
	uint16_t iobase; /* BAR0 */
};

/* The split ring's layout (virtio 1.0 section 2.4, the same in the legacy interface). */
#define VIRTQ_DESC_F_NEXT 0x1  /* the chain goes on at desc.next */
#define VIRTQ_DESC_F_WRITE 0x2 /* the device writes this buffer (otherwise reads it) */

struct virtq_desc {
	uint64_t addr; /* physical */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_avail {
	uint16_t flags;
	uint16_t idx;    /* where the driver puts the next entry (mod size); only grows */
	uint16_t ring[]; /* head descriptors; then a used_event word we do not use */
};

struct virtq_used_elem {
	uint32_t id;  /* the head of a chain the device is done with */
	uint32_t len; /* bytes it wrote into the chain */
};

#define VIRTQ_USED_F_NO_NOTIFY 0x1 /* the device asks not to be kicked (it is polling) */

struct virtq_used {
	uint16_t flags;
	uint16_t idx; /* where the device puts the next entry (mod size) */
	struct virtq_used_elem ring[];
};

/* One buffer of a chain: size bytes at kernel virtual addr (direct map or kernel image,
 * physically contiguous), which the device reads, or writes if device_writes. */
struct virtq_buf {
	void *addr;
	uint32_t len;
	bool device_writes;
};

/* One virtqueue. */
struct virtq {
	struct virtio_dev *vdev;
	uint16_t index; /* the queue's number on the device */
	uint16_t size;  /* descriptors (and ring entries) */
	struct page *pages;
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	/* Guards everything below and the rings; taken inside the block layer's dev->lock. */
	struct spinlock lock;
	uint16_t free_head; /* free descriptors, linked through desc.next */
	uint16_t nfree;
	uint16_t avail_idx; /* our copy of avail->idx */
	uint16_t last_used; /* the next used entry to collect */
	void **tokens;      /* per head descriptor: the caller's token while its chain is out */
};

/* Turn on d's I/O decoding and bus mastering, reset the device and set ACKNOWLEDGE and
 * DRIVER. -ENODEV (printed) if BAR0 is not an I/O BAR. */
int virtio_attach(struct virtio_dev *vd, struct pci_device *d);

/* The features the device offers (bits 0-31; the legacy interface has no more). */
uint32_t virtio_host_features(struct virtio_dev *vd);

/* Accept features (a subset of what the device offers). Before virtq_init. */
void virtio_set_features(struct virtio_dev *vd, uint32_t features);

/* Let the device run (DRIVER_OK), after every queue is set up. */
void virtio_driver_ok(struct virtio_dev *vd);

/* Give up on the device: reset it (it forgets the queues) and mark it FAILED. */
void virtio_fail(struct virtio_dev *vd);

/* Read a width-bit (8, 16, 32) field at offset off of the device-specific configuration;
 * virtio_config_read64 reads a 64-bit field until two reads agree (no torn values). */
uint32_t virtio_config_read(struct virtio_dev *vd, int off, int width);
uint64_t virtio_config_read64(struct virtio_dev *vd, int off);

/* Read and clear the ISR status (VIRTIO_ISR_*), which lowers the device's INTx. For the
 * interrupt handler; 0 means the interrupt was not this device's. */
uint8_t virtio_isr(struct virtio_dev *vd);

/* Set up queue index of vd: allocate its rings (zeroed, OWNER_DMA) and give them to the
 * device. -ENOENT if the device has no such queue, -EINVAL for a size it cannot use,
 * -ENOMEM; each printed. */
int virtq_init(struct virtq *vq, struct virtio_dev *vd, uint16_t index);

/* Free vq's rings; only after virtio_fail (the device no longer uses them). */
void virtq_free(struct virtq *vq);

/* Put a chain of n buffers on the available ring with token (not NULL), returned by
 * virtq_collect when the device is done. -ENOSPC if fewer than n descriptors are free,
 * -EFAULT if a buffer has no physical address; nothing is added then. Takes vq->lock. */
int virtq_add(struct virtq *vq, const struct virtq_buf *bufs, int n, void *token);

/* Tell the device about chains added since the last kick, unless it asked not to be. */
void virtq_kick(struct virtq *vq);

/* The token of the next chain the device has finished (its descriptors freed; *len, if
 * not NULL, gets the bytes the device wrote), or NULL if none is waiting. A used entry
 * that names no chain in flight is reported and skipped. Takes vq->lock. */
void *virtq_collect(struct virtq *vq, uint32_t *len);

#endif
#endif
