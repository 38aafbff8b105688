/*
 * The console terminal: /dev/console (5:1), /dev/ttyS0 (4:64) and /dev/tty
 * (5:0, the caller's controlling terminal) over the 16550 UART, with a line
 * discipline in the manner of Linux's N_TTY: canonical mode with erase,
 * kill, word-erase and EOF; raw mode with VMIN/VTIME; echo (ECHO, ECHOE,
 * ECHOK, ECHONL, ECHOCTL); ICRNL/INLCR/IGNCR on input, OPOST/ONLCR on
 * output; ^C, ^\ and ^Z sent to the foreground process group.
 *
 * Received bytes are processed by a kernel thread, not in the interrupt:
 * echo and signal delivery then run in process context, where they may
 * take any lock.
 *
 * Job control as Linux's: a background process group that reads gets
 * SIGTTIN, one that writes with TOSTOP set or changes the settings gets
 * SIGTTOU, unless it ignores or blocks the signal.
 *
 * XXX: orphaned process groups get the signal too (Linux: EIO), no hangup
 * on session leader exit, TIOCSTI, flow control (IXON), pseudo-terminals.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/pid_ns.h>
#include <kernel/poll.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/sched.h>
#include <kernel/serial.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/uaccess.h>
#include <kernel/waitqueue.h>
#include <linuxabi/uapi/fcntl.h>
#include <linuxabi/uapi/termios.h>
#include <stdio.h>
#include <string.h>

#define TTY_BUF 4096          /* cooked input waiting for readers */
#define TTY_LINE 4095         /* longest canonical line, as Linux's N_TTY */
#define TTY_MAX_LINES 128

struct tty {
	spinlock_t lock;          /* everything below; irqsave */
	struct linux_termios termios;
	struct linux_winsize winsize;
	char buf[TTY_BUF];        /* input ready for read() */
	unsigned head, tail;      /* ring indexes (free running) */
	/* canonical mode: lengths of the complete lines in buf, oldest first;
	 * a line of length 0 is an end-of-file (^D on an empty line) */
	u16 lines[TTY_MAX_LINES];
	unsigned lines_head, lines_tail;
	char line[TTY_LINE];      /* the line being edited */
	unsigned line_len;
	bool lnext;               /* the next byte is literal (^V) */
	int pgrp;                 /* foreground process group, 0 = none */
	int session;              /* session it controls, 0 = none */
	struct wait_queue_head read_wait;
	struct wait_queue_head write_wait;  /* writers while output is stopped */
	bool stopped;             /* TCOOFF until TCOON */
	struct mutex write_lock;  /* keeps one write's bytes together */
	void (*send_break)(struct tty *t);  /* NULL: the line has none (ptys) */
	/* The driver: where output goes. May be called with t->lock not held,
	 * from process context; must not sleep (echo). */
	void (*out)(struct tty *t, const char *s, size_t n);
	/* Blocks until output of n bytes would be accepted (pty: the master
	 * reads); NULL: never blocks. -ERESTARTSYS on a signal. */
	int (*wait_room)(struct tty *t, size_t n);
	struct pty *pty;          /* the pair, for a pty slave */
	struct list_head node;    /* all ttys (tty_list_lock), to find a session's */
};

static struct tty console_tty;
static DEFINE_SPINLOCK(tty_list_lock);
static LIST_HEAD(tty_list);              /* tty_list_lock */

static int tty_job_control(struct tty *t, int sig);
static bool pty_hung_up(struct tty *t);
static bool session_has_tty(int sid);
static struct tty *tty_of_session(int sid);
static void tty_get(struct tty *t);
static void tty_put(struct tty *t);
static void tty_init_termios(struct tty *t);
static long tty_ioctl(struct file *f, unsigned cmd, unsigned long arg);

static void serial_out(struct tty *t, const char *s, size_t n)
{
	(void)t;
	serial_write_bytes(s, n);
}

static void serial_break(struct tty *t)
{
	(void)t;
	serial_send_break();
}

/* Output processing (OPOST/ONLCR/OCRNL). Caller holds write_lock or is
 * the input thread echoing. */
static void tty_output(struct tty *t, const char *s, size_t n)
{
	u32 oflag = t->termios.c_oflag;
	size_t start = 0;

	if (!(oflag & OPOST)) {
		t->out(t, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && (oflag & ONLCR)) {
			t->out(t, s + start, i - start);
			t->out(t, "\r\n", 2);
			start = i + 1;
		} else if (s[i] == '\r' && (oflag & OCRNL)) {
			t->out(t, s + start, i - start);
			t->out(t, "\n", 1);
			start = i + 1;
		}
	}
	t->out(t, s + start, n - start);
}

