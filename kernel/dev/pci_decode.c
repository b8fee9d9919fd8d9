#if LAB >= 5
/*
 * The PCI logic that needs no hardware: decoding a BAR from the values read
 * before and after all ones were written to it, naming classes, matching a
 * driver to a device, and formatting a device's line. dev/pci.c does the
 * configuration-space accesses; the host unit tests feed this file good and
 * broken readings directly.
 */
#include <stdarg.h>

#include "dev/pci.h"
#include "lib/printf.h"

/* Low bits of a BAR (PCI Local Bus Specification 3.0, 6.2.5.1). */
#define BAR_IO 0x1u
#define BAR_IO_RESERVED 0x2u
#define BAR_IO_ADDR 0xfffffffcu
#define BAR_MEM_TYPE 0x6u
#define BAR_MEM_TYPE_64 0x4u
#define BAR_MEM_TYPE_RESERVED 0x6u
#define BAR_MEM_PREFETCH 0x8u
#define BAR_MEM_ADDR 0xfffffff0u
#define BAR_MEM_FLAGS 0xfu
#define BAR_IO_16BIT 0xffff0000u /* the upper half an I/O BAR that decodes 16 bits reads as 0 */
#define HIGH_ONES 0xffffffff00000000ull

int
pci_bar_decode(uint32_t original, uint32_t original_high, uint32_t probed_low, uint32_t probed_high,
	       bool has_high, struct pci_bar *out, const char **why)
{
#if SOL >= 5 /* exercise pci-bars */
	uint64_t mask, base;
	int slots = 1;

	*out = (struct pci_bar){ 0 };
	*why = NULL;
	if (original == 0xffffffff) {
		*why = "reads all ones";
		return 1;
	}
	if (original & BAR_IO) {
		if ((probed_low & BAR_IO) == 0 || (probed_low & BAR_IO_RESERVED)) {
			*why = "I/O BAR reads back with bad low bits";
			return 1;
		}
		mask = probed_low & BAR_IO_ADDR;
		if (mask == 0)
			return 1;
		if ((mask & BAR_IO_16BIT) == 0)
			mask |= BAR_IO_16BIT;
		mask |= HIGH_ONES;
		base = original & BAR_IO_ADDR;
		out->is_io = true;
	} else {
		if ((original ^ probed_low) & BAR_MEM_FLAGS) {
			*why = "type bits changed when probed";
			return 1;
		}
		if ((original & BAR_MEM_TYPE) == BAR_MEM_TYPE_RESERVED) {
			*why = "reserved memory type";
			return 1;
		}
		if ((original & BAR_MEM_TYPE) == BAR_MEM_TYPE_64) {
			slots = 2;
			if (!has_high) {
				*why = "64-bit BAR in the last slot";
				return 1;
			}
			mask = (uint64_t)probed_high << 32 | (probed_low & BAR_MEM_ADDR);
			base = (uint64_t)original_high << 32 | (original & BAR_MEM_ADDR);
			out->is_64 = true;
		} else {
			mask = probed_low & BAR_MEM_ADDR;
			if (mask)
				mask |= HIGH_ONES;
			base = original & BAR_MEM_ADDR;
		}
		if (mask == 0) {
			*out = (struct pci_bar){ 0 };
			return slots;
		}
		out->prefetch = (original & BAR_MEM_PREFETCH) != 0;
	}
	/* The writable bits of a real BAR run from the top down without a gap. */
	if ((~mask & (~mask + 1)) != 0) {
		*out = (struct pci_bar){ 0 };
		*why = "writable bits are not contiguous";
		return slots;
	}
	out->size = ~mask + 1;
	if (base & (out->size - 1)) {
		*out = (struct pci_bar){ 0 };
		*why = "base not aligned to its size";
		return slots;
	}
	out->base = base;
	return slots;
#else
	/* LAB 5: your code here (exercise pci-bars). Decode the BAR: I/O or memory, 32 or 64
	 * bits (a 64-bit BAR takes two slots), prefetchable, its base, and its size from the
	 * bits that kept the ones; refuse readings no real BAR gives, saying why. */
	(void)original, (void)original_high, (void)probed_low, (void)probed_high, (void)has_high;
	*out = (struct pci_bar){ 0 };
	*why = NULL;
	return 1;
#endif
}

