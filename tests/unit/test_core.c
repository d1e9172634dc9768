/* Unit tests: buf, str, clock, err, jsonx, ratelimit. */
#include "testutil.h"

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "core/ratelimit.h"
#include "core/str.h"

static void buf_grows_up_to_its_cap(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 10);
    assert_string_equal(buf_cstr(&b), "");
    assert_int_equal(buf_puts(&b, "hello"), 0);
    assert_int_equal(buf_printf(&b, "%d", 12345), 0);
    assert_string_equal(buf_cstr(&b), "hello12345");
    /* One more byte crosses the cap; the buffer is left as it was. */
    assert_int_equal(buf_putc(&b, 'x'), -1);
    assert_string_equal(buf_cstr(&b), "hello12345");
    assert_int_equal(b.len, 10);
    char *s = buf_steal(&b);
    assert_string_equal(s, "hello12345");
    free(s);
    assert_null(b.data);
    buf_fini(&b);
    /* Byte by byte (buf_putc's inline path) up to the cap and no further. */
    buf_init(&b, 3);
    assert_int_equal(buf_putc(&b, 'a'), 0);
    assert_int_equal(buf_putc(&b, 'b'), 0);
    assert_int_equal(buf_putc(&b, 'c'), 0);
    assert_int_equal(buf_putc(&b, 'd'), -1);
    assert_string_equal(buf_cstr(&b), "abc");
    buf_reset(&b);
    assert_int_equal(buf_putc(&b, 'z'), 0);
    assert_string_equal(buf_cstr(&b), "z");
    buf_fini(&b);
}

static void buf_printf_long(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    char big[1000];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(buf_printf(&b, "<%s>", big), 0);
    assert_int_equal(b.len, 1001);
    buf_fini(&b);
}

static void buf_json_escapes(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    const char *s = "a\"b\\c\nd\x01";
    buf_json_escape(&b, s, strlen(s));
    assert_string_equal(buf_cstr(&b), "a\\\"b\\\\c\\nd\\u0001");
    buf_fini(&b);
}

static void str_numbers_are_strict(void **state)
{
    (void)state;
    int64_t i;
    double d;
    assert_int_equal(str_parse_i64("42", &i), 0);
    assert_int_equal(i, 42);
    assert_int_equal(str_parse_i64("-7", &i), 0);
    assert_int_equal(str_parse_i64(" 42", &i), -1);
    assert_int_equal(str_parse_i64("42x", &i), -1);
    assert_int_equal(str_parse_i64("", &i), -1);
    assert_int_equal(str_parse_i64("99999999999999999999", &i), -1);
    assert_int_equal(str_parse_double("1.5e3", &d), 0);
    assert_true(d == 1500.0);
    assert_int_equal(str_parse_double("inf", &d), -1);
    assert_int_equal(str_parse_double("0x10", &d), -1);
    assert_int_equal(str_parse_double("1e400", &d), -1);
}

