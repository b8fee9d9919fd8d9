#if LAB >= 5
/*
 * PCI enumeration and the device registry. pci_init walks bus 0 and every
 * bus behind a PCI-to-PCI bridge (by the secondary bus number the firmware
 * gave the bridge; buses need not be numbered contiguously), records each
 * function with its decoded BARs, and prints it. Drivers are matched to
 * devices here: at pci_init for drivers already registered, at
 * pci_register_driver for the devices already found.
 */
#include "dev/pci.h"
#include "arch/x86/pci_cfg.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "mm/slab.h"
#include "sync/mutex.h"

#define PCI_NBUSES 256
#define PCI_NDEVS 32
#define PCI_NFUNCS 8
#define PCI_MAX_DRIVERS 16

#define PCI_CLASS_REV 0x08 /* revision, prog-if, subclass, class */
#define PCI_HEADER_TYPE 0x0e
#define PCI_SECONDARY_BUS 0x19 /* header type 1 */
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d

#define HEADER_MULTIFUNCTION 0x80
#define HEADER_LAYOUT 0x7f
#define HEADER_DEVICE 0
#define HEADER_BRIDGE 1

#define CLASS_BRIDGE 0x06
#define SUBCLASS_HOST 0x00
#define VENDOR_NONE 0xffff

/* The registry: written only by pci_init, before any other thread looks; read-only after. */
static struct pci_device *devices, **devices_tail = &devices;
static int ndevices, nbuses;
static bool bus_seen[PCI_NBUSES];

/* Guards drivers[], ndrivers and every device's driver field; held across probes. */
static struct mutex pci_lock;
static bool pci_lock_ready;
static const struct pci_driver *drivers[PCI_MAX_DRIVERS];
static int ndrivers;
static bool enumerated;

static uint32_t
cfg_read(int bus, int dev, int func, int off, int width)
{
	spin_lock(&pci_cfg_lock);
	uint32_t v = pci_cfg_read(bus, dev, func, off, width);
	spin_unlock(&pci_cfg_lock);
	return v;
}

uint32_t
pci_config_read(const struct pci_device *d, int off, int width)
{
	return cfg_read(d->bus, d->dev, d->func, off, width);
}

void
pci_config_write(const struct pci_device *d, int off, int width, uint32_t value)
{
	spin_lock(&pci_cfg_lock);
	pci_cfg_write(d->bus, d->dev, d->func, off, width, value);
	spin_unlock(&pci_cfg_lock);
}

/* Write all ones to the BAR at off and return what reads back, leaving it as it was. Caller
 * holds pci_cfg_lock. */
static uint32_t
probe_bar(const struct pci_device *d, int off, uint32_t original)
{
	pci_cfg_write(d->bus, d->dev, d->func, off, 32, 0xffffffff);
	uint32_t probed = pci_cfg_read(d->bus, d->dev, d->func, off, 32);
	pci_cfg_write(d->bus, d->dev, d->func, off, 32, original);
	return probed;
}

/*
 * Size d's nbars BARs. Decoding is off while a BAR holds all ones, so the device never answers
 * at that address; host bridges are left decoding (Linux does the same: some route all memory
 * through themselves). Interrupts stay off throughout, so no handler reaches a device whose
 * decoding is off (the VGA text screen, for one).
 */
