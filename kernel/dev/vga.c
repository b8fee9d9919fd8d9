/*
 * VGA text-mode output: each cell of the 80x25 screen is a character byte
 * and an attribute byte. Writing past the last line scrolls the screen up.
 * The hardware cursor follows the output through the CRT controller ports.
 */
#include <stdint.h>

#include "dev/vga.h"
#include "arch/x86/io.h"
#include "lib/string.h"
#include "mm/memlayout.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x0700 /* light grey on black */
#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5

static volatile uint16_t *screen;
static int cursor; /* cell index of the next character */

static void
move_hw_cursor(void)
{
	outb(CRTC_INDEX, 14);
	outb(CRTC_DATA, (uint8_t)(cursor >> 8));
	outb(CRTC_INDEX, 15);
	outb(CRTC_DATA, (uint8_t)cursor);
}

/* Clear the screen and home the cursor. */
void
vga_init(void)
{
	screen = p2v(0xb8000);
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		screen[i] = VGA_ATTR | ' ';
	cursor = 0;
	move_hw_cursor();
}

static void
scroll_up(void)
{
	memmove((void *)screen, (const void *)(screen + VGA_COLS),
		(VGA_ROWS - 1) * VGA_COLS * sizeof(uint16_t));
	for (int i = (VGA_ROWS - 1) * VGA_COLS; i < VGA_ROWS * VGA_COLS; i++)
		screen[i] = VGA_ATTR | ' ';
	cursor -= VGA_COLS;
}

/* Show c at the cursor; understands '\n', '\r' and '\b'. */
void
vga_putc(int c)
{
	if (!screen)
		return;
	if (c == '\n')
		cursor += VGA_COLS - cursor % VGA_COLS;
	else if (c == '\r')
		cursor -= cursor % VGA_COLS;
	else if (c == '\b') {
		if (cursor % VGA_COLS)
			screen[--cursor] = VGA_ATTR | ' ';
	} else
		screen[cursor++] = VGA_ATTR | (uint8_t)c;
	if (cursor >= VGA_COLS * VGA_ROWS)
		scroll_up();
	move_hw_cursor();
}

/* Check video memory is there: a cell written reads back, then is restored. */
bool
vga_cell_roundtrip_ok(void)
{
	volatile uint16_t *cell = p2v(0xb8000 + 2 * (VGA_COLS * VGA_ROWS - 1));
	uint16_t saved = *cell;

	*cell = 0x1f00 | 'C';
	bool ok = *cell == (0x1f00 | 'C');
	*cell = saved;
	return ok;
}
