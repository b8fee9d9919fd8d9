#if LAB >= 3
/*
 * Page-table walks: map, unmap, look up and re-protect one page in a
 * four-level x86-64 table. The code knows nothing of where table pages come
 * from or how they are reached (pt_alloc, pt_free, pt_va, pt_flush in
 * vm.h), so the host tests run it against a fake physical memory.
 *
 * Tables are allocated on the way down when vm_map needs them and freed by
 * vm_unmap when they become empty, except the tables PML4 entries point to:
 * once a PML4 entry is set it stays, so every address space that copied
 * the kernel half keeps seeing the same kernel mappings.
 *
 * TLB rules (single CPU; no global pages, CR4.PGE is off):
 * - a fresh entry where none was present needs no flush: the CPU never
 *   caches a not-present translation;
 * - changing or clearing a present entry needs invlpg of its address,
 *   which also drops the paging-structure caches, so a table unlinked at
 *   the same time is forgotten too; free it only after the invlpg;
 * - loading CR3 flushes everything (no entry is global).
 */
#include "mm/vm.h"
#include "arch/x86/mmu.h"
#include "debug/panic.h"
#include "lib/errno.h"
#include "mm/page.h"

#define USER_END 0x0000800000000000ul /* user space is below the canonical hole */
#define VM_PERMS (VM_WRITE | VM_EXEC | VM_USER | VM_NOCACHE)

