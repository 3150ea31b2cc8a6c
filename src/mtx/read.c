/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Reading Matrix Market files whose entries are exact expressions, with one
   "FILE:LINE: expected ..., found ..." message for any malformed input. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* The lines of a stream or of a string, one at a time, in a buffer the
   caller may cut into fields. */
typedef struct
{
    FILE * f;               /* NULL when reading text */
    const char * text;
    const char * name;
    slong line;             /* number of the line last read */
    char * buf;
    size_t len, alloc;
}
source;

/* What the header and the size line announce. */
typedef struct
{
    kd_mtx_format format;
    kd_mtx_field field;
    kd_mtx_symmetry symmetry;
    slong r, c;
    slong count;            /* entries to read (lines for coordinate) */
}
header;

/* An entry as read, kept until the whole file has proved well formed so
   that a wrong size line costs no allocation of its claimed size. */
typedef struct
{
    slong i, j, line;
    kd_complex_struct z;
}
item;

typedef struct
{
    item * v;
    slong len, alloc;
}
item_list;

static const char * const field_names[] = {"real", "integer", "complex"};
static const char * const symmetry_names[] =
    {"general", "symmetric", "skew-symmetric", "hermitian"};

#if defined(__GNUC__)
static kd_status located_error(const source * s, kd_status st, const char * fmt, ...)
    __attribute__((format(printf, 3, 4)));
#endif

/* Sets "NAME:LINE: " followed by the formatted text as the message. */
static kd_status
located_error(const source * s, kd_status st, const char * fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return kd_error_set(st, "%s:%ld: %s", s->name, s->line, msg);
}

/* A short quoted rendering of input text for messages: control bytes would
   garble a terminal line, and a whole long line would bury the point. */
static const char *
quote(char * out, size_t size, const char * t)
{
    size_t k = 0, n = 0, limit = size - 6;
    out[k++] = '\'';
    while (t[n] != '\0' && k < limit)
    {
        unsigned char ch = (unsigned char) t[n++];
        out[k++] = (ch >= 0x20 && ch < 0x7f) ? (char) ch : '?';
    }
    if (t[n] != '\0')
    {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k++] = '\'';
    out[k] = '\0';
    return out;
}

