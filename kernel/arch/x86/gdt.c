#if LAB >= 2
/*
 * The GDT and the TSS of the boot CPU. The boot GDT in entry.S has only the
 * kernel segments; this one adds the user segments and the TSS with its
 * interrupt stacks, which the double-fault handler needs to run at all when
 * the kernel stack has overflowed into its guard page.
 */
#include "arch/x86/gdt.h"

/* A 64-bit TSS (Intel SDM vol. 3, figure 8-11). */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3]; /* stack for entry from ring 0..2 */
	uint64_t reserved1;
	uint64_t ist[7]; /* ist[n - 1] is IST slot n */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base; /* past the limit: no I/O permission bitmap */
} __attribute__((packed));

/* Descriptor bits: present, DPL 3, code/data (S), executable, writable, long mode. */
#define DESC_P (1ULL << 47)
#define DESC_DPL3 (3ULL << 45)
#define DESC_S (1ULL << 44)
#define DESC_CODE (1ULL << 43)
#define DESC_RW (1ULL << 41)
#define DESC_L (1ULL << 53)
#define DESC_TSS_AVAILABLE (9ULL << 40)

static struct tss tss;
static uint64_t gdt[7];
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

/* A TSS descriptor takes two GDT slots: base and limit spread over 16 bytes. */
static void
set_tss_descriptor(uint64_t *slot, uint64_t base, uint32_t limit)
{
	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | DESC_TSS_AVAILABLE | DESC_P |
		  ((uint64_t)(limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	slot[1] = base >> 32;
}

void
gdt_init(void)
{
	gdt[0] = 0;
	gdt[SEG_KCODE >> 3] = DESC_P | DESC_S | DESC_CODE | DESC_RW | DESC_L;
	gdt[SEG_KDATA >> 3] = DESC_P | DESC_S | DESC_RW;
	gdt[SEG_UDATA >> 3] = DESC_P | DESC_DPL3 | DESC_S | DESC_RW;
	gdt[SEG_UCODE >> 3] = DESC_P | DESC_DPL3 | DESC_S | DESC_CODE | DESC_RW | DESC_L;

	/* Stacks grow down: each IST entry is the top of its stack. */
	for (int i = 0; i < 3; i++)
		tss.ist[i] = (uint64_t)&ist_stacks[i][IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);
	set_tss_descriptor(&gdt[SEG_TSS >> 3], (uint64_t)&tss, sizeof(tss) - 1);

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) gdtr = { sizeof(gdt) - 1, (uint64_t)gdt };

	/* Reload CS with a far return (there is no far jump to an absolute
	   address in long mode), then the data segments and the task register. */
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ds\n\t"
			 "movw %w2, %%es\n\t"
			 "movw %w2, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(gdtr), "i"(SEG_KCODE), "r"(SEG_KDATA), "r"(SEG_TSS)
			 : "rax", "memory");
}

bool
gdt_on_ist_stack(uint64_t addr, uint64_t len)
{
	uint64_t lo = (uint64_t)ist_stacks, hi = lo + sizeof(ist_stacks);

	return addr >= lo && addr + len <= hi;
}

#if LAB >= 6
void
gdt_set_kernel_stack(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
#endif
#endif
