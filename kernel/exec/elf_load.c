#if LAB >= 6
/*
 * Loading a program elf_check accepted (exec/elf.h) into a new address
 * space: map each loadable segment, copy its file bytes, leave its bss
 * zero, then apply a static PIE's relocations. Nothing is checked here
 * that elf_check did not already check: this file only does what it says.
 */
#include "exec/elf.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/uvm.h"

#define PAGE 4096ULL

/* Map and fill the segments of info from data. 0, or a negative errno with why filled. */
static int
load_segments(struct addrspace *as, const uint8_t *data, const struct elf_info *info, char *why)
{
#if SOL >= 6 /* exercise elf-load */
	for (int i = 0; i < info->nsegments; i++) {
		const struct elf_segment *s = &info->segment[i];
		uint64_t start = s->vaddr & ~(PAGE - 1);
		uint64_t end = (s->vaddr + s->memsz + PAGE - 1) & ~(PAGE - 1);
		int flags = (s->flags & PF_W ? UVM_WRITE : 0) | (s->flags & PF_X ? UVM_EXEC : 0);
		int err = as_map(as, start, end - start, flags);
		if (err == 0)
			err = as_write(as, s->vaddr, data + s->offset, s->filesz);
		if (err < 0) {
			snprintf(why, ELF_WHY_MAX, "segment %d: cannot map it (error %d)", i + 1,
				 err);
			return err;
		}
		/* [filesz, memsz) is the bss: as_map's frames are zeroed, nothing to do. */
	}
	return 0;
#else
	/* LAB 6: your code here (exercise elf-load). For each segment of info: map the pages
	   [vaddr rounded down, vaddr + memsz rounded up) with as_map (UVM_WRITE for PF_W,
	   UVM_EXEC for PF_X), copy its filesz bytes from data + offset to vaddr with as_write,
	   and make sure the rest of memsz (the bss) reads as zeros. */
	(void)as, (void)data, (void)info;
	snprintf(why, ELF_WHY_MAX, "ELF loading not implemented (exercise elf-load)");
	return -ENOEXEC;
#endif
}

/* Apply a static PIE's relocations (all RELATIVE or 64 against symbol 0, into writable
 * segments: elf_check saw to it). */
static int
relocate(struct addrspace *as, const uint8_t *data, const struct elf_info *info, char *why)
{
	for (uint64_t i = 0; i < info->nrela; i++) {
		struct elf64_rela r;
		memcpy(&r, data + info->rela_offset + i * sizeof(r), sizeof(r));
		uint64_t value = (uint64_t)r.r_addend;
		if ((uint32_t)r.r_info == R_X86_64_RELATIVE)
			value += info->base;
		int err = as_write(as, info->base + r.r_offset, &value, sizeof(value));
		if (err < 0) {
			snprintf(why, ELF_WHY_MAX, "relocation %lu: cannot write it",
				 (unsigned long)i);
			return err;
		}
	}
	return 0;
}

int
elf_load(struct addrspace *as, const void *data, const struct elf_info *info, char *why)
{
	int err = load_segments(as, data, info, why);

	return err < 0 ? err : relocate(as, data, info, why);
}
#endif
