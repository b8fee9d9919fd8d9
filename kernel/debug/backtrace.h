/* Walking the frame-pointer chain of the current stack. */
#ifndef DEBUG_BACKTRACE_H
#define DEBUG_BACKTRACE_H

#include <stdint.h>

#define BACKTRACE_MAX_FRAMES 32

/*
 * Print one line per frame, newest first, starting with the frame whose
 * frame pointer is rbp: "#N 0x<return address> function+0xoff (file:line)".
 */
void backtrace_print(uint64_t rbp);

/* Print frame number depth for return address ret (also used by the exercise). */
void backtrace_print_frame(int depth, uint64_t ret);

#endif