static void str_utf8(void **state)
{
    (void)state;
    assert_true(str_utf8_valid("héllo €", strlen("héllo €")));
    assert_false(str_utf8_valid("\xff", 1));
    assert_false(str_utf8_valid("\xc0\xaf", 2));         /* overlong */
    assert_false(str_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
    assert_false(str_utf8_valid("\xe2\x82", 2));         /* truncated */
    assert_true(str_utf8_valid("\xf0\x9f\x98\x80", 4));  /* emoji */
}

static void str_emails(void **state)
{
    (void)state;
    assert_true(str_email_valid("john@acme.com"));
    assert_true(str_email_valid("j.o+x@sub.acme.io"));
    assert_false(str_email_valid("john"));
    assert_false(str_email_valid("john@acme"));
    assert_false(str_email_valid("jo hn@acme.com"));
    assert_false(str_email_valid("a@b@c.com"));
    assert_false(str_email_valid("@acme.com"));
    assert_false(str_email_valid("john@acme..com"));
    assert_false(str_email_valid(NULL));
}

static void str_value_keys(void **state)
{
    (void)state;
    char a[64], b[64];
    const char *us[] = {"US", "usa", "U.S.A.", " United States ",
                        "united states of america", "America"};
    for (size_t i = 0; i < sizeof us / sizeof *us; i++)
        assert_string_equal(str_value_key(STR_KEY_COUNTRY, us[i], a, sizeof a),
                            "united states");
    assert_string_equal(str_value_key(STR_KEY_COUNTRY, "UK", a, sizeof a),
                        str_value_key(STR_KEY_COUNTRY, "Great Britain", b,
                                      sizeof b));
    assert_string_equal(str_value_key(STR_KEY_COUNTRY, "Holland", a,
                                      sizeof a),
                        "netherlands");
    /* any other name is itself, in lower case (a part is not the whole);
     * cities by their short names and without accents; a short name of
     * one kind is no other's ("LA" is a city only) */
    static const struct {
        enum str_key_kind kind;
        const char *in, *want;
    } keys[] = {
        {STR_KEY_COUNTRY, "England", "england"},
        {STR_KEY_COUNTRY, "", ""},
        {STR_KEY_CITY, "NYC", "new york"},
        {STR_KEY_CITY, "Z\xc3\xbcrich", "zurich"},
        {STR_KEY_CITY, "M\xc3\xbcnchen", "munich"},
        {STR_KEY_CITY, "S\xc3\xa3o Paulo", "sao paulo"},
        {STR_KEY_COUNTRY, "LA", "la"},
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        assert_string_equal(
            str_value_key(keys[i].kind, keys[i].in, a, sizeof a),
            keys[i].want);
    /* sources: no plural */
    assert_string_equal(str_value_key(STR_KEY_SOURCE, "Trade Shows", a,
                                      sizeof a),
                        str_value_key(STR_KEY_SOURCE, "trade show", b,
                                      sizeof b));
    assert_string_equal(str_value_key(STR_KEY_SOURCE, "Google Ads", a,
                                      sizeof a),
                        str_value_key(STR_KEY_SOURCE, "google ad", b,
                                      sizeof b));
    assert_int_equal(str_key_kind_of("contact.country"), STR_KEY_COUNTRY);
    assert_int_equal(str_key_kind_of("@company.country"), STR_KEY_COUNTRY);
    assert_int_equal(str_key_kind_of("contact.city"), STR_KEY_CITY);
    assert_int_equal(str_key_kind_of("contact.title"), -1);
    /* cut to the buffer, never over it, nor in a folded letter */
    char tiny[4];
    assert_string_equal(str_value_key(STR_KEY_CITY, "Germany", tiny,
                                      sizeof tiny),
                        "ger");
    assert_string_equal(str_value_key(STR_KEY_CITY, "\xc3\x9f\xc3\x9f", tiny,
                                      sizeof tiny),
                        "sss");
}

static void str_case_and_b64(void **state)
{
    (void)state;
    assert_non_null(str_find_ci("Hello World", "WORLD"));
    assert_null(str_find_ci("Hello", "xyz"));
    assert_string_equal(str_find_ci("VP Bench", ""), "VP Bench");
    assert_string_equal(str_find_ci("aaaB tail", "AAB"), "aaB tail");
    assert_string_equal(str_find_ci("Head of Sales", "of s"), "of Sales");
    assert_null(str_find_ci("CE", "CEO"));
    assert_null(str_find_ci("", "a"));
    assert_string_equal(str_find_ci("Gr\xc3\xbc\xc3\x9f" "e", "\xc3\xbc"),
                        "\xc3\xbc\xc3\x9f" "e");
    assert_null(str_find_ci("a[b", "A]"));
    assert_true(str_eq_ci("CEO", "ceo"));
    unsigned char raw[5] = {1, 2, 250, 251, 0};
    char *s = str_b64url_encode(raw, 5);
    unsigned char back[8];
    assert_int_equal(str_b64url_decode(s, back, sizeof back), 5);
    assert_memory_equal(raw, back, 5);
    free(s);
    assert_int_equal(str_b64url_decode("!!", back, sizeof back), -1);
    char small[4];
    str_copy(small, sizeof small, "running");
    assert_string_equal(small, "run");
    str_copy(small, sizeof small, "ok");
    assert_string_equal(small, "ok");
    str_copy(small, sizeof small, NULL);
    assert_string_equal(small, "");
}

static void clock_iso_roundtrip(void **state)
{
    (void)state;
    char iso[40];
    clock_format_iso(0, iso, sizeof iso);
    assert_string_equal(iso, "1970-01-01T00:00:00.000Z");
    int64_t ms;
    assert_int_equal(clock_parse_iso("2024-02-29T12:34:56.789Z", &ms), 0);
    clock_format_iso(ms, iso, sizeof iso);
    assert_string_equal(iso, "2024-02-29T12:34:56.789Z");
    assert_int_equal(clock_parse_iso("2026-11-21", &ms), 0);
    clock_format_iso(ms, iso, sizeof iso);
    assert_string_equal(iso, "2026-11-21T00:00:00.000Z");
    assert_int_equal(clock_parse_iso("2026-11-21T10:00:00+02:00", &ms), 0);
    clock_format_iso(ms, iso, sizeof iso);
    assert_string_equal(iso, "2026-11-21T08:00:00.000Z");
    assert_int_equal(clock_parse_iso("2023-02-29", &ms), -1);
    assert_int_equal(clock_parse_iso("2026-13-01", &ms), -1);
    assert_int_equal(clock_parse_iso("2026-11-21T25:00", &ms), -1);
    assert_int_equal(clock_parse_iso("yesterday", &ms), -1);
    clock_format_iso(-1, iso, sizeof iso);
    assert_string_equal(iso, "1969-12-31T23:59:59.999Z");
}

static void clock_scaled(void **state)
{
    (void)state;
    clock_init(1000.0, 1000000);
    int64_t a = clock_now_ms();
    assert_true(a >= 1000000 && a < 1000000 + 5000);
    assert_int_equal(clock_to_real_ms(5000), 5);
    assert_int_equal(clock_to_real_ms(5001), 6);
    assert_int_equal(clock_from_real_ms(3), 3000);
    clock_init(1.0, 0);
    assert_int_equal(clock_to_real_ms(5000), 5000);
}

static void err_table_and_json(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    int rc = err_set(&e, E_VALIDATION, "Field '%s' is bad", "x");
    assert_int_equal(rc, -E_VALIDATION);
    assert_int_equal(err_code_of(rc), E_VALIDATION);
    assert_int_equal(err_http_status(E_VALIDATION), 422);
    assert_int_equal(err_http_status(E_TOO_LARGE), 413);
    /* Every code maps to its status and back (answers kept by status). */
    for (int c = E_OK + 1; c < E__COUNT; c++)
        assert_int_equal(err_code_of_http(err_http_status((enum err_code)c)),
                         c);
    assert_int_equal(err_code_of_http(418), E_INTERNAL);
    err_detail_str(&e, "field", "x");
    err_prefix(&e, "steps[%d]: ", 2);
    json_t *j = err_to_json(&e);
    json_t *inner = json_object_get(j, "error");
    assert_string_equal(jx_str(inner, "code"), "validation_failed");
    assert_string_equal(jx_str(inner, "message"), "steps[2]: Field 'x' is bad");
    assert_string_equal(jx_str(json_object_get(inner, "details"), "field"),
                        "x");
    json_decref(j);
    err_clear(&e);
    assert_int_equal(e.code, E_OK);
    assert_int_equal(err_code_of(-999), E_INTERNAL);
}

static void jsonx_parse_limits(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    json_t *v;
    assert_int_equal(jx_parse("{\"a\":1}", 7, 8, &v, &e), 0);
    json_decref(v);
    assert_int_equal(jx_parse("[[[1]]]", 7, 2, &v, &e), -E_BAD_REQUEST);
    assert_non_null(strstr(e.msg, "deeper"));
    assert_int_equal(jx_parse("{\"a\":1,\"a\":2}", 13, 8, &v, &e),
                     -E_BAD_REQUEST);
    assert_int_equal(jx_parse("{\"a\":\"\xff\"}", 9, 8, &v, &e),
                     -E_BAD_REQUEST);
    assert_non_null(strstr(e.msg, "UTF-8"));
    assert_int_equal(jx_parse("", 0, 8, &v, &e), -E_BAD_REQUEST);
    /* A NUL in a string: said in our words, not jansson's flag name. */
    assert_int_equal(jx_parse("{\"a\":\"\\u0000\"}", 14, 8, &v, &e),
                     -E_BAD_REQUEST);
    assert_non_null(strstr(e.msg, "a NUL character"));
    assert_null(strstr(e.msg, "JSON_ALLOW_NUL"));
    /* Brackets inside strings do not count as nesting. */
    assert_int_equal(jx_parse("[\"[[[[\"]", 8, 2, &v, &e), 0);
    json_decref(v);
    err_clear(&e);
}

/* jx_load() gives jansson's answer for any text, and its fast reader
 * reads what our writer writes. Compared on hand-picked texts, on random
 * values written by jx_dump() and by jansson, and on those texts with a
 * byte changed. */
static void same_as_jansson(const char *text, size_t *subset_hits)
{
    json_t *want = json_loads(text, JSON_DECODE_ANY, NULL);
    json_t *got = jx_load(text);
    json_t *fast = jx_load_subset(text);
    if (!want != !got || (want && !json_equal(want, got)))
        fail_msg("jx_load differs from jansson on: %s", text);
    if (fast && (!want || !json_equal(want, fast)))
        fail_msg("the fast reader differs from jansson on: %s", text);
    if (fast && subset_hits)
        (*subset_hits)++;
    json_decref(want);
    json_decref(got);
    json_decref(fast);
}

static uint64_t rnd_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

static json_t *random_value(int depth, bool reals)
{
    static const char *pieces[] = {"a",  "Zz", " ",  "\"", "\\",   "/",
                                   "\n", "\t", "\x01", "\x1f", "é", "→",
                                   "😀", "\x7f", "{}", "[,]", ":"};
    int kind = (int)(rnd() % (depth > 4 ? 5 : 7));
    switch (kind) {
    case 0:
        return json_null();
    case 1:
        return json_boolean(rnd() & 1);
    case 2: {
        int64_t v = (int64_t)rnd();
        if (rnd() & 1)
            v %= 1000;
        return json_integer(v);
    }
    case 3:
        if (reals)
            return json_real((double)(int64_t)rnd() / 1e6);
        return json_integer(-(int64_t)(rnd() % 100));
    case 4: {
        char s[128] = "";
        int n = (int)(rnd() % 6);
        for (int i = 0; i < n; i++)
            strcat(s, pieces[rnd() % (sizeof pieces / sizeof *pieces)]);
        return json_string(s);
    }
    case 5: {
        json_t *a = json_array();
        int n = (int)(rnd() % 4);
        for (int i = 0; i < n; i++)
            json_array_append_new(a, random_value(depth + 1, reals));
        return a;
    }
    default: {
        json_t *o = json_object();
        int n = (int)(rnd() % 4);
        for (int i = 0; i < n; i++) {
            char k[8];
            snprintf(k, sizeof k, "k%d\"%c", (int)(rnd() % 5),
                     (char)('a' + rnd() % 3));
            json_object_set_new(o, k, random_value(depth + 1, reals));
        }
        return o;
    }
    }
}

/* Reals are written in the fewest digits that read back the same. */
static void jsonx_writes_short_reals(void **state)
{
    (void)state;
    static const struct {
        double d;
        const char *text;
    } cases[] = {{9.9, "9.9"},     {0.1, "0.1"},         {350000, "350000.0"},
                 {-2.5, "-2.5"},   {1e300, "1e+300"},    {1.0 / 3, NULL},
                 {99.95, "99.95"}, {123456789.125, "123456789.125"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *v = json_real(cases[i].d);
        char *s = jx_dump(v);
        if (cases[i].text)
            assert_string_equal(s, cases[i].text);
        assert_true(strtod(s, NULL) == cases[i].d);
        free(s);
        json_decref(v);
    }
}

static void jsonx_load_matches_jansson(void **state)
{
    (void)state;
    static const char *texts[] = {
        "{}", "[]", " { \"a\" : [1, -2, 0, -0, true, false, null] } ",
        /* keys of 63 and 64 bytes: the reader's stack copy and heap copy */
        "{\"k23456789012345678901234567890123456789012345678901234567890123\": 1, "
        "\"k234567890123456789012345678901234567890123456789012345678901234\": "
        "{\"k23456789012345678901234567890123456789012345678901234567890123\": 2}}",
        "\"x\"", "12", "-9223372036854775808", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "01", "-", "1.5", "1e3", "2E-1", "-0.0",
        "\"\\u0041\\u00e9\\u20ac\"", "\"\\u0000\"", "\"\\ud83d\\ude00\"",
        "\"\\uZZZZ\"", "\"a\\qb\"", "\"tab\there\"", "\"\xc3\xa9\"",
        "\"\xc3\"", "\"\xed\xa0\x80\"", "\"\xe2\x82\"", "{\"a\":1,\"a\":2}",
        "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{1:2}", "[", "]", "",
        "   ", "nul", "truex", "[true false]", "{} {}", "[\"\\/\\b\\f\"]",
        "{\"\\u0000\":1}", "{\"k\\\"q\":{\"n\":[[[]]]}}", "\"\\\"",
        "[1,\n\t2]\r\n",
    };
    size_t hits = 0;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        same_as_jansson(texts[i], &hits);
    /* Deep nesting: past the fast reader's limit jansson reads it. */
    char deep[400];
    memset(deep, '[', 150);
    memset(deep + 150, ']', 150);
    deep[300] = '\0';
    same_as_jansson(deep, NULL);
    assert_null(jx_load_subset(deep));

    hits = 0;
    size_t ours = 0;
    for (int i = 0; i < 3000; i++) {
        bool reals = i % 3 == 0;
        json_t *v = random_value(0, reals);
        char *a = jx_dump(v);
        char *b = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        size_t before = hits;
        same_as_jansson(a, &hits);
        if (!reals) {
            /* Without reals, everything our writer writes is read fast. */
            assert_int_equal(hits, before + 1);
            ours++;
        }
        same_as_jansson(b, NULL);
        /* The same texts with one byte changed, removed or cut short. */
        size_t n = strlen(a);
        char *m = strdup(a);
        size_t at = (size_t)(rnd() % n);
        static const char bytes[] = "\"\\{}[],:0-9eE. \x01\x80\xc3tfn";
        m[at] = bytes[rnd() % (sizeof bytes - 1)];
        same_as_jansson(m, NULL);
        memmove(m + at, m + at + 1, n - at);
        same_as_jansson(m, NULL);
        m[at] = '\0';
        same_as_jansson(m, NULL);
        free(m);
        free(a);
        free(b);
        json_decref(v);
    }
    assert_true(ours > 1000);
}

static void jsonx_accessors(void **state)
{
    (void)state;
    json_t *o = json_pack("{s:s, s:i, s:f, s:b}", "s", "x", "i", 5, "f", 2.0,
                          "b", 1);
    int64_t n;
    assert_string_equal(jx_str(o, "s"), "x");
    assert_null(jx_str(o, "i"));
    assert_int_equal(jx_int(o, "i", &n), 0);
    assert_int_equal(n, 5);
    assert_int_equal(jx_int(o, "f", &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(jx_int(o, "s", &n), -1);
    assert_true(jx_bool(o, "b", false));
    assert_false(jx_bool(o, "nope", false));
    json_decref(o);
    json_t *s = jx_string("ok\xff");
    assert_string_equal(json_string_value(s), "ok\xEF\xBF\xBD");
    json_decref(s);
}

static void ratelimit_windows(void **state)
{
    (void)state;
    struct ratelimit *rl = ratelimit_new(3, 1000);
    int retry = 0;
    for (int i = 0; i < 3; i++)
        assert_true(ratelimit_hit(rl, "k", 10000, &retry));
    assert_false(ratelimit_hit(rl, "k", 10500, &retry));
    assert_int_equal(retry, 1);
    assert_true(ratelimit_hit(rl, "other", 10500, &retry));
    /* A sliding window: a burst counts for a whole window_ms after it,
     * whatever the clock's round numbers. */
    assert_false(ratelimit_hit(rl, "k", 10999, &retry));
    assert_int_equal(retry, 1);
    for (int i = 0; i < 3; i++)
        assert_true(ratelimit_hit(rl, "k", 11000 + i, &retry));
    assert_false(ratelimit_hit(rl, "k", 11500, &retry));
    assert_true(ratelimit_hit(rl, "k", 13000, &retry)); /* long after */
    /* Many keys never grow the table. */
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "key-%d", i);
        ratelimit_hit(rl, key, 20000, NULL);
    }
    ratelimit_free(rl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_grows_up_to_its_cap),
        cmocka_unit_test(buf_printf_long),
        cmocka_unit_test(buf_json_escapes),
        cmocka_unit_test(str_numbers_are_strict),
        cmocka_unit_test(str_utf8),
        cmocka_unit_test(str_emails),
        cmocka_unit_test(str_case_and_b64),
        cmocka_unit_test(str_value_keys),
        cmocka_unit_test(clock_iso_roundtrip),
        cmocka_unit_test(clock_scaled),
        cmocka_unit_test(err_table_and_json),
        cmocka_unit_test(jsonx_parse_limits),
        cmocka_unit_test(jsonx_writes_short_reals),
        cmocka_unit_test(jsonx_load_matches_jansson),
        cmocka_unit_test(jsonx_accessors),
        cmocka_unit_test(ratelimit_windows),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