static void echo_char(struct tty *t, char c)
{
	u32 lflag = t->termios.c_lflag;
	unsigned char uc = c;

	if (!(lflag & ECHO)) {
		if (c == '\n' && (lflag & ECHONL))
			tty_output(t, "\n", 1);
		return;
	}
	if ((lflag & ECHOCTL) && (uc < 32 || uc == 127) && c != '\n' && c != '\t') {
		char ctl[2] = { '^', uc == 127 ? '?' : (char)(uc + '@') };
		tty_output(t, ctl, 2);
		return;
	}
	tty_output(t, &c, 1);
}

static void erase_echo(struct tty *t, char c)
{
	unsigned char uc = c;

	if (!(t->termios.c_lflag & ECHO))
		return;
	if (!(t->termios.c_lflag & ECHOE)) {
		echo_char(t, t->termios.c_cc[VERASE]);
		return;
	}
	tty_output(t, "\b \b", 3);
	/* A control character was echoed as two columns. */
	if ((t->termios.c_lflag & ECHOCTL) && (uc < 32 || uc == 127) && c != '\t')
		tty_output(t, "\b \b", 3);
}

/* Called with t->lock held. */
static unsigned buf_space(struct tty *t) { return TTY_BUF - (t->head - t->tail); }

static void buf_put(struct tty *t, const char *s, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		t->buf[t->head++ % TTY_BUF] = s[i];
}

static void flush_input(struct tty *t)
{
	unsigned long flags;

	spin_lock_irqsave(&t->lock, flags);
	t->head = t->tail = 0;
	t->lines_head = t->lines_tail = 0;
	t->line_len = 0;
	spin_unlock_irqrestore(&t->lock, flags);
}

/* A complete canonical line (with its terminator, or none for EOF). */
static void commit_line(struct tty *t, bool eof)
{
	unsigned long flags;
	bool done = false;

	spin_lock_irqsave(&t->lock, flags);
	if (buf_space(t) >= t->line_len && t->lines_head - t->lines_tail < TTY_MAX_LINES) {
		buf_put(t, t->line, t->line_len);
		t->lines[t->lines_head++ % TTY_MAX_LINES] = t->line_len;
		done = true;
	}
	spin_unlock_irqrestore(&t->lock, flags);
	(void)eof;
	if (done)
		t->line_len = 0;
	wake_up_all(&t->read_wait);
}

static bool is_signal_char(struct tty *t, unsigned char c, int *sig)
{
	u8 *cc = t->termios.c_cc;

	if (!(t->termios.c_lflag & ISIG))
		return false;
	if (c == cc[VINTR] && cc[VINTR])
		*sig = SIGINT;
	else if (c == cc[VQUIT] && cc[VQUIT])
		*sig = SIGQUIT;
	else if (c == cc[VSUSP] && cc[VSUSP])
		*sig = SIGTSTP;
	else
		return false;
	return true;
}

static void tty_receive(struct tty *t, char c)
{
	struct linux_termios *tm = &t->termios;
	unsigned char uc = c;
	u8 *cc = tm->c_cc;
	int sig;

	if (t->lnext) {
		t->lnext = false;
		goto literal;
	}
	if (c == '\r') {
		if (tm->c_iflag & IGNCR)
			return;
		if (tm->c_iflag & ICRNL)
			c = '\n';
	} else if (c == '\n' && (tm->c_iflag & INLCR)) {
		c = '\r';
	}
	uc = c;

	if (is_signal_char(t, uc, &sig)) {
		if (!(tm->c_lflag & NOFLSH))
			flush_input(t);
		echo_char(t, c);
		if (t->pgrp > 0)
			kill_pgrp(t->pgrp, sig);
		return;
	}

	if (tm->c_lflag & ICANON) {
		if ((tm->c_lflag & IEXTEN) && uc == cc[VLNEXT] && cc[VLNEXT]) {
			t->lnext = true;
			return;
		}
		if ((uc == cc[VERASE] && cc[VERASE]) || uc == '\b') {
			if (t->line_len)
				erase_echo(t, t->line[--t->line_len]);
			return;
		}
		if (uc == cc[VKILL] && cc[VKILL]) {
			if ((tm->c_lflag & ECHOK) && !(tm->c_lflag & ECHOE)) {
				echo_char(t, c);
				tty_output(t, "\n", 1);
				t->line_len = 0;
				return;
			}
			while (t->line_len)
				erase_echo(t, t->line[--t->line_len]);
			return;
		}
		if ((tm->c_lflag & IEXTEN) && uc == cc[VWERASE] && cc[VWERASE]) {
			while (t->line_len && t->line[t->line_len - 1] == ' ')
				erase_echo(t, t->line[--t->line_len]);
			while (t->line_len && t->line[t->line_len - 1] != ' ')
				erase_echo(t, t->line[--t->line_len]);
			return;
		}
		if (uc == cc[VEOF] && cc[VEOF]) {
			commit_line(t, true);
			return;
		}
		if (c == '\n' || (uc == cc[VEOL] && cc[VEOL]) || (uc == cc[VEOL2] && cc[VEOL2])) {
			if (t->line_len < TTY_LINE)
				t->line[t->line_len++] = c;
			echo_char(t, c);
			commit_line(t, false);
			return;
		}
literal:
		if (tm->c_lflag & ICANON) {
			/* Linux rings the bell when the line is full; we drop. */
			if (t->line_len < TTY_LINE - 1) {
				t->line[t->line_len++] = c;
				echo_char(t, c);
			}
			return;
		}
	}

	/* Raw (non-canonical) input goes straight to readers. */
	{
		unsigned long flags;

		spin_lock_irqsave(&t->lock, flags);
		if (buf_space(t))
			buf_put(t, &c, 1);
		spin_unlock_irqrestore(&t->lock, flags);
		echo_char(t, c);
		wake_up_all(&t->read_wait);
	}
}

