#if LAB >= 3
/*
 * Page-table walks (mm/vm.c) against a fake physical memory: page-table
 * pages come from an array here, handed out at fake physical addresses, and
 * the allocator can be told to fail. A freed table is poisoned, so a walk
 * that still followed it would find garbage. The tests read the tables
 * back with their own walk to check the entries vm.c wrote, bit by bit.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "test/host_names.h"
#include "arch/x86/mmu.h"
#include "debug/panic.h"
#include "lib/errno.h"
#include "mm/page.h"
#include "mm/vm.h"

#define FAKE_PAGES 2048
#define FAKE_BASE 0x40000000ul /* fake physical address of the first page; 0 means none */
#define POISON 0xa5

static uint8_t *fake; /* FAKE_PAGES pages, page-aligned */
static bool in_use[FAKE_PAGES];
static int nalloc;          /* page-table pages allocated now */
static int fail_after = -1; /* allocations that still succeed; -1: no limit */
static int nflush;          /* pt_flush calls */
static uint64_t last_flush;
static pte_t *pml4;

uint64_t
pt_alloc(void)
{
	if (fail_after == 0)
		return 0;
	if (fail_after > 0)
		fail_after--;
	for (int i = 0; i < FAKE_PAGES; i++) {
		if (!in_use[i]) {
			in_use[i] = true;
			nalloc++;
			memset(fake + i * PAGE_SIZE, 0, PAGE_SIZE);
			return FAKE_BASE + i * PAGE_SIZE;
		}
	}
	return 0;
}

/* The index of the fake page at pa, which must be one. */
static int
fake_index(uint64_t pa)
{
	cr_assert(pa >= FAKE_BASE && pa < FAKE_BASE + FAKE_PAGES * PAGE_SIZE && pa % PAGE_SIZE == 0,
		  "0x%lx is not a page-table page's address", pa);
	return (int)((pa - FAKE_BASE) / PAGE_SIZE);
}

void
pt_free(uint64_t pa)
{
	int i = fake_index(pa);
	cr_assert(in_use[i], "page-table page 0x%lx freed twice", pa);
	in_use[i] = false;
	nalloc--;
	memset(fake + i * PAGE_SIZE, POISON, PAGE_SIZE);
}

pte_t *
pt_va(uint64_t pa)
{
	int i = fake_index(pa);
	cr_assert(in_use[i], "walk into freed page-table page 0x%lx", pa);
	return (pte_t *)(fake + i * PAGE_SIZE);
}

void
pt_flush(uint64_t va)
{
	nflush++;
	last_flush = va;
}

/* The starter's stubbed walk panics; make that a failed test, not a hung one. */
__attribute__((weak)) void
panic_at(const char *file, int line, const char *fmt, ...)
{
	fprintf(stderr, "panic: %s:%d: %s\n", file, line, fmt);
	abort();
}

static void
setup(void)
{
	fake = aligned_alloc(PAGE_SIZE, FAKE_PAGES * PAGE_SIZE);
	cr_assert_not_null(fake);
	memset(fake, POISON, FAKE_PAGES * PAGE_SIZE);
	memset(in_use, 0, sizeof(in_use));
	nalloc = nflush = 0;
	fail_after = -1;
	uint64_t pa = pt_alloc();
	pml4 = pt_va(pa);
}

static void
teardown(void)
{
	free(fake);
}

TestSuite(vm, .init = setup, .fini = teardown);

/* The test's own walk: va's entry at level (3 = PML4), or NULL if a table on the way is
 * missing. Stops at a large page's entry. */
static pte_t *
entry_at(uint64_t va, int level)
{
	pte_t *t = pml4;
	for (int l = PT_LEVELS - 1; l > level; l--) {
		pte_t e = t[PT_INDEX(va, l)];
		if (!(e & PTE_P) || (e & PTE_PS))
			return NULL;
		t = pt_va(e & PTE_ADDR);
	}
	return &t[PT_INDEX(va, level)];
}

static uint64_t
canon(uint64_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16);
}

/* The address with these four table indexes (PML4 first), sign-extended. */
static uint64_t
va_of(int i3, int i2, int i1, int i0)
{
	return canon((uint64_t)i3 << 39 | (uint64_t)i2 << 30 | (uint64_t)i1 << 21 |
		     (uint64_t)i0 << 12);
}

static const int edges[] = { 0, 1, 255, 256, 510, 511 };
#define NEDGES (int)(sizeof(edges) / sizeof(edges[0]))

