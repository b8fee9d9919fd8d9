#if LAB >= 6
/*
 * Checking an ELF64 program before anything of it is mapped (exec/elf.h).
 * Everything here is pure, so the host tests run it on a corpus of broken
 * files: each refusal names the one thing that is wrong. The loader
 * (exec/elf_load.c) trusts what this accepted and checks nothing again.
 *
 * Segments may not share a page: each page gets one segment's permissions,
 * and a page both writable (data) and executable (text) would defeat the
 * W^X rule. Linkers put segments on separate pages with -z separate-code
 * (the default for x86-64) or a linker script that aligns them.
 */
#include <stdbool.h>

#include "exec/elf.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/uvm.h"

#define PAGE 4096ULL

/* Fill why and return -ENOEXEC. */
static int __attribute__((format(printf, 2, 3))) refuse(char *why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, ELF_WHY_MAX, fmt, ap);
	va_end(ap);
	return -ENOEXEC;
}

/* True if [off, off+len) lies inside an n-byte file (no overflow). */
static bool
in_file(uint64_t off, uint64_t len, uint64_t n)
{
	return off <= n && len <= n - off;
}

static uint64_t
page_down(uint64_t a)
{
	return a & ~(PAGE - 1);
}

static uint64_t
page_up(uint64_t a)
{
	return (a + PAGE - 1) & ~(PAGE - 1);
}

/* Check the ELF header: 0 or -ENOEXEC. */
static int
check_header(const struct elf64_ehdr *eh, uint64_t n, char *why)
{
	if (memcmp(eh->e_ident, ELF_MAGIC, 4) != 0)
		return refuse(why, "bad magic");
	if (eh->e_ident[4] != ELFCLASS64)
		return refuse(why, "not 64-bit");
	if (eh->e_ident[5] != ELFDATA2LSB)
		return refuse(why, "not little-endian");
	if (eh->e_ident[6] != 1 || eh->e_version != 1)
		return refuse(why, "unknown ELF version");
	if (eh->e_machine != EM_X86_64)
		return refuse(why, "not x86-64 (machine %u)", eh->e_machine);
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return refuse(why, "not an executable (type %u)", eh->e_type);
	if (eh->e_phentsize != sizeof(struct elf64_phdr))
		return refuse(why, "program header size %u, not %zu", eh->e_phentsize,
			      sizeof(struct elf64_phdr));
	if (eh->e_phnum > ELF_MAX_PHDRS)
		return refuse(why, "too many program headers (%u, at most %d)", eh->e_phnum,
			      ELF_MAX_PHDRS);
	if (!in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr), n))
		return refuse(why, "program headers outside the file");
	return 0;
}

/* Check loadable segment number i (from 1), ph, against the file and those before it, and
 * add it to info. */
static int
add_segment(struct elf_info *info, const struct elf64_phdr *ph, uint64_t n, char *why)
{
	int i = info->nsegments + 1;
	uint64_t va = info->base + ph->p_vaddr;

	if (ph->p_filesz > ph->p_memsz)
		return refuse(why, "segment %d: p_filesz > p_memsz", i);
	if (!in_file(ph->p_offset, ph->p_filesz, n))
		return refuse(why, "segment %d: file range outside the file", i);
	if (ph->p_vaddr % PAGE != ph->p_offset % PAGE)
		return refuse(why, "segment %d: misaligned (p_vaddr %% 4096 != p_offset %% 4096)",
			      i);
	if (va < ph->p_vaddr || va < USER_MIN || va >= USER_TOP || ph->p_memsz > USER_TOP - va)
		return refuse(why, "segment %d: outside user space", i);
	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return refuse(why, "segment %d: writable and executable", i);
	for (int j = 0; j < info->nsegments; j++) {
		const struct elf_segment *s = &info->segment[j];
		if (va < s->vaddr + s->memsz && s->vaddr < va + ph->p_memsz)
			return refuse(why, "segment %d overlaps segment %d", i, j + 1);
		if (page_down(va) < page_up(s->vaddr + s->memsz) &&
		    page_down(s->vaddr) < page_up(va + ph->p_memsz))
			return refuse(why, "segment %d shares a page with segment %d", i, j + 1);
	}
	info->segment[info->nsegments++] = (struct elf_segment){ .vaddr = va,
								 .memsz = ph->p_memsz,
								 .offset = ph->p_offset,
								 .filesz = ph->p_filesz,
								 .flags = (int)ph->p_flags };
	return 0;
}

/* The segment of info holding [va, va+len), or NULL. */
static const struct elf_segment *
segment_at(const struct elf_info *info, uint64_t va, uint64_t len)
{
	for (int i = 0; i < info->nsegments; i++) {
		const struct elf_segment *s = &info->segment[i];
		if (va >= s->vaddr && va - s->vaddr <= s->memsz &&
		    len <= s->memsz - (va - s->vaddr))
			return s;
	}
	return NULL;
}

