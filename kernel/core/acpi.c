/*
 * ACPI table discovery: RSDP (from the boot loader or found in the BIOS
 * areas), then RSDT/XSDT, then the tables we use: MADT (CPUs, I/O APICs,
 * interrupt overrides), MCFG (PCI ECAM) and FADT (power off, reset).
 * Every table's checksum and length are checked; a broken table is ignored
 * with a message, never trusted.
 */
#include <kernel/acpi.h>
#include <kernel/boot.h>
#include <kernel/printk.h>
#include <kernel/vmlayout.h>
#include <string.h>

struct acpi_info acpi;

struct rsdp {
	char sig[8];
	u8 checksum;
	char oem[6];
	u8 revision;
	u32 rsdt;
	u32 length;
	u64 xsdt;
	u8 xchecksum;
	u8 reserved[3];
} __packed;

struct sdt_header {
	char sig[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem[6];
	char oem_table[8];
	u32 oem_rev;
	u32 creator;
	u32 creator_rev;
} __packed;

static bool sum_ok(const void *p, size_t n)
{
	const u8 *b = p;
	u8 s = 0;

	while (n--)
		s += *b++;
	return s == 0;
}

/* Tables must lie in memory the boot page tables map. */
static const void *phys(u64 pa, size_t len)
{
	if (!pa || pa + len > BOOT_IDENTITY_MAP_SIZE || pa + len < pa)
		return NULL;
	return phys_to_virt(pa);
}

static const struct rsdp *rsdp_check(const void *p)
{
	const struct rsdp *r = p;

	if (memcmp(r->sig, "RSD PTR ", 8) || !sum_ok(r, 20))
		return NULL;
	if (r->revision >= 2 && (r->length < sizeof(*r) || !sum_ok(r, sizeof(*r))))
		return NULL;
	return r;
}

static const struct rsdp *rsdp_scan(u64 start, u64 len)
{
	for (u64 a = start; a + 20 <= start + len; a += 16) {
		const struct rsdp *r = rsdp_check(phys_to_virt(a));
		if (r)
			return r;
	}
	return NULL;
}

static const struct rsdp *find_rsdp(void)
{
	const struct rsdp *r = NULL;
	u64 ebda;

	if (boot_info.have_rsdp_copy && (r = rsdp_check(boot_info.rsdp_copy)))
		return r;
	if (boot_info.rsdp_phys && phys(boot_info.rsdp_phys, 36) &&
	    (r = rsdp_check(phys(boot_info.rsdp_phys, 36))))
		return r;
	ebda = (u64)*(u16 *)phys_to_virt(0x40e) << 4;
	if (ebda >= 0x80000 && ebda < 0xa0000 && (r = rsdp_scan(ebda, 1024)))
		return r;
	return rsdp_scan(0xe0000, 0x20000);
}

static const struct sdt_header *table_at(u64 pa)
{
	const struct sdt_header *h = phys(pa, sizeof(*h));

	if (!h || h->length < sizeof(*h) || !phys(pa, h->length))
		return NULL;
	if (!sum_ok(h, h->length)) {
		pr_warn("acpi: table %.4s at %#llx has a bad checksum; ignored\n", h->sig,
			(unsigned long long)pa);
		return NULL;
	}
	return h;
}

static void parse_madt(const struct sdt_header *h)
{
	const u8 *p = (const u8 *)h + sizeof(*h) + 8, *end = (const u8 *)h + h->length;
	u32 flags = *(const u32 *)((const u8 *)h + sizeof(*h) + 4);

	acpi.lapic_phys = *(const u32 *)((const u8 *)h + sizeof(*h));
	acpi.pic_present = flags & 1;
	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		switch (p[0]) {
		case 0:  /* processor local APIC */
			/* enabled, or online-capable (may be brought up) */
			if ((p[4] & 1) && acpi.nr_cpus < MAX_CPUS)
				acpi.cpu_apic_ids[acpi.nr_cpus++] = p[3];
			break;
		case 1:  /* I/O APIC */
			if (acpi.nr_ioapics < ACPI_MAX_IOAPICS) {
				struct acpi_ioapic *io = &acpi.ioapics[acpi.nr_ioapics++];
				io->id = p[2];
				memcpy(&io->phys, p + 4, 4);
				memcpy(&io->gsi_base, p + 8, 4);
			}
			break;
		case 2:  /* interrupt source override */
			if (acpi.nr_overrides < ACPI_MAX_OVERRIDES && p[2] == 0) {
				struct acpi_override *o = &acpi.overrides[acpi.nr_overrides++];
				o->isa_irq = p[3];
				memcpy(&o->gsi, p + 4, 4);
				memcpy(&o->flags, p + 8, 2);
			}
			break;
		case 5:  /* local APIC address override */
			memcpy(&acpi.lapic_phys, p + 4, 8);
			break;
		case 9:  /* processor local x2APIC */
			if ((p[8] & 1) && acpi.nr_cpus < MAX_CPUS) {
				u32 id;
				memcpy(&id, p + 4, 4);
				acpi.cpu_apic_ids[acpi.nr_cpus++] = id;
			}
			break;
		}
		p += p[1];
	}
}

