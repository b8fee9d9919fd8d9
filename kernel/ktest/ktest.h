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
#if LAB >= 2
void ktest_int3(void);          /* ktest/fault_test.c */
void ktest_fault_div(void);     /* ktest/fault_test.c */
void ktest_fault_gp(void);      /* ktest/fault_test.c */
void ktest_fault_pf(void);      /* ktest/fault_test.c */
void ktest_fault_pf_read(void); /* ktest/fault_test.c */
void ktest_overflow(void);      /* ktest/fault_test.c */
void ktest_ticks(void);         /* ktest/ticks_test.c */
void ktest_bench(void);         /* ktest/bench_test.c */
/* Recurse 256 bytes a frame until the stack runs out (ktest/fault_test.c). */
int ktest_recurse(int depth);
#endif
#if LAB >= 3
void ktest_mem_all(void);          /* ktest/mem_test.c */
void ktest_mem_stress(void);       /* ktest/mem_test.c */
void ktest_fault_rodata(void);     /* ktest/vm_test.c */
void ktest_fault_text(void);       /* ktest/vm_test.c */
void ktest_fault_nx(void);         /* ktest/vm_test.c */
void ktest_kmem_double_free(void); /* ktest/kmem_test.c */
void ktest_kmem_redzone(void);     /* ktest/kmem_test.c */
void ktest_kmem_oom(void);         /* ktest/kmem_test.c */
/* Benchmarks test=bench runs, each printing its ClanOS-Bench lines. */
void bench_buddy(void);   /* ktest/mem_test.c */
void bench_vm_map(void);  /* ktest/vm_test.c */
void bench_kmalloc(void); /* ktest/kmem_test.c */
#endif
#if LAB >= 4
void ktest_fairness(void);        /* ktest/sched_test.c */
void ktest_latency(void);         /* ktest/sched_test.c */
void ktest_priority(void);        /* ktest/sched_test.c */
void ktest_thread_churn(void);    /* ktest/sched_test.c */
void ktest_join_twice(void);      /* ktest/sched_test.c */
void ktest_sleep_spinlock(void);  /* ktest/sched_test.c */
void ktest_prodcons(void);        /* ktest/sync_test.c */
void ktest_lost_wakeup(void);     /* ktest/sync_test.c */
void ktest_irq_spinlock(void);    /* ktest/sync_test.c */
void ktest_mutex_ceiling(void);   /* ktest/sync_test.c */
void ktest_mutex_not_owner(void); /* ktest/sync_test.c */
void ktest_kstack_overflow(void); /* ktest/kstack_test.c */
void bench_sched(void);           /* ktest/sched_test.c */
#endif
#if LAB >= 5
void ktest_blk(void); /* ktest/blk_test.c */
/* Sequential disk throughput; overwrites the first 8 MiB of the fs disk (ktest/blk_test.c). */
void bench_blk(void);
void ktest_vblk(void);      /* ktest/virtio_test.c */
void bench_vblk(void);      /* ktest/virtio_test.c */
void bench_fs(void);        /* ktest/fsbench_test.c */
void ktest_fsatomic(void);  /* ktest/fsatomic_test.c */
void ktest_fsthreads(void); /* ktest/fsthreads_test.c */
void ktest_fs1000(void);    /* ktest/fs_test.c */
void ktest_fsstress(void);  /* ktest/fs_test.c */
void ktest_fsdamage(void);  /* ktest/fs_test.c */
#endif
#if LAB >= 6
void ktest_ring3(void); /* ktest/usermode_test.c */
#endif

#endif
