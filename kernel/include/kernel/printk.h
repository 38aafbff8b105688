/*
 * Kernel log. printk() takes an optional level prefix (KERN_ERR "..."),
 * stamps each line with the time since boot, keeps it in a ring buffer
 * (read later by dmesg/syslog) and writes it to the consoles when its level
 * is below the console loglevel (`loglevel=N`, `quiet` = 4).
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <kernel/types.h>

#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"

#define LOGLEVEL_DEFAULT 6

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

#define pr_emerg(fmt, ...)  printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)  printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)   printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)    printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)   printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)   printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)  printk(KERN_DEBUG fmt, ##__VA_ARGS__)

/*
 * Rate limits for messages that user space can provoke at will (Linux's
 * ratelimit: at most burst messages in each interval; the first one let
 * through after a suppression says how many were dropped).
 */
struct ratelimit_state {
	u64 begin_ns;            /* start of the current interval */
	int printed, missed;     /* in it */
	int burst;
	u64 interval_ns;
};
#define RATELIMIT_STATE_INIT(interval, burst_) { 0, 0, 0, (burst_), (interval) }
/* Linux's defaults: 10 messages per 5 s. */
#define DEFINE_RATELIMIT_STATE_DEFAULT(name) \
	struct ratelimit_state name = RATELIMIT_STATE_INIT(5000000000ULL, 10)
bool printk_ratelimit_ok(struct ratelimit_state *rs, const char *what);
#define pr_info_ratelimited(fmt, ...)                                          \
	({                                                                     \
		static DEFINE_RATELIMIT_STATE_DEFAULT(__rs);                   \
		if (printk_ratelimit_ok(&__rs, __func__))                      \
			pr_info(fmt, ##__VA_ARGS__);                           \
	})

/* A console receives every line at or above the console loglevel. write()
 * may be called with interrupts off and must not sleep. */
struct console {
	const char *name;
	void (*write)(struct console *c, const char *s, size_t n);
	struct console *next;
};

void console_register(struct console *c);
void printk_set_loglevel(int level);
int printk_get_loglevel(void);
/* Copies up to n bytes of the newest log text into buf; returns bytes copied. */
size_t printk_read_log(char *buf, size_t n);
/* The same since the last printk_clear_log (syslog's READ_ALL and CLEAR). */
size_t printk_read_log_since_clear(char *buf, size_t n);
void printk_clear_log(void);
u64 printk_log_head(void);   /* bytes ever logged */
/* Sleep until the log holds more than pos bytes ever logged: 0, or
 * -ERESTARTSYS for a signal. Readers that poll wait on printk_log_wait(). */
int printk_wait_for_more(u64 pos);
struct wait_queue_head *printk_log_wait(void);
/* From the self-IPI that printk sends when someone waits (smp.c). */
void printk_irq_work(void);
size_t printk_read_log_from(u64 pos, char *buf, size_t n, u64 *next);
#define LOG_BUF_LEN (128 * 1024)   /* the ring's size: syslog's SIZE_BUFFER */
/* In a panic: stop taking the log lock, so a CPU that died holding it cannot block the report. */
void printk_panic_mode(void);
/* Source of timestamps (ns since boot); until set, lines show 0. */
void printk_set_clock(u64 (*clock_ns)(void));

#endif