Test(vm, round_trip_at_every_levels_index_boundaries)
{
	int n = 0, pdpts = 0;

	for (int a = 0; a < NEDGES; a++, pdpts++)
		for (int b = 0; b < NEDGES; b++)
			for (int c = 0; c < NEDGES; c++)
				for (int d = 0; d < NEDGES; d++, n++) {
					uint64_t va = va_of(edges[a], edges[b], edges[c], edges[d]);
					uint64_t perm = va < 0x800000000000ul ? VM_USER : VM_WRITE;
					cr_assert_eq(vm_map(pml4, va, (uint64_t)n << 12, perm), 0,
						     "map 0x%lx", va);
				}
	cr_assert_eq(nflush, 0, "a fresh mapping needs no TLB flush");

	n = 0;
	for (int a = 0; a < NEDGES; a++)
		for (int b = 0; b < NEDGES; b++)
			for (int c = 0; c < NEDGES; c++)
				for (int d = 0; d < NEDGES; d++, n++) {
					uint64_t va = va_of(edges[a], edges[b], edges[c], edges[d]);
					uint64_t pa = 0, perm = 0;
					cr_assert(vm_lookup(pml4, va + 0x123, &pa, &perm), "0x%lx",
						  va);
					cr_assert_eq(pa, ((uint64_t)n << 12) + 0x123, "pa of 0x%lx",
						     va);
					cr_assert_eq(perm,
						     va < 0x800000000000ul ? VM_USER : VM_WRITE);
				}

	n = 0;
	for (int a = 0; a < NEDGES; a++)
		for (int b = 0; b < NEDGES; b++)
			for (int c = 0; c < NEDGES; c++)
				for (int d = 0; d < NEDGES; d++, n++) {
					uint64_t va = va_of(edges[a], edges[b], edges[c], edges[d]);
					cr_assert_eq(vm_unmap(pml4, va), 0, "unmap 0x%lx", va);
					cr_assert_eq(last_flush, va);
					cr_assert_not(vm_lookup(pml4, va, NULL, NULL));
				}
	cr_assert_eq(nflush, n, "every unmap flushes its address");
	cr_assert_eq(nalloc, 1 + pdpts, "left: the PML4 and one PDPT per slot used, not %d pages",
		     nalloc);
}

Test(vm, entries_hold_the_bits_asked_for)
{
	uint64_t user = 0x400000, kern = 0xffffc00000001000ul;
	struct {
		uint64_t perm;
		pte_t set, clear;
	} cases[] = {
		{ 0, PTE_P | PTE_NX, PTE_W | PTE_U | PTE_PCD | PTE_PWT },
		{ VM_WRITE, PTE_P | PTE_W | PTE_NX, PTE_U | PTE_PCD },
		{ VM_EXEC, PTE_P, PTE_W | PTE_NX | PTE_U },
		{ VM_NOCACHE | VM_WRITE, PTE_P | PTE_W | PTE_PCD | PTE_PWT | PTE_NX, PTE_U },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t va = kern + i * PAGE_SIZE, pa = 0x200000 + i * PAGE_SIZE;
		cr_assert_eq(vm_map(pml4, va, pa, cases[i].perm), 0);
		pte_t e = *entry_at(va, 0);
		cr_expect_eq(e & cases[i].set, cases[i].set, "perm 0x%lx: entry 0x%lx",
			     cases[i].perm, e);
		cr_expect_eq(e & cases[i].clear, 0, "perm 0x%lx: entry 0x%lx", cases[i].perm, e);
		cr_expect_eq(e & PTE_ADDR, pa);
	}
	/* The kernel half's tables do not let user mode through. */
	for (int l = 1; l < PT_LEVELS; l++)
		cr_expect_eq(*entry_at(kern, l) & (PTE_U | PTE_P), PTE_P, "level %d", l);

	cr_assert_eq(vm_map(pml4, user, 0x300000, VM_USER | VM_WRITE | VM_EXEC), 0);
	pte_t e = *entry_at(user, 0);
	cr_expect_eq(e & (PTE_P | PTE_W | PTE_U | PTE_NX), PTE_P | PTE_W | PTE_U, "entry 0x%lx", e);
	/* The user half's tables allow user access and writes; the leaf decides. */
	for (int l = 1; l < PT_LEVELS; l++)
		cr_expect_eq(*entry_at(user, l) & (PTE_U | PTE_W | PTE_NX | PTE_PS), PTE_U | PTE_W,
			     "level %d", l);
}

Test(vm, map_over_a_mapping_is_eexist)
{
	uint64_t va = 0xffff800012345000ul, pa;

	cr_assert_eq(vm_map(pml4, va, 0x5000, VM_WRITE), 0);
	int before = nalloc;
	cr_assert_eq(vm_map(pml4, va, 0x6000, 0), -EEXIST);
	cr_assert(vm_lookup(pml4, va, &pa, NULL));
	cr_assert_eq(pa, 0x5000, "the first mapping stays");
	cr_assert_eq(nalloc, before);
}