static int tty_input_thread(void *arg)
{
	struct tty *t = arg;
	char in[64];

	for (;;) {
		ssize_t n = serial_read(in, sizeof(in), true);
		for (ssize_t i = 0; i < n; i++)
			tty_receive(t, in[i]);
	}
	return 0;
}

/* Bytes a reader could take now (canonical: a complete line). */
static bool input_ready(struct tty *t)
{
	if (t->termios.c_lflag & ICANON)
		return READ_ONCE(t->lines_head) != READ_ONCE(t->lines_tail);
	return READ_ONCE(t->head) != READ_ONCE(t->tail);
}

static unsigned input_avail(struct tty *t)
{
	return t->head - t->tail;
}

/* Take up to n bytes into kbuf (t->lock held). Canonical: at most one line. */
static size_t take_input(struct tty *t, char *kbuf, size_t n, bool *eof)
{
	size_t got = 0;

	*eof = false;
	if (t->termios.c_lflag & ICANON) {
		u16 *len;

		if (t->lines_head == t->lines_tail)
			return 0;
		len = &t->lines[t->lines_tail % TTY_MAX_LINES];
		if (*len == 0) {        /* EOF marker */
			t->lines_tail++;
			*eof = true;
			return 0;
		}
		while (got < n && *len) {
			kbuf[got++] = t->buf[t->tail++ % TTY_BUF];
			(*len)--;
		}
		if (*len == 0)
			t->lines_tail++;
		return got;
	}
	while (got < n && t->tail != t->head)
		kbuf[got++] = t->buf[t->tail++ % TTY_BUF];
	return got;
}

static ssize_t tty_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct tty *t = f->private_data;
	size_t want = iov_iter_count(to), done = 0;
	char kbuf[256];
	unsigned long flags;
	bool nonblock = f->f_flags & LINUX_O_NONBLOCK;
	int r = tty_job_control(t, SIGTTIN);

	if (r)
		return r;
	if (pty_hung_up(t))
		return -EIO;

	while (done < want) {
		struct wait_queue_entry e;
		bool canon = t->termios.c_lflag & ICANON;
		unsigned vmin = t->termios.c_cc[VMIN], vtime = t->termios.c_cc[VTIME];
		size_t chunk, copied;
		bool eof;

		spin_lock_irqsave(&t->lock, flags);
		chunk = take_input(t, kbuf, MIN(want - done, sizeof(kbuf)), &eof);
		spin_unlock_irqrestore(&t->lock, flags);
		if (chunk) {
			copied = copy_to_iter(kbuf, chunk, to);
			done += copied;
			if (copied < chunk)
				return done ? (ssize_t)done : -EFAULT;
			/* Canonical reads end at a line; raw ones once VMIN is met. */
			if (canon || done >= vmin)
				break;
			continue;
		}
		if (eof)
			break;
		/* Raw with VMIN 0 and VTIME 0: return what there is, maybe nothing. */
		if (!canon && vmin == 0 && vtime == 0)
			break;
		if (nonblock)
			return done ? (ssize_t)done : -EAGAIN;
		init_wait_entry(&e, 0);
		for (;;) {
			prepare_to_wait(&t->read_wait, &e, TASK_INTERRUPTIBLE);
			if (input_ready(t) || pty_hung_up(t))
				break;
			if (signal_pending(current)) {
				finish_wait(&t->read_wait, &e);
				return done ? (ssize_t)done : -ERESTARTSYS;
			}
			/* VTIME (tenths of a second): with VMIN 0 the wait for the
			 * first byte; with VMIN > 0 the gap allowed after a byte. */
			if (!canon && vtime && (vmin == 0 ? !done : done > 0)) {
				if (!schedule_timeout((u64)vtime * 100000000ULL)) {
					finish_wait(&t->read_wait, &e);
					return done;
				}
				continue;
			}
			schedule();
		}
		finish_wait(&t->read_wait, &e);
	}
	return done;
}