static void
size_bars(struct pci_device *d, int nbars)
{
	uint32_t original[PCI_NBARS], probed[PCI_NBARS];
	const char *why[PCI_NBARS] = { 0 };
	bool keep_decoding = d->class == CLASS_BRIDGE && d->subclass == SUBCLASS_HOST;

	spin_lock(&pci_cfg_lock);
	uint32_t cmd = pci_cfg_read(d->bus, d->dev, d->func, PCI_COMMAND, 16);
	if (!keep_decoding)
		pci_cfg_write(d->bus, d->dev, d->func, PCI_COMMAND, 16,
			      cmd & ~(uint32_t)(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < nbars; i++) {
		original[i] = pci_cfg_read(d->bus, d->dev, d->func, PCI_BAR0 + 4 * i, 32);
		probed[i] = probe_bar(d, PCI_BAR0 + 4 * i, original[i]);
	}
	if (!keep_decoding)
		pci_cfg_write(d->bus, d->dev, d->func, PCI_COMMAND, 16, cmd);
	spin_unlock(&pci_cfg_lock);

	for (int i = 0; i < nbars;) {
		bool has_high = i + 1 < nbars;
		int slots = pci_bar_decode(original[i], has_high ? original[i + 1] : 0, probed[i],
					   has_high ? probed[i + 1] : 0, has_high, &d->bars[i],
					   &why[i]);
		i += slots;
	}
	for (int i = 0; i < nbars; i++) {
		if (!why[i])
			continue;
		char bdf[PCI_BDF_LEN];
		pci_format_bdf(d, bdf);
		printf("pci: %s BAR%d: %s (0x%x, 0x%x after writing ones); ignored\n", bdf, i,
		       why[i], original[i], probed[i]);
	}
}

static void scan_bus(int bus);

/* Record bus:dev.func, whose vendor is present, and scan the bus behind it if it is a bridge. */
static void
add_function(int bus, int dev, int func, uint8_t header)
{
	struct pci_device *d = kmalloc(sizeof(*d));

	if (!d) {
		printf("pci: %02x:%02x.%x: out of memory; ignored\n", bus, dev, func);
		return;
	}
	*d = (struct pci_device){ .bus = (uint8_t)bus, .dev = (uint8_t)dev, .func = (uint8_t)func };
	d->vendor = (uint16_t)cfg_read(bus, dev, func, PCI_VENDOR_ID, 16);
	d->device = (uint16_t)cfg_read(bus, dev, func, PCI_DEVICE_ID, 16);
	uint32_t class_rev = cfg_read(bus, dev, func, PCI_CLASS_REV, 32);
	d->class = (uint8_t)(class_rev >> 24);
	d->subclass = (uint8_t)(class_rev >> 16);
	d->prog_if = (uint8_t)(class_rev >> 8);
	d->header_type = header & HEADER_LAYOUT;
	d->irq_line = (uint8_t)cfg_read(bus, dev, func, PCI_INTERRUPT_LINE, 8);
	d->irq_pin = (uint8_t)cfg_read(bus, dev, func, PCI_INTERRUPT_PIN, 8);
	if (d->header_type == HEADER_DEVICE)
		size_bars(d, PCI_NBARS);
	else if (d->header_type == HEADER_BRIDGE) {
		d->secondary_bus = (uint8_t)cfg_read(bus, dev, func, PCI_SECONDARY_BUS, 8);
		size_bars(d, 2);
	}
	*devices_tail = d;
	devices_tail = &d->next;
	ndevices++;

	if (d->header_type != HEADER_BRIDGE)
		return;
	if (d->secondary_bus == 0 || bus_seen[d->secondary_bus]) {
		char bdf[PCI_BDF_LEN];
		pci_format_bdf(d, bdf);
		printf("pci: %s bridge to bus %02x: %s; ignored\n", bdf, d->secondary_bus,
		       d->secondary_bus ? "bus already scanned" : "bus 0 is the root");
		return;
	}
	scan_bus(d->secondary_bus);
}

/* Every device and function on bus, and the buses behind its bridges. Each bus once. */
static void
scan_bus(int bus)
{
	bus_seen[bus] = true;
	nbuses++;
	for (int dev = 0; dev < PCI_NDEVS; dev++) {
		if (cfg_read(bus, dev, 0, PCI_VENDOR_ID, 16) == VENDOR_NONE)
			continue;
		uint8_t header0 = (uint8_t)cfg_read(bus, dev, 0, PCI_HEADER_TYPE, 8);
		int nfuncs = header0 & HEADER_MULTIFUNCTION ? PCI_NFUNCS : 1;
		for (int func = 0; func < nfuncs; func++) {
			if (func > 0 && cfg_read(bus, dev, func, PCI_VENDOR_ID, 16) == VENDOR_NONE)
				continue;
			add_function(bus, dev, func,
				     (uint8_t)cfg_read(bus, dev, func, PCI_HEADER_TYPE, 8));
		}
	}
}

/* pci_lock is needed by whichever comes first: pci_init or a driver registering before it. */
static void
pci_lock_init(void)
{
	if (!pci_lock_ready) {
		mutex_init(&pci_lock, "pci");
		pci_lock_ready = true;
	}
}

/* Offer d to every registered driver until one claims it. Caller holds pci_lock. */
static void
probe_device(struct pci_device *d)
{
	for (int i = 0; i < ndrivers && !d->driver; i++)
		if (pci_driver_matches(drivers[i], d) && drivers[i]->probe(d) == 0)
			d->driver = drivers[i];
}

void
pci_init(void)
{
	char line[PCI_LINE_MAX];

	pci_lock_init();
	scan_bus(0);
	printf("pci: %d devices on %d buses\n", ndevices, nbuses);
	for (struct pci_device *d = devices; d; d = d->next) {
		pci_format(d, line, sizeof(line));
		printf("pci: %s\n", line);
	}
	mutex_lock(&pci_lock);
	enumerated = true;
	for (struct pci_device *d = devices; d; d = d->next)
		probe_device(d);
	mutex_unlock(&pci_lock);
}

int
pci_register_driver(const struct pci_driver *drv)
{
	int err = 0;

	pci_lock_init();
	mutex_lock(&pci_lock);
	for (int i = 0; i < ndrivers; i++)
		if (drivers[i] == drv)
			err = -EEXIST;
	if (!err && ndrivers == PCI_MAX_DRIVERS)
		err = -ENOSPC;
	if (!err) {
		drivers[ndrivers++] = drv;
		for (struct pci_device *d = enumerated ? devices : NULL; d; d = d->next)
			if (!d->driver && pci_driver_matches(drv, d) && drv->probe(d) == 0)
				d->driver = drv;
	}
	mutex_unlock(&pci_lock);
	return err;
}

struct pci_device *
pci_find(uint16_t vendor, uint16_t device)
{
	for (struct pci_device *d = devices; d; d = d->next)
		if (d->vendor == vendor && d->device == device)
			return d;
	return NULL;
}

void
pci_for_each(void (*fn)(struct pci_device *d, void *arg), void *arg)
{
	for (struct pci_device *d = devices; d; d = d->next)
		fn(d, arg);
}

int
pci_ndevices(void)
{
	return ndevices;
}

int
pci_nbuses(void)
{
	return nbuses;
}
#endif
