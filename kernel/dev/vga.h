/* VGA text mode console: 80x25 cells at physical 0xb8000. */
#ifndef DEV_VGA_H
#define DEV_VGA_H

#include <stdbool.h>

void vga_init(void);
void vga_putc(int c);
bool vga_cell_roundtrip_ok(void);

#endif
