#if LAB >= 2
/*
 * test=bench: the cost of a trap round trip (entry, trap(), iretq), with a
 * software interrupt and, when the local APIC is in use, a self-IPI, timed
 * with the calibrated TSC. make bench reprints the ClanOS-Bench lines.
 */
#include "ktest/ktest.h"
#include "arch/x86/cpu.h"
#include "arch/x86/irq.h"
#include "arch/x86/lapic.h"
#include "arch/x86/trap.h"
#include "dev/clock.h"
#include "dev/console.h"

#define ROUNDS 10000

/* Nanoseconds per round of fn, the best of three batches (the first warms caches). */
static uint64_t
time_rounds(void (*fn)(void))
{
	uint64_t best = UINT64_MAX;

	for (int batch = 0; batch < 3; batch++) {
		uint64_t t0 = clock_ns();
		for (int i = 0; i < ROUNDS; i++)
			fn();
		uint64_t per = (clock_ns() - t0) / ROUNDS;
		best = per < best ? per : best;
	}
	return best;
}

/* Send a self-IPI and wait until the handler has run (sti; hlt takes it). */
static void
self_ipi(void)
{
	uint64_t before = trap_count(T_SELFTEST);

	cli();
	lapic_send_self_ipi(T_SELFTEST);
	while (trap_count(T_SELFTEST) == before)
		wait_for_interrupt();
}

void
ktest_bench(void)
{
	printf("ClanOS-Bench: name=trap_roundtrip_ns value=%lu unit=ns\n",
	       time_rounds(trap_raise_selftest));
	if (irq_using_apic())
		printf("ClanOS-Bench: name=self_ipi_roundtrip_ns value=%lu unit=ns\n",
		       time_rounds(self_ipi));
#if LAB >= 3
	bench_buddy();
	bench_kmalloc();
	bench_vm_map();
#endif
#if LAB >= 4
	bench_sched();
#endif
#if LAB >= 5
	bench_vblk();
	bench_fs();
#endif
}
#endif
