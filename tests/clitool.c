/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Test helper for tests/cli.sh, so the CLI tests need no python:
     clitool json PATH         stdin JSON -> the value at a dotted path
     clitool dyadic P/Q        exit 0 iff Q is a power of two
     clitool within P/Q N EXPR exit 0 iff |P/Q - EXPR| <= 2^-N, proved by a
                               ball evaluation at 4N + 64 bits
   Exit 1 on failure (3 for a missing JSON path). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "kdigits/kdigits.h"

static int
json_get(const char * p)
{
    json_error_t err;
    json_t * root = json_loadf(stdin, 0, &err), * j;
    char * path, * tok;

    if (root == NULL)
    {
        fprintf(stderr, "clitool: invalid JSON at line %d: %s\n", err.line, err.text);
        return 1;
    }
    path = malloc(strlen(p) + 1);
    strcpy(path, p);
    j = root;
    for (tok = strtok(path, "."); tok != NULL && j != NULL; tok = strtok(NULL, "."))
        j = json_is_array(j) ? json_array_get(j, (size_t) atol(tok)) : json_object_get(j, tok);
    free(path);
    if (j == NULL)
    {
        json_decref(root);
        return 3;
    }
    if (json_is_string(j))
        printf("%s\n", json_string_value(j));
    else if (json_is_integer(j))
        printf("%lld\n", (long long) json_integer_value(j));
    else if (json_is_boolean(j))
        printf("%s\n", json_is_true(j) ? "true" : "false");
    else
    {
        char * s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
        printf("%s\n", s ? s : "?");
        free(s);
    }
    json_decref(root);
    return 0;
}

static int
get_q(fmpq_t q, const char * s)
{
    return fmpq_set_str(q, s, 10) == 0 && !fmpz_is_zero(fmpq_denref(q));
}

int
main(int argc, char ** argv)
{
    int r = 1;
    fmpq_t q;
    if (argc == 3 && strcmp(argv[1], "json") == 0)
        return json_get(argv[2]);
    fmpq_init(q);
    if (argc == 3 && strcmp(argv[1], "dyadic") == 0)
    {
        if (get_q(q, argv[2]))
        {
            const fmpz * d = fmpq_denref(q);
            r = ((slong) fmpz_val2(d) == (slong) fmpz_bits(d) - 1) ? 0 : 1;
        }
    }
    else if (argc == 5 && strcmp(argv[1], "within") == 0)
    {
        slong n = atol(argv[3]);
        kd_real_t x;
        arb_t b;
        kd_real_init(x);
        arb_init(b);
        if (get_q(q, argv[2]) && kd_real_parse(x, argv[4]) == KD_OK
            && kd_real_eval_arb(b, x, 4 * n + 64) == KD_OK)
        {
            arb_t t;
            arf_t u;
            arb_init(t);
            arf_init(u);
            arb_set_fmpq(t, q, 4 * n + 64 + fmpz_bits(fmpq_denref(q)) + fmpz_bits(fmpq_numref(q)));
            arb_sub(t, t, b, 8 * n + 128);
            arb_get_abs_ubound_arf(u, t, 64);
            r = arf_cmp_2exp_si(u, -n) <= 0 ? 0 : 1;
            arb_clear(t);
            arf_clear(u);
        }
        kd_real_clear(x);
        arb_clear(b);
    }
    else
        fprintf(stderr, "usage: clitool json PATH | dyadic P/Q | within P/Q N EXPR\n");
    fmpq_clear(q);
    flint_cleanup();
    return r;
}