static const struct {
	uint8_t class;
	int subclass; /* PCI_ANY: the class's name when no subclass row fits */
	const char *name;
} class_names[] = {
	{ 0x01, 0x00, "SCSI controller" },
	{ 0x01, 0x01, "IDE controller" },
	{ 0x01, 0x06, "SATA controller" },
	{ 0x01, 0x08, "NVMe controller" },
	{ 0x01, PCI_ANY, "storage controller" },
	{ 0x02, 0x00, "Ethernet controller" },
	{ 0x02, PCI_ANY, "network controller" },
	{ 0x03, 0x00, "VGA controller" },
	{ 0x03, PCI_ANY, "display controller" },
	{ 0x04, PCI_ANY, "multimedia controller" },
	{ 0x05, PCI_ANY, "memory controller" },
	{ 0x06, 0x00, "host bridge" },
	{ 0x06, 0x01, "ISA bridge" },
	{ 0x06, 0x04, "PCI bridge" },
	{ 0x06, PCI_ANY, "bridge" },
	{ 0x07, PCI_ANY, "communication controller" },
	{ 0x08, PCI_ANY, "system peripheral" },
	{ 0x0c, 0x03, "USB controller" },
	{ 0x0c, 0x05, "SMBus controller" },
	{ 0x0c, PCI_ANY, "serial bus controller" },
};

const char *
pci_class_name(uint8_t class, uint8_t subclass)
{
	for (size_t i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
		if (class_names[i].class == class &&
		    (class_names[i].subclass == PCI_ANY || class_names[i].subclass == subclass))
			return class_names[i].name;
	return "device";
}

static bool
field_matches(int want, int have)
{
	return want == PCI_ANY || want == have;
}

bool
pci_driver_matches(const struct pci_driver *drv, const struct pci_device *d)
{
	for (int i = 0; i < drv->nmatch; i++) {
		const struct pci_match *m = &drv->match[i];
		if (field_matches(m->vendor, d->vendor) && field_matches(m->device, d->device) &&
		    field_matches(m->class, d->class) && field_matches(m->subclass, d->subclass))
			return true;
	}
	return false;
}

void
pci_format_bdf(const struct pci_device *d, char *buf)
{
	snprintf(buf, PCI_BDF_LEN, "%02x:%02x.%x", d->bus, d->dev, d->func);
}

/* Append to buf (n bytes, *len used so far), never past its end. */
static void
append(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
	va_list ap;

	if (*len >= n)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(buf + *len, n - *len, fmt, ap);
	va_end(ap);
	*len = k < 0 ? n : *len + (size_t)k;
}

void
pci_format(const struct pci_device *d, char *buf, size_t n)
{
	char bdf[PCI_BDF_LEN];
	size_t len = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	pci_format_bdf(d, bdf);
	append(buf, n, &len, "%s %04x:%04x class %02x.%02x.%02x %s", bdf, d->vendor, d->device,
	       d->class, d->subclass, d->prog_if, pci_class_name(d->class, d->subclass));
	if (d->header_type == 1)
		append(buf, n, &len, ", bus %02x behind it", d->secondary_bus);
	if (d->irq_pin && d->irq_line != 0xff)
		append(buf, n, &len, ", irq %d", d->irq_line);
	for (int i = 0; i < PCI_NBARS; i++) {
		const struct pci_bar *b = &d->bars[i];
		if (b->size == 0)
			continue;
		append(buf, n, &len, ", BAR%d %s%s 0x%lx size %lu", i,
		       b->is_io   ? "io"
		       : b->is_64 ? "mem64"
				  : "mem32",
		       b->prefetch ? " pref" : "", b->base, b->size);
	}
}
#endif
