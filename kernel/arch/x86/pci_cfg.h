#if LAB >= 5
/*
 * PCI configuration space through the PC's configuration mechanism #1: the
 * address of a 32-bit register goes to port 0xCF8, the register itself is
 * then read or written at 0xCFC-0xCFF. The two steps must not interleave
 * with another CPU's or an interrupt handler's, so every access is made
 * with pci_cfg_lock held; the caller takes it, because BAR sizing needs
 * several accesses in a row with nothing else touching the device.
 */
#ifndef ARCH_X86_PCI_CFG_H
#define ARCH_X86_PCI_CFG_H

#include <stdint.h>

#include "sync/spinlock.h"

/* Guards the address port 0xCF8 and the data port after it. */
extern struct spinlock pci_cfg_lock;

/* Read a width-bit (8, 16 or 32) register at offset off of bus:dev.func; off is
 * aligned to the width. Caller holds pci_cfg_lock. */
uint32_t pci_cfg_read(int bus, int dev, int func, int off, int width);

/* Write v to a width-bit register, as pci_cfg_read reads one. Caller holds pci_cfg_lock. */
void pci_cfg_write(int bus, int dev, int func, int off, int width, uint32_t v);

#endif
#endif