Test(vm, missing_mappings_are_enoent)
{
	uint64_t va = 0xffffc00000000000ul;

	cr_assert_eq(vm_unmap(pml4, va), -ENOENT);
	cr_assert_eq(vm_protect(pml4, va, VM_WRITE), -ENOENT);
	cr_assert_eq(vm_map(pml4, va, 0x1000, 0), 0);
	cr_assert_eq(vm_unmap(pml4, va + PAGE_SIZE), -ENOENT, "the neighbour is not mapped");
	cr_assert_eq(vm_unmap(pml4, va), 0);
	cr_assert_eq(vm_unmap(pml4, va), -ENOENT, "unmapped twice");
	cr_assert_not(vm_lookup(pml4, va, NULL, NULL));
}

Test(vm, bad_arguments_are_einval)
{
	struct {
		uint64_t va, pa, perm;
	} bad[] = {
		{ 0xffff800000000800ul, 0x1000, 0 },       /* unaligned va */
		{ 0xffff800000001000ul, 0x1800, 0 },       /* unaligned pa */
		{ 0x0000800000000000ul, 0x1000, 0 },       /* first non-canonical address */
		{ 0xffff7ffffffff000ul, 0x1000, 0 },       /* last non-canonical address */
		{ 0xffff800000001000ul, 1ul << 52, 0 },    /* beyond physical addresses */
		{ 0xffff800000001000ul, 0x1000, 0x100 },   /* unknown permission */
		{ 0xffff800000001000ul, 0x1000, VM_USER }, /* user page in the kernel half */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_eq(vm_map(pml4, bad[i].va, bad[i].pa, bad[i].perm), -EINVAL, "case %zu",
			     i);
	cr_assert_eq(nalloc, 1, "no table made for a bad request");
	cr_expect_eq(vm_unmap(pml4, 0xffff800000000800ul), -EINVAL);
	cr_expect_eq(vm_unmap(pml4, 0x0000800000000000ul), -EINVAL);
	cr_expect_eq(vm_protect(pml4, 0xffff800000000800ul, 0), -EINVAL);
	cr_assert_eq(vm_map(pml4, 0xffff800000001000ul, 0x1000, 0), 0);
	cr_expect_eq(vm_protect(pml4, 0xffff800000001000ul, VM_USER), -EINVAL);
	cr_expect_not(vm_lookup(pml4, 0x0000800000001000ul, NULL, NULL));
}

Test(vm, protect_changes_bits_and_flushes)
{
	uint64_t va = 0x7ffffffff000ul, pa, perm;

	cr_assert_eq(vm_map(pml4, va, 0xabc000, VM_USER | VM_WRITE), 0);
	cr_assert_eq(vm_protect(pml4, va, VM_USER | VM_EXEC), 0);
	cr_assert_eq(nflush, 1);
	cr_assert_eq(last_flush, va);
	cr_assert(vm_lookup(pml4, va, &pa, &perm));
	cr_assert_eq(pa, 0xabc000);
	cr_assert_eq(perm, VM_USER | VM_EXEC);
	cr_assert_eq(*entry_at(va, 0) & (PTE_W | PTE_NX), 0);
}

/* A table made by hand for the large-page tests: a new zeroed page linked at entry e. */
static pte_t *
link_table(pte_t *e)
{
	uint64_t pa = pt_alloc();
	*e = pa | PTE_P | PTE_W;
	return pt_va(pa);
}

Test(vm, large_pages)
{
	uint64_t base = 0xffff800000000000ul, pa, perm;
	pte_t *pdpt = link_table(&pml4[PT_INDEX(base, 3)]);
	pdpt[0] = 0x40000000ul | PTE_P | PTE_W | PTE_PS | PTE_NX; /* 1 GiB at base */
	pte_t *pd = link_table(&pdpt[1]);
	pd[3] = 0x200000ul * 7 | PTE_P | PTE_PS | PTE_PCD | PTE_PWT; /* 2 MiB, executable */
	uint64_t gib = base, mib2 = base + (1ul << 30) + 3 * 0x200000ul;

	cr_assert(vm_lookup(pml4, gib + 0x3ffff123, &pa, &perm));
	cr_assert_eq(pa, 0x40000000ul + 0x3ffff123);
	cr_assert_eq(perm, VM_WRITE);
	cr_assert(vm_lookup(pml4, mib2 + 0x1fffff, &pa, &perm));
	cr_assert_eq(pa, 0x200000ul * 7 + 0x1fffff);
	cr_assert_eq(perm, VM_EXEC | VM_NOCACHE);
	cr_assert_not(vm_lookup(pml4, mib2 + 0x200000, NULL, NULL), "the next 2 MiB is not mapped");

	cr_assert_eq(vm_map(pml4, gib + 0x5000, 0x1000, 0), -EEXIST, "inside a 1 GiB page");
	cr_assert_eq(vm_map(pml4, mib2 + 0x5000, 0x1000, 0), -EEXIST, "inside a 2 MiB page");
	cr_assert_eq(vm_unmap(pml4, mib2 + 0x5000), -EINVAL, "large pages are not split");
	cr_assert_eq(vm_protect(pml4, gib + 0x1000, 0), -EINVAL);

	cr_assert_eq(vm_protect(pml4, mib2, VM_WRITE), 0);
	cr_assert(vm_lookup(pml4, mib2 + 0x10, &pa, &perm));
	cr_assert_eq(pa, 0x200000ul * 7 + 0x10);
	cr_assert_eq(perm, VM_WRITE);
	cr_assert(pd[3] & PTE_PS, "still a 2 MiB page");

	int before = nalloc;
	cr_assert_eq(vm_unmap(pml4, mib2), 0);
	cr_assert_eq(nalloc, before - 1, "the emptied page directory is freed");
	cr_assert_eq(pdpt[1], 0);
	cr_assert_eq(vm_unmap(pml4, gib), 0);
	cr_assert_eq(nalloc, before - 1, "a PDPT is never freed");
	cr_assert_not(vm_lookup(pml4, gib, NULL, NULL));
	cr_assert_eq(vm_map(pml4, gib + 0x5000, 0x1000, 0), 0, "the range is free again");
}

Test(vm, out_of_memory_leaves_a_usable_table)
{
	uint64_t va = 0xffffc00000000000ul, pa;

	/* A mapping in an empty slot needs three tables; fail at each in turn. */
	for (int k = 0; k < 3; k++) {
		uint64_t at = va + (uint64_t)k * (1ul << 39);
		int before = nalloc;
		fail_after = k;
		cr_assert_eq(vm_map(pml4, at, 0x1000, VM_WRITE), -ENOMEM, "failing table %d", k);
		cr_assert_eq(nalloc, before + k, "only the %d tables made stay", k);
		cr_assert_not(vm_lookup(pml4, at, NULL, NULL));
		cr_assert_eq(vm_unmap(pml4, at), -ENOENT);
		fail_after = -1;
		cr_assert_eq(vm_map(pml4, at, 0x1000, VM_WRITE), 0, "after memory is back");
		cr_assert_eq(nalloc, before + 3);
		cr_assert(vm_lookup(pml4, at, &pa, NULL));
		cr_assert_eq(pa, 0x1000);
		cr_assert_eq(vm_unmap(pml4, at), 0);
		cr_assert_eq(nalloc, before + 1, "the PDPT stays, the rest is freed");
	}
	fail_after = 0;
	cr_assert_eq(vm_map(pml4, va + PAGE_SIZE, 0x2000, 0), -ENOMEM, "the PDPT is there now");
	cr_assert_eq(nalloc, 4);
}

Test(vm, unmapping_in_any_order_frees_every_table)
{
	enum { N = 3 * 512 + 100 }; /* four page tables, in two PML4 slots */
	static uint64_t order[N];
	uint64_t base = 0xffffc00000000000ul - 700 * PAGE_SIZE; /* straddles two PML4 slots */

	srand(3);
	for (int i = 0; i < N; i++) {
		cr_assert_eq(vm_map(pml4, base + i * PAGE_SIZE, (uint64_t)i << 12, VM_WRITE), 0);
		order[i] = base + i * PAGE_SIZE;
	}
	int full = nalloc;
	for (int i = N - 1; i > 0; i--) {
		int j = rand() % (i + 1);
		uint64_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < N; i++) {
		cr_assert_eq(vm_unmap(pml4, order[i]), 0);
		if (i % 97 == 0) /* what is still mapped is intact */
			for (int k = i + 1; k < N; k++) {
				uint64_t pa;
				cr_assert(vm_lookup(pml4, order[k], &pa, NULL));
				cr_assert_eq(pa, order[k] - base);
			}
	}
	cr_assert_eq(nalloc, 3, "PML4 and two PDPTs left of %d pages", full);
	for (int i = 0; i < N; i++)
		cr_assert_eq(vm_map(pml4, base + i * PAGE_SIZE, 0, 0), 0, "mapped again");
	cr_assert_eq(nalloc, full);
}
#endif