static ssize_t tty_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct tty *t = f->private_data;
	size_t done = 0;
	char kbuf[256];

	if (t->termios.c_lflag & TOSTOP) {
		int r = tty_job_control(t, SIGTTOU);
		if (r)
			return r;
	}
	if (pty_hung_up(t))
		return -EIO;
	if (wait_event_interruptible(&t->write_wait, !READ_ONCE(t->stopped)))
		return -ERESTARTSYS;
	mutex_lock(&t->write_lock);
	while (iov_iter_count(from)) {
		size_t n = MIN(iov_iter_count(from), sizeof(kbuf) / 2);
		int r;

		/* ONLCR may double the bytes: wait for room for all of them. */
		if (t->wait_room && (r = t->wait_room(t, 2 * n)) < 0) {
			mutex_unlock(&t->write_lock);
			return done ? (ssize_t)done : r;
		}
		n = copy_from_iter(kbuf, n, from);
		if (!n) {
			mutex_unlock(&t->write_lock);
			return done ? (ssize_t)done : -EFAULT;
		}
		tty_output(t, kbuf, n);
		done += n;
	}
	mutex_unlock(&t->write_lock);
	return done;
}

static unsigned tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *t = f->private_data;
	unsigned mask = POLLOUT | POLLWRNORM;   /* output never blocks */

	poll_wait(f, &t->read_wait, pt);
	if (input_ready(t))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

/* Linux's struct serial_struct (TIOCGSERIAL), for tools that look for
 * the serial line behind /dev/console (busybox cttyhack). */
struct linux_serial_struct {
	int type, line;
	unsigned port;
	int irq, flags, xmit_fifo_size, custom_divisor, baud_base;
	u16 close_delay;
	char io_type, reserved_char;
	int hub6;
	u16 closing_wait, closing_wait2;
	u64 iomem_base;
	u16 iomem_reg_shift;
	unsigned port_high;
	u64 iomap_base;
};

static bool is_my_ctty(struct tty *t)
{
	return t->session && t->session == task_session_nr(current);
}

static bool sig_ignored_or_blocked(int sig)
{
	struct task *me = current;

	return sigismember(&me->blocked, sig) ||
	       (me->sighand && me->sighand->action[sig - 1].handler == SIG_IGN);
}

/*
 * May the caller use its controlling terminal now? A member of a background
 * process group gets sig and the call restarts after it (when it is
 * continued); with sig ignored or blocked, reads fail with EIO and
 * writes/settings go ahead.
 */
static int tty_job_control(struct tty *t, int sig)
{
	int pgrp;

	if (!is_my_ctty(t) || t->pgrp <= 0)
		return 0;
	pgrp = task_pgrp_nr(current);
	if (pgrp == t->pgrp)
		return 0;
	if (sig_ignored_or_blocked(sig))
		return sig == SIGTTIN ? -EIO : 0;
	kill_pgrp(pgrp, sig);
	return -ERESTARTSYS;
}

static long tty_do_ioctl(struct tty *t, unsigned cmd, unsigned long arg);

static long tty_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	return tty_do_ioctl(f->private_data, cmd, arg);
}

