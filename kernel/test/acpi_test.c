#if LAB >= 2
/*
 * The ACPI tables are input from the firmware: a table with a wrong
 * checksum, an entry that runs past the end or claims length 0 must be
 * refused with a reason, never read out of bounds or loop. The tables here
 * are built byte by byte, the way firmware lays them out.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "test/host_names.h"
#include "dev/acpi.h"

/* A table under construction: bytes, with the SDT length field kept up to date by finish(). */
struct table {
	uint8_t b[4096];
	uint32_t len;
};

static void
put(struct table *t, uint32_t off, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		t->b[off + i] = (uint8_t)(v >> 8 * i);
}

static void
append(struct table *t, const uint8_t *bytes, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		t->b[t->len++] = bytes[i];
}

static void
header(struct table *t, const char *sig)
{
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < 4; i++)
		t->b[i] = (uint8_t)sig[i];
	t->b[8] = 1; /* revision */
	t->len = ACPI_SDT_HEADER_LEN;
}

/* Set the length field and the checksum byte (offset 9) so the table sums to 0. */
static void
finish(struct table *t)
{
	put(t, 4, t->len, 4);
	t->b[9] = 0;
	t->b[9] = (uint8_t)-acpi_checksum(t->b, t->len);
}

static void
madt_header(struct table *t, uint32_t lapic_addr)
{
	header(t, "APIC");
	uint8_t fixed[8] = { 0 };
	append(t, fixed, 8);
	put(t, ACPI_SDT_HEADER_LEN, lapic_addr, 4);
	put(t, ACPI_SDT_HEADER_LEN + 4, 1, 4); /* PCAT_COMPAT: there are 8259s too */
}

static void
cpu(struct table *t, uint8_t apic_id, uint32_t flags)
{
	uint8_t e[8] = { 0, 8, apic_id, apic_id, (uint8_t)flags };
	append(t, e, 8);
}

static void
ioapic(struct table *t, uint8_t id, uint32_t addr, uint32_t gsi_base)
{
	uint8_t e[12] = { 1, 12, id, 0 };
	for (int i = 0; i < 4; i++) {
		e[4 + i] = (uint8_t)(addr >> 8 * i);
		e[8 + i] = (uint8_t)(gsi_base >> 8 * i);
	}
	append(t, e, 12);
}

static void
override(struct table *t, uint8_t irq, uint32_t gsi, uint16_t flags)
{
	uint8_t e[10] = { 2,
			  10,
			  0,
			  irq,
			  (uint8_t)gsi,
			  (uint8_t)(gsi >> 8),
			  (uint8_t)(gsi >> 16),
			  (uint8_t)(gsi >> 24),
			  (uint8_t)flags,
			  (uint8_t)(flags >> 8) };
	append(t, e, 10);
}

/* The MADT QEMU's pc machine gives one CPU, with a disabled second processor added. */
static void
qemu_madt(struct table *t)
{
	madt_header(t, 0xfee00000);
	cpu(t, 0, 1);
	cpu(t, 1, 0);
	ioapic(t, 0, 0xfec00000, 0);
	override(t, 0, 2, 0);
	override(t, 5, 5, 0xd);
	override(t, 9, 9, 0xd);
	override(t, 10, 10, 0xd);
	override(t, 11, 11, 0xd);
	uint8_t nmi[6] = { 4, 6, 0xff, 0, 0, 1 }; /* LAPIC NMI on LINT1: skipped */
	append(t, nmi, 6);
	finish(t);
}

static struct acpi_madt_info info;
static const char *why;

static bool
parse(struct table *t)
{
	why = "";
	return acpi_madt_parse(t->b, t->len, &info, &why);
}

/* Parsing must fail, with a reason that contains what. */
static void
expect_refused(struct table *t, const char *what)
{
	cr_assert_not(parse(t), "a bad table was accepted (expected: %s)", what);
	cr_assert(strstr(why, what), "reason '%s' does not mention '%s'", why, what);
}

