/*
 * Transaction logs: Marvin32, the checks of log entries and dirty
 * vectors, and the replay rules (order of two logs, eligibility, a bad
 * primary base block, the clean base block of the result).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/le.h"
#include "formats/hive_log.h"
#include "formats/regf.h"

/* Values from yarp's Marvin32, which the corpus logs' hashes match. */
static void
test_marvin32(void **state)
{
	unsigned char b[32];
	int i;

	(void)state;
	for (i = 0; i < 32; i++)
		b[i] = (unsigned char)i;
	assert_true(hp_log_marvin32(NULL, 0) == 0xb39efca403966e08ull);
	assert_true(hp_log_marvin32((const unsigned char *)"abcd", 4) ==
	    0x20094fb11a6cd086ull);
	assert_true(hp_log_marvin32(b, 32) == 0xc64feee425c2e24cull);
	assert_true(hp_log_marvin32((const unsigned char *)"a", 1) ==
	    0x21a013c726f292f4ull);
}

static void
base_block(struct hp_buf *b, uint32_t type, uint32_t seq, uint32_t hbins,
    uint64_t mtime)
{
	unsigned char *p;

	hp_buf_grow(b, 512);
	p = (unsigned char *)b->buf + b->len;
	memset(p, 0, 512);
	memcpy(p, "regf", 4);
	hp_le32_put(p + 4, seq);
	hp_le32_put(p + 8, seq);
	hp_le64_put(p + 12, mtime);
	hp_le32_put(p + 20, 1);
	hp_le32_put(p + 24, 5);
	hp_le32_put(p + 28, type);
	hp_le32_put(p + 32, 1);
	hp_le32_put(p + 36, 0x20);
	hp_le32_put(p + 40, hbins);
	hp_le32_put(p + 44, 1);
	hp_le32_put(p + 508, hp_regf_checksum(p));
	b->len += 512;
}

/* An entry of one 512-byte page of byte fill at hive bins offset off. */
static void
entry(struct hp_buf *b, uint32_t seq, uint32_t off, int fill)
{
	unsigned char *p;

	hp_buf_grow(b, 1024);
	p = (unsigned char *)b->buf + b->len;
	memset(p, 0, 1024);
	memcpy(p, "HvLE", 4);
	hp_le32_put(p + 4, 1024);
	hp_le32_put(p + 12, seq);
	hp_le32_put(p + 16, 8192);
	hp_le32_put(p + 20, 1);
	hp_le32_put(p + 40, off);
	hp_le32_put(p + 44, 512);
	memset(p + 48, fill, 512);
	hp_le64_put(p + 24, hp_log_marvin32(p + 40, 1024 - 40));
	hp_le64_put(p + 32, hp_log_marvin32(p, 32));
	b->len += 1024;
}

static void
test_entries(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_log l;

	(void)state;
	base_block(&b, 6, 7, 8192, 0);
	entry(&b, 7, 0, 'a');
	entry(&b, 8, 512, 'b');
	entry(&b, 10, 1024, 'c');		/* 9 expected: the run ends */
	hp_log_parse(&l, "x.LOG1", (unsigned char *)b.buf, b.len);
	assert_int_equal(l.format, HP_LOG_NEW);
	assert_int_equal(l.nents, 2);
	assert_string_equal(l.stop, "the next entry's sequence number does "
	    "not follow");
	hp_log_release(&l);
	b.buf[512 + 1024 + 100] ^= 1;		/* the second entry's page */
	hp_log_parse(&l, "x.LOG1", (unsigned char *)b.buf, b.len);
	assert_int_equal(l.nents, 1);
	assert_string_equal(l.stop, "an entry fails its hash check");
	hp_log_release(&l);
	hp_log_parse(&l, "x.LOG1", (unsigned char *)b.buf, 512 + 1000);
	assert_int_equal(l.nents, 0);		/* truncated in the first */
	hp_log_release(&l);
	hp_log_parse(&l, "x.LOG1", (unsigned char *)b.buf, 512 + 40);
	assert_int_equal(l.format, HP_LOG_UNUSABLE);	/* as yarp */
	b.buf[8] ^= 1;				/* sequence numbers differ */
	hp_log_parse(&l, "x.LOG1", (unsigned char *)b.buf, b.len);
	assert_int_equal(l.format, HP_LOG_UNUSABLE);
	hp_buf_release(&b);
}

/* A hp_regf_new image made dirty: sequence numbers seq + 1 and seq. */
static void
dirty_primary(struct hp_buf *img, uint32_t seq)
{
	struct hp_error e = HP_ERROR_INIT;
	unsigned char *h;

	assert_int_equal(hp_regf_new(img, "T", 100, &e), 0);
	h = (unsigned char *)img->buf;
	hp_le32_put(h + 4, seq + 1);
	hp_le32_put(h + 8, seq);
	hp_le32_put(h + 508, hp_regf_checksum(h));
}

