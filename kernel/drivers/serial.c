/*
 * 16550 UART driver for COM1 (0x3f8, IRQ 4). Transmit polls the line status
 * register: under QEMU the transmitter is always ready at once, and printk
 * needs output that works with interrupts off. Receive is interrupt driven
 * into a ring buffer with a wait queue for readers.
 */
#include <asm/x86.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/serial.h>
#include <kernel/spinlock.h>
#include <kernel/waitqueue.h>

#define COM1 0x3f8
#define COM1_IRQ 4

#define UART_RBR 0   /* receive buffer (read) */
#define UART_THR 0   /* transmit holding (write) */
#define UART_IER 1
#define UART_FCR 2
#define UART_IIR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5

#define LSR_DR   0x01
#define LSR_THRE 0x20

#define RX_RING 4096

static bool present;
static DEFINE_SPINLOCK(tx_lock);
static DEFINE_SPINLOCK(rx_lock);
static char rx_ring[RX_RING];
static unsigned rx_head, rx_tail;        /* guarded by rx_lock */
static DECLARE_WAIT_QUEUE_HEAD(rx_wait);
bool (*serial_rx_hook)(char c);

void serial_early_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x80);       /* DLAB */
	outb(COM1 + 0, 1);                 /* 115200 baud */
	outb(COM1 + 1, 0);
	outb(COM1 + UART_LCR, 0x03);       /* 8N1 */
	outb(COM1 + UART_FCR, 0xc7);       /* FIFO on, cleared, 14-byte threshold */
	outb(COM1 + UART_MCR, 0x0b);       /* DTR, RTS, OUT2 (IRQ line enable) */
	/* No UART answers 0xff on LSR. */
	present = inb(COM1 + UART_LSR) != 0xff;
}

void serial_putc_raw(char c)
{
	int spins = 100000;

	if (!present)
		return;
	while (!(inb(COM1 + UART_LSR) & LSR_THRE) && --spins)
		cpu_relax();
	outb(COM1 + UART_THR, c);
}

/* For the kernel log: '\n' goes out as CR LF. */
void serial_write(const char *s, size_t n)
{
	unsigned long flags;

	spin_lock_irqsave(&tx_lock, flags);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc_raw('\r');
		serial_putc_raw(s[i]);
	}
	spin_unlock_irqrestore(&tx_lock, flags);
}

/* For the tty, whose line discipline already did output processing. */
void serial_write_bytes(const char *s, size_t n)
{
	unsigned long flags;

	spin_lock_irqsave(&tx_lock, flags);
	for (size_t i = 0; i < n; i++)
		serial_putc_raw(s[i]);
	spin_unlock_irqrestore(&tx_lock, flags);
}

/* A break: the line held low for about 250 ms (tcsendbreak). */
void serial_send_break(void)
{
	if (!present)
		return;
	outb(COM1 + UART_LCR, inb(COM1 + UART_LCR) | 0x40);
	msleep(250);
	outb(COM1 + UART_LCR, inb(COM1 + UART_LCR) & ~0x40);
}

static void serial_console_write(struct console *c, const char *s, size_t n)
{
	(void)c;
	serial_write(s, n);
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

static void serial_irq(struct irq_frame *f, void *arg)
{
	bool woke = false;

	(void)f;
	(void)arg;
	spin_lock(&rx_lock);
	while (inb(COM1 + UART_LSR) & LSR_DR) {
		char c = inb(COM1 + UART_RBR);
		if (serial_rx_hook && serial_rx_hook(c))
			continue;
		if (rx_head - rx_tail < RX_RING) {
			rx_ring[rx_head++ % RX_RING] = c;
			woke = true;
		}
	}
	spin_unlock(&rx_lock);
	if (woke)
		wake_up_all(&rx_wait);
}

static bool rx_ready(void *unused)
{
	(void)unused;
	return READ_ONCE(rx_head) != READ_ONCE(rx_tail);
}

ssize_t serial_read(char *buf, size_t n, bool block)
{
	unsigned long flags;
	size_t got = 0;

	if (block)
		wait_event_idle(&rx_wait, rx_ready(NULL));
	spin_lock_irqsave(&rx_lock, flags);
	while (got < n && rx_tail != rx_head)
		buf[got++] = rx_ring[rx_tail++ % RX_RING];
	spin_unlock_irqrestore(&rx_lock, flags);
	return got;
}

void serial_init_irq(void)
{
	if (!present)
		return;
	irq_register_isa(COM1_IRQ, serial_irq, NULL, "serial");
	outb(COM1 + UART_IER, 0x01);       /* received data available */
}

static void __used serial_console_init(void)
{
	if (present)
		console_register(&serial_console);
}

void serial_register_console(void) { serial_console_init(); }