Test(acpi_madt, qemu_table_is_parsed)
{
	struct table t;

	qemu_madt(&t);
	cr_assert(parse(&t), "refused: %s", why);
	cr_expect_eq(info.lapic_addr, 0xfee00000);
	cr_expect_eq(info.ncpus, 1, "disabled processors must not count");
	cr_expect_eq(info.cpu_apic_id[0], 0);
	cr_expect_eq(info.nioapics, 1);
	cr_expect_eq(info.ioapic[0].addr, 0xfec00000);
	cr_expect_eq(info.ioapic[0].gsi_base, 0);
	cr_assert_eq(info.noverrides, 5);
	cr_expect_eq(info.override[0].irq, 0);
	cr_expect_eq(info.override[0].gsi, 2);
	cr_expect_not(info.override[0].active_low, "conforming polarity on ISA is active high");
	cr_expect_not(info.override[0].level, "conforming trigger on ISA is edge");
	cr_expect_eq(info.override[1].irq, 5);
	cr_expect_not(info.override[1].active_low);
	cr_expect(info.override[1].level);
}

Test(acpi_madt, override_flags_are_decoded)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	ioapic(&t, 0, 0xfec00000, 0);
	override(&t, 3, 20, 0xf); /* active low, level */
	override(&t, 4, 21, 0x5); /* active high, edge, said explicitly */
	finish(&t);
	cr_assert(parse(&t), "refused: %s", why);
	cr_expect(info.override[0].active_low && info.override[0].level);
	cr_expect_eq(info.override[0].gsi, 20);
	cr_expect(!info.override[1].active_low && !info.override[1].level);
}

Test(acpi_madt, reserved_override_flags_are_refused)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	ioapic(&t, 0, 0xfec00000, 0);
	override(&t, 0, 2, 0x2); /* polarity 10b is reserved */
	finish(&t);
	expect_refused(&t, "reserved flags");
}

Test(acpi_madt, override_of_a_non_isa_irq_is_refused)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	ioapic(&t, 0, 0xfec00000, 0);
	override(&t, 16, 16, 0);
	finish(&t);
	expect_refused(&t, "not for an ISA IRQ");
}

Test(acpi_madt, two_overrides_of_one_irq_are_refused)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	ioapic(&t, 0, 0xfec00000, 0);
	override(&t, 0, 2, 0);
	override(&t, 0, 3, 0);
	finish(&t);
	expect_refused(&t, "two overrides");
}

Test(acpi_madt, bad_checksum_is_refused)
{
	struct table t;

	qemu_madt(&t);
	t.b[ACPI_SDT_HEADER_LEN + 8]++; /* the first entry's type */
	expect_refused(&t, "checksum");
}

Test(acpi_madt, wrong_signature_is_refused)
{
	struct table t;

	qemu_madt(&t);
	t.b[0] = 'X';
	finish(&t);
	expect_refused(&t, "signature");
}

Test(acpi_madt, entry_running_past_the_table_is_refused)
{
	struct table t;

	qemu_madt(&t);
	t.len -= 3; /* cut the last entry short, then make the table consistent again */
	finish(&t);
	expect_refused(&t, "past the table");
}

Test(acpi_madt, entry_of_length_0_is_refused, .timeout = 2)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	ioapic(&t, 0, 0xfec00000, 0);
	uint8_t zero[2] = { 9, 0 };
	append(&t, zero, 2);
	finish(&t);
	expect_refused(&t, "less than 2");
}

Test(acpi_madt, entry_of_length_1_is_refused, .timeout = 2)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	ioapic(&t, 0, 0xfec00000, 0);
	uint8_t one[2] = { 0, 1 };
	append(&t, one, 2);
	finish(&t);
	expect_refused(&t, "less than 2");
}

