#if LAB >= 6
/*
 * Checking and loading ELF64 programs: static executables (ET_EXEC) and
 * static PIE (ET_DYN without PT_INTERP, loaded at ELF_PIE_BASE with its
 * R_X86_64_RELATIVE relocations applied). elf_check is pure (the host tests
 * feed it malformed headers) and checks everything the loader will trust;
 * elf_load only maps and copies what elf_check accepted.
 */
#ifndef EXEC_ELF_H
#define EXEC_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "lib/elf.h"

#define ET_DYN 3
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4
#define DT_NULL 0
#define DT_RELA 7
#define DT_RELASZ 8
#define DT_RELAENT 9
#define DT_REL 17
#define R_X86_64_64 1
#define R_X86_64_RELATIVE 8

struct elf64_dyn {
	int64_t d_tag;
	uint64_t d_val;
};

struct elf64_rela {
	uint64_t r_offset;
	uint64_t r_info; /* symbol << 32 | type */
	int64_t r_addend;
};

#define ELF_PIE_BASE 0x400000ULL /* where a static PIE's address 0 goes */
#define ELF_MAX_PHDRS 32         /* more program headers than this: refused */
#define ELF_WHY_MAX 96           /* room for elf_check's reason */

/* A loadable segment as it will be mapped: addresses with the load base added. */
struct elf_segment {
	uint64_t vaddr, memsz;   /* where it goes in user space */
	uint64_t offset, filesz; /* its bytes in the file; the rest of memsz is zero (bss) */
	int flags;               /* PF_R, PF_W, PF_X */
};

/* What elf_check found: everything elf_load needs. */
struct elf_info {
	uint64_t entry; /* with the base added */
	uint64_t base;  /* 0 for ET_EXEC, ELF_PIE_BASE for a static PIE */
	int nsegments;
	struct elf_segment segment[ELF_MAX_PHDRS];
	uint64_t rela_offset; /* file offset of the RELA table (a static PIE's), 0 if none */
	uint64_t nrela;
};

/*
 * Check the n-byte ELF file at data completely: header, program headers, every loadable
 * segment (inside the file and user space, aligned, not overlapping another or sharing a
 * page with it, not writable and executable), the entry point, the total span (at most
 * USER_IMAGE_MAX) and a static PIE's relocations (supported types, targets in writable
 * segments). 0 with *info filled, or -ENOEXEC with why (size ELF_WHY_MAX) saying what is
 * wrong, e.g. "segment 2 overlaps segment 1". Segments are numbered from 1 in file order.
 */
int elf_check(const void *data, uint64_t n, struct elf_info *info, char *why);

struct addrspace;

/* Map info's segments into as, copy their bytes from data (the file elf_check accepted),
 * leave their bss zero, and apply the relocations. 0, or a negative errno with why filled
 * (as keeps what was mapped: the caller destroys it). */
int elf_load(struct addrspace *as, const void *data, const struct elf_info *info, char *why);

#endif
#endif
