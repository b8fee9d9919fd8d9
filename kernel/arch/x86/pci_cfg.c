#if LAB >= 5
/*
 * Configuration mechanism #1 (PCI Local Bus Specification 3.0, 3.2.2.3.2).
 * The address register at 0xCF8 selects bus, device, function and a
 * dword-aligned offset, with bit 31 enabling the access; 0xCFC-0xCFF is
 * that dword, so an 8- or 16-bit register is reached at 0xCFC plus its
 * offset's low two bits.
 */
#include "arch/x86/pci_cfg.h"
#include "arch/x86/io.h"

#define PCI_CFG_ADDRESS 0xcf8
#define PCI_CFG_DATA 0xcfc
#define PCI_CFG_ENABLE 0x80000000u

struct spinlock pci_cfg_lock = SPINLOCK_INIT("pci_cfg");

static uint16_t
select_register(int bus, int dev, int func, int off)
{
	outl(PCI_CFG_ADDRESS, PCI_CFG_ENABLE | (uint32_t)(bus & 0xff) << 16 |
				      (uint32_t)(dev & 0x1f) << 11 | (uint32_t)(func & 7) << 8 |
				      (uint32_t)(off & 0xfc));
	return (uint16_t)(PCI_CFG_DATA + (off & 3));
}

uint32_t
pci_cfg_read(int bus, int dev, int func, int off, int width)
{
	uint16_t port = select_register(bus, dev, func, off);

	if (width == 8)
		return inb(port);
	if (width == 16)
		return inw(port);
	return inl(port);
}

void
pci_cfg_write(int bus, int dev, int func, int off, int width, uint32_t v)
{
	uint16_t port = select_register(bus, dev, func, off);

	if (width == 8)
		outb(port, (uint8_t)v);
	else if (width == 16)
		outw(port, (uint16_t)v);
	else
		outl(port, v);
}
#endif