Test(acpi_madt, lone_byte_at_the_end_is_refused)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	ioapic(&t, 0, 0xfec00000, 0);
	uint8_t type = 0;
	append(&t, &type, 1);
	finish(&t);
	expect_refused(&t, "cut off");
}

Test(acpi_madt, entry_too_short_for_its_type_is_refused)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	uint8_t short_ioapic[6] = { 1, 6, 0, 0, 0, 0 };
	append(&t, short_ioapic, 6);
	ioapic(&t, 0, 0xfec00000, 0);
	finish(&t);
	expect_refused(&t, "I/O APIC entry is too short");
}

Test(acpi_madt, length_beyond_the_readable_bytes_is_refused)
{
	struct table t;

	qemu_madt(&t);
	cr_assert_not(acpi_madt_parse(t.b, t.len - 1, &info, &why));
	cr_expect(strstr(why, "too large"), "reason: %s", why);
}

Test(acpi_madt, length_shorter_than_the_header_is_refused)
{
	struct table t;

	qemu_madt(&t);
	put(&t, 4, 20, 4);
	cr_assert_not(acpi_madt_parse(t.b, sizeof(t.b), &info, &why));
	cr_expect(strstr(why, "shorter than the header"), "reason: %s", why);
}

Test(acpi_madt, table_without_an_ioapic_is_refused)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 1);
	finish(&t);
	expect_refused(&t, "no I/O APIC");
}

Test(acpi_madt, table_without_an_enabled_cpu_is_refused)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	cpu(&t, 0, 0);
	ioapic(&t, 0, 0xfec00000, 0);
	finish(&t);
	expect_refused(&t, "no enabled processor");
}

Test(acpi_madt, lapic_address_override_wins)
{
	struct table t;

	qemu_madt(&t);
	uint8_t e[12] = { 5, 12, 0, 0, 0x00, 0x00, 0xe0, 0xfe, 0x01, 0, 0, 0 };
	append(&t, e, 12);
	finish(&t);
	cr_assert(parse(&t), "refused: %s", why);
	cr_expect_eq(info.lapic_addr, 0x1fee00000ULL);
}

Test(acpi_madt, processors_past_the_limit_are_counted_not_stored)
{
	struct table t;

	madt_header(&t, 0xfee00000);
	for (int i = 0; i < ACPI_MAX_CPUS + 3; i++)
		cpu(&t, (uint8_t)i, 1);
	ioapic(&t, 0, 0xfec00000, 0);
	finish(&t);
	cr_assert(parse(&t), "refused: %s", why);
	cr_expect_eq(info.ncpus, ACPI_MAX_CPUS);
	cr_expect_eq(info.cpus_ignored, 3);
	cr_expect_eq(info.cpu_apic_id[ACPI_MAX_CPUS - 1], ACPI_MAX_CPUS - 1);
}

/* An RSDP: revision 0 (20 bytes) or 2 (36 bytes, with an XSDT address). */
static void
rsdp(struct table *t, uint8_t revision, uint32_t rsdt, uint64_t xsdt)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, "RSD PTR ", 8);
	t->b[15] = revision;
	put(t, 16, rsdt, 4);
	t->len = revision >= 2 ? ACPI_RSDP_V2_LEN : ACPI_RSDP_V1_LEN;
	if (revision >= 2) {
		put(t, 20, t->len, 4);
		put(t, 24, xsdt, 8);
	}
	t->b[8] = (uint8_t)-acpi_checksum(t->b, ACPI_RSDP_V1_LEN);
	if (revision >= 2)
		t->b[32] = (uint8_t)-acpi_checksum(t->b, t->len);
}

Test(acpi_rsdp, revision_0_points_to_the_rsdt)
{
	struct table t;
	struct acpi_rsdp_info r;

	rsdp(&t, 0, 0x7fe1000, 0);
	cr_assert(acpi_rsdp_parse(t.b, t.len, &r, &why), "refused: %s", why);
	cr_expect_eq(r.root, 0x7fe1000);
	cr_expect_eq(r.entry_size, 4);
}

