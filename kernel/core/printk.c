/*
 * The kernel log: each message is formatted once into a line with a level
 * and a timestamp, appended to a ring buffer (for dmesg), and written to every
 * registered console when its level passes the console loglevel. Output is
 * synchronous so the last words before a crash are never lost.
 *
 * The ring holds the lines as syslog(2) hands them out: "<L>[ sec.usec]
 * text\n", L the level (the console sees them without the "<L>").
 *
 * Readers that wait for new lines (syslog READ, /dev/kmsg) sleep on
 * log_wait. printk cannot wake them itself: it runs under any lock, the
 * scheduler's and wait queues' included. When someone waits, it sends
 * its own CPU an interrupt (smp_send_self_work) whose handler wakes them,
 * once interrupts are back on (Linux defers the same way, by irq_work).
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/serial.h>
#include <kernel/waitqueue.h>
#include <stdio.h>
#include <string.h>

#define LOG_BUF_SIZE LOG_BUF_LEN

static char log_buf[LOG_BUF_SIZE];
static u64 log_head;                 /* bytes ever written; log_lock */
static DEFINE_SPINLOCK(log_lock);
static struct console *consoles;     /* log_lock */
static int console_loglevel = LOGLEVEL_DEFAULT + 1;
static bool panic_mode;
static u64 (*clock_fn)(void);
static bool line_open;               /* last message did not end in '\n' */
static struct wait_queue_head log_wait = WAIT_QUEUE_HEAD_INIT(log_wait);
static bool log_wake_pending;        /* a self-IPI is on its way */

void printk_set_clock(u64 (*fn)(void)) { clock_fn = fn; }
void printk_set_loglevel(int level) { console_loglevel = level; }
int printk_get_loglevel(void) { return console_loglevel; }
void printk_panic_mode(void) { panic_mode = true; }

void console_register(struct console *c)
{
	unsigned long flags;

	spin_lock_irqsave(&log_lock, flags);
	c->next = consoles;
	consoles = c;
	spin_unlock_irqrestore(&log_lock, flags);
}

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[log_head++ % LOG_BUF_SIZE] = s[i];
}

static void emit(const char *s, size_t n)
{
	struct console *c;

	if (!consoles) {
		/* Before the console is registered: straight to the UART. */
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '\n')
				serial_putc_raw('\r');
			serial_putc_raw(s[i]);
		}
		return;
	}
	for (c = consoles; c; c = c->next)
		c->write(c, s, n);
}

int vprintk(const char *fmt, va_list ap)
{
	char line[1024];
	int level = LOGLEVEL_DEFAULT, len = 0, n;
	unsigned long flags = 0;
	bool locked = false;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	if (!line_open) {
		u64 ns = clock_fn ? clock_fn() : 0;
		len = snprintf(line, sizeof(line), "[%5llu.%06llu] ",
			       (unsigned long long)(ns / 1000000000ULL),
			       (unsigned long long)(ns % 1000000000ULL / 1000));
	}
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	if (n < 0)
		n = 0;
	len += n;
	if (len >= (int)sizeof(line))
		len = sizeof(line) - 1;

	if (!panic_mode) {
		spin_lock_irqsave(&log_lock, flags);
		locked = true;
	}
	if (!line_open) {
		char tag[4] = { '<', (char)('0' + level), '>', 0 };

		log_store(tag, 3);
	}
	line_open = len && line[len - 1] != '\n';
	log_store(line, len);
	if (level < console_loglevel || panic_mode)
		emit(line, len);
	if (locked)
		spin_unlock_irqrestore(&log_lock, flags);
	/* The store above before the waiter check: pairs with the barrier
	 * in prepare_to_wait, so a reader either sees the new head or is
	 * seen waiting. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!panic_mode && waitqueue_active(&log_wait) &&
	    !__atomic_exchange_n(&log_wake_pending, true, __ATOMIC_ACQ_REL))
		smp_send_self_work();
	return n;
}

/* Unlocked, as Linux's ___ratelimit with a trylock: racing callers may
 * let a message or two more through, which does not matter. */
bool printk_ratelimit_ok(struct ratelimit_state *rs, const char *what)
{
	u64 now = clock_fn ? clock_fn() : 0;
	int missed;

	if (!rs->begin_ns || now - rs->begin_ns >= rs->interval_ns) {
		missed = rs->missed;
		rs->begin_ns = now ? now : 1;
		rs->printed = 0;
		rs->missed = 0;
		if (missed)
			printk(KERN_WARNING "%s: %d callbacks suppressed\n", what, missed);
	}
	if (rs->printed < rs->burst) {
		rs->printed++;
		return true;
	}
	rs->missed++;
	return false;
}

void printk_irq_work(void)
{
	__atomic_store_n(&log_wake_pending, false, __ATOMIC_RELEASE);
	wake_up_all(&log_wait);
}

struct wait_queue_head *printk_log_wait(void)
{
	return &log_wait;
}

int printk_wait_for_more(u64 pos)
{
	return wait_event_interruptible(&log_wait, READ_ONCE(log_head) > pos);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vprintk(fmt, ap);
	va_end(ap);
	return r;
}

u64 printk_log_head(void)
{
	return READ_ONCE(log_head);
}

/* Bytes from pos on (clipped to what the ring still holds) into buf; the
 * position after them in *next. For syslog's consuming READ. */
size_t printk_read_log_from(u64 pos, char *buf, size_t n, u64 *next)
{
	unsigned long flags;
	u64 oldest;
	size_t i;

	spin_lock_irqsave(&log_lock, flags);
	oldest = log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0;
	if (pos < oldest)
		pos = oldest;
	for (i = 0; i < n && pos < log_head; i++, pos++)
		buf[i] = log_buf[pos % LOG_BUF_SIZE];
	spin_unlock_irqrestore(&log_lock, flags);
	*next = pos;
	return i;
}

/* Clear: what was written before now is no longer "the log" for
 * SYSLOG_ACTION_READ_ALL after a SYSLOG_ACTION_CLEAR. */
static u64 log_clear;   /* log_lock */

void printk_clear_log(void)
{
	unsigned long flags;

	spin_lock_irqsave(&log_lock, flags);
	log_clear = log_head;
	spin_unlock_irqrestore(&log_lock, flags);
}

/* The newest n bytes of the log (fewer if it holds less), from the last
 * clear on if since_clear. */
static size_t read_tail(char *buf, size_t n, bool since_clear)
{
	unsigned long flags;
	u64 start, avail;

	spin_lock_irqsave(&log_lock, flags);
	avail = log_head < LOG_BUF_SIZE ? log_head : LOG_BUF_SIZE;
	if (since_clear && avail > log_head - log_clear)
		avail = log_head - log_clear;
	if (n > avail)
		n = avail;
	start = log_head - n;
	for (size_t i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_SIZE];
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

size_t printk_read_log_since_clear(char *buf, size_t n)
{
	return read_tail(buf, n, true);
}

size_t printk_read_log(char *buf, size_t n)
{
	return read_tail(buf, n, false);
}
