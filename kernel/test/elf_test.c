#if LAB >= 6
/*
 * Host tests of the ELF checker (exec/elf.c): a small valid program built
 * here, then a corpus of broken ones made from it, one defect each, each
 * refused with its own message; and a static PIE whose relocations are
 * found and checked.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "test/host_names.h"
#include "exec/elf.h"
#include "lib/errno.h"
#include "mm/uvm.h"

#define FILE_SIZE 0x3000

/* A file: the header, then the program headers at 64, text at 0x1000, data at 0x2000. */
struct file {
	uint8_t bytes[FILE_SIZE];
	uint64_t size;
};

static struct elf64_ehdr *
eh(struct file *f)
{
	return (struct elf64_ehdr *)f->bytes;
}

static struct elf64_phdr *
ph(struct file *f, int i)
{
	return (struct elf64_phdr *)(f->bytes + 64) + i;
}

/* A valid ET_EXEC: segment 1 text (R X) at 0x401000, segment 2 data (R W) at 0x402000 with
 * a page of bss. */
static void
valid(struct file *f)
{
	memset(f, 0, sizeof(*f));
	f->size = FILE_SIZE;
	memcpy(eh(f)->e_ident,
	       "\x7f"
	       "ELF",
	       4);
	eh(f)->e_ident[4] = ELFCLASS64;
	eh(f)->e_ident[5] = ELFDATA2LSB;
	eh(f)->e_ident[6] = 1;
	eh(f)->e_version = 1;
	eh(f)->e_type = ET_EXEC;
	eh(f)->e_machine = EM_X86_64;
	eh(f)->e_entry = 0x401000;
	eh(f)->e_phoff = 64;
	eh(f)->e_ehsize = 64;
	eh(f)->e_phentsize = sizeof(struct elf64_phdr);
	eh(f)->e_phnum = 2;
	*ph(f, 0) = (struct elf64_phdr){ .p_type = PT_LOAD,
					 .p_flags = PF_R | PF_X,
					 .p_offset = 0x1000,
					 .p_vaddr = 0x401000,
					 .p_filesz = 0x100,
					 .p_memsz = 0x100,
					 .p_align = 4096 };
	*ph(f, 1) = (struct elf64_phdr){ .p_type = PT_LOAD,
					 .p_flags = PF_R | PF_W,
					 .p_offset = 0x2000,
					 .p_vaddr = 0x402000,
					 .p_filesz = 0x10,
					 .p_memsz = 0x2000,
					 .p_align = 4096 };
}

static struct elf_info info;
static char why[ELF_WHY_MAX];

static int
check(struct file *f)
{
	why[0] = '\0';
	return elf_check(f->bytes, f->size, &info, why);
}

/* f must be refused with a message containing text. */
static void
refused(struct file *f, const char *text)
{
	int r = check(f);
	cr_assert_eq(r, -ENOEXEC, "accepted a file that should fail with '%s'", text);
	cr_assert(strstr(why, text), "expected '%s', got '%s'", text, why);
}

Test(elf, accepts_a_static_executable)
{
	struct file f;
	valid(&f);
	cr_assert_eq(check(&f), 0, "refused: %s", why);
	cr_assert_eq(info.nsegments, 2);
	cr_assert_eq(info.entry, 0x401000);
	cr_assert_eq(info.base, 0);
	cr_assert_eq(info.segment[1].memsz, 0x2000);
	cr_assert_eq(info.nrela, 0);
}

Test(elf, refuses_a_corpus_of_broken_files)
{
	struct file f;
	int kinds = 0;

#define CASE(change, text)         \
	do {                       \
		valid(&f);         \
		change;            \
		refused(&f, text); \
		kinds++;           \
	} while (0)

	CASE(f.size = 10, "too short for an ELF header");
	CASE(f.bytes[1] = 'X', "bad magic");
	CASE(eh(&f)->e_ident[4] = 1, "not 64-bit");
	CASE(eh(&f)->e_ident[5] = 2, "not little-endian");
	CASE(eh(&f)->e_version = 0, "unknown ELF version");
	CASE(eh(&f)->e_machine = 3, "not x86-64");
	CASE(eh(&f)->e_type = 1, "not an executable (type 1)");
	CASE(eh(&f)->e_type = 4, "not an executable (type 4)");
	CASE(eh(&f)->e_phentsize = 40, "program header size 40");
	CASE(eh(&f)->e_phnum = 33, "too many program headers");
	CASE(eh(&f)->e_phoff = FILE_SIZE - 100, "program headers outside the file");
	CASE(eh(&f)->e_phoff = UINT64_MAX - 8, "program headers outside the file");
	CASE(ph(&f, 1)->p_filesz = 0x3000, "segment 2: p_filesz > p_memsz");
	CASE(ph(&f, 1)->p_offset = 0x2008, "segment 2: misaligned");
	CASE((ph(&f, 1)->p_offset = 0x2000, ph(&f, 1)->p_filesz = 0x1001),
	     "segment 2: file range outside the file");
	CASE(ph(&f, 0)->p_offset = UINT64_MAX - 0xfff, "segment 1: file range outside the file");
	CASE((ph(&f, 0)->p_vaddr = 0x1000, eh(&f)->e_entry = 0x1000),
	     "segment 1: outside user space");
	CASE(ph(&f, 1)->p_vaddr = USER_TOP - 0x1000, "segment 2: outside user space");
	CASE(ph(&f, 1)->p_vaddr = 0xffffffff80002000ULL, "segment 2: outside user space");
	CASE(ph(&f, 0)->p_flags = PF_R | PF_W | PF_X, "segment 1: writable and executable");
	CASE(ph(&f, 1)->p_vaddr = 0x401000, "segment 2 overlaps segment 1");
	CASE((ph(&f, 1)->p_vaddr = 0x401800, ph(&f, 1)->p_offset = 0x1800),
	     "segment 2 shares a page with segment 1");
	CASE(eh(&f)->e_entry = 0x402000, "entry point 0x402000 not in an executable segment");
	CASE(eh(&f)->e_entry = 0x500000, "entry point 0x500000 not in an executable segment");
	CASE((ph(&f, 0)->p_type = 4, ph(&f, 1)->p_type = 6), "no loadable segment");
	CASE(eh(&f)->e_phnum = 0, "no loadable segment");
	CASE(ph(&f, 1)->p_memsz = USER_IMAGE_MAX, "image larger than 64 MiB");
	CASE(ph(&f, 1)->p_type = PT_INTERP, "dynamically linked");
#undef CASE
	cr_assert_geq(kinds, 15);
}

