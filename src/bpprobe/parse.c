/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Reading the peers' solution files exactly (kdigits/bpprobe.h): every
   number a peer prints is taken as the rational it denotes, so that the
   judgement is of the answer the peer gave, not of a rounding of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "kdigits/real.h"

/* The decimal string s (as printed by a solver) exactly. */
static int
parse_decimal(fmpq_t q, const char * s)
{
    kd_real_t r;
    int ok;
    kd_real_init(r);
    ok = kd_real_set_decimal(r, s) == KD_OK && kd_real_get_fmpq(q, r);
    kd_real_clear(r);
    kd_error_clear();
    return ok;
}

/* The next line of text after the one starting at line, or NULL. */
static const char *
next_line(const char * line)
{
    const char * e = strchr(line, '\n');
    return e ? e + 1 : NULL;
}

/* Whether the line starting at s contains c. */
static int
line_has(const char * s, char c)
{
    for (; *s && *s != '\n'; s++)
        if (*s == c)
            return 1;
    return 0;
}

/* x_j += q for column u_j, x_j -= q for v_j (col = 2j + 1 or 2j + 2,
   counting from 1). */
static void
add_column(fmpq_mat_t x, long col, const fmpq_t q)
{
    fmpq * e = fmpq_mat_entry(x, (col - 1) / 2, 0);
    if ((col - 1) % 2 == 0)
        fmpq_add(e, e, q);
    else
        fmpq_sub(e, e, q);
}

/* The rest of a "c Status:" line, trimmed. */
static char *
status_word(const char * a)
{
    const char * e;
    size_t l;
    char * s;
    while (*a == ' ' || *a == '\t')
        a++;
    e = strchr(a, '\n');
    l = e ? (size_t) (e - a) : strlen(a);
    while (l > 0 && (a[l - 1] == ' ' || a[l - 1] == '\r'))
        l--;
    s = malloc(l + 1);
    if (s != NULL)
    {
        memcpy(s, a, l);
        s[l] = '\0';
    }
    return s;
}

/* glpsol's solution file (GLPK 5 "-w" format): "c Status: ..." and
   "s bas|ipt ...", then "j COL [STAT] PRIM DUAL" per column. */
static void
read_glpk(kd_bp_peer_result_t r, const char * text, slong N)
{
    const char * line;
    int kind = 0;   /* 1 bas, 2 ipt */
    slong got = 0;
    fmpq_t q;
    char tok[5][128];
    fmpq_init(q);
    for (line = text; line && *line; line = next_line(line))
    {
        if (strncmp(line, "c Status:", 9) == 0)
        {
            free(r->claim);
            r->claim = status_word(line + 9);
        }
        else if (strncmp(line, "s bas", 5) == 0)
            kind = 1;
        else if (strncmp(line, "s ipt", 5) == 0)
            kind = 2;
        else if (line[0] == 'j' && line[1] == ' ' && kind != 0)
        {
            long col;
            int n = sscanf(line, "%4s %127s %127s %127s %127s", tok[0], tok[1], tok[2], tok[3], tok[4]);
            const char * prim = kind == 1 ? tok[3] : tok[2];
            if (n < (kind == 1 ? 5 : 4) || sscanf(tok[1], "%ld", &col) != 1 || col < 1
                || col > 2 * N || !parse_decimal(q, prim))
            {
                _kd_bp_peer_fail(r, "unreadable solution",
                                 "glpsol's solution file has an unexpected line");
                fmpq_clear(q);
                return;
            }
            add_column(&r->x, col, q);
            got++;
        }
    }
    fmpq_clear(q);
    if (r->claim == NULL)
        r->claim = _kd_bp_strdup("(none)");
    if (got != 2 * N)
    {
        _kd_bp_peer_fail(r, r->claim, "glpsol's solution file does not list every column");
        return;
    }
    r->claimed_optimal = strcmp(r->claim, "OPTIMAL") == 0;
    r->status = KD_BP_PEER_OK;
}

/* One "name = p/q" line of esolver's VARS section into r->x; 0 (and r
   FAILED) when it cannot be read. */
static int
read_esolver_var(kd_bp_peer_result_t r, const char * line, slong N, fmpq_t q)
{
    char name[64], val[8192];
    long j;
    char uv;
    const char * eq = strchr(line, '=');
    const char * e = strchr(line, '\n');
    size_t vl;
    if (sscanf(line, "%63s", name) != 1 || sscanf(name, "%c%ld", &uv, &j) != 2
        || (uv != 'u' && uv != 'v') || j < 1 || j > N || eq == NULL)
    {
        _kd_bp_peer_fail(r, "unreadable solution", "esolver's solution file has an unexpected line");
        return 0;
    }
    eq++;
    while (*eq == ' ')
        eq++;
    vl = e ? (size_t) (e - eq) : strlen(eq);
    if (vl >= sizeof val)
    {
        _kd_bp_peer_fail(r, "unreadable solution", "esolver printed a value too long to read");
        return 0;
    }
    memcpy(val, eq, vl);
    val[vl] = '\0';
    while (vl > 0 && (val[vl - 1] == ' ' || val[vl - 1] == '\r'))
        val[--vl] = '\0';
    if (fmpq_set_str(q, val, 10) != 0)
    {
        _kd_bp_peer_fail(r, "unreadable solution", "esolver printed a value that is not p/q");
        return 0;
    }
    fmpq_canonicalise(q);
    add_column(&r->x, 2 * j - (uv == 'u'), q);
    return 1;
}

/* esolver's -O file: "status WORD", then "VARS:" with "name = p/q" lines
   for the non-zero variables, up to the next "WORD:" header. */
static void
read_esolver(kd_bp_peer_result_t r, const char * text, slong N)
{
    const char * line;
    int invars = 0;
    fmpq_t q;
    fmpq_init(q);
    for (line = text; line && *line; line = next_line(line))
    {
        char w[64];
        if (strncmp(line, "status ", 7) == 0 && line[7] != '=')
        {
            if (sscanf(line + 7, "%63s", w) == 1)
            {
                free(r->claim);
                r->claim = _kd_bp_strdup(w);
            }
        }
        else if (strncmp(line, "VARS:", 5) == 0)
            invars = 1;
        else if (invars && !line_has(line, '='))
            invars = 0;
        else if (invars && !read_esolver_var(r, line, N, q))
        {
            fmpq_clear(q);
            return;
        }
    }
    fmpq_clear(q);
    if (r->claim == NULL)
    {
        _kd_bp_peer_fail(r, "unreadable solution", "esolver's solution file has no status line");
        return;
    }
    r->claimed_optimal = strcmp(r->claim, "OPTIMAL") == 0;
    r->status = r->claimed_optimal ? KD_BP_PEER_OK : KD_BP_PEER_FAILED;
}

void
kd_bp_peer_parse(kd_bp_peer_result_t r, kd_bp_peer p, const char * text, slong N)
{
    free(r->claim);
    free(r->reason);
    r->claim = r->reason = NULL;
    r->peer = p;
    r->status = KD_BP_PEER_FAILED;
    r->claimed_optimal = 0;
    if (fmpq_mat_nrows(&r->x) != N || fmpq_mat_ncols(&r->x) != 1)
    {
        fmpq_mat_clear(&r->x);
        fmpq_mat_init(&r->x, N, 1);
    }
    fmpq_mat_zero(&r->x);
    if (kd_bp_peer_reads_double(p))
        read_glpk(r, text, N);
    else
        read_esolver(r, text, N);
}
