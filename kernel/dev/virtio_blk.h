#if LAB >= 5
/*
 * virtio-blk over PCI: QEMU's paravirtual disk, one virtqueue of requests
 * completing by interrupt. Disks are "vblk0", "vblk1", ...
 */
#ifndef DEV_VIRTIO_BLK_H
#define DEV_VIRTIO_BLK_H

/* Register the driver with PCI; its probe registers each disk. Thread context. */
void virtio_blk_init(void);

#endif
#endif
