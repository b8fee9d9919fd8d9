#if LAB >= 2
/*
 * Turning what the CPU reports about a fault into words: the vector's name
 * and the bits of its error code. Pure functions, so host tests check them.
 */
#ifndef ARCH_X86_FAULTINFO_H
#define ARCH_X86_FAULTINFO_H

#include <stddef.h>
#include <stdint.h>

/* Page-fault error code bits (Intel SDM vol. 3, figure 4-12). */
#define PF_PRESENT 0x1 /* 0: the page was not present; 1: a protection violation */
#define PF_WRITE 0x2   /* 0: a read; 1: a write */
#define PF_USER 0x4    /* 0: in kernel mode; 1: in user mode */
#define PF_RSVD 0x8    /* a reserved bit was set in a paging entry */
#define PF_FETCH 0x10  /* an instruction fetch */

/*
 * Describe a page-fault error code in buf, e.g. "not-present write, kernel
 * mode" or "protection fetch, user mode, reserved bit set". Returns buf.
 */
char *pf_describe(uint64_t error, char *buf, size_t size);

/*
 * Describe the selector error code of #TS, #NP, #SS or #GP (non-zero), e.g.
 * "GDT selector 0x28" or "IDT vector 13, external". Returns buf.
 */
char *selector_error_describe(uint64_t error, char *buf, size_t size);

#endif
#endif
