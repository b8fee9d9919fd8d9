/* panic(): report a broken kernel invariant and stop. Never for bad input. */
#ifndef DEBUG_PANIC_H
#define DEBUG_PANIC_H

#include <stdbool.h>

#define panic(...) panic_at(__FILE__, __LINE__, __VA_ARGS__)

/*
 * Print "panic: file:line: message", the registers and a backtrace, then
 * power off with POWER_PANIC if panic_set_poweroff(true) was called (graders
 * and gate runs) or halt so a debugger can look (interactive runs).
 */
void panic_at(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));

void panic_set_poweroff(bool on);

#endif
