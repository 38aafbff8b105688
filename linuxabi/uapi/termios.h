/*
 * Linux's terminal ABI (ioctl_tty(2), termios(3)): the kernel's struct
 * termios (NCCS 19, as TCGETS returns it), struct winsize, flag bits and
 * ioctl numbers for x86_64.
 */
#ifndef LINUXABI_UAPI_TERMIOS_H
#define LINUXABI_UAPI_TERMIOS_H

#include <kernel/types.h>

#define LINUX_NCCS 19

struct linux_termios {
	u32 c_iflag;
	u32 c_oflag;
	u32 c_cflag;
	u32 c_lflag;
	u8 c_line;
	u8 c_cc[LINUX_NCCS];
};

struct linux_winsize {
	u16 ws_row;
	u16 ws_col;
	u16 ws_xpixel;
	u16 ws_ypixel;
};

/* c_cc indexes */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* c_iflag */
#define IGNBRK  0000001
#define BRKINT  0000002
#define IGNPAR  0000004
#define INLCR   0000100
#define IGNCR   0000200
#define ICRNL   0000400
#define IXON    0002000
#define IMAXBEL 0020000
#define IUTF8   0040000
/* c_oflag */
#define OPOST   0000001
#define ONLCR   0000004
#define OCRNL   0000010
/* c_cflag */
#define B38400  0000017
#define B115200 0010002
#define CS8     0000060
#define CREAD   0000200
#define HUPCL   0002000
#define CLOCAL  0004000
/* c_lflag */
#define ISIG    0000001
#define ICANON  0000002
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define ECHONL  0000100
#define NOFLSH  0000200
#define TOSTOP  0000400
#define ECHOCTL 0001000
#define ECHOKE  0004000
#define IEXTEN  0100000

/* ioctls */
#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TCSBRK     0x5409
#define TCXONC     0x540A
#define TCFLSH     0x540B
#define TIOCSCTTY  0x540E
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCOUTQ   0x5411
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define TIOCINQ    0x541B
#define TIOCGSERIAL 0x541E
#define TIOCNOTTY  0x5422
#define TIOCGSID   0x5429
#define TCGETS2    0x802c542a
#define TCSETS2    0x402c542b

/* TCXONC */
#define TCOOFF 0
#define TCOON  1
#define TCIOFF 2
#define TCION  3

/* TCFLSH */
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

#endif
