#if LAB >= 2
/*
 * The I/O APICs: they turn device interrupt lines (global system interrupts,
 * GSIs) into messages to a local APIC, one redirection entry per line.
 */
#ifndef ARCH_X86_IOAPIC_H
#define ARCH_X86_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "dev/acpi.h"

/* Take the n I/O APICs the MADT listed and mask every input; false with *why if one is absent. */
bool ioapic_init(const struct acpi_ioapic *list, int n, const char **why);

/* Deliver GSI gsi as vector to the local APIC apic_id, and unmask it; false if no I/O APIC has
 * that input. */
bool ioapic_route(uint32_t gsi, int vector, uint32_t apic_id, bool active_low, bool level);

#endif
#endif
