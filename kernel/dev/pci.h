#if LAB >= 5
/*
 * PCI: the devices found on every bus at boot, their decoded BARs, and
 * drivers matched to them by vendor/device or by class. pci_init builds the
 * registry once; drivers come later (lab 5's block drivers) and are probed
 * for every device they match, whether they register before or after it.
 */
#ifndef DEV_PCI_H
#define DEV_PCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCI_NBARS 6      /* BARs of a type-0 header; a bridge (type 1) has 2 */
#define PCI_ANY -1       /* in a struct pci_match: any value matches */
#define PCI_BDF_LEN 8    /* "bb:dd.f" and its NUL */
#define PCI_LINE_MAX 256 /* pci_format's longest line, NUL included */

/* Configuration-space offsets used outside dev/pci.c. */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO 0x1     /* bits of the command register: decode I/O BARs, */
#define PCI_COMMAND_MEMORY 0x2 /* memory BARs, */
#define PCI_COMMAND_MASTER 0x4 /* and let the device start DMA */
#define PCI_BAR0 0x10

/* One decoded base address register. size 0: not implemented (or ignored as garbage). */
struct pci_bar {
	uint64_t base;
	uint64_t size;
	bool is_io, is_64, prefetch;
};

struct pci_driver;

/* One function found at boot. The registry is built by pci_init and never changes after,
 * except each device's driver field, which pci_lock guards. */
struct pci_device {
	uint8_t bus, dev, func;
	uint16_t vendor, device;
	uint8_t class, subclass, prog_if;
	uint8_t header_type;   /* bits 0-6 of the header type: 0 device, 1 PCI-to-PCI bridge */
	uint8_t irq_line;      /* the line the firmware routed INTx to (255: none) */
	uint8_t irq_pin;       /* 0: no interrupt, 1-4: INTA-INTD */
	uint8_t secondary_bus; /* a bridge's bus behind it (header type 1 only) */
	struct pci_bar bars[PCI_NBARS];  /* the upper half of a 64-bit BAR has size 0 */
	const struct pci_driver *driver; /* whose probe claimed it, or NULL */
	struct pci_device *next;
};

/* What a driver handles: each field a value or PCI_ANY. */
struct pci_match {
	int vendor, device;
	int class, subclass;
};

struct pci_driver {
	const char *name;
	const struct pci_match *match;
	int nmatch;
	/* Called, with pci_lock held, for each unclaimed device that matches; may sleep. Returns 0
	 * to claim the device, a negative errno to leave it unclaimed. */
	int (*probe)(struct pci_device *d);
};

/* Enumerate every bus, size the BARs, print one line per device, then probe drivers
 * registered so far. Once, in thread context, after thread_init. */
void pci_init(void);

/* Add drv (kept, not copied) and probe it on every unclaimed device it matches. Thread
 * context; may sleep. -ENOSPC when the driver table is full, -EEXIST if drv is already in. */
int pci_register_driver(const struct pci_driver *drv);

/* The first device with that vendor and device id, or NULL. */
struct pci_device *pci_find(uint16_t vendor, uint16_t device);

/* Call fn(d, arg) for every device in the order found. */
void pci_for_each(void (*fn)(struct pci_device *d, void *arg), void *arg);

/* How many devices and buses pci_init found. */
int pci_ndevices(void);
int pci_nbuses(void);

/* Read or write a width-bit (8, 16, 32) configuration register of d; takes pci_cfg_lock. */
uint32_t pci_config_read(const struct pci_device *d, int off, int width);
void pci_config_write(const struct pci_device *d, int off, int width, uint32_t value);

/* Pure helpers (dev/pci_decode.c), also built for the host tests. */

/*
 * Decode a BAR from its original value(s) and what it read back after all ones were written
 * (high: the next BAR, used only for a 64-bit memory BAR; has_high: whether there is one).
 * Fills *out (size 0 if unimplemented) and returns how many BAR slots it takes (1 or 2). On
 * inconsistent readings *out has size 0 and *why says what was wrong; otherwise *why is NULL.
 */
int pci_bar_decode(uint32_t original, uint32_t original_high, uint32_t probed_low,
		   uint32_t probed_high, bool has_high, struct pci_bar *out, const char **why);

/* A short English name for a class/subclass ("IDE controller"); never NULL. */
const char *pci_class_name(uint8_t class, uint8_t subclass);

/* Whether one of drv's match entries accepts d. */
bool pci_driver_matches(const struct pci_driver *drv, const struct pci_device *d);

/* d's bus, device and function as "bb:dd.f" into buf (PCI_BDF_LEN bytes). */
void pci_format_bdf(const struct pci_device *d, char *buf);

/* d's boot line without the "pci: " prefix into buf (n bytes, truncated to fit). */
void pci_format(const struct pci_device *d, char *buf, size_t n);

#endif
#endif
