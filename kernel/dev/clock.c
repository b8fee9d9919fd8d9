#if LAB >= 2
/*
 * Calibration and the tick. The PIT's channel 2 counts at a rate fixed by
 * the hardware while the TSC and the local APIC timer run free; reading all
 * three at the same moments, a PIT clock edge apart by a known number of
 * clocks, gives their rates. Waiting for an edge at both ends, rather than
 * polling for the end of a countdown, takes the time to notice it out of the
 * result: under an emulator a port read costs a microsecond or more. Three
 * runs of 10 ms, each rate taken as the median, keep boot fast yet shrug off
 * one disturbed run; a short run before them warms up an emulator's
 * translated code. The tick then comes from the LAPIC timer, or from the
 * PIT's channel 0 on IRQ 0 when there is no usable local APIC.
 */
#include "dev/clock.h"
#include "arch/x86/cpu.h"
#include "arch/x86/irq.h"
#include "arch/x86/lapic.h"
#include "arch/x86/trap.h"
#include "debug/panic.h"
#include "dev/console.h"
#include "dev/pit.h"
#if LAB >= 4
#include "proc/sched.h"
#endif

#define CALIBRATE_CLOCKS (PIT_HZ / 100) /* 10 ms */
#define WARMUP_CLOCKS 100
#define CALIBRATE_RUNS 3 /* odd, for a median */
#define NS_PER_SEC 1000000000ULL

static uint64_t tsc_hz;
static uint64_t tsc_start;
static volatile uint64_t ticks; /* written only by the tick handler */

static void
tick(struct trapframe *tf)
{
	(void)tf;
	ticks++;
#if LAB >= 4
	sched_tick();
#endif
}

/* The PIT count, with the TSC and the LAPIC timer read at the same moment. */
struct sample {
	uint16_t pit;
	uint64_t tsc;
	uint32_t lapic;
};

/* Samples to wait for the PIT before calling it dead: ~10^4 cover a 10 ms run. */
#define PIT_SPIN_MAX (1u << 24)

static void
sample(struct sample *s, bool use_lapic)
{
	uint64_t before = rdtsc();
	s->pit = pit_counter_read();
	s->lapic = use_lapic ? lapic_timer_count() : 0;
	s->tsc = before + (rdtsc() - before) / 2;
}

/* Over at least clocks PIT clocks (< 65536), the rates of the TSC and the LAPIC timer in Hz. */
static void
measure(uint32_t clocks, bool use_lapic, uint64_t *tsc_rate, uint64_t *lapic_rate)
{
	struct sample s0, s1;

	uint32_t spins = 0;

	pit_counter_start();
	uint16_t first = pit_counter_read();
	do
		sample(&s0, use_lapic);
	while (s0.pit == first && ++spins < PIT_SPIN_MAX);
	do
		sample(&s1, use_lapic);
	while ((uint16_t)(s0.pit - s1.pit) < clocks && ++spins < PIT_SPIN_MAX);
	/* Every rate is measured against the PIT; without it there is no clock. */
	if (spins == PIT_SPIN_MAX)
		panic("clock: PIT channel 2 does not count; the timers cannot be calibrated");
	uint64_t elapsed = (uint16_t)(s0.pit - s1.pit);
	*tsc_rate = (s1.tsc - s0.tsc) * PIT_HZ / elapsed;
	*lapic_rate = (uint64_t)(uint32_t)(s0.lapic - s1.lapic) * PIT_HZ / elapsed;
}

static uint64_t
median(uint64_t *v)
{
	for (int i = 1; i < CALIBRATE_RUNS; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[CALIBRATE_RUNS / 2];
}

/* The TSC's rate and, with use_lapic, the LAPIC timer's (counts after its divider), in Hz. */
static void
calibrate(bool use_lapic, uint64_t *tsc_rate, uint64_t *lapic_rate)
{
	uint64_t tsc[CALIBRATE_RUNS], lapic[CALIBRATE_RUNS];

	if (use_lapic)
		lapic_timer_start(UINT32_MAX, T_LAPIC_TIMER, false);
	measure(WARMUP_CLOCKS, use_lapic, &tsc[0], &lapic[0]);
	for (int i = 0; i < CALIBRATE_RUNS; i++)
		measure(CALIBRATE_CLOCKS, use_lapic, &tsc[i], &lapic[i]);
	if (use_lapic)
		lapic_timer_stop();
	*tsc_rate = median(tsc);
	*lapic_rate = median(lapic);
}

/* Print hz in MHz with three decimals. */
static void
print_mhz(uint64_t hz)
{
	uint64_t khz = (hz + 500) / 1000;
	printf("%lu.%03lu MHz", khz / 1000, khz % 1000);
}

void
clock_init(void)
{
	uint64_t lapic_rate;

	calibrate(irq_using_apic(), &tsc_hz, &lapic_rate);
	printf("clock: TSC ");
	print_mhz(tsc_hz);
	if (lapic_rate >= HZ) {
		printf(", LAPIC timer ");
		print_mhz(lapic_rate * LAPIC_TIMER_DIVIDE);
		trap_set_handler(T_LAPIC_TIMER, tick);
		lapic_timer_start((uint32_t)((lapic_rate + HZ / 2) / HZ), T_LAPIC_TIMER, true);
	} else {
		printf(", PIT on IRQ 0 (%s)",
		       irq_using_apic() ? "the LAPIC timer does not count" : "8259 fallback");
		trap_set_handler(T_IRQ0 + IRQ_TIMER, tick);
		pit_periodic(HZ);
		irq_enable(IRQ_TIMER);
	}
	printf(", tick HZ=%d\n", HZ);
	tsc_start = rdtsc();
}

uint64_t
clock_ticks(void)
{
	return ticks;
}

uint64_t
clock_ns(void)
{
	if (tsc_hz == 0)
		return 0;
	/* Whole seconds, then the remainder: no product can overflow. */
	uint64_t d = rdtsc() - tsc_start;
	return d / tsc_hz * NS_PER_SEC + d % tsc_hz * NS_PER_SEC / tsc_hz;
}

uint64_t
clock_tsc_hz(void)
{
	return tsc_hz;
}
#endif