Test(acpi_rsdp, revision_2_prefers_the_xsdt)
{
	struct table t;
	struct acpi_rsdp_info r;

	rsdp(&t, 2, 0x7fe1000, 0x7fe2000);
	cr_assert(acpi_rsdp_parse(t.b, t.len, &r, &why), "refused: %s", why);
	cr_expect_eq(r.root, 0x7fe2000);
	cr_expect_eq(r.entry_size, 8);
	rsdp(&t, 2, 0x7fe1000, 0);
	cr_assert(acpi_rsdp_parse(t.b, t.len, &r, &why), "refused: %s", why);
	cr_expect_eq(r.entry_size, 4, "an XSDT address of 0 means: use the RSDT");
}

Test(acpi_rsdp, bad_checksums_are_refused)
{
	struct table t;
	struct acpi_rsdp_info r;

	rsdp(&t, 0, 0x7fe1000, 0);
	t.b[16]++;
	cr_expect_not(acpi_rsdp_parse(t.b, t.len, &r, &why));
	rsdp(&t, 2, 0x7fe1000, 0x7fe2000);
	t.b[24]++; /* outside the first 20 bytes: only the extended checksum sees it */
	cr_expect_not(acpi_rsdp_parse(t.b, t.len, &r, &why));
	cr_expect(strstr(why, "extended checksum"), "reason: %s", why);
}

Test(acpi_rsdp, cut_off_or_overlong_rsdp_is_refused)
{
	struct table t;
	struct acpi_rsdp_info r;

	rsdp(&t, 0, 0x7fe1000, 0);
	cr_expect_not(acpi_rsdp_parse(t.b, ACPI_RSDP_V1_LEN - 1, &r, &why));
	rsdp(&t, 2, 0x7fe1000, 0x7fe2000);
	cr_expect_not(acpi_rsdp_parse(t.b, ACPI_RSDP_V2_LEN - 1, &r, &why));
	put(&t, 20, 4000, 4); /* a length past the readable bytes */
	cr_expect_not(acpi_rsdp_parse(t.b, 64, &r, &why));
}

Test(acpi_root, entries_of_rsdt_and_xsdt)
{
	struct table t;

	header(&t, "RSDT");
	uint8_t e4[8] = { 0x00, 0x10, 0xfe, 0x07, 0x00, 0x20, 0xfe, 0x07 };
	append(&t, e4, 8);
	finish(&t);
	cr_assert(acpi_sdt_check(t.b, t.len, "RSDT", &why), "refused: %s", why);
	cr_assert_eq(acpi_root_count(t.b, 4), 2);
	cr_expect_eq(acpi_root_entry(t.b, 4, 1), 0x7fe2000);

	header(&t, "XSDT"); /* 64-bit entries at offset 36: not 8-byte aligned */
	uint8_t e8[12] = { 0x00, 0x10, 0xfe, 0x07, 0x01, 0, 0, 0, 0xaa, 0xbb, 0xcc, 0xdd };
	append(&t, e8, 12); /* one entry and 4 stray bytes, which do not make a second one */
	finish(&t);
	cr_assert(acpi_sdt_check(t.b, t.len, "XSDT", &why), "refused: %s", why);
	cr_assert_eq(acpi_root_count(t.b, 8), 1);
	cr_expect_eq(acpi_root_entry(t.b, 8, 0), 0x107fe1000ULL);
}

Test(acpi_root, implausibly_long_table_is_refused)
{
	struct table t;

	header(&t, "RSDT");
	finish(&t);
	put(&t, 4, ACPI_MAX_TABLE_LEN + 4, 4);
	cr_assert_not(acpi_sdt_check(t.b, 1u << 30, "RSDT", &why));
	cr_expect(strstr(why, "too large"), "reason: %s", why);
}
#endif