static bool
canonical(uint64_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

/* Checks every operation makes on its arguments: 0 or -EINVAL. */
static int
check_args(uint64_t va, uint64_t perm)
{
	if (va % PAGE_SIZE || !canonical(va) || (perm & ~VM_PERMS))
		return -EINVAL;
	if ((perm & VM_USER) && va >= USER_END)
		return -EINVAL;
	return 0;
}

/* The entry bits for perm, and back. */
static pte_t
pte_bits(uint64_t perm)
{
	pte_t bits = PTE_P;

	if (perm & VM_WRITE)
		bits |= PTE_W;
	if (perm & VM_USER)
		bits |= PTE_U;
	if (perm & VM_NOCACHE)
		bits |= PTE_PCD | PTE_PWT;
	if (!(perm & VM_EXEC))
		bits |= PTE_NX;
	return bits;
}

static uint64_t
perm_of(pte_t e)
{
	return (e & PTE_W ? VM_WRITE : 0) | (e & PTE_NX ? 0 : VM_EXEC) | (e & PTE_U ? VM_USER : 0) |
	       (e & PTE_PCD ? VM_NOCACHE : 0);
}

/*
 * The bits of an entry that points to a table. They allow everything va's half of the
 * address space could need (writes, and user access below USER_END), so they never change
 * and the leaf alone decides.
 */
static inline pte_t
table_bits(uint64_t va)
{
	return PTE_P | PTE_W | (va < USER_END ? PTE_U : 0);
}

/*
 * Set *pte to va's entry in the page table (level 0), making the missing tables on the way.
 * 0; -ENOMEM if pt_alloc fails (tables made so far stay linked, empty); -EEXIST if a large
 * page maps va.
 */
static int
walk(pte_t *pml4, uint64_t va, pte_t **pte)
{
#if SOL >= 3 /* exercise pt-walk */
	pte_t *table = pml4;

	for (int level = PT_LEVELS - 1; level > 0; level--) {
		pte_t *e = &table[PT_INDEX(va, level)];
		if (!(*e & PTE_P)) {
			uint64_t pa = pt_alloc();
			if (pa == 0)
				return -ENOMEM;
			*e = pa | table_bits(va); /* was not present: no flush */
		} else if (*e & PTE_PS) {
			return -EEXIST;
		}
		table = pt_va(*e & PTE_ADDR);
	}
	*pte = &table[PT_INDEX(va, 0)];
	return 0;
#else
	/* LAB 3: your code here (exercise pt-walk). Go down from the PML4 to the page table:
	   at each level take va's entry (PT_INDEX); if it is not present, put a new zeroed table
	   there (pt_alloc, with table_bits(va)); if it maps a large page (PTE_PS), va is already
	   mapped. Follow the entry to the next table (pt_va), and set *pte to va's entry in the
	   last one. */
	(void)pml4, (void)va, (void)pte;
	panic("vm: walk not implemented (exercise pt-walk)");
#endif
}

/*
 * Follow va down from the PML4 without changing anything: table[level] is the table visited
 * at each level. Returns the level of the present entry that maps va (0 for a 4 KiB page, 1
 * or 2 for a large page), or -1 if an entry on the way is not present.
 */
static int
descend(pte_t *pml4, uint64_t va, pte_t *table[PT_LEVELS])
{
	table[PT_LEVELS - 1] = pml4;
	for (int level = PT_LEVELS - 1;; level--) {
		pte_t e = table[level][PT_INDEX(va, level)];
		if (!(e & PTE_P))
			return -1;
		if (level == 0 || (level < PT_LEVELS - 1 && (e & PTE_PS)))
			return level;
		table[level - 1] = pt_va(e & PTE_ADDR);
	}
}

/* The entry that maps va, found as vm_unmap and vm_protect need it: -ENOENT, -EINVAL. */
static int
find_leaf(pte_t *pml4, uint64_t va, pte_t *table[PT_LEVELS], int *level)
{
	*level = descend(pml4, va, table);
	if (*level < 0)
		return -ENOENT;
	if (va & (PT_LEVEL_SIZE(*level) - 1))
		return -EINVAL; /* inside a large page: they are not split */
	return 0;
}

/*
 * True if table t, whose entry i was just cleared, has no present entry. Looks at i's
 * neighbours first: a table in use has one near the entry last cleared, usually right next
 * to it, so unmapping a range does not scan 512 entries per page.
 */
static bool
table_empty(const pte_t *t, int i)
{
	for (int d = 1; d < PT_ENTRIES; d++)
		if ((i + d < PT_ENTRIES && (t[i + d] & PTE_P)) ||
		    (i - d >= 0 && (t[i - d] & PTE_P)))
			return false;
	return true;
}

int
vm_map(pte_t *pml4, uint64_t va, uint64_t pa, uint64_t perm)
{
	pte_t *pte;

	if (check_args(va, perm) || pa % PAGE_SIZE || pa >= PHYS_LIMIT)
		return -EINVAL;
	int err = walk(pml4, va, &pte);
	if (err)
		return err;
	if (*pte & PTE_P)
		return -EEXIST;
	*pte = pa | pte_bits(perm); /* was not present: no flush */
	return 0;
}

int
vm_unmap(pte_t *pml4, uint64_t va)
{
	pte_t *table[PT_LEVELS];
	uint64_t dead[PT_LEVELS];
	int level, ndead = 0;

	int err = check_args(va, 0);
	if (err == 0)
		err = find_leaf(pml4, va, table, &level);
	if (err)
		return err;
	table[level][PT_INDEX(va, level)] = 0;
	/* Unlink the tables this left empty, bottom up; the PML4's entries stay. */
	for (int l = level + 1; l < PT_LEVELS - 1 && table_empty(table[l - 1], PT_INDEX(va, l - 1));
	     l++) {
		dead[ndead++] = table[l][PT_INDEX(va, l)] & PTE_ADDR;
		table[l][PT_INDEX(va, l)] = 0;
	}
	/* A present entry was cleared: the TLB may hold it, and the paging-structure caches the
	   unlinked tables. invlpg drops both; only then may the tables be reused. */
	pt_flush(va);
	while (ndead > 0)
		pt_free(dead[--ndead]);
	return 0;
}

bool
vm_lookup(pte_t *pml4, uint64_t va, uint64_t *pa, uint64_t *perm)
{
	pte_t *table[PT_LEVELS];

	if (!canonical(va))
		return false;
	int level = descend(pml4, va, table);
	if (level < 0)
		return false;
	pte_t e = table[level][PT_INDEX(va, level)];
	uint64_t offset = va & (PT_LEVEL_SIZE(level) - 1);
	if (pa)
		*pa = (e & PTE_ADDR & ~(PT_LEVEL_SIZE(level) - 1)) | offset;
	if (perm)
		*perm = perm_of(e);
	return true;
}

int
vm_protect(pte_t *pml4, uint64_t va, uint64_t perm)
{
	pte_t *table[PT_LEVELS];
	int level;

	int err = check_args(va, perm);
	if (err == 0)
		err = find_leaf(pml4, va, table, &level);
	if (err)
		return err;
	pte_t *e = &table[level][PT_INDEX(va, level)];
	*e = (*e & (PTE_ADDR | PTE_PS | PTE_A | PTE_D)) | pte_bits(perm);
	pt_flush(va); /* a present entry changed: the TLB may hold the old permissions */
	return 0;
}
#endif