static long tty_do_ioctl(struct tty *t, unsigned cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct linux_termios tm;
	unsigned long flags;
	int v;

	switch (cmd) {
	case TCGETS:
		spin_lock_irqsave(&t->lock, flags);
		tm = t->termios;
		spin_unlock_irqrestore(&t->lock, flags);
		return copy_to_user(uarg, &tm, sizeof(tm)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		v = tty_job_control(t, SIGTTOU);
		if (v)
			return v;
		if (copy_from_user(&tm, uarg, sizeof(tm)))
			return -EFAULT;
		/* Output is synchronous: TCSETSW has nothing to drain. */
		if (cmd == TCSETSF)
			flush_input(t);
		spin_lock_irqsave(&t->lock, flags);
		/* Leaving canonical mode: the half-edited line becomes input. */
		if ((t->termios.c_lflag & ICANON) && !(tm.c_lflag & ICANON) && t->line_len &&
		    buf_space(t) >= t->line_len) {
			buf_put(t, t->line, t->line_len);
			t->line_len = 0;
		}
		t->termios = tm;
		spin_unlock_irqrestore(&t->lock, flags);
		wake_up_all(&t->read_wait);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(uarg, &t->winsize, sizeof(t->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ: {
		struct linux_winsize ws;
		if (copy_from_user(&ws, uarg, sizeof(ws)))
			return -EFAULT;
		t->winsize = ws;   /* XXX: SIGWINCH to the foreground group */
		return 0;
	}
	case TIOCINQ:
		spin_lock_irqsave(&t->lock, flags);
		v = (t->termios.c_lflag & ICANON) && t->lines_head == t->lines_tail ? 0 : (int)input_avail(t);
		spin_unlock_irqrestore(&t->lock, flags);
		return put_user(v, (int __user *)uarg);
	case TIOCOUTQ:
		return put_user(0, (int __user *)uarg);
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg == TCIFLUSH || arg == TCIOFLUSH)
			flush_input(t);
		return 0;
	case TCSBRK:
		/* Output is never queued, so draining is done; arg 0 sends a break. */
		if (!arg && t->send_break)
			t->send_break(t);
		return 0;
	case TCXONC:
		switch (arg) {
		case TCOOFF:
			WRITE_ONCE(t->stopped, true);
			return 0;
		case TCOON:
			WRITE_ONCE(t->stopped, false);
			wake_up_all(&t->write_wait);
			return 0;
		case TCIOFF:
		case TCION: {
			char c = t->termios.c_cc[arg == TCIOFF ? VSTOP : VSTART];
			if (c)
				t->out(t, &c, 1);
			return 0;
		}
		}
		return -EINVAL;
	case TIOCSCTTY:
		if (is_my_ctty(t))
			return 0;
		/* A session leader without a terminal takes it; root may steal it (arg 1). */
		if (task_session_nr(current) != task_tgid_nr(current) ||
		    session_has_tty(task_session_nr(current)))
			return -EPERM;
		if (t->session && !(arg == 1 && capable_root()))
			return -EPERM;
		t->session = task_session_nr(current);
		t->pgrp = task_pgrp_nr(current);
		return 0;
	case TIOCNOTTY:
		if (!is_my_ctty(t))
			return -ENOTTY;
		if (task_session_nr(current) == task_tgid_nr(current)) {
			/* XXX: SIGHUP/SIGCONT to the foreground group, as Linux */
			t->session = 0;
			t->pgrp = 0;
		}
		return 0;
	case TIOCGPGRP:
		if (!is_my_ctty(t))
			return -ENOTTY;
		return put_user(pid_global_to_vnr(t->pgrp), (int __user *)uarg);
	case TIOCSPGRP:
		if (!is_my_ctty(t))
			return -ENOTTY;
		if (get_user(v, (int __user *)uarg))
			return -EFAULT;
		if (v < 0)
			return -EINVAL;
		{
			int jc = tty_job_control(t, SIGTTOU);
			if (jc)
				return jc;
		}
		/* A group named in the caller's pid namespace (ESRCH if none).
		 * XXX: Linux checks the group exists in this session (EPERM) */
		v = pid_ns_global_nr(task_active_pid_ns(current), v);
		if (!v)
			return -ESRCH;
		t->pgrp = v;
		return 0;
	case TIOCGSID:
		if (!is_my_ctty(t))
			return -ENOTTY;
		return put_user(pid_global_to_vnr(t->session), (int __user *)uarg);
	case TIOCGSERIAL: {
		if (t != &console_tty)
			return -ENOTTY;   /* ptys have no serial line (Linux: no get_serial) */
		struct linux_serial_struct ss = {
			.type = 4,             /* PORT_16550A */
			.line = 0,
			.port = 0x3f8,
			.irq = 4,
			.xmit_fifo_size = 16,
			.baud_base = 115200,
		};
		return copy_to_user(uarg, &ss, sizeof(ss)) ? -EFAULT : 0;
	}
	}
	return -ENOTTY;
}

/* Does session sid control a terminal already? */
static bool session_has_tty(int sid)
{
	struct tty *other = tty_of_session(sid);

	if (other)
		tty_put(other);
	return other != NULL;
}

/* A session leader opening a terminal without O_NOCTTY, with none yet,
 * makes it its controlling terminal (never /dev/console, as Linux). */
static void maybe_set_ctty(struct tty *t, struct file *f)
{
	int sid = task_session_nr(current);

	if (f->f_flags & LINUX_O_NOCTTY)
		return;
	if (!t->session && sid == task_tgid_nr(current) && sid > 0 && !session_has_tty(sid)) {
		t->session = sid;
		t->pgrp = task_pgrp_nr(current);
	}
}

static int tty_open(struct inode *inode, struct file *f)
{
	f->private_data = &console_tty;
	maybe_set_ctty(&console_tty, f);
	return 0;
}

static const struct file_operations ttyS_fops = {
	.read_iter = tty_read,
	.poll = tty_poll,
	.write_iter = tty_write,
	.ioctl = tty_ioctl,
	.open = tty_open,
	.llseek = NULL,
};

static int console_open(struct inode *inode, struct file *f)
{
	f->private_data = &console_tty;
	return 0;
}

static const struct file_operations console_fops = {
	.read_iter = tty_read,
	.poll = tty_poll,
	.write_iter = tty_write,
	.ioctl = tty_ioctl,
	.open = console_open,
	.fasync = true,
};

/* /dev/tty: the caller's controlling terminal, ENXIO without one. */
static int devtty_open(struct inode *inode, struct file *f)
{
	struct tty *t = tty_of_session(task_session_nr(current));

	if (!t)
		return -ENXIO;
	tty_get(t);
	f->private_data = t;
	return 0;
}

static int devtty_release(struct inode *inode, struct file *f)
{
	tty_put(f->private_data);
	return 0;
}

static const struct file_operations devtty_fops = {
	.read_iter = tty_read,
	.poll = tty_poll,
	.write_iter = tty_write,
	.ioctl = tty_ioctl,
	.open = devtty_open,
	.release = devtty_release,
	.fasync = true,
};

/* ---- pseudo-terminals: /dev/ptmx and /dev/pts/N ------------------------- */

/*
 * A pair: the slave is an ordinary tty (line discipline and all) whose
 * output goes into mbuf for the master to read; what the master writes is
 * the slave's input. The pair lives while any of its files is open (refs);
 * its node /dev/pts/N goes when the master closes.
 */
#define PTY_MAJOR 136
#define PTY_BUF 8192

struct pty {
	int index;
	int refs;                     /* open master + slave files, /dev/tty opens; atomic */
	bool master_open;             /* tty_list_lock */
	int slave_opens;              /* tty_list_lock */
	bool locked;                  /* TIOCSPTLCK: slaves cannot be opened */
	struct tty slave;
	spinlock_t mlock;             /* mbuf, mhead, mtail */
	char mbuf[PTY_BUF];           /* slave output, for the master */
	unsigned mhead, mtail;
	struct wait_queue_head mwait; /* master readers; slave writers waiting for room */
};

static u64 pty_used_bits[64];     /* pty numbers 0..4095; tty_list_lock */

static void pty_out(struct tty *t, const char *s, size_t n)
{
	struct pty *p = t->pty;
	unsigned long flags;

	spin_lock_irqsave(&p->mlock, flags);
	for (size_t i = 0; i < n && p->mhead - p->mtail < PTY_BUF; i++)
		p->mbuf[p->mhead++ % PTY_BUF] = s[i];   /* XXX: echo beyond a full buffer is lost */
	spin_unlock_irqrestore(&p->mlock, flags);
	wake_up_all(&p->mwait);
}

static bool pty_room(struct pty *p, size_t n)
{
	return PTY_BUF - (READ_ONCE(p->mhead) - READ_ONCE(p->mtail)) >= MIN(n, (size_t)PTY_BUF) ||
	       !READ_ONCE(p->master_open);
}

static int pty_wait_room(struct tty *t, size_t n)
{
	struct pty *p = t->pty;

	if (!READ_ONCE(p->master_open))
		return -EIO;
	return wait_event_interruptible(&p->mwait, pty_room(p, n));
}

static void tty_init_termios(struct tty *t)
{
	static const u8 cc[LINUX_NCCS] = {
		[VINTR] = 3, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 4,
		[VTIME] = 0, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
		[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
	};

	t->termios.c_iflag = ICRNL | IXON;
	t->termios.c_oflag = OPOST | ONLCR;
	t->termios.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL;
	t->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(t->termios.c_cc, cc, sizeof(cc));
	t->winsize.ws_row = 24;
	t->winsize.ws_col = 80;
}


static void tty_get(struct tty *t)
{
	if (t->pty)
		__atomic_add_fetch(&t->pty->refs, 1, __ATOMIC_RELAXED);
}

static void tty_put(struct tty *t)
{
	struct pty *p = t->pty;
	unsigned long flags;

	if (!p || __atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL))
		return;
	spin_lock_irqsave(&tty_list_lock, flags);
	list_del(&p->slave.node);
	pty_used_bits[p->index / 64] &= ~(1ULL << (p->index % 64));
	spin_unlock_irqrestore(&tty_list_lock, flags);
	kfree(p);
}

/* The terminal controlling session sid, referenced; NULL if none. */
static struct tty *tty_of_session(int sid)
{
	struct tty *t, *found = NULL;
	unsigned long flags;

	if (sid <= 0)
		return NULL;
	spin_lock_irqsave(&tty_list_lock, flags);
	list_for_each_entry(t, &tty_list, node) {
		if (t->session == sid) {
			found = t;
			tty_get(t);
			break;
		}
	}
	spin_unlock_irqrestore(&tty_list_lock, flags);
	return found;
}

static void tty_setup(struct tty *t, const char *name, u32 cflag_speed)
{
	unsigned long flags;

	spin_lock_init(&t->lock, name);
	init_waitqueue_head(&t->read_wait);
	init_waitqueue_head(&t->write_wait);
	mutex_init(&t->write_lock, name);
	tty_init_termios(t);
	t->termios.c_cflag = (t->termios.c_cflag & ~0010017) | cflag_speed;
	spin_lock_irqsave(&tty_list_lock, flags);
	list_add_tail(&t->node, &tty_list);
	spin_unlock_irqrestore(&tty_list_lock, flags);
}

static bool pty_hung_up(struct tty *t)
{
	return t->pty && !READ_ONCE(t->pty->master_open);
}

static ssize_t ptm_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct pty *p = f->private_data;
	char kbuf[256];
	unsigned long flags;
	size_t n, copied;

	if (!iov_iter_count(to))
		return 0;
	for (;;) {
		spin_lock_irqsave(&p->mlock, flags);
		n = MIN(MIN(iov_iter_count(to), sizeof(kbuf)), (size_t)(p->mhead - p->mtail));
		for (size_t i = 0; i < n; i++)
			kbuf[i] = p->mbuf[(p->mtail + i) % PTY_BUF];
		spin_unlock_irqrestore(&p->mlock, flags);
		if (n)
			break;
		/* Nothing to read and no slave left open: EIO, as Linux. */
		if (READ_ONCE(p->slave.session) == 0 && READ_ONCE(p->slave_opens) == 0 &&
		    READ_ONCE(p->mhead) && !READ_ONCE(p->locked))
			return -EIO;
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(&p->mwait, READ_ONCE(p->mhead) != READ_ONCE(p->mtail) ||
					     (READ_ONCE(p->slave_opens) == 0 && READ_ONCE(p->mhead))))
			return -ERESTARTSYS;
	}
	copied = copy_to_iter(kbuf, n, to);
	if (!copied)
		return -EFAULT;
	spin_lock_irqsave(&p->mlock, flags);
	p->mtail += copied;
	spin_unlock_irqrestore(&p->mlock, flags);
	wake_up_all(&p->mwait);          /* slave writers waiting for room */
	return copied;
}

