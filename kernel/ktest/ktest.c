/* Choosing a kernel test by name (boot argument test=<name>). */
#include <stddef.h>

#include "ktest/ktest.h"
#include "arch/x86/power.h"
#include "dev/console.h"
#include "lib/string.h"

static const struct {
	const char *name;
	void (*run)(void);
} tests[] = {
	{ "printf", ktest_printf },
	{ "backtrace", ktest_backtrace },
#if LAB >= 2
	{ "int3", ktest_int3 },
	{ "fault:div", ktest_fault_div },
	{ "fault:gp", ktest_fault_gp },
	{ "fault:pf", ktest_fault_pf },
	{ "fault:pf-read", ktest_fault_pf_read },
	{ "overflow", ktest_overflow },
	{ "ticks", ktest_ticks },
	{ "bench", ktest_bench },
#endif
#if LAB >= 3
	{ "mem-all", ktest_mem_all },
	{ "mem-stress", ktest_mem_stress },
	{ "fault:rodata", ktest_fault_rodata },
	{ "fault:text", ktest_fault_text },
	{ "fault:nx", ktest_fault_nx },
	{ "kmem-double-free", ktest_kmem_double_free },
	{ "kmem-redzone", ktest_kmem_redzone },
	{ "kmem-oom", ktest_kmem_oom },
#endif
#if LAB >= 4
	{ "fairness", ktest_fairness },
	{ "latency", ktest_latency },
	{ "priority", ktest_priority },
	{ "thread-churn", ktest_thread_churn },
	{ "join-twice", ktest_join_twice },
	{ "sleep-spinlock", ktest_sleep_spinlock },
	{ "prodcons", ktest_prodcons },
	{ "lost-wakeup", ktest_lost_wakeup },
	{ "irq-spinlock", ktest_irq_spinlock },
	{ "mutex-ceiling", ktest_mutex_ceiling },
	{ "mutex-not-owner", ktest_mutex_not_owner },
	{ "kstack-overflow", ktest_kstack_overflow },
#endif
#if LAB >= 5
	{ "blk", ktest_blk },
	{ "vblk", ktest_vblk },
	{ "fsatomic", ktest_fsatomic },
	{ "fsthreads", ktest_fsthreads },
	{ "bench-blk", bench_blk }, /* make bench: ATA throughput (BLKDEV=ata) */
	{ "fs1000", ktest_fs1000 },
	{ "fsstress", ktest_fsstress },
	{ "fsdamage", ktest_fsdamage },
#endif
#if LAB >= 6
	{ "ring3", ktest_ring3 },
#endif
};

#define NTESTS (sizeof(tests) / sizeof(tests[0]))

void
ktest_run(const char *name)
{
	for (size_t i = 0; i < NTESTS; i++) {
		if (strcmp(name, tests[i].name) == 0) {
			printf("ktest: %s: start\n", name);
			tests[i].run();
			printf("ktest: %s: done\n", name);
			power_off(POWER_SUCCESS);
		}
	}
	printf("ktest: no test is called '%s'; known:", name);
	for (size_t i = 0; i < NTESTS; i++)
		printf(" %s", tests[i].name);
	printf("\n");
	power_off(POWER_FAILURE);
}
