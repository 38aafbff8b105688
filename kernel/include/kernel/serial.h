/*
 * 16550 UART on COM1. Output is written synchronously (printk must work with
 * interrupts off and in a panic); input arrives by interrupt into a ring that
 * a reader sleeps on (the tty layer sits on top later).
 */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

#include <kernel/types.h>

void serial_early_init(void);
void serial_init_irq(void);              /* once interrupts and the I/O APIC are up */
void serial_write(const char *s, size_t n);      /* '\n' -> CR LF (kernel log) */
void serial_write_bytes(const char *s, size_t n); /* as they are (the tty) */
void serial_putc_raw(char c);
void serial_send_break(void);           /* may sleep */            /* no lock: panic path */
/* Reads up to n bytes received so far; blocks for at least one if block. */
ssize_t serial_read(char *buf, size_t n, bool block);
/* Called for each received byte, in interrupt context, before it is queued;
 * return true to consume it (the tty layer hooks here later). */
extern bool (*serial_rx_hook)(char c);

#endif
