#if LAB >= 2
/* Names of vectors and decoding of error codes, for trap reports. */
#include "arch/x86/faultinfo.h"
#include "arch/x86/trap.h"
#include "lib/printf.h"

static const char *const exception_names[32] = {
	[T_DIVIDE] = "divide error",
	[T_DEBUG] = "debug",
	[T_NMI] = "non-maskable interrupt",
	[T_BRKPT] = "breakpoint",
	[T_OFLOW] = "overflow",
	[T_BOUND] = "bound range exceeded",
	[T_ILLOP] = "invalid opcode",
	[T_DEVICE] = "device not available",
	[T_DBLFLT] = "double fault",
	[9] = "coprocessor segment overrun",
	[T_TSS] = "invalid TSS",
	[T_SEGNP] = "segment not present",
	[T_STACK] = "stack-segment fault",
	[T_GPFLT] = "general protection",
	[T_PGFLT] = "page fault",
	[T_FPERR] = "x87 floating-point error",
	[T_ALIGN] = "alignment check",
	[T_MCHK] = "machine check",
	[T_SIMDERR] = "SIMD floating-point error",
	[20] = "virtualization exception",
	[21] = "control protection",
	[28] = "hypervisor injection",
	[29] = "VMM communication",
	[30] = "security exception",
};

const char *
trap_name(int vector)
{
	if (vector >= 0 && vector < 32)
		return exception_names[vector] ? exception_names[vector] : "reserved exception";
	if (vector == T_SPURIOUS)
		return "spurious interrupt";
	if (vector == T_LAPIC_TIMER)
		return "timer";
	if (vector == T_LAPIC_ERROR)
		return "local APIC error";
	if (vector == T_SELFTEST)
		return "self-test";
	if (vector >= T_IRQ0 && vector < T_IRQ0 + 16)
		return "ISA interrupt";
	return "interrupt";
}

char *
pf_describe(uint64_t error, char *buf, size_t size)
{
#if SOL >= 2 /* exercise pf-decode */
	const char *access = error & PF_FETCH ? "fetch" : error & PF_WRITE ? "write" : "read";

	snprintf(buf, size, "%s %s, %s mode%s", error & PF_PRESENT ? "protection" : "not-present",
		 access, error & PF_USER ? "user" : "kernel",
		 error & PF_RSVD ? ", reserved bit set" : "");
#else
	/*
	 * LAB 2: your code here (exercise pf-decode).
	 * Write into buf what the error code says, in the form
	 * "<not-present|protection> <read|write|fetch>, <kernel|user> mode",
	 * adding ", reserved bit set" when PF_RSVD is set.
	 */
	snprintf(buf, size, "error code 0x%lx not decoded", error);
#endif
	return buf;
}

char *
selector_error_describe(uint64_t error, char *buf, size_t size)
{
	static const char *const tables[4] = { "GDT", "IDT", "LDT", "IDT" };
	const char *table = tables[error >> 1 & 3];
	uint64_t index = error >> 3 & 0x1fff;

	if (error & 2) /* the IDT: the index is a vector */
		snprintf(buf, size, "IDT vector %lu%s", index, error & 1 ? ", external" : "");
	else
		snprintf(buf, size, "%s selector 0x%lx%s", table, error & 0xfff8,
			 error & 1 ? ", external" : "");
	return buf;
}
#endif