static ssize_t ptm_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct pty *p = f->private_data;
	char kbuf[256];
	size_t done = 0;

	while (iov_iter_count(from)) {
		size_t n = copy_from_iter(kbuf, MIN(iov_iter_count(from), sizeof(kbuf)), from);

		if (!n)
			return done ? (ssize_t)done : -EFAULT;
		/* XXX: input beyond a full slave buffer is dropped, Linux blocks */
		for (size_t i = 0; i < n; i++)
			tty_receive(&p->slave, kbuf[i]);
		done += n;
	}
	return done;
}

static unsigned ptm_poll(struct file *f, struct poll_table *pt)
{
	struct pty *p = f->private_data;
	unsigned mask = POLLOUT | POLLWRNORM;

	poll_wait(f, &p->mwait, pt);
	if (READ_ONCE(p->mhead) != READ_ONCE(p->mtail))
		mask |= POLLIN | POLLRDNORM;
	else if (READ_ONCE(p->slave_opens) == 0 && READ_ONCE(p->mhead))
		mask |= POLLHUP;
	return mask;
}

#define TIOCGPTN   0x80045430
#define TIOCSPTLCK 0x40045431
#define TIOCGPTLCK 0x80045439

static long ptm_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct pty *p = f->private_data;
	int __user *uarg = (int __user *)arg;
	unsigned long flags;
	int v;

	switch (cmd) {
	case TIOCGPTN:
		return put_user(p->index, uarg);
	case TIOCSPTLCK:
		if (get_user(v, uarg))
			return -EFAULT;
		WRITE_ONCE(p->locked, v != 0);
		return 0;
	case TIOCGPTLCK:
		return put_user((int)p->locked, uarg);
	case TIOCINQ:
		spin_lock_irqsave(&p->mlock, flags);
		v = p->mhead - p->mtail;
		spin_unlock_irqrestore(&p->mlock, flags);
		return put_user(v, uarg);
	case TIOCSCTTY:
	case TIOCNOTTY:
	case TIOCGPGRP:
	case TIOCSPGRP:
	case TIOCGSID:
		return -ENOTTY;   /* XXX: Linux lets the master act for the slave here */
	}
	/* Settings and window size are the slave's (TIOCSWINSZ from the master
	 * is how terminal emulators resize). */
	return tty_do_ioctl(&p->slave, cmd, arg);
}