/* A static PIE: f made ET_DYN at vaddr 0, with a dynamic section in the data segment
 * pointing at a RELA table of n entries (written at file 0x2100, vaddr 0x2100). */
static void
pie(struct file *f, const struct elf64_rela *rela, int n)
{
	valid(f);
	eh(f)->e_type = ET_DYN;
	eh(f)->e_entry = 0x1000;
	ph(f, 0)->p_vaddr = 0x1000;
	ph(f, 1)->p_vaddr = 0x2000;
	ph(f, 1)->p_filesz = 0x1000;
	eh(f)->e_phnum = 3;
	*ph(f, 2) = (struct elf64_phdr){ .p_type = PT_DYNAMIC,
					 .p_flags = PF_R | PF_W,
					 .p_offset = 0x2000,
					 .p_vaddr = 0x2000,
					 .p_filesz = 0x40,
					 .p_memsz = 0x40 };
	struct elf64_dyn dyn[4] = { { DT_RELA, 0x2100 },
				    { DT_RELASZ, n * sizeof(*rela) },
				    { DT_RELAENT, sizeof(*rela) },
				    { DT_NULL, 0 } };
	memcpy(f->bytes + 0x2000, dyn, sizeof(dyn));
	memcpy(f->bytes + 0x2100, rela, n * sizeof(*rela));
}

Test(elf, accepts_a_static_pie_and_finds_its_relocations)
{
	struct file f;
	struct elf64_rela r[2] = { { 0x2800, R_X86_64_RELATIVE, 0x1010 },
				   { 0x2808, R_X86_64_64, 0x1234 } };
	pie(&f, r, 2);
	cr_assert_eq(check(&f), 0, "refused: %s", why);
	cr_assert_eq(info.base, ELF_PIE_BASE);
	cr_assert_eq(info.entry, ELF_PIE_BASE + 0x1000);
	cr_assert_eq(info.segment[0].vaddr, ELF_PIE_BASE + 0x1000);
	cr_assert_eq(info.rela_offset, 0x2100);
	cr_assert_eq(info.nrela, 2);
}

Test(elf, refuses_bad_relocations)
{
	struct file f;
	struct elf64_rela text = { 0x1008, R_X86_64_RELATIVE, 0 };
	struct elf64_rela outside = { 0x9000, R_X86_64_RELATIVE, 0 };
	struct elf64_rela glob = { 0x2800, 6 /* R_X86_64_GLOB_DAT */, 0 };
	struct elf64_rela sym = { 0x2800, (uint64_t)1 << 32 | R_X86_64_64, 0 };

	pie(&f, &text, 1);
	refused(&f, "relocation 0: target 0x401008 not in a writable segment");
	pie(&f, &outside, 1);
	refused(&f, "not in a writable segment");
	pie(&f, &glob, 1);
	refused(&f, "relocation 0: type 6 symbol 0 not supported");
	pie(&f, &sym, 1);
	refused(&f, "type 1 symbol 1 not supported");
	pie(&f, &text, 1);
	((struct elf64_dyn *)(f.bytes + 0x2000))[0].d_val = 0x7000;
	refused(&f, "relocation table outside the file's segments");
	pie(&f, &text, 1);
	((struct elf64_dyn *)(f.bytes + 0x2000))[0].d_tag = DT_REL;
	refused(&f, "DT_REL relocations are not supported");
}

Test(elf, survives_random_headers)
{
	struct file f;

	srand(6);
	for (int round = 0; round < 20000; round++) {
		valid(&f);
		for (int k = 0; k < 4; k++)
			f.bytes[rand() % (64 + 3 * 56)] = (uint8_t)rand();
		check(&f);
	}
}
#endif
