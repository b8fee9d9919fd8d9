/*
 * The kernel's own symbol and line table, so panics can name functions and
 * source lines without a host tool. tools/mksymtab.py generates it from the
 * first link of the kernel; the second link puts it in .ksymtab.
 */
#ifndef DEBUG_KSYMS_H
#define DEBUG_KSYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A function: [addr, addr + size). name is an offset into strings. */
struct ksym {
	uint64_t addr;
	uint32_t size;
	uint32_t name;
};

/* Code from addr up to the next entry's addr comes from file:line (line 0: unknown). */
struct kline {
	uint64_t addr;
	uint32_t file;
	uint32_t line;
};

/* Both arrays are sorted by address. */
struct ksymtab {
	const struct ksym *syms;
	uint64_t nsyms;
	const struct kline *lines;
	uint64_t nlines;
	const char *strings;
};

/* The table linked into this kernel. */
extern const struct ksymtab kernel_symtab;

/* Name of the function containing addr, with *offset set to addr - its start; NULL if none. */
const char *ksym_lookup(const struct ksymtab *t, uint64_t addr, uint64_t *offset);

/* Source file of the instruction at addr, with *line set; NULL if unknown. */
const char *ksym_line(const struct ksymtab *t, uint64_t addr, uint32_t *line);

/* Room for any ksym_describe text. */
#define KSYM_DESC_MAX 160

/*
 * Describe addr in buf as "fn+0xoff (file:line)", or "0x<addr> (...)" when no
 * function contains it, "(no line information)" when no line does. A return
 * address (is_return) is looked up one byte back, inside its call
 * instruction, so it names the call's line. Returns buf.
 */
char *ksym_describe(const struct ksymtab *t, uint64_t addr, bool is_return, char *buf, size_t size);

/* Start address of the function called name, or 0 if there is none. */
uint64_t ksym_address(const struct ksymtab *t, const char *name);

#endif