static void parse_mcfg(const struct sdt_header *h)
{
	const u8 *p = (const u8 *)h + sizeof(*h) + 8, *end = (const u8 *)h + h->length;

	for (; p + 16 <= end && acpi.nr_mcfg < ACPI_MAX_MCFG; p += 16) {
		struct acpi_mcfg *m = &acpi.mcfg[acpi.nr_mcfg++];
		memcpy(&m->base, p, 8);
		memcpy(&m->segment, p + 8, 2);
		m->bus_start = p[10];
		m->bus_end = p[11];
	}
}

static void parse_fadt(const struct sdt_header *h)
{
	const u8 *f = (const u8 *)h;

	if (h->length >= 68) {
		memcpy(&acpi.sci_irq, f + 46, 2);
		memcpy(&acpi.pm1a_cnt, f + 64, 4);
	}
	if (h->length >= 72)
		memcpy(&acpi.pm1b_cnt, f + 68, 4);
	if (h->length >= 129 && (f[112 + 1] & 0x4)) {   /* flags: RESET_REG_SUP (bit 10) */
		acpi.reset_space = f[116];
		memcpy(&acpi.reset_addr, f + 120, 8);
		acpi.reset_value = f[128];
	}
}

void acpi_init(void)
{
	const struct rsdp *r = find_rsdp();
	const struct sdt_header *root;
	bool x;
	u32 n;

	if (!r) {
		pr_warn("acpi: no RSDP found; single CPU, legacy interrupt routing\n");
		return;
	}
	x = r->revision >= 2 && r->xsdt;
	root = table_at(x ? r->xsdt : r->rsdt);
	if (!root) {
		pr_warn("acpi: root table unreadable\n");
		return;
	}
	acpi.found = true;
	acpi.revision = r->revision;
	memcpy(acpi.oem_id, r->oem, 6);
	n = (root->length - sizeof(*root)) / (x ? 8 : 4);
	for (u32 i = 0; i < n; i++) {
		const u8 *e = (const u8 *)root + sizeof(*root) + i * (x ? 8 : 4);
		u64 pa = 0;
		const struct sdt_header *h;

		memcpy(&pa, e, x ? 8 : 4);
		h = table_at(pa);
		if (!h)
			continue;
		if (!memcmp(h->sig, "APIC", 4))
			parse_madt(h);
		else if (!memcmp(h->sig, "MCFG", 4))
			parse_mcfg(h);
		else if (!memcmp(h->sig, "FACP", 4))
			parse_fadt(h);
	}
	pr_info("acpi: %s rev %u, %d CPUs, %d I/O APICs, %d overrides%s\n", acpi.oem_id,
		acpi.revision, acpi.nr_cpus, acpi.nr_ioapics, acpi.nr_overrides,
		acpi.nr_mcfg ? ", PCIe ECAM" : "");
}
