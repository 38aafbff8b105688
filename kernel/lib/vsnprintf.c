/*
 * Formatted output into buffers: vsnprintf and its wrappers (<stdio.h>).
 *
 * Output goes through a sink that stores what fits and counts everything,
 * so one pass gives both the (possibly truncated) text and C's return
 * value, the length the whole output would have had. Padding and copies are
 * done in blocks, so a huge width costs nothing past the end of the buffer.
 *
 * The integer, %c, %s and %p conversions reproduce glibc's output exactly,
 * including its extensions: %p is printed as "%#lx" would be (sign flags
 * and all) or "(nil)", a NULL %s as "(null)" when the precision allows six
 * characters and as nothing otherwise, '0' is ignored for %s and %c, and
 * %% ignores flags and width. Unsupported conversions (floating point,
 * positional arguments, unknown letters) are copied to the output as they
 * were written; see <stdio.h> for the reasons. %n never writes.
 */
#include <stdio.h>
#include <string.h>
#include <limits.h>

#include <kernel/types.h>

struct sink {
	char *buf;
	size_t cap;	/* bytes of buf that may hold output; one more holds the NUL */
	size_t len;	/* bytes produced so far, stored or not */
};

static void sink_write(struct sink *out, const char *s, size_t n)
{
	if (out->len < out->cap) {
		size_t room = out->cap - out->len;

		memcpy(out->buf + out->len, s, n < room ? n : room);
	}
	out->len += n;
}

static void sink_fill(struct sink *out, char c, size_t n)
{
	if (out->len < out->cap) {
		size_t room = out->cap - out->len;

		memset(out->buf + out->len, c, n < room ? n : room);
	}
	out->len += n;
}

static void sink_putc(struct sink *out, char c)
{
	if (out->len < out->cap)
		out->buf[out->len] = c;
	out->len++;
}

enum length {
	LEN_NONE,
	LEN_HH,
	LEN_H,
	LEN_L,		/* also j, z, t: all 64-bit here */
	LEN_LL,		/* also L and q, as glibc reads them for integers */
};

struct spec {
	bool left;	/* '-' */
	bool plus;	/* '+' */
	bool space;	/* ' ' */
	bool alt;	/* '#' */
	bool zero;	/* '0' */
	size_t width;
	int precision;	/* -1: none given */
	enum length length;
};

/* Pad @len bytes of @s (already cut to the precision) to the width. */
static void put_padded(struct sink *out, const struct spec *sp, const char *s, size_t len)
{
	size_t pad = sp->width > len ? sp->width - len : 0;

	if (!sp->left)
		sink_fill(out, ' ', pad);
	sink_write(out, s, len);
	if (sp->left)
		sink_fill(out, ' ', pad);
}

/*
 * An integer: [padding][sign][0x][zeros][digits][padding]. @negative only
 * comes with signed conversions; @force_prefix is %p's "0x".
 */
static void put_integer(struct sink *out, const struct spec *sp, unsigned long long value,
			bool negative, unsigned int base, bool upper, bool force_prefix)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24];	/* 64 bits in octal: 22 digits */
	char prefix[3];
	size_t ndigits = 0, nprefix = 0, zeros = 0, body, pad;
	size_t precision = sp->precision < 0 ? 1 : (size_t)sp->precision;
	unsigned long long v = value;

	/* A zero precision with a zero value prints no digits at all. */
	if (v != 0 || precision != 0) {
		do {
			digits[sizeof(digits) - ++ndigits] = set[v % base];
			v /= base;
		} while (v);
	}
	if (precision > ndigits)
		zeros = precision - ndigits;

	if (negative)
		prefix[nprefix++] = '-';
	else if (sp->plus)
		prefix[nprefix++] = '+';
	else if (sp->space)
		prefix[nprefix++] = ' ';

	/* '#' with 'o': the first digit must be a zero, adding one if needed. */
	if (base == 8 && sp->alt && zeros == 0 && (ndigits == 0 || value != 0))
		zeros = 1;
	if (base == 16 && value != 0 && (sp->alt || force_prefix)) {
		prefix[nprefix++] = '0';
		prefix[nprefix++] = upper ? 'X' : 'x';
	}

	body = nprefix + zeros + ndigits;
	pad = sp->width > body ? sp->width - body : 0;
	/* '0' pads with zeros after the sign, unless '-' or a precision says no. */
	if (sp->zero && !sp->left && sp->precision < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!sp->left)
		sink_fill(out, ' ', pad);
	sink_write(out, prefix, nprefix);
	sink_fill(out, '0', zeros);
	sink_write(out, digits + sizeof(digits) - ndigits, ndigits);
	if (sp->left)
		sink_fill(out, ' ', pad);
}