/* Find a static PIE's RELA table through its dynamic section dyn and check every entry. */
static int
check_relocations(struct elf_info *info, const uint8_t *data, uint64_t n,
		  const struct elf64_phdr *dyn, char *why)
{
	uint64_t rela = 0, relasz = 0, relaent = sizeof(struct elf64_rela);
	bool has_rela = false;

	if (!in_file(dyn->p_offset, dyn->p_filesz, n))
		return refuse(why, "dynamic section outside the file");
	for (uint64_t off = 0; off + sizeof(struct elf64_dyn) <= dyn->p_filesz;
	     off += sizeof(struct elf64_dyn)) {
		struct elf64_dyn d;
		memcpy(&d, data + dyn->p_offset + off, sizeof(d));
		if (d.d_tag == DT_NULL)
			break;
		if (d.d_tag == DT_RELA)
			rela = d.d_val, has_rela = true;
		else if (d.d_tag == DT_RELASZ)
			relasz = d.d_val;
		else if (d.d_tag == DT_RELAENT)
			relaent = d.d_val;
		else if (d.d_tag == DT_REL)
			return refuse(why, "DT_REL relocations are not supported (only DT_RELA)");
	}
	if (!has_rela || relasz == 0)
		return 0;
	if (relaent != sizeof(struct elf64_rela) || relasz % relaent)
		return refuse(why, "bad relocation table size (%lu bytes of %lu)",
			      (unsigned long)relasz, (unsigned long)relaent);
	/* DT_RELA is an address: find the file bytes a segment puts there. */
	const struct elf_segment *s = segment_at(info, info->base + rela, relasz);
	if (!s || info->base + rela - s->vaddr + relasz > s->filesz)
		return refuse(why, "relocation table outside the file's segments");
	info->rela_offset = s->offset + (info->base + rela - s->vaddr);
	info->nrela = relasz / relaent;
	for (uint64_t i = 0; i < info->nrela; i++) {
		struct elf64_rela r;
		memcpy(&r, data + info->rela_offset + i * sizeof(r), sizeof(r));
		uint32_t type = (uint32_t)r.r_info, sym = (uint32_t)(r.r_info >> 32);
		if ((type != R_X86_64_RELATIVE && type != R_X86_64_64) || sym != 0)
			return refuse(why,
				      "relocation %lu: type %u symbol %u not supported (only "
				      "RELATIVE, 64 against symbol 0)",
				      (unsigned long)i, type, sym);
		uint64_t target = info->base + r.r_offset;
		const struct elf_segment *t = segment_at(info, target, 8);
		if (target < r.r_offset || !t || !(t->flags & PF_W))
			return refuse(why, "relocation %lu: target 0x%lx not in a writable segment",
				      (unsigned long)i, (unsigned long)target);
	}
	return 0;
}

int
elf_check(const void *data, uint64_t n, struct elf_info *info, char *why)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph[ELF_MAX_PHDRS];
	const struct elf64_phdr *dyn = NULL;
	int err;

	memset(info, 0, sizeof(*info));
	if (n < sizeof(eh))
		return refuse(why, "too short for an ELF header (%lu bytes)", (unsigned long)n);
	memcpy(&eh, data, sizeof(eh));
	if ((err = check_header(&eh, n, why)) < 0)
		return err;
	memcpy(ph, (const uint8_t *)data + eh.e_phoff, eh.e_phnum * sizeof(ph[0]));
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP)
			return refuse(why,
				      "dynamically linked (PT_INTERP): only static programs run");
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = &ph[i];
	}
	info->base = eh.e_type == ET_DYN ? ELF_PIE_BASE : 0;
	for (int i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_memsz > 0 &&
		    (err = add_segment(info, &ph[i], n, why)) < 0)
			return err;
	if (info->nsegments == 0)
		return refuse(why, "no loadable segment");
	uint64_t lo = UINT64_MAX, hi = 0;
	for (int i = 0; i < info->nsegments; i++) {
		const struct elf_segment *s = &info->segment[i];
		lo = s->vaddr < lo ? s->vaddr : lo;
		hi = s->vaddr + s->memsz > hi ? s->vaddr + s->memsz : hi;
	}
	if (page_up(hi) - page_down(lo) > USER_IMAGE_MAX)
		return refuse(why, "image larger than %llu MiB", USER_IMAGE_MAX >> 20);
	info->entry = info->base + eh.e_entry;
	const struct elf_segment *e = segment_at(info, info->entry, 1);
	if (info->entry < eh.e_entry || !e || !(e->flags & PF_X))
		return refuse(why, "entry point 0x%lx not in an executable segment",
			      (unsigned long)info->entry);
	if (eh.e_type == ET_DYN && dyn)
		return check_relocations(info, data, n, dyn, why);
	return 0;
}
#endif
