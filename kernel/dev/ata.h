#if LAB >= 5
/*
 * ATA PIO: the IDE disks of the PIIX controller (QEMU's and Bochs's), used
 * through the legacy ports and completing by IRQ 14/15. The boot disk is the
 * primary master ("ata0"); the file-system disk the primary slave ("ata1").
 */
#ifndef DEV_ATA_H
#define DEV_ATA_H

/* Register the IDE driver with PCI; its probe registers each disk it finds. Thread context. */
void ata_init(void);

#endif
#endif
