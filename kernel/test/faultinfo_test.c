#if LAB >= 2
/* Trap reports in words: vector names, page-fault and selector error codes. */
#include <criterion/criterion.h>

#include "test/host_names.h"
#include "arch/x86/faultinfo.h"
#include "arch/x86/trap.h"

static char buf[96];

Test(faultinfo, page_fault_codes)
{
	cr_assert_str_eq(pf_describe(0x0, buf, sizeof(buf)), "not-present read, kernel mode");
	cr_assert_str_eq(pf_describe(PF_WRITE, buf, sizeof(buf)), "not-present write, kernel mode");
	cr_assert_str_eq(pf_describe(PF_PRESENT | PF_WRITE | PF_USER, buf, sizeof(buf)),
			 "protection write, user mode");
	cr_assert_str_eq(pf_describe(PF_PRESENT | PF_FETCH, buf, sizeof(buf)),
			 "protection fetch, kernel mode");
	cr_assert_str_eq(pf_describe(PF_PRESENT | PF_RSVD | PF_USER, buf, sizeof(buf)),
			 "protection read, user mode, reserved bit set");
}

Test(faultinfo, page_fault_description_fits_a_small_buffer)
{
	char small[8];

	pf_describe(PF_WRITE, small, sizeof(small));
	cr_assert_str_eq(small, "not-pre");
}

Test(faultinfo, selector_errors)
{
	cr_assert_str_eq(selector_error_describe(0x28, buf, sizeof(buf)), "GDT selector 0x28");
	cr_assert_str_eq(selector_error_describe(13 << 3 | 2, buf, sizeof(buf)), "IDT vector 13");
	cr_assert_str_eq(selector_error_describe(0x21 << 3 | 2 | 1, buf, sizeof(buf)),
			 "IDT vector 33, external");
	cr_assert_str_eq(selector_error_describe(0x18 | 4, buf, sizeof(buf)), "LDT selector 0x18");
}

Test(faultinfo, vector_names)
{
	cr_assert_str_eq(trap_name(T_PGFLT), "page fault");
	cr_assert_str_eq(trap_name(T_GPFLT), "general protection");
	cr_assert_str_eq(trap_name(T_DBLFLT), "double fault");
	cr_assert_str_eq(trap_name(15), "reserved exception");
	cr_assert_str_eq(trap_name(T_LAPIC_TIMER), "timer");
	cr_assert_str_eq(trap_name(T_IRQ0 + IRQ_KBD), "ISA interrupt");
	cr_assert_str_eq(trap_name(T_SPURIOUS), "spurious interrupt");
	cr_assert_str_eq(trap_name(200), "interrupt");
}
#endif