static int
same_word(const char * a, const char * b)
{
    while (*a != '\0' && tolower((unsigned char) *a) == tolower((unsigned char) *b))
    {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

static const char *
entries(slong n)
{
    return n == 1 ? "entry" : "entries";
}

/* ------------------------------------------------------------------ lines */

static int
next_char(source * s)
{
    if (s->f != NULL)
        return getc(s->f);
    if (*s->text == '\0')
        return EOF;
    return (unsigned char) *s->text++;
}

/* Reads the next line into s->buf (without its newline); *got is 0 at the
   end of the input. */
static kd_status
read_line(source * s, int * got)
{
    int ch, any = 0;

    s->len = 0;
    s->line++;
    for (;;)
    {
        ch = next_char(s);
        if (ch == EOF || ch == '\n')
            break;
        any = 1;
        if (ch == '\0')
            return located_error(s, KD_ERR_FORMAT, "expected text, found a NUL byte");
        if (s->len >= KD_MTX_LINE_MAX)
            return located_error(s, KD_ERR_FORMAT,
                                 "expected a line of at most %zu characters, found a longer one",
                                 (size_t) KD_MTX_LINE_MAX);
        if (s->len + 1 >= s->alloc)
        {
            size_t a = s->alloc == 0 ? 256 : 2 * s->alloc;
            char * b;
            if (a > KD_MTX_LINE_MAX + 1)
                a = KD_MTX_LINE_MAX + 1;
            b = realloc(s->buf, a);
            if (b == NULL)
                return located_error(s, KD_ERR_NOMEM, "out of memory reading a line");
            s->buf = b;
            s->alloc = a;
        }
        s->buf[s->len++] = (char) ch;
    }
    if (ch == EOF && s->f != NULL && ferror(s->f))
        return located_error(s, KD_ERR_IO, "expected more input, found a read error (%s)",
                             strerror(errno));
    if (ch == EOF && !any)
    {
        /* no line here: errors at the end name the last line there was */
        s->line--;
        *got = 0;
        return KD_OK;
    }
    if (s->alloc == 0)
    {
        s->buf = malloc(256);
        if (s->buf == NULL)
            return located_error(s, KD_ERR_NOMEM, "out of memory reading a line");
        s->alloc = 256;
    }
    s->buf[s->len] = '\0';
    *got = 1;
    return KD_OK;
}

/* Trims the current line in place and returns its first non-blank byte. */
static char *
trimmed(source * s)
{
    char * p = s->buf;
    size_t n = s->len;
    while (n > 0 && isspace((unsigned char) p[n - 1]))
        n--;
    p[n] = '\0';
    while (isspace((unsigned char) *p))
        p++;
    return p;
}

/* The next line that is neither blank nor a comment, trimmed; *line is
   NULL at the end of the input. */
static kd_status
next_content(source * s, char ** line)
{
    for (;;)
    {
        int got;
        char * p;
        kd_status st = read_line(s, &got);
        if (st != KD_OK)
            return st;
        if (!got)
        {
            *line = NULL;
            return KD_OK;
        }
        p = trimmed(s);
        if (*p != '\0' && *p != '%')
        {
            *line = p;
            return KD_OK;
        }
    }
}

/* Cuts line in place into fields separated by white space; with parens,
   white space inside parentheses does not separate, so an expression with
   spaces can be one field. Stores at most max fields and returns how many
   there are. */
static int
split_fields(char * line, char ** fields, int max, int parens)
{
    int n = 0;
    char * p = line;
    for (;;)
    {
        int depth = 0;
        while (isspace((unsigned char) *p))
            p++;
        if (*p == '\0')
            return n;
        if (n < max)
            fields[n] = p;
        n++;
        while (*p != '\0' && (depth > 0 || !isspace((unsigned char) *p)))
        {
            if (parens && *p == '(')
                depth++;
            else if (parens && *p == ')' && depth > 0)
                depth--;
            p++;
        }
        if (*p != '\0')
            *p++ = '\0';
    }
}

/* A non-negative decimal count: 0 if t is one, with *v <= max; 1 if t is
   not a plain decimal number; 2 if it is larger than max. */
static int
parse_count(slong * v, const char * t, slong max)
{
    slong x = 0;
    if (*t == '\0')
        return 1;
    for (; *t != '\0'; t++)
    {
        if (!isdigit((unsigned char) *t))
            return 1;
        if (x <= max)
            x = 10 * x + (*t - '0');
    }
    if (x > max)
        return 2;
    *v = x;
    return 0;
}

/* ----------------------------------------------------------------- header */

#define HEADER_FORM KD_MTX_BANNER " matrix (array|coordinate) (real|integer|complex)" \
    " (general|symmetric|skew-symmetric|hermitian)"

static kd_status
parse_header(source * s, header * h)
{
    char * line, * tok[6];
    char q[64], whole[64];
    int n, got, k;
    kd_status st = read_line(s, &got);

    if (st != KD_OK)
        return st;
    if (!got)
    {
        s->line = 1;
        return located_error(s, KD_ERR_FORMAT, "expected the header '%s', found an empty file",
                             HEADER_FORM);
    }
    line = trimmed(s);
    quote(whole, sizeof whole, line);
    n = split_fields(line, tok, 6, 0);
    if (n == 0 || !same_word(tok[0], KD_MTX_BANNER))
        return located_error(s, KD_ERR_FORMAT, "expected the header '%s', found %s", HEADER_FORM,
                             n == 0 ? "a blank line" : whole);
    if (n < 2 || !same_word(tok[1], "matrix"))
        return located_error(s, KD_ERR_FORMAT, "expected 'matrix' after '%s', found %s",
                             KD_MTX_BANNER, n < 2 ? "the end of the line" : quote(q, sizeof q, tok[1]));
    if (n >= 3 && same_word(tok[2], "array"))
        h->format = KD_MTX_ARRAY;
    else if (n >= 3 && same_word(tok[2], "coordinate"))
        h->format = KD_MTX_COORDINATE;
    else
        return located_error(s, KD_ERR_FORMAT, "expected the format 'array' or 'coordinate', found %s",
                             n < 3 ? "the end of the line" : quote(q, sizeof q, tok[2]));
    if (n >= 4 && same_word(tok[3], "pattern"))
        return located_error(s, KD_ERR_FORMAT,
                             "expected the field 'real', 'integer' or 'complex', found 'pattern'"
                             " (pattern matrices carry no values)");
    for (k = 0; k < 3; k++)
        if (n >= 4 && same_word(tok[3], field_names[k]))
            break;
    if (k == 3)
        return located_error(s, KD_ERR_FORMAT, "expected the field 'real', 'integer' or 'complex', found %s",
                             n < 4 ? "the end of the line" : quote(q, sizeof q, tok[3]));
    h->field = (kd_mtx_field) k;
    for (k = 0; k < 4; k++)
        if (n >= 5 && same_word(tok[4], symmetry_names[k]))
            break;
    if (k == 4)
        return located_error(s, KD_ERR_FORMAT, "expected the symmetry 'general', 'symmetric',"
                             " 'skew-symmetric' or 'hermitian', found %s",
                             n < 5 ? "the end of the line" : quote(q, sizeof q, tok[4]));
    h->symmetry = (kd_mtx_symmetry) k;
    if (n > 5)
        return located_error(s, KD_ERR_FORMAT, "expected the end of the header line, found %s",
                             quote(q, sizeof q, tok[5]));
    return KD_OK;
}

static kd_status
parse_size_line(source * s, header * h)
{
    const char * form = h->format == KD_MTX_ARRAY ? "'rows cols' for an array matrix"
                                                  : "'rows cols entries' for a coordinate matrix";
    const char * what[3] = {"rows", "columns", "entries"};
    int want = h->format == KD_MTX_ARRAY ? 2 : 3;
    slong v[3] = {0, 0, 0}, room;
    char * line, * tok[3];
    char q[64];
    int n, k;
    kd_status st = next_content(s, &line);

    if (st != KD_OK)
        return st;
    if (line == NULL)
        return located_error(s, KD_ERR_FORMAT, "expected %s, found the end of the file", form);
    quote(q, sizeof q, line);
    n = split_fields(line, tok, 3, 0);
    if (n != want)
        return located_error(s, KD_ERR_FORMAT, "expected %s, found %s", form, q);
    for (k = 0; k < n; k++)
    {
        int bad = parse_count(&v[k], tok[k], k < 2 ? KD_MAT_DIM_MAX : KD_MTX_ENTRIES_MAX);
        if (bad == 1 && tok[k][0] == '-')
            return located_error(s, KD_ERR_FORMAT, "expected a non-negative number of %s, found %s",
                                 what[k], quote(q, sizeof q, tok[k]));
        if (bad == 1)
            return located_error(s, KD_ERR_FORMAT, "expected %s, found %s", form, q);
        if (bad == 2)
            return located_error(s, KD_ERR_FORMAT, "expected at most %ld %s, found %s",
                                 k < 2 ? (slong) KD_MAT_DIM_MAX : (slong) KD_MTX_ENTRIES_MAX,
                                 what[k], quote(q, sizeof q, tok[k]));
    }
    h->r = v[0];
    h->c = v[1];
    if (h->c > 0 && h->r > KD_MTX_ENTRIES_MAX / h->c)
        return located_error(s, KD_ERR_FORMAT, "expected at most %ld entries in all, found %ld x %ld",
                             (slong) KD_MTX_ENTRIES_MAX, h->r, h->c);
    if (h->symmetry != KD_MTX_GENERAL && h->r != h->c)
        return located_error(s, KD_ERR_FORMAT, "expected a square matrix for a %s file, found %ld x %ld",
                             symmetry_names[h->symmetry], h->r, h->c);
    /* the entries the file can hold: all of them, or a lower triangle */
    if (h->symmetry == KD_MTX_GENERAL)
        room = h->r * h->c;
    else if (h->symmetry == KD_MTX_SKEW && h->format == KD_MTX_ARRAY)
        room = h->r * (h->r - 1) / 2;
    else
        room = h->r * (h->r + 1) / 2;
    if (h->format == KD_MTX_ARRAY)
        h->count = room;
    else if (v[2] > room)
        return located_error(s, KD_ERR_FORMAT, "expected at most %ld entries for a %ld x %ld %s matrix, found %ld",
                             room, h->r, h->c, symmetry_names[h->symmetry], v[2]);
    else
        h->count = v[2];
    return KD_OK;
}

/* ---------------------------------------------------------------- entries */

static void
items_clear(item_list * L)
{
    slong k;
    for (k = 0; k < L->len; k++)
        kd_complex_clear(&L->v[k].z);
    free(L->v);
}

/* Moves z into a new item at (i, j). */
static kd_status
items_push(item_list * L, const source * s, slong i, slong j, kd_complex_t z)
{
    item * t;
    if (L->len == L->alloc)
    {
        slong a = L->alloc == 0 ? 16 : 2 * L->alloc;
        item * v = realloc(L->v, a * sizeof(item));
        if (v == NULL)
            return located_error(s, KD_ERR_NOMEM, "out of memory storing entry (%ld, %ld)", i + 1, j + 1);
        L->v = v;
        L->alloc = a;
    }
    t = L->v + L->len++;
    t->i = i;
    t->j = j;
    t->line = s->line;
    kd_complex_init(&t->z);
    kd_complex_swap(&t->z, z);
    return KD_OK;
}

/* Parses one value field for entry (i, j) (0-based); part names the half
   of a complex entry in messages. */
static kd_status
parse_value(kd_real_t x, const source * s, const header * h, const char * t,
            slong i, slong j, const char * part)
{
    kd_status st = kd_real_parse(x, t);
    if (st != KD_OK)
    {
        kd_error_prefix("%s:%ld: entry (%ld, %ld)%s", s->name, s->line, i + 1, j + 1, part);
        return st;
    }
    if (h->field == KD_MTX_INTEGER)
    {
        fmpq_t q;
        int ok;
        fmpq_init(q);
        ok = kd_real_get_fmpq(q, x) && fmpz_is_one(fmpq_denref(q));
        fmpq_clear(q);
        if (!ok)
        {
            char qt[64];
            return located_error(s, KD_ERR_FORMAT,
                                 "expected an integer for entry (%ld, %ld) of an integer matrix, found %s",
                                 i + 1, j + 1, quote(qt, sizeof qt, t));
        }
    }
    return KD_OK;
}

/* Parses the value fields of entry (i, j) and checks what the symmetry asks
   of a diagonal entry. */
static kd_status
parse_entry(kd_complex_t z, const source * s, const header * h, char ** f,
            slong i, slong j)
{
    kd_status st;
    char q[64];

    if (h->field == KD_MTX_COMPLEX)
    {
        if ((st = parse_value(&z->re, s, h, f[0], i, j, ", real part")) != KD_OK
            || (st = parse_value(&z->im, s, h, f[1], i, j, ", imaginary part")) != KD_OK)
            return st;
    }
    else
    {
        if ((st = parse_value(&z->re, s, h, f[0], i, j, "")) != KD_OK)
            return st;
        kd_real_zero(&z->im);
    }
    if (i == j && h->symmetry == KD_MTX_SKEW && !kd_complex_is_zero(z))
        return located_error(s, KD_ERR_FORMAT,
                             "expected a zero diagonal entry (%ld, %ld) in a skew-symmetric matrix, found %s",
                             i + 1, j + 1, quote(q, sizeof q, kd_real_is_zero(&z->re) ? f[1] : f[0]));
    if (i == j && h->symmetry == KD_MTX_HERMITIAN && !kd_complex_is_real(z))
        return located_error(s, KD_ERR_FORMAT,
                             "expected a real diagonal entry (%ld, %ld) in a hermitian matrix,"
                             " found the imaginary part %s", i + 1, j + 1, quote(q, sizeof q, f[1]));
    return KD_OK;
}

/* First row listed in column j of an array file. */
static slong
first_row(const header * h, slong j)
{
    if (h->symmetry == KD_MTX_GENERAL)
        return 0;
    return h->symmetry == KD_MTX_SKEW ? j + 1 : j;
}

static kd_status
read_array(item_list * L, source * s, const header * h)
{
    slong i = 0, j = 0, k;
    kd_status st = KD_OK;
    kd_complex_t z;
    char q[64];

    kd_complex_init(z);
    for (k = 0; k < h->count; k++)
    {
        char * line, * f[2];
        /* column-major: the next listed position */
        if (k == 0)
            i = first_row(h, 0);
        else
            i++;
        while (i >= h->r)
        {
            j++;
            i = first_row(h, j);
        }
        if ((st = next_content(s, &line)) != KD_OK)
            break;
        if (line == NULL)
        {
            st = located_error(s, KD_ERR_FORMAT, "expected %ld %s, found only %ld",
                               h->count, entries(h->count), k);
            break;
        }
        if (h->field == KD_MTX_COMPLEX)
        {
            int n;
            quote(q, sizeof q, line);
            n = split_fields(line, f, 2, 1);
            if (n != 2)
            {
                st = located_error(s, KD_ERR_FORMAT,
                                   "expected 2 fields 're im' for entry (%ld, %ld), found %d: %s",
                                   i + 1, j + 1, n, q);
                break;
            }
        }
        else
            f[0] = line;
        if ((st = parse_entry(z, s, h, f, i, j)) != KD_OK
            || (st = items_push(L, s, i, j, z)) != KD_OK)
            break;
    }
    kd_complex_clear(z);
    if (st == KD_OK)
    {
        char * line;
        if ((st = next_content(s, &line)) == KD_OK && line != NULL)
            st = located_error(s, KD_ERR_FORMAT, "expected only %ld %s, found another: %s%s",
                               h->count, entries(h->count), quote(q, sizeof q, line),
                               h->symmetry == KD_MTX_GENERAL ? ""
                               : h->symmetry == KD_MTX_SKEW ? " (a skew-symmetric array lists"
                                 " only the part below the diagonal)"
                               : " (a symmetric or hermitian array lists only the lower triangle)");
    }
    return st;
}

/* Reports a repeated position, naming the line that gave it first. */
static kd_status
duplicate_error(const item_list * L, const source * s, slong i, slong j)
{
    slong k, first = 0;
    for (k = 0; k < L->len; k++)
        if (L->v[k].i == i && L->v[k].j == j)
            first = L->v[k].line;
    return located_error(s, KD_ERR_FORMAT,
                         "expected each position once, found (%ld, %ld) again (first on line %ld)",
                         i + 1, j + 1, first);
}

static kd_status
read_coordinate(item_list * L, source * s, const header * h)
{
    int want = h->field == KD_MTX_COMPLEX ? 4 : 3;
    const char * form = h->field == KD_MTX_COMPLEX ? "'row col re im'" : "'row col value'";
    unsigned char * seen;
    slong k = 0;
    kd_status st = KD_OK;
    kd_complex_t z;
    char q[64];

    /* one bit per position finds repeats in file order; at most 2 MB */
    seen = calloc((size_t) (h->r * h->c) / 8 + 1, 1);
    if (seen == NULL)
        return located_error(s, KD_ERR_NOMEM, "out of memory for a %ld x %ld matrix", h->r, h->c);
    kd_complex_init(z);
    for (;;)
    {
        char * line, * f[4];
        slong i, j, bit;
        int n, c;

        if ((st = next_content(s, &line)) != KD_OK)
            break;
        if (line == NULL)
        {
            if (k < h->count)
                st = located_error(s, KD_ERR_FORMAT, "expected %ld %s, found only %ld",
                               h->count, entries(h->count), k);
            break;
        }
        quote(q, sizeof q, line);
        if (k == h->count)
        {
            st = located_error(s, KD_ERR_FORMAT, "expected only %ld %s, found another: %s",
                               h->count, entries(h->count), q);
            break;
        }
        n = split_fields(line, f, 4, 1);
        if (n != want)
        {
            st = located_error(s, KD_ERR_FORMAT, "expected %d fields %s, found %d: %s%s",
                               want, form, n, q,
                               n > want ? " (put an expression with spaces in parentheses)" : "");
            break;
        }
        c = parse_count(&i, f[0], h->r);
        if (c != 0 || i < 1)
        {
            st = located_error(s, KD_ERR_FORMAT, "expected a row index in 1..%ld, found %s",
                               h->r, quote(q, sizeof q, f[0]));
            break;
        }
        c = parse_count(&j, f[1], h->c);
        if (c != 0 || j < 1)
        {
            st = located_error(s, KD_ERR_FORMAT, "expected a column index in 1..%ld, found %s",
                               h->c, quote(q, sizeof q, f[1]));
            break;
        }
        i--;
        j--;
        if (h->symmetry != KD_MTX_GENERAL && i < j)
        {
            st = located_error(s, KD_ERR_FORMAT,
                               "expected an entry in the lower triangle (row >= column) of a %s matrix,"
                               " found (%ld, %ld)", symmetry_names[h->symmetry], i + 1, j + 1);
            break;
        }
        bit = i * h->c + j;
        if (seen[bit / 8] & (1u << (bit % 8)))
        {
            st = duplicate_error(L, s, i, j);
            break;
        }
        seen[bit / 8] |= (unsigned char) (1u << (bit % 8));
        if ((st = parse_entry(z, s, h, f + 2, i, j)) != KD_OK
            || (st = items_push(L, s, i, j, z)) != KD_OK)
            break;
        k++;
    }
    kd_complex_clear(z);
    free(seen);
    return st;
}

/* Builds the matrix from the entries, mirroring the upper triangle. */
static kd_status
assemble(kd_mat_t A, item_list * L, const source * s, const header * h)
{
    slong k;
    kd_mat_t T;
    kd_status st = kd_mat_init(T, h->r, h->c);

    if (st != KD_OK)
    {
        kd_error_prefix("%s", s->name);
        return st;
    }
    for (k = 0; k < L->len; k++)
    {
        slong i = L->v[k].i, j = L->v[k].j;
        kd_complex_ptr e = kd_mat_entry(T, i, j);
        kd_complex_swap(e, &L->v[k].z);
        if (i == j)
            continue;
        if (h->symmetry == KD_MTX_SYMMETRIC)
            kd_complex_set(kd_mat_entry(T, j, i), e);
        else if (h->symmetry == KD_MTX_SKEW)
            kd_complex_neg(kd_mat_entry(T, j, i), e);
        else if (h->symmetry == KD_MTX_HERMITIAN)
            kd_complex_conj(kd_mat_entry(T, j, i), e);
    }
    kd_mat_update_is_complex(T);
    kd_mat_swap(A, T);
    kd_mat_clear(T);
    return KD_OK;
}

static kd_status
read_source(kd_mat_t A, source * s)
{
    header h;
    item_list L = {NULL, 0, 0};
    kd_status st;

    memset(&h, 0, sizeof h);
    if ((st = parse_header(s, &h)) == KD_OK && (st = parse_size_line(s, &h)) == KD_OK)
    {
        if (h.format == KD_MTX_ARRAY)
            st = read_array(&L, s, &h);
        else
            st = read_coordinate(&L, s, &h);
    }
    if (st == KD_OK)
        st = assemble(A, &L, s, &h);
    items_clear(&L);
    free(s->buf);
    s->buf = NULL;
    return st;
}

/* Reads from the stream f, or from text when f is NULL; name (else a
   default after the kind of source) is the name errors give. */
static kd_status
read_stream_or_text(kd_mat_t A, FILE * f, const char * text, const char * name)
{
    source s = {NULL, NULL, NULL, 0, NULL, 0, 0};
    s.f = f;
    s.text = text;
    s.name = name != NULL ? name : f != NULL ? "<stream>" : "<string>";
    return read_source(A, &s);
}

kd_status
kd_mtx_read_stream(kd_mat_t A, FILE * f, const char * name)
{
    if (f == NULL)
        return kd_error_set(KD_ERR_ARG, "kd_mtx_read_stream: no stream");
    return read_stream_or_text(A, f, NULL, name);
}

kd_status
kd_mtx_read_str(kd_mat_t A, const char * text, const char * name)
{
    if (text == NULL)
        return kd_error_set(KD_ERR_ARG, "kd_mtx_read_str: no text");
    return read_stream_or_text(A, NULL, text, name);
}

kd_status
kd_mtx_read(kd_mat_t A, const char * path)
{
    FILE * f;
    kd_status st;
    if (path == NULL)
        return kd_error_set(KD_ERR_ARG, "kd_mtx_read: no path");
    f = fopen(path, "r");
    if (f == NULL)
        return kd_error_set(KD_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    st = kd_mtx_read_stream(A, f, path);
    fclose(f);
    return st;
}