static int ptm_release(struct inode *inode, struct file *f)
{
	struct pty *p = f->private_data;
	int pgrp;

	WRITE_ONCE(p->master_open, false);
	wake_up_all(&p->slave.read_wait);
	wake_up_all(&p->mwait);
	/* Hangup: the slave's foreground group gets SIGHUP and SIGCONT. */
	pgrp = p->slave.pgrp;
	if (pgrp > 0) {
		kill_pgrp(pgrp, SIGHUP);
		kill_pgrp(pgrp, SIGCONT);
	}
	p->slave.session = 0;
	p->slave.pgrp = 0;
	chrdev_unregister(PTY_MAJOR, p->index);
	tty_put(&p->slave);
	return 0;
}

static const struct file_operations ptm_fops = {
	.read_iter = ptm_read,
	.write_iter = ptm_write,
	.poll = ptm_poll,
	.ioctl = ptm_ioctl,
	.release = ptm_release,
	.fasync = true,
};

static int pts_open(struct inode *inode, struct file *f)
{
	unsigned idx = MINOR(inode->i_rdev);
	struct tty *t, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tty_list_lock, flags);
	list_for_each_entry(t, &tty_list, node) {
		if (t->pty && t->pty->index == (int)idx) {
			found = t;
			break;
		}
	}
	if (found && (found->pty->locked || !found->pty->master_open))
		found = ERR_PTR(-EIO);
	if (!IS_ERR_OR_NULL(found)) {
		tty_get(found);
		found->pty->slave_opens++;
	}
	spin_unlock_irqrestore(&tty_list_lock, flags);
	if (!found)
		return -ENXIO;
	if (IS_ERR(found))
		return PTR_ERR(found);
	f->private_data = found;
	maybe_set_ctty(found, f);
	return 0;
}

