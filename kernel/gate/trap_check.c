#if LAB >= 2
/*
 * The gate's "trap" check: what lab 2 built really works. A breakpoint goes
 * through trap() and comes back; a #GP at an instruction in the exception
 * table is recovered; a software interrupt and (with the local APIC) a
 * self-IPI arrive; the timer ticks at the rate the TSC says it should; a
 * character put into the input path comes out of the console queue.
 */
#include "gate/gate.h"
#include "arch/x86/cpu.h"
#include "arch/x86/extable.h"
#include "arch/x86/irq.h"
#include "arch/x86/lapic.h"
#include "arch/x86/trap.h"
#include "dev/clock.h"
#include "dev/console.h"

#define NON_CANONICAL 0x8000000000000000UL
#define TICK_WINDOW_NS 100000000UL /* 100 ms: HZ / 10 ticks */

static bool
failed(const char *what)
{
	printf("gate: trap: %s\n", what);
	return false;
}

static bool
check_breakpoint(void)
{
	uint64_t before = trap_count(T_BRKPT);

	breakpoint();
	return trap_count(T_BRKPT) == before + 1 ||
	       failed("int3 did not come back through trap() exactly once");
}

/* break_it reads a good address: no fault comes, and the check must notice. */
static bool
check_recovery(bool break_it)
{
	static const uint64_t mapped_word = 42;
	const volatile uint64_t *addr =
		break_it ? &mapped_word : (const volatile uint64_t *)NON_CANONICAL;
	uint64_t before = trap_count(T_GPFLT), value;

	if (probe_read64(addr, &value) || trap_count(T_GPFLT) != before + 1)
		return failed("a read of a non-canonical address was not recovered as a #GP");
	return true;
}

static bool
check_interrupts(void)
{
	bool ok = true;
	uint64_t before = trap_count(T_SELFTEST);

	trap_raise_selftest();
	if (trap_count(T_SELFTEST) != before + 1)
		ok = failed("int $65 did not arrive on vector 65");
	if (irq_using_apic()) {
		cli();
		lapic_send_self_ipi(T_SELFTEST);
		wait_for_interrupt();
		if (trap_count(T_SELFTEST) != before + 2)
			ok = failed("a self-IPI did not arrive on vector 65");
	}
	return ok;
}

static bool
check_tick_rate(void)
{
	uint64_t t0 = clock_ns(), ticks0 = clock_ticks();

	while (clock_ns() - t0 < TICK_WINDOW_NS)
		wait_for_interrupt();
	uint64_t ticks = clock_ticks() - ticks0, want = HZ * TICK_WINDOW_NS / 1000000000UL;
	if (ticks + 2 < want || ticks > want + 2) {
		printf("gate: trap: %lu ticks in %lu ms of TSC time, expected %lu +- 2\n", ticks,
		       TICK_WINDOW_NS / 1000000, want);
		return false;
	}
	return true;
}

/* Real input may be queued already; our character must come out after it. */
static bool
check_input_queue(void)
{
	cli();
	console_input(0x1e, CONSOLE_SERIAL); /* ctrl-^: nobody types it */
	for (int i = 0; i < 256; i++)
		if (console_getc() == 0x1e)
			return true;
	return failed("a character put into the input queue did not come out");
}

bool
gate_check_trap(bool break_it)
{
	bool ok = check_breakpoint();

	ok = check_recovery(break_it) && ok;
	ok = check_interrupts() && ok;
	ok = check_tick_rate() && ok;
	ok = check_input_queue() && ok;
	return ok;
}
#endif
