/*
 * Kernel tests a grader selects with test=<name>. Each prints its results
 * and powers off; the grader judges the output (printf) or the panic
 * report (backtrace).
 */
#ifndef KTEST_KTEST_H
#define KTEST_KTEST_H

void ktest_run(const char *name) __attribute__((noreturn));

void ktest_printf(void);    /* ktest/printf_test.c */
void ktest_backtrace(void); /* ktest/backtrace_test.c */

#endif