static int pts_release(struct inode *inode, struct file *f)
{
	struct tty *t = f->private_data;
	unsigned long flags;

	spin_lock_irqsave(&tty_list_lock, flags);
	t->pty->slave_opens--;
	spin_unlock_irqrestore(&tty_list_lock, flags);
	wake_up_all(&t->pty->mwait);    /* a master reader may now see EIO */
	tty_put(t);
	return 0;
}

static const struct file_operations pts_fops = {
	.read_iter = tty_read,
	.write_iter = tty_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
	.open = pts_open,
	.release = pts_release,
	.fasync = true,
};

/* /dev/ptmx: each open makes a new pair; the file becomes its master. */
static int ptmx_open(struct inode *inode, struct file *f)
{
	struct pty *p = kzalloc(sizeof(*p), GFP_KERNEL);
	unsigned long flags;
	char name[16];
	int idx = -1, r;

	if (!p)
		return -ENOMEM;
	spin_lock_irqsave(&tty_list_lock, flags);
	for (int i = 0; i < 64 * 64 && idx < 0; i++)
		if (!(pty_used_bits[i / 64] & (1ULL << (i % 64)))) {
			pty_used_bits[i / 64] |= 1ULL << (i % 64);
			idx = i;
		}
	spin_unlock_irqrestore(&tty_list_lock, flags);
	if (idx < 0) {
		kfree(p);
		return -ENOSPC;
	}
	p->index = idx;
	p->refs = 1;
	p->master_open = true;
	p->locked = true;        /* until unlockpt(3) */
	spin_lock_init(&p->mlock, "pty.mlock");
	init_waitqueue_head(&p->mwait);
	p->slave.out = pty_out;
	p->slave.wait_room = pty_wait_room;
	p->slave.pty = p;
	tty_setup(&p->slave, "pty", B38400);
	snprintf(name, sizeof(name), "pts/%d", idx);
	/* XXX: Linux gives the node to the opener's uid and the tty group. */
	r = chrdev_register(PTY_MAJOR, idx, name, 0620, &pts_fops);
	if (r) {
		tty_put(&p->slave);
		return r;
	}
	f->f_op = &ptm_fops;
	f->private_data = p;
	return 0;
}

static const struct file_operations ptmx_fops = {
	.open = ptmx_open,
};

/* Called once the VFS and devtmpfs are up. */
void tty_init(void)
{
	struct tty *t = &console_tty;
	struct task *th;

	t->out = serial_out;
	t->send_break = serial_break;
	tty_setup(t, "console_tty", B115200);
	th = kthread_run(tty_input_thread, t, "tty_input");
	if (!th) {
		pr_err("tty: cannot start the input thread: console input disabled\n");
		return;
	}
	task_put(th);
	if (chrdev_register(5, 1, "console", 0600, &console_fops) ||
	    chrdev_register(4, 64, "ttyS0", 0660, &ttyS_fops) ||
	    chrdev_register(5, 0, "tty", 0666, &devtty_fops) ||
	    chrdev_register(5, 2, "ptmx", 0666, &ptmx_fops))
		pr_err("tty: cannot create the device nodes\n");
}

/*
 * For /proc/[pid]/stat: the terminal controlling session sid as Linux
 * encodes tty_nr (minor's low byte, major << 8, the minor's upper bits
 * << 12), and its foreground process group in *fg (-1 when none).
 */
int tty_nr_of_session(int sid, pid_t *fg)
{
	struct tty *t = tty_of_session(sid);
	unsigned major, minor;
	unsigned long flags;

	*fg = -1;
	if (!t)
		return 0;
	if (t->pty) {
		major = 136;
		minor = t->pty->index;
	} else {
		major = 4;
		minor = 64;
	}
	spin_lock_irqsave(&t->lock, flags);
	if (t->pgrp > 0)
		*fg = t->pgrp;
	spin_unlock_irqrestore(&t->lock, flags);
	tty_put(t);
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}