static void
test_two_logs_in_order(void **state)
{
	struct hp_buf img = HP_BUF_INIT, a = HP_BUF_INIT, b = HP_BUF_INIT;
	struct hp_log logs[HP_LOG_SLOTS];
	struct hp_recovery r = { .why = HP_BUF_INIT };
	unsigned char *h;
	int i;

	(void)state;
	dirty_primary(&img, 5);
	/* .LOG2 holds the earlier entries (5, 6), .LOG1 the later (7). */
	base_block(&a, 6, 7, 8192, 0);
	entry(&a, 7, 1024, 'z');
	base_block(&b, 6, 5, 8192, 0);
	entry(&b, 5, 1024, 'x');
	entry(&b, 6, 512, 'y');
	hp_log_parse(&logs[0], "T.LOG", NULL, 0);
	hp_log_parse(&logs[1], "T.LOG1", (unsigned char *)a.buf, a.len);
	hp_log_parse(&logs[2], "T.LOG2", (unsigned char *)b.buf, b.len);
	hp_log_recover(&img, 1, logs, &r);
	assert_int_equal(r.applied, 6);
	assert_int_equal(r.entries, 3);
	h = (unsigned char *)img.buf;
	assert_int_equal(img.len, 4096 + 8192);
	assert_int_equal(h[4096 + 1024], 'z');	/* 7 over 5 */
	assert_int_equal(r.dummies, 0);
	assert_int_equal(h[4096 + 512], 'y');
	assert_int_equal(hp_le32(h + 4), 7);
	assert_int_equal(hp_le32(h + 8), 7);
	assert_int_equal(hp_le32(h + 40), 8192);
	assert_int_equal(hp_le32(h + 508), hp_regf_checksum(h));
	hp_buf_release(&img);

	/* Entries older than the primary do not apply. */
	dirty_primary(&img, 9);
	hp_log_recover(&img, 1, logs, &r);
	assert_int_equal(r.applied, 0);
	assert_non_null(strstr(r.why.buf, "older than the primary"));
	hp_buf_release(&img);

	/* A bad primary base block: only the latest log, and its base. */
	dirty_primary(&img, 5);
	img.buf[508] ^= 1;
	hp_log_recover(&img, 0, logs, &r);
	assert_int_equal(r.applied, 2);
	assert_int_equal(r.entries, 1);
	h = (unsigned char *)img.buf;
	assert_int_equal(hp_le32(h + 508), hp_regf_checksum(h));
	for (i = 0; i < HP_LOG_SLOTS; i++)
		hp_log_release(&logs[i]);
	hp_buf_release(&r.why);
	hp_buf_release(&img);
	hp_buf_release(&a);
	hp_buf_release(&b);
}

static void
test_old_format(void **state)
{
	struct hp_buf img = HP_BUF_INIT, b = HP_BUF_INIT;
	struct hp_log logs[HP_LOG_SLOTS];
	struct hp_recovery r = { .why = HP_BUF_INIT };
	unsigned char *h;
	int i;

	(void)state;
	base_block(&b, 1, 6, 8192, 100);
	hp_buf_grow(&b, 512 + 1024);
	memset(b.buf + 512, 0, 512);
	memcpy(b.buf + 512, "DIRT", 4);
	b.buf[516] = 0x02;			/* page 1 */
	b.buf[517] = (char)0x80;		/* page 15 */
	memset(b.buf + 1024, 'p', 512);
	memset(b.buf + 1536, 'q', 512);
	b.len = 2048;
	dirty_primary(&img, 5);
	hp_log_parse(&logs[0], "T.LOG", (unsigned char *)b.buf, b.len);
	hp_log_parse(&logs[1], "T.LOG1", NULL, 0);
	hp_log_parse(&logs[2], "T.LOG2", NULL, 0);
	assert_int_equal(logs[0].format, HP_LOG_OLD);
	hp_log_recover(&img, 1, logs, &r);
	assert_int_equal(r.applied, 1);
	assert_int_equal(r.pages, 2);
	h = (unsigned char *)img.buf;
	assert_int_equal(h[4096 + 512], 'p');
	assert_int_equal(h[4096 + 15 * 512], 'q');
	assert_int_equal(hp_le32(h + 4), 6);
	hp_log_release(&logs[0]);
	/* Cut before its last page: the pages before it apply. */
	hp_log_parse(&logs[0], "T.LOG", (unsigned char *)b.buf, 2000);
	hp_buf_release(&img);
	dirty_primary(&img, 5);
	hp_log_recover(&img, 1, logs, &r);
	assert_int_equal(r.pages, 1);
	for (i = 0; i < HP_LOG_SLOTS; i++)
		hp_log_release(&logs[i]);
	hp_buf_release(&r.why);
	hp_buf_release(&img);
	hp_buf_release(&b);
}

/* "Log entries", note 10: an invalid dirty bin becomes a dummy bin. */
static void
test_dummy_bin(void **state)
{
	struct hp_buf img = HP_BUF_INIT, a = HP_BUF_INIT;
	struct hp_log logs[HP_LOG_SLOTS];
	struct hp_recovery r = { .why = HP_BUF_INIT };
	const unsigned char *bin;
	int i;

	(void)state;
	dirty_primary(&img, 5);
	base_block(&a, 6, 5, 12288, 0);
	entry(&a, 5, 4096, 'q');	/* garbage where a bin header goes */
	hp_log_parse(&logs[0], "T.LOG", NULL, 0);
	hp_log_parse(&logs[1], "T.LOG1", (unsigned char *)a.buf, a.len);
	hp_log_parse(&logs[2], "T.LOG2", NULL, 0);
	hp_log_recover(&img, 1, logs, &r);
	assert_int_equal(r.entries, 1);
	assert_int_equal(r.dummies, 1);
	bin = (const unsigned char *)img.buf + 4096 + 4096;
	assert_memory_equal(bin, "hbin", 4);
	assert_int_equal(hp_le32(bin + 4), 4096);
	assert_int_equal(hp_le32(bin + 8), 4096);
	assert_int_equal(hp_le32(bin + 32), 4096 - 32);	/* one free cell */
	assert_int_equal(bin[600], 0);
	/* Bins no log touched are left as they are: the walk stops. */
	assert_int_equal(img.buf[4096 + 8192 + 1], 0);
	for (i = 0; i < HP_LOG_SLOTS; i++)
		hp_log_release(&logs[i]);
	hp_buf_release(&r.why);
	hp_buf_release(&img);
	hp_buf_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marvin32),
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_two_logs_in_order),
		cmocka_unit_test(test_old_format),
		cmocka_unit_test(test_dummy_bin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
