#if LAB >= 5
/*
 * The gate's "pci" check: enumeration found the host bridge where every PC
 * has it (00:00.0, class 06.00) and the registry agrees with configuration
 * space; a sized BAR (QEMU's VGA memory BAR when there is one) has a
 * power-of-two size, a base aligned to it, and still holds its original
 * value after the all-ones probe; a driver registered after enumeration is
 * probed exactly once, for the host bridge, and keeps it.
 */
#include "gate/gate.h"
#include "dev/console.h"
#include "dev/pci.h"
#include "lib/errno.h"

#define VGA_VENDOR 0x1234 /* QEMU's standard VGA */
#define VGA_DEVICE 0x1111
#define BAR_IO 0x1u
#define BAR_IO_ADDR 0xfffffffcu
#define BAR_MEM_ADDR 0xfffffff0u

static bool
failed(const char *what)
{
	printf("gate: pci: %s\n", what);
	return false;
}

/* What pci_for_each's callbacks below look for and find. */
struct search {
	int bus, dev, func;
	struct pci_device *found;
	int bar;
};

static void
match_bdf(struct pci_device *d, void *arg)
{
	struct search *s = arg;

	if (!s->found && d->bus == s->bus && d->dev == s->dev && d->func == s->func)
		s->found = d;
}

/* The first sized BAR, memory before I/O (s->func: 0 for memory, 1 for I/O). */
static void
match_bar(struct pci_device *d, void *arg)
{
	struct search *s = arg;

	for (int i = 0; i < PCI_NBARS && !s->found; i++)
		if (d->bars[i].size && d->bars[i].is_io == (s->func == 1)) {
			s->found = d;
			s->bar = i;
		}
}

static bool
check_host_bridge(bool break_it, struct pci_device **host)
{
	struct search s = { 0, break_it ? 1 : 0, 0, NULL, 0 };

	pci_for_each(match_bdf, &s);
	*host = s.found;
	if (!s.found || s.found->class != 0x06 || s.found->subclass != 0x00)
		return failed(break_it ? "no host bridge (class 06.00) at 00:01.0"
				       : "no host bridge (class 06.00) at 00:00.0");
	if (pci_config_read(s.found, PCI_VENDOR_ID, 16) != s.found->vendor ||
	    pci_config_read(s.found, PCI_DEVICE_ID, 16) != s.found->device)
		return failed("the host bridge's vendor:device in config space differ from the "
			      "registry's");
	return true;
}

static bool
check_bar(void)
{
	struct search s = { 0, 0, 0, pci_find(VGA_VENDOR, VGA_DEVICE), 0 };

	if (!s.found || !s.found->bars[0].size || s.found->bars[0].is_io)
		s.found = NULL;
	if (!s.found)
		pci_for_each(match_bar, &s);
	if (!s.found) {
		s.func = 1;
		pci_for_each(match_bar, &s);
	}
	if (!s.found)
		return failed("no device has a sized BAR");
	const struct pci_bar *b = &s.found->bars[s.bar];
	bool ok = true;
	if (b->size & (b->size - 1))
		ok = failed("a BAR's size is not a power of two");
	if (b->base & (b->size - 1))
		ok = failed("a BAR's base is not aligned to its size");
	uint32_t now = pci_config_read(s.found, PCI_BAR0 + 4 * s.bar, 32);
	uint32_t base = (uint32_t)b->base;
	if ((now & BAR_IO) != b->is_io || (now & (b->is_io ? BAR_IO_ADDR : BAR_MEM_ADDR)) != base)
		ok = failed("a BAR does not hold its original value after sizing");
	if (b->is_64 && pci_config_read(s.found, PCI_BAR0 + 4 * s.bar + 4, 32) != b->base >> 32)
		ok = failed("a 64-bit BAR's upper half changed after sizing");
	return ok;
}

static int host_probes;
static struct pci_device *host_probed;

static int
gate_probe(struct pci_device *d)
{
	host_probes++;
	host_probed = d;
	return 0;
}

static const struct pci_match host_bridges[] = {
	{ PCI_ANY, PCI_ANY, 0x06, 0x00 },
};

static const struct pci_driver gate_driver = {
	"gate-host-bridge",
	host_bridges,
	1,
	gate_probe,
};

static bool
check_driver(struct pci_device *host)
{
	bool ok = true;

	if (pci_register_driver(&gate_driver) != 0)
		return failed("pci_register_driver refused a driver");
	if (host_probes != 1)
		ok = failed("a driver for class 06.00 was not probed exactly once");
	else if (host && (host_probed != host || host->driver != &gate_driver))
		ok = failed("the driver was probed for, or bound to, the wrong device");
	if (pci_register_driver(&gate_driver) != -EEXIST || host_probes != 1)
		ok = failed("registering a driver twice was not refused with -EEXIST");
	return ok;
}

bool
gate_check_pci(bool break_it)
{
	struct pci_device *host;
	bool host_ok = check_host_bridge(break_it, &host);
	bool bar_ok = check_bar();
	bool driver_ok = check_driver(host_ok ? host : NULL);

	return host_ok && bar_ok && driver_ok;
}
#endif
