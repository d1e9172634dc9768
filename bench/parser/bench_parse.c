/*
 * bench_parse: time and memory per parse over a corpus of instructions.
 *
 *   bench_parse CORPUS.jsonl [ROUNDS]
 *
 * Parses every instruction of the corpus ROUNDS times (default 200) in one
 * thread, timing each parse with CLOCK_MONOTONIC, and prints the median,
 * p90, p99 and max microseconds per parse, parses per second, and the
 * largest heap use of a parse relative to its input (jansson allocations
 * counted through its allocator hooks, plus the tokenizer's arrays).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "plan/lex.h"
#include "plan/parse.h"

static size_t live, peak;

static void *count_malloc(size_t n)
{
    size_t *p = malloc(n + sizeof(size_t));
    if (!p)
        return NULL;
    *p = n;
    live += n;
    if (live > peak)
        peak = live;
    return p + 1;
}

static void count_free(void *q)
{
    if (!q)
        return;
    size_t *p = (size_t *)q - 1;
    live -= *p;
    free(p);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_parse CORPUS.jsonl [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 200; /* bench tool: input trusted */
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    char **texts = NULL;
    size_t n = 0, cap = 0;
    char line[65536];
    while (fgets(line, sizeof line, f)) {
        json_t *j = json_loads(line, 0, NULL);
        const char *ins = json_string_value(json_object_get(j, "instruction"));
        if (ins) {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                texts = realloc(texts, cap * sizeof *texts);
            }
            texts[n++] = strdup(ins);
        }
        json_decref(j);
    }
    fclose(f);
    json_set_alloc_funcs(count_malloc, count_free);
    size_t total = n * (size_t)rounds;
    double *us = malloc(total * sizeof *us);
    double worst_ratio = 0;
    size_t worst_len = 0, worst_bytes = 0, ok = 0;
    size_t k = 0;
    int64_t t0 = clock_mono_ns();
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(texts[i]);
            peak = live = 0;
            struct err e = ERR_INIT;
            json_t *plan = NULL;
            int64_t s = clock_mono_ns();
            int rc = plan_parse(texts[i], len, &plan, NULL, &e);
            int64_t d = clock_mono_ns() - s;
            us[k++] = (double)d / 1000.0;
            if (r == 0) {
                /* Memory: jansson's peak plus the tokenizer's arrays. */
                struct lex *lx = lex_new(texts[i], len, PLAN_MAX_INSTRUCTIONS);
                size_t bytes = peak + (lx ? lex_bytes(lx) : 0);
                lex_free(lx);
                double ratio = (double)bytes / (double)(len ? len : 1);
                if (ratio > worst_ratio) {
                    worst_ratio = ratio;
                    worst_len = len;
                    worst_bytes = bytes;
                }
                ok += rc == 0;
            }
            json_decref(plan);
            err_clear(&e);
        }
    }
    double wall = (double)(clock_mono_ns() - t0) / 1e9;
    qsort(us, total, sizeof *us, cmp);
    printf("corpus: %s (%zu instructions, %zu parse)\n", argv[1], n, ok);
    printf("parses: %zu in %.2f s = %.0f parses/s (one thread)\n", total,
           wall, (double)total / wall);
    printf("per parse: median %.2f us, p90 %.2f us, p99 %.2f us, max %.2f us\n",
           us[total / 2], us[total * 90 / 100], us[total * 99 / 100],
           us[total - 1]);
    printf("memory: at most %.0f bytes per input byte (%zu bytes for a "
           "%zu-byte instruction)\n",
           worst_ratio, worst_bytes, worst_len);
    free(us);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    return 0;
}