/* Encode a code point as UTF-8 into @buf (4 bytes); returns the length. */
static size_t utf8_encode(char *buf, unsigned int cp)
{
	if (cp < 0x80) {
		buf[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = 0xc0 | (cp >> 6);
		buf[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = 0xe0 | (cp >> 12);
		buf[1] = 0x80 | ((cp >> 6) & 0x3f);
		buf[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	if (cp < 0x110000) {
		buf[0] = 0xf0 | (cp >> 18);
		buf[1] = 0x80 | ((cp >> 12) & 0x3f);
		buf[2] = 0x80 | ((cp >> 6) & 0x3f);
		buf[3] = 0x80 | (cp & 0x3f);
		return 4;
	}
	buf[0] = '?';
	return 1;
}

/* %ls: the precision limits the bytes written, never splitting a character. */
static void put_wide_string(struct sink *out, const struct spec *sp, const wchar_t *ws)
{
	size_t limit = sp->precision < 0 ? SIZE_MAX : (size_t)sp->precision;
	size_t len = 0, pad;
	const wchar_t *p;
	char enc[4];

	for (p = ws; *p; p++) {
		size_t n = utf8_encode(enc, (unsigned int)*p);

		if (n > limit - len)
			break;
		len += n;
	}
	pad = sp->width > len ? sp->width - len : 0;
	if (!sp->left)
		sink_fill(out, ' ', pad);
	for (size_t done = 0; done < len; ws++) {
		size_t n = utf8_encode(enc, (unsigned int)*ws);

		sink_write(out, enc, n);
		done += n;
	}
	if (sp->left)
		sink_fill(out, ' ', pad);
}

/* Parse a run of decimal digits, saturating at INT_MAX. */
static int parse_decimal(const char **fmt)
{
	const char *p = *fmt;
	int v = 0;

	for (; *p >= '0' && *p <= '9'; p++)
		v = v > (INT_MAX - (*p - '0')) / 10 ? INT_MAX : v * 10 + (*p - '0');
	*fmt = p;
	return v;
}

/* The engine: formats into @out and returns the full length of the output. */
static size_t format(struct sink *out, const char *fmt, va_list ap)
{
	while (*fmt) {
		const char *start = fmt;
		struct spec sp = { .precision = -1 };
		unsigned long long uval;
		long long sval;
		unsigned int base;
		bool upper = false;
		char conv;

		if (*fmt != '%') {
			while (*fmt && *fmt != '%')
				fmt++;
			sink_write(out, start, fmt - start);
			continue;
		}
		fmt++;

		/* Flags. ' (grouping) and I (locale digits) do nothing in "C". */
		for (;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '+')
				sp.plus = true;
			else if (*fmt == ' ')
				sp.space = true;
			else if (*fmt == '#')
				sp.alt = true;
			else if (*fmt == '0')
				sp.zero = true;
			else if (*fmt != '\'' && *fmt != 'I')
				break;
		}

		if (*fmt == '*') {
			int w = va_arg(ap, int);

			fmt++;
			if (w < 0) {
				sp.left = true;
				sp.width = -(unsigned int)w;
			} else {
				sp.width = w;
			}
		} else {
			sp.width = parse_decimal(&fmt);
		}

		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				int p = va_arg(ap, int);

				fmt++;
				sp.precision = p < 0 ? -1 : p;
			} else {
				sp.precision = parse_decimal(&fmt);
			}
		}

		switch (*fmt) {
		case 'h':
			fmt++;
			sp.length = LEN_H;
			if (*fmt == 'h') {
				fmt++;
				sp.length = LEN_HH;
			}
			break;
		case 'l':
			fmt++;
			sp.length = LEN_L;
			if (*fmt == 'l') {
				fmt++;
				sp.length = LEN_LL;
			}
			break;
		case 'j':
		case 'z':
		case 'Z':
		case 't':
			fmt++;
			sp.length = LEN_L;
			break;
		case 'L':
		case 'q':
			fmt++;
			sp.length = LEN_LL;
			break;
		}

		conv = *fmt;
		if (!conv) {
			/* The format ends inside a conversion: show what there was. */
			sink_write(out, start, fmt - start);
			break;
		}
		fmt++;

		switch (conv) {
		case 'd':
		case 'i':
			switch (sp.length) {
			case LEN_HH:
				sval = (signed char)va_arg(ap, int);
				break;
			case LEN_H:
				sval = (short)va_arg(ap, int);
				break;
			case LEN_NONE:
				sval = va_arg(ap, int);
				break;
			case LEN_L:
				sval = va_arg(ap, long);
				break;
			default:
				sval = va_arg(ap, long long);
				break;
			}
			uval = sval < 0 ? -(unsigned long long)sval : (unsigned long long)sval;
			put_integer(out, &sp, uval, sval < 0, 10, false, false);
			continue;

		case 'u':
			base = 10;
			goto unsigned_conv;
		case 'o':
			base = 8;
			goto unsigned_conv;
		case 'X':
			upper = true;
			/* fall through */
		case 'x':
			base = 16;
unsigned_conv:
			switch (sp.length) {
			case LEN_HH:
				uval = (unsigned char)va_arg(ap, unsigned int);
				break;
			case LEN_H:
				uval = (unsigned short)va_arg(ap, unsigned int);
				break;
			case LEN_NONE:
				uval = va_arg(ap, unsigned int);
				break;
			case LEN_L:
				uval = va_arg(ap, unsigned long);
				break;
			default:
				uval = va_arg(ap, unsigned long long);
				break;
			}
			/* Sign flags mean nothing for unsigned conversions. */
			sp.plus = sp.space = false;
			put_integer(out, &sp, uval, false, base, upper, false);
			continue;

		case 'p': {
			void *ptr = va_arg(ap, void *);

			if (!ptr) {
				put_padded(out, &sp, "(nil)", 5);
				continue;
			}
			put_integer(out, &sp, (uintptr_t)ptr, false, 16, false, true);
			continue;
		}

		case 'c': {
			char enc[4];
			size_t n;

			if (sp.length == LEN_L) {
				n = utf8_encode(enc, va_arg(ap, unsigned int));
			} else {
				enc[0] = (unsigned char)va_arg(ap, int);
				n = 1;
			}
			put_padded(out, &sp, enc, n);
			continue;
		}

		case 's': {
			const char *s;
			size_t len;

			if (sp.length == LEN_L) {
				const wchar_t *ws = va_arg(ap, const wchar_t *);

				if (ws) {
					put_wide_string(out, &sp, ws);
					continue;
				}
				s = NULL;
			} else {
				s = va_arg(ap, const char *);
			}
			if (!s)
				s = sp.precision < 0 || sp.precision >= 6 ? "(null)" : "";
			len = sp.precision < 0 ? strlen(s) : strnlen(s, sp.precision);
			put_padded(out, &sp, s, len);
			continue;
		}

		case '%':
			sink_putc(out, '%');
			continue;

		case 'n':
			/* Writing through a format is an exploit primitive: skip it. */
			(void)va_arg(ap, void *);
			continue;

		default:
			/*
			 * Floating point, positional arguments and anything
			 * unknown: shown as written, no argument consumed.
			 */
			sink_write(out, start, fmt - start);
			continue;
		}
	}
	return out->len;
}

/* Format into @buf of @size bytes; returns the untruncated length. */
static size_t format_into(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink out = { .buf = buf, .cap = size ? size - 1 : 0, .len = 0 };
	size_t len = format(&out, fmt, ap);

	if (size)
		buf[len < size - 1 ? len : size - 1] = '\0';
	return len;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	size_t len = format_into(buf, size, fmt, ap);

	/* glibc fails with EOVERFLOW here; an int cannot say more. */
	return len > INT_MAX ? -1 : (int)len;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}

/* The caller promises room: no limit but the address space. */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsprintf(buf, fmt, ap);
	va_end(ap);
	return ret;
}

/* Linux: the number of characters stored in @buf, without the NUL. */
int vscnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	size_t len = format_into(buf, size, fmt, ap);

	if (!size)
		return 0;
	len = len < size - 1 ? len : size - 1;
	return len > INT_MAX ? INT_MAX : (int)len;
}

int scnprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}
