/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Candidate lists and their readers: Matrix Market, JSON arrays, plain text
   and CSV (kdigits/candidate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kdigits/candidate.h"
#include "kdigits/mtx.h"
#include "kdigits/util.h"

/* Longest entry accepted in a text, CSV or JSON file. */
#define TOKEN_MAX 4096
/* Largest file of numbers read (bytes). */
#define FILE_MAX (256L << 20)

void
kd_candidates_init(kd_candidates_t C)
{
    memset(C, 0, sizeof *C);
}

void
kd_candidates_clear(kd_candidates_t C)
{
    slong k;
    for (k = 0; k < C->n; k++)
    {
        fmpq_mat_clear(C->xr + k);
        fmpq_mat_clear(C->xi + k);
        flint_free(C->names[k]);
    }
    flint_free(C->xr);
    flint_free(C->xi);
    flint_free(C->is_complex);
    flint_free(C->names);
    flint_free(C->format);
    memset(C, 0, sizeof *C);
}

/* A new (zero) candidate of n entries at the end; its index. */
static slong
push(kd_candidates_t C, const char * name, slong n, kd_xformat f)
{
    slong k = C->n;
    if (C->n == C->alloc)
    {
        C->alloc = C->alloc ? 2 * C->alloc : 4;
        C->xr = flint_realloc(C->xr, C->alloc * sizeof *C->xr);
        C->xi = flint_realloc(C->xi, C->alloc * sizeof *C->xi);
        C->is_complex = flint_realloc(C->is_complex, C->alloc * sizeof *C->is_complex);
        C->names = flint_realloc(C->names, C->alloc * sizeof *C->names);
        C->format = flint_realloc(C->format, C->alloc * sizeof *C->format);
    }
    fmpq_mat_init(C->xr + k, n, 1);
    fmpq_mat_init(C->xi + k, n, 1);
    C->is_complex[k] = 0;
    C->names[k] = flint_malloc(strlen(name) + 1);
    strcpy(C->names[k], name);
    C->format[k] = f;
    C->n++;
    return k;
}

/* Drops the last candidate (after a failed read). */
static void
pop(kd_candidates_t C)
{
    C->n--;
    fmpq_mat_clear(C->xr + C->n);
    fmpq_mat_clear(C->xi + C->n);
    flint_free(C->names[C->n]);
}

kd_status
kd_candidates_add_str(kd_candidates_t C, const char * name, const char * const * re,
                      const char * const * im, slong n, kd_xformat f)
{
    slong k, j;
    kd_status st = KD_OK;
    if (f == KD_XFORMAT_AUTO)
        f = KD_XFORMAT_DOUBLE;
    if (n == 0)
        return kd_error_set(KD_ERR_FORMAT, "%s: no entries", name);
    k = push(C, name, n, f);
    for (j = 0; j < n && st == KD_OK; j++)
    {
        st = kd_number_parse(fmpq_mat_entry(C->xr + k, j, 0), re[j], f);
        if (st == KD_OK && im != NULL)
            st = kd_number_parse(fmpq_mat_entry(C->xi + k, j, 0), im[j], f);
        if (st != KD_OK)
            kd_error_prefix("%s: entry %ld", name, (long) j + 1);
    }
    if (st != KD_OK)
        pop(C);
    else
        C->is_complex[k] = im != NULL;
    return st;
}

void
kd_candidates_add_fmpq(kd_candidates_t C, const char * name, const fmpq_mat_t xr,
                       const fmpq_mat_t xi, kd_xformat f)
{
    slong k = push(C, name, fmpq_mat_nrows(xr), f == KD_XFORMAT_AUTO ? KD_XFORMAT_EXACT : f);
    fmpq_mat_set(C->xr + k, xr);
    if (xi != NULL)
        fmpq_mat_set(C->xi + k, xi);
    C->is_complex[k] = xi != NULL;
}

slong
kd_candidates_add_peers(kd_candidates_t C, const kd_peer_answers_t R)
{
    slong i, n = 0;
    char name[96];
    for (i = 0; i < R->n; i++)
        if (R->a[i].state == KD_PEER_RAN)
        {
            snprintf(name, sizeof name, "peer %s", R->a[i].name);
            kd_candidates_add_fmpq(C, name, &R->a[i].x, NULL, KD_XFORMAT_DOUBLE);
            n++;
        }
    return n;
}

/* The whole file (NUL-terminated, flint_malloc'ed). */
static kd_status
slurp(char ** out, const char * path)
{
    FILE * f = fopen(path, "rb");
    size_t len = 0, cap = 4096, r;
    char * buf;
    if (f == NULL)
        return kd_error_set(KD_ERR_IO, "cannot open %s", path);
    buf = flint_malloc(cap);
    while ((r = fread(buf + len, 1, cap - len - 1, f)) > 0)
    {
        len += r;
        if ((long) len > FILE_MAX)
        {
            fclose(f);
            flint_free(buf);
            return kd_error_set(KD_ERR_FORMAT, "%s: larger than %ld MB", path, FILE_MAX >> 20);
        }
        if (len + 1 == cap)
        {
            cap *= 2;
            buf = flint_realloc(buf, cap);
        }
    }
    fclose(f);
    if (memchr(buf, '\0', len) != NULL)
    {
        flint_free(buf);
        return kd_error_set(KD_ERR_FORMAT, "%s: a NUL byte (not a text file)", path);
    }
    buf[len] = '\0';
    *out = buf;
    return KD_OK;
}

static int
has_suffix(const char * s, const char * suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* A table of tokens: rows (lines, or JSON inner arrays) of fields. */
typedef struct
{
    char ** tok;
    slong * row;        /* row of each token */
    slong n, alloc, nrows;
}
tokens;

static void
tokens_clear(tokens * T)
{
    slong i;
    for (i = 0; i < T->n; i++)
        flint_free(T->tok[i]);
    flint_free(T->tok);
    flint_free(T->row);
}

static void
tokens_push(tokens * T, const char * s, size_t len, slong row)
{
    if (T->n == T->alloc)
    {
        T->alloc = T->alloc ? 2 * T->alloc : 64;
        T->tok = flint_realloc(T->tok, T->alloc * sizeof *T->tok);
        T->row = flint_realloc(T->row, T->alloc * sizeof *T->row);
    }
    T->tok[T->n] = flint_malloc(len + 1);
    memcpy(T->tok[T->n], s, len);
    T->tok[T->n][len] = '\0';
    T->row[T->n] = row;
    T->n++;
    if (row + 1 > T->nrows)
        T->nrows = row + 1;
}

/* Plain text / CSV: fields separated by white space, ',' or ';'; rows are
   lines; '#' starts a comment. */
static kd_status
tokenize_text(tokens * T, const char * s, const char * path)
{
    slong line = 0, row = -1, lastline = -1;
    while (*s != '\0')
    {
        size_t len;
        if (*s == '\n')
        {
            line++;
            s++;
            continue;
        }
        if (*s == '#')
        {
            while (*s != '\0' && *s != '\n')
                s++;
            continue;
        }
        if (strchr(" \t\r,;", *s) != NULL)
        {
            s++;
            continue;
        }
        len = strcspn(s, " \t\r\n,;#");
        if (len > TOKEN_MAX)
            return kd_error_set(KD_ERR_FORMAT, "%s:%ld: an entry longer than %d characters",
                                path, (long) line + 1, TOKEN_MAX);
        if (line != lastline)
        {
            row++;
            lastline = line;
        }
        tokens_push(T, s, len, row);
        s += len;
    }
    return KD_OK;
}

/* JSON: [n, n, ...] (row 0) or [[...], [...]] (one row per inner array);
   entries are bare numbers or strings without escapes. */
static kd_status
tokenize_json(tokens * T, const char * s, const char * path)
{
    int depth = 0, nested = -1, closed = 0;
    slong row = -1;
    while (*s != '\0')
    {
        if (strchr(" \t\r\n,", *s) != NULL)
            s++;
        else if (closed)
            return kd_error_set(KD_ERR_FORMAT, "%s: text after the closing ']'", path);
        else if (*s == '[')
        {
            depth++;
            if (depth == 2)
            {
                if (nested == 0)
                    return kd_error_set(KD_ERR_FORMAT, "%s: mixes numbers and arrays", path);
                nested = 1;
                row++;
            }
            if (depth > 2)
                return kd_error_set(KD_ERR_FORMAT, "%s: arrays nested deeper than 2", path);
            s++;
        }
        else if (*s == ']')
        {
            if (depth == 0)
                return kd_error_set(KD_ERR_FORMAT, "%s: unbalanced ']'", path);
            depth--;
            closed = depth == 0;
            s++;
        }
        else
        {
            size_t len;
            int quoted = *s == '"';
            if (depth == 0)
                return kd_error_set(KD_ERR_FORMAT, "%s: expected a JSON array of numbers", path);
            if (depth == 1)
            {
                if (nested == 1)
                    return kd_error_set(KD_ERR_FORMAT, "%s: mixes numbers and arrays", path);
                nested = 0;
                row = 0;
            }
            if (quoted)
            {
                s++;
                len = strcspn(s, "\"\\\n");
                if (s[len] != '"')
                    return kd_error_set(KD_ERR_FORMAT, "%s: a string entry with an escape or "
                                        "no closing quote", path);
            }
            else
                len = strcspn(s, " \t\r\n,]");
            if (len > TOKEN_MAX)
                return kd_error_set(KD_ERR_FORMAT, "%s: an entry longer than %d characters",
                                    path, TOKEN_MAX);
            tokens_push(T, s, len, row);
            s += len + quoted;
        }
    }
    if (!closed)
        return kd_error_set(KD_ERR_FORMAT, "%s: expected a JSON array (missing ']')", path);
    return KD_OK;
}

/* Candidates from a table: the columns when every row has the same k > 1
   fields (text) or one candidate per row (JSON inner arrays), else one. */
static kd_status
add_table(kd_candidates_t C, const tokens * T, const char * path, kd_xformat f, int json)
{
    slong r, i, k = 0, ncols = 1;
    kd_status st = KD_OK;
    slong * len = flint_calloc(T->nrows > 0 ? T->nrows : 1, sizeof(slong));
    char name[1024];

    for (i = 0; i < T->n; i++)
        len[T->row[i]]++;
    if (T->n == 0)
        st = kd_error_set(KD_ERR_FORMAT, "%s: no numbers", path);
    else if (json && T->nrows > 1)
    {
        /* one candidate per inner array */
        for (r = 0, i = 0; r < T->nrows && st == KD_OK; r++)
        {
            snprintf(name, sizeof name, "%s[%ld]", path, (long) r);
            st = kd_candidates_add_str(C, name, (const char * const *) T->tok + i, NULL, len[r], f);
            i += len[r];
        }
    }
    else
    {
        if (!json && T->nrows > 1 && len[0] > 1)
        {
            ncols = len[0];
            for (r = 1; r < T->nrows; r++)
                if (len[r] != ncols)
                    ncols = 1;
        }
        if (ncols == 1)
            st = kd_candidates_add_str(C, path, (const char * const *) T->tok, NULL, T->n, f);
        else
        {
            const char ** col = flint_malloc(T->nrows * sizeof *col);
            for (k = 0; k < ncols && st == KD_OK; k++)
            {
                for (r = 0; r < T->nrows; r++)
                    col[r] = T->tok[r * ncols + k];
                snprintf(name, sizeof name, "%s column %ld", path, (long) k + 1);
                st = kd_candidates_add_str(C, name, col, NULL, T->nrows, f);
            }
            flint_free(col);
        }
    }
    flint_free(len);
    return st;
}

/* Matrix Market: exact expressions; each column is a candidate. */
static kd_status
read_mtx(kd_candidates_t C, const char * path, kd_xformat f)
{
    kd_mat_t M;
    kd_status st;
    slong i, k, c;
    char name[1024];

    kd_mat_init(M, 0, 0);
    if (f == KD_XFORMAT_AUTO)
        f = KD_XFORMAT_EXACT;
    st = kd_mtx_read(M, path);
    if (st == KD_OK && f == KD_XFORMAT_DOUBLE)
        st = kd_mat_round_double(M, M, 0);
    if (st == KD_OK && M->r * M->c == 0)
        st = kd_error_set(KD_ERR_FORMAT, "%s: no entries", path);
    for (c = 0; c < M->c && st == KD_OK; c++)
    {
        if (M->c > 1)
            snprintf(name, sizeof name, "%s column %ld", path, (long) c + 1);
        else
            snprintf(name, sizeof name, "%s", path);
        k = push(C, name, M->r, f);
        C->is_complex[k] = M->is_complex;
        for (i = 0; i < M->r && st == KD_OK; i++)
            if (!kd_real_get_fmpq(fmpq_mat_entry(C->xr + k, i, 0), kd_mat_entry_re(M, i, c))
                || !kd_real_get_fmpq(fmpq_mat_entry(C->xi + k, i, 0), kd_mat_entry_im(M, i, c)))
            {
                st = kd_error_set(KD_ERR_ARG, "%s: entry %ld is not a rational number (a "
                                  "candidate's entries are exact rationals; --x-format double "
                                  "rounds them)", path, (long) i + 1);
                pop(C);
            }
    }
    kd_mat_clear(M);
    return st;
}

kd_status
kd_candidates_read(kd_candidates_t C, const char * path, kd_xformat f)
{
    char * text = NULL;
    tokens T;
    kd_status st;
    int json = has_suffix(path, ".json");

    if (has_suffix(path, ".mtx"))
        return read_mtx(C, path, f);
    if ((st = slurp(&text, path)) != KD_OK)
        return st;
    memset(&T, 0, sizeof T);
    st = json ? tokenize_json(&T, text, path) : tokenize_text(&T, text, path);
    if (st == KD_OK)
        st = add_table(C, &T, path, f, json);
    tokens_clear(&T);
    flint_free(text);
    return st;
}
