/* What kmain learns at boot and every subsystem may read afterwards. */
#ifndef KERNEL_H
#define KERNEL_H

#include "boot/bootinfo.h"
#include "mm/memmap.h"

extern struct bootinfo boot_info; /* the loader's block, copied */
extern struct memmap boot_memmap; /* made from boot_info.e820 */

/* The boot argument key, or NULL if it was not given (or was rejected). */
const char *bootarg(const char *key);

void kmain(uint64_t bootinfo_phys);

#endif
