#if LAB >= 4
/*
 * Counting semaphores (sync/semaphore.h): a count guarded by a spinlock and
 * a wait queue for threads that found it zero. A woken thread takes a unit
 * only if one is still there when it runs (another thread may have taken it
 * first), so every wait is a loop around the count.
 */
#include "sync/semaphore.h"
#include "debug/panic.h"
#include "dev/clock.h"
#include "lib/errno.h"
#include "sync/might_sleep.h"

void
sem_init(struct semaphore *s, const char *name, int count)
{
	if (count < 0)
		panic("sem_init(%s): negative count %d", name, count);
	spin_init(&s->lock, name);
	s->count = count;
	wq_init(&s->waiters);
	s->name = name;
}

void
sem_down(struct semaphore *s)
{
	might_sleep("sem_down", s->name);
	spin_lock(&s->lock);
	while (s->count == 0)
		wq_sleep(&s->waiters, &s->lock);
	s->count--;
	spin_unlock(&s->lock);
}

int
sem_down_timeout(struct semaphore *s, uint64_t timeout_ticks)
{
	might_sleep("sem_down_timeout", s->name);
	uint64_t now = clock_ticks();
	uint64_t deadline = timeout_ticks > UINT64_MAX - now ? UINT64_MAX : now + timeout_ticks;

	spin_lock(&s->lock);
	while (s->count == 0) {
		now = clock_ticks();
		if (now >= deadline) {
			spin_unlock(&s->lock);
			return -ETIMEDOUT;
		}
		wq_sleep_timeout(&s->waiters, &s->lock, deadline - now);
	}
	s->count--;
	spin_unlock(&s->lock);
	return 0;
}

void
sem_up(struct semaphore *s)
{
	spin_lock(&s->lock);
	s->count++;
	wq_wake_one(&s->waiters);
	spin_unlock(&s->lock);
}
#endif
