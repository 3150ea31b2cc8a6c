/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A truth computed once: the certified solution set of a problem written to
   a JSON file and read back, after checking that it belongs to the same
   exact data (a fingerprint of the canonical expressions). Balls are written
   with exact dyadic mid and rad, faces with exact rationals, so reading
   loses nothing. */
#include <string.h>
#include "kdigits/kdigits.h"
#include "kdigits/util.h"
#include "kdigits/json.h"
#include "complex_internal.h"

#define TRUTH_FORMAT "kdigits-truth"
#define TRUTH_VERSION 1
/* longest number string accepted in a truth file */
#define NUM_LEN_MAX 200000
/* appended to the "how" of a truth read back */
static const char read_tag[] = " [read from a truth file whose data fingerprint matches]";

/* ------------------------------------------------------------ fingerprint */

typedef struct
{
    ulong h1, h2;
}
fp_state;

static void
fp_bytes(fp_state * F, const char * s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
    {
        ulong c = (unsigned char) s[i];
        /* FNV-1a with the standard basis, and a variant with another basis
           and a multiplier of its own (an odd 64-bit constant) */
        F->h1 = (F->h1 ^ c) * UWORD(0x100000001b3);
        F->h2 = (F->h2 ^ (c + 0x5b)) * UWORD(0x9e3779b97f4a7c15);
        F->h2 ^= F->h2 >> 29;
    }
}

/* a string and a separator that no expression contains */
static void
fp_str(fp_state * F, const char * s)
{
    fp_bytes(F, s, strlen(s));
    fp_bytes(F, "\n", 1);
}

static void
fp_real(fp_state * F, const kd_real_t x)
{
    char * s = kd_real_get_str(x);
    fp_str(F, s);
    flint_free(s);
}

static void
fp_mat(fp_state * F, const char * name, const kd_mat_t A)
{
    slong i;
    char buf[64];
    snprintf(buf, sizeof buf, "%s %ld %ld %d", name, A->r, A->c, A->is_complex);
    fp_str(F, buf);
    for (i = 0; i < A->r * A->c; i++)
    {
        fp_real(F, &A->entries[i].re);
        if (A->is_complex)
            fp_real(F, &A->entries[i].im);
    }
}

kd_status
kd_problem_fingerprint(char * fp, const kd_problem_t P)
{
    fp_state F;
    fp[0] = '\0';
    if (!P->has_data)
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data (given by oracles only)");
    F.h1 = UWORD(0xcbf29ce484222325);
    F.h2 = UWORD(0x84222325cbf29ce4);
    fp_str(&F, kd_problem_kind_name(P->kind));
    fp_mat(&F, "A", P->A);
    fp_mat(&F, "y", P->y);
    fp_mat(&F, "w", P->w);
    fp_str(&F, "param");
    fp_real(&F, P->param);
    snprintf(fp, KD_TRUTH_FP_LEN + 1, "%016lx%016lx", (unsigned long) F.h1,
             (unsigned long) F.h2);
    return KD_OK;
}

/* ------------------------------------------------------------ writing */

/* An exact dyadic as "p/q" (q a power of two) or "p". */
static json_t *
json_arf(const arf_t a)
{
    fmpq_t q;
    json_t * j;
    fmpq_init(q);
    arf_get_fmpq(q, a);
    j = kd_json_fmpq(q);
    fmpq_clear(q);
    return j;
}

static json_t *
json_ball(const arb_t b)
{
    arf_t r;
    json_t * j = json_object();
    arf_init(r);
    arf_set_mag(r, arb_radref(b));
    json_object_set_new(j, "mid", json_arf(arb_midref(b)));
    json_object_set_new(j, "rad", json_arf(r));
    arf_clear(r);
    return j;
}

static json_t *
json_balls(const arb_mat_t x)
{
    slong j;
    json_t * a = json_array();
    for (j = 0; j < arb_mat_nrows(x); j++)
        json_array_append_new(a, json_ball(arb_mat_entry(x, j, 0)));
    return a;
}

static json_t *
json_face(const kd_face_struct * F)
{
    json_t * j = json_object(), * s = json_array();
    slong i;
    json_object_set_new(j, "N", json_integer(F->N));
    json_object_set_new(j, "E", kd_json_slong_list(F->E, F->len));
    for (i = 0; i < F->len; i++)
        json_array_append_new(s, json_integer(F->sign[i]));
    json_object_set_new(j, "sign", s);
    json_object_set_new(j, "C", kd_json_fmpq_mat(&F->C));
    json_object_set_new(j, "d", kd_json_fmpq_mat(&F->d));
    return j;
}

static json_t *
truth_json(const kd_truth_set_t T, const kd_problem_t P, const char * fp)
{
    json_t * j = json_object();
    slong i;
    json_object_set_new(j, "format", json_string(TRUTH_FORMAT));
    json_object_set_new(j, "version", json_integer(TRUTH_VERSION));
    json_object_set_new(j, "kdigits", json_string(kd_version()));
    json_object_set_new(j, "problem", json_string(kd_problem_kind_name(P->kind)));
    json_object_set_new(j, "m", json_integer(P->m));
    json_object_set_new(j, "N", json_integer(P->N));
    json_object_set_new(j, "complex", json_boolean(P->is_complex));
    json_object_set_new(j, "param", kd_json_take_string(kd_real_get_str(P->param)));
    json_object_set_new(j, "fingerprint", json_string(fp));
    json_object_set_new(j, "found", kd_json_truth(T->found));
    json_object_set_new(j, "unique", kd_json_truth(T->unique));
    json_object_set_new(j, "how", json_string(T->how));
    json_object_set_new(j, "levels", kd_json_slong_list(T->levels, T->nlevels));
    json_object_set_new(j, "prec", json_integer(T->prec));
    if (T->nE >= 0)
    {
        json_t * s = json_array();
        for (i = 0; i < T->nE; i++)
            json_array_append_new(s, json_integer(T->s[i]));
        json_object_set_new(j, "support", kd_json_slong_list(T->E, T->nE));
        json_object_set_new(j, "signs", s);
    }
    if (T->found == KD_TRUE && T->fexact != NULL)
        json_object_set_new(j, "face_exact", kd_face_exact_json(T->fexact));
    if (T->found == KD_TRUE && T->has_face)
        json_object_set_new(j, "face", json_face(T->face));
    else if (T->found == KD_TRUE && T->fexact == NULL)
    {
        json_object_set_new(j, "x", json_balls(&T->x));
        if (T->xexact != NULL)
        {
            json_t * a = json_array();
            for (i = 0; i < P->N; i++)
                json_array_append_new(a, json_string(T->xexact[i]));
            json_object_set_new(j, "x_exact", a);
        }
        if (P->is_complex)
            json_object_set_new(j, "xi", json_balls(&T->xi));
    }
    return j;
}

kd_status
kd_truth_set_write(const kd_truth_set_t T, const kd_problem_t P, const char * path)
{
    char fp[KD_TRUTH_FP_LEN + 1];
    kd_status st;
    json_t * j;
    int r;
    if ((st = kd_problem_fingerprint(fp, P)) != KD_OK)
        return st;
    if (T->found == KD_TRUE && !T->has_face && arb_mat_nrows(&T->x) != P->N)
        return kd_error_set(KD_ERR_SIZE, "the truth has %ld entries, the problem %ld",
                            arb_mat_nrows(&T->x), P->N);
    if ((j = truth_json(T, P, fp)) == NULL)
        return kd_error_set(KD_ERR_NOMEM, "could not build the truth file");
    r = json_dump_file(j, path, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(j);
    if (r != 0)
        return kd_error_set(KD_ERR_IO, "could not write the truth file '%s'", path);
    return KD_OK;
}

/* ------------------------------------------------------------ reading */

/* The value of key in o, of the given type (JSON_ARRAY, ...; -1: any);
   NULL with the message set when missing or of another type. */
static json_t *
get(const json_t * o, const char * key, int type, const char * path)
{
    json_t * v = json_object_get(o, key);
    if (v == NULL || (type >= 0 && (int) json_typeof(v) != type))
    {
        kd_error_set(KD_ERR_FORMAT, "truth file '%s': %s \"%s\"", path,
                     v == NULL ? "missing field" : "wrong type of field", key);
        return NULL;
    }
    return v;
}

static kd_status
get_int(slong * x, const json_t * o, const char * key, slong lo, slong hi, const char * path)
{
    json_t * v = get(o, key, JSON_INTEGER, path);
    json_int_t t;
    if (v == NULL)
        return KD_ERR_FORMAT;
    t = json_integer_value(v);
    if (t < lo || t > hi)
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': \"%s\" = %lld is out of range",
                            path, key, (long long) t);
    *x = (slong) t;
    return KD_OK;
}

static kd_status
get_truth(kd_truth * t, const json_t * o, const char * key, const char * path)
{
    json_t * v = get(o, key, -1, path);
    if (v == NULL)
        return KD_ERR_FORMAT;
    if (json_is_true(v))
        *t = KD_TRUE;
    else if (json_is_false(v))
        *t = KD_FALSE;
    else if (json_is_string(v) && strcmp(json_string_value(v), "unknown") == 0)
        *t = KD_UNKNOWN;
    else
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': \"%s\" must be true, false or "
                            "\"unknown\"", path, key);
    return KD_OK;
}

/* A rational written "p/q" or "p" (decimal integers, q > 0); dyadic: q must
   be a power of two. */
static kd_status
parse_fmpq(fmpq_t q, const json_t * v, int dyadic, const char * what, const char * path)
{
    const char * s, * c;
    size_t n;
    int slash = 0, digits = 0;
    if (!json_is_string(v))
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': %s must be a string \"p/q\"",
                            path, what);
    s = json_string_value(v);
    n = strlen(s);
    for (c = s; *c; c++)
    {
        if (*c >= '0' && *c <= '9')
            digits++;
        else if (*c == '-' && c == s)
            continue;
        else if (*c == '/' && !slash && digits > 0)
        {
            slash = 1;
            digits = 0;
        }
        else
            break;
    }
    if (*c != '\0' || digits == 0 || n > NUM_LEN_MAX || n != json_string_length(v))
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': %s is not an exact rational "
                            "\"p/q\"", path, what);
    if (fmpq_set_str(q, s, 10) != 0 || fmpz_is_zero(fmpq_denref(q)))
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': %s is not an exact rational", path,
                            what);
    fmpq_canonicalise(q);
    if (dyadic && (slong) fmpz_val2(fmpq_denref(q)) != (slong) fmpz_bits(fmpq_denref(q)) - 1)
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': %s is not a dyadic rational "
                            "(its denominator must be a power of 2)", path, what);
    return KD_OK;
}

static void
arf_set_dyadic(arf_t a, const fmpq_t q)
{
    arf_set_fmpz(a, fmpq_numref(q));
    arf_mul_2exp_si(a, a, -(slong) (fmpz_bits(fmpq_denref(q)) - 1));
}

/* z = r, exactly when r fits a mag (as a radius written from one does),
   else rounded up. */
static void
mag_set_arf_exact(mag_t z, const arf_t r)
{
    fmpz_t m, e;
    fmpz_init(m);
    fmpz_init(e);
    arf_get_fmpz_2exp(m, e, r);
    if (arf_is_zero(r))
        mag_zero(z);
    else if (fmpz_bits(m) <= MAG_BITS && fmpz_sgn(m) > 0 && !COEFF_IS_MPZ(*e)
             && FLINT_ABS(fmpz_get_si(e)) < (WORD(1) << 40))
        mag_set_ui_2exp_si(z, fmpz_get_ui(m), fmpz_get_si(e));
    else
        arf_get_mag(z, r);
    fmpz_clear(m);
    fmpz_clear(e);
}

static kd_status
parse_balls(arb_mat_t x, const json_t * a, slong N, const char * key, const char * path)
{
    slong j;
    kd_status st = KD_OK;
    fmpq_t q;
    arf_t r;
    char what[64];
    if (!json_is_array(a) || (slong) json_array_size(a) != N)
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': \"%s\" must be a list of %ld balls",
                            path, key, N);
    fmpq_init(q);
    arf_init(r);
    for (j = 0; j < N && st == KD_OK; j++)
    {
        const json_t * b = json_array_get(a, j);
        arb_struct * e = arb_mat_entry(x, j, 0);
        snprintf(what, sizeof what, "%s[%ld].mid", key, j + 1);
        if (!json_is_object(b))
            st = kd_error_set(KD_ERR_FORMAT, "truth file '%s': %s[%ld] must be {\"mid\", \"rad\"}",
                              path, key, j + 1);
        else if ((st = parse_fmpq(q, json_object_get(b, "mid"), 1, what, path)) == KD_OK)
        {
            arf_set_dyadic(arb_midref(e), q);
            snprintf(what, sizeof what, "%s[%ld].rad", key, j + 1);
            st = parse_fmpq(q, json_object_get(b, "rad"), 1, what, path);
            if (st == KD_OK && fmpq_sgn(q) < 0)
                st = kd_error_set(KD_ERR_FORMAT, "truth file '%s': %s is negative", path, what);
            if (st == KD_OK)
            {
                /* a radius that came from a mag is read back exactly; any
                   other is rounded up */
                arf_set_dyadic(r, q);
                mag_set_arf_exact(arb_radref(e), r);
            }
        }
    }
    fmpq_clear(q);
    arf_clear(r);
    return st;
}

static kd_status
parse_index_list(slong ** v, int ** sg, slong * n, const json_t * a, const json_t * s,
                 slong N, const char * path)
{
    slong i, len;
    if (!json_is_array(a) || !json_is_array(s) || json_array_size(a) != json_array_size(s)
        || (slong) json_array_size(a) > N)
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': the support and its signs must be "
                            "lists of the same length, at most N", path);
    len = json_array_size(a);
    *v = flint_realloc(*v, (len + 1) * sizeof(slong));
    *sg = flint_realloc(*sg, (len + 1) * sizeof(int));
    for (i = 0; i < len; i++)
    {
        const json_t * e = json_array_get(a, i), * t = json_array_get(s, i);
        if (!json_is_integer(e) || json_integer_value(e) < 0 || json_integer_value(e) >= N
            || (i > 0 && json_integer_value(e) <= (*v)[i - 1]) || !json_is_integer(t)
            || (json_integer_value(t) != 1 && json_integer_value(t) != -1))
            return kd_error_set(KD_ERR_FORMAT, "truth file '%s': a support must increase within "
                                "[0, N) with signs +-1", path);
        (*v)[i] = json_integer_value(e);
        (*sg)[i] = (int) json_integer_value(t);
    }
    *n = len;
    return KD_OK;
}

static kd_status
parse_fmpq_mat(fmpq_mat_t M, const json_t * a, slong r, slong c, const char * key,
               const char * path)
{
    slong i, j;
    kd_status st = KD_OK;
    char what[64];
    if (!json_is_array(a) || (slong) json_array_size(a) != r)
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': face \"%s\" must have %ld rows",
                            path, key, r);
    for (i = 0; i < r && st == KD_OK; i++)
    {
        const json_t * row = json_array_get(a, i);
        if (!json_is_array(row) || (slong) json_array_size(row) != c)
            return kd_error_set(KD_ERR_FORMAT, "truth file '%s': face \"%s\" must have %ld "
                                "columns", path, key, c);
        for (j = 0; j < c && st == KD_OK; j++)
        {
            snprintf(what, sizeof what, "face %s[%ld][%ld]", key, i + 1, j + 1);
            st = parse_fmpq(fmpq_mat_entry(M, i, j), json_array_get(row, j), 0, what, path);
        }
    }
    return st;
}

static kd_status
parse_face(kd_face_t F, const json_t * o, slong N, const char * path)
{
    kd_status st;
    slong n, len = 0, k, *E = NULL;
    int * sg = NULL;
    const json_t * C, * d;
    fmpq_mat_t Cm, dm;
    if (!json_is_object(o))
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': \"face\" must be an object", path);
    if ((st = get_int(&n, o, "N", N, N, path)) != KD_OK)
        return st;
    st = parse_index_list(&E, &sg, &len, json_object_get(o, "E"), json_object_get(o, "sign"),
                          N, path);
    C = json_object_get(o, "C");
    d = json_object_get(o, "d");
    if (st == KD_OK && (!json_is_array(C) || json_array_size(C) > (size_t) WORD(1000000)))
        st = kd_error_set(KD_ERR_FORMAT, "truth file '%s': face \"C\" must be a list of rows",
                          path);
    k = st == KD_OK ? (slong) json_array_size(C) : 0;
    fmpq_mat_init(Cm, k, len);
    fmpq_mat_init(dm, k, 1);
    if (st == KD_OK)
        st = parse_fmpq_mat(Cm, C, k, len, "C", path);
    if (st == KD_OK)
        st = parse_fmpq_mat(dm, d, k, 1, "d", path);
    if (st == KD_OK && kd_face_set(F, N, E, sg, len, Cm, dm) != KD_OK)
        st = kd_error_set(KD_ERR_FORMAT, "truth file '%s': malformed face", path);
    fmpq_mat_clear(Cm);
    fmpq_mat_clear(dm);
    flint_free(E);
    flint_free(sg);
    return st;
}

/* The header: format, version, and that the file belongs to P. */
static kd_status
check_header(const json_t * j, const kd_problem_t P, const char * path)
{
    const json_t * v;
    slong ver, m, N;
    char fp[KD_TRUTH_FP_LEN + 1];
    kd_status st;
    if ((v = get(j, "format", JSON_STRING, path)) == NULL)
        return KD_ERR_FORMAT;
    if (strcmp(json_string_value(v), TRUTH_FORMAT) != 0)
        return kd_error_set(KD_ERR_FORMAT, "'%s' is not a kdigits truth file (format \"%s\")",
                            path, json_string_value(v));
    if ((st = get_int(&ver, j, "version", 0, WORD_MAX, path)) != KD_OK)
        return st;
    if (ver != TRUTH_VERSION)
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s' has version %ld; this kdigits reads "
                            "version %d", path, ver, TRUTH_VERSION);
    if ((v = get(j, "problem", JSON_STRING, path)) == NULL)
        return KD_ERR_FORMAT;
    if (strcmp(json_string_value(v), kd_problem_kind_name(P->kind)) != 0)
        return kd_error_set(KD_ERR_ARG, "truth file '%s' is the truth of a %s problem, not of "
                            "this %s problem", path, json_string_value(v),
                            kd_problem_kind_name(P->kind));
    if ((st = get_int(&m, j, "m", 0, WORD_MAX, path)) != KD_OK
        || (st = get_int(&N, j, "N", 0, WORD_MAX, path)) != KD_OK)
        return st;
    if (m != P->m || N != P->N)
        return kd_error_set(KD_ERR_ARG, "truth file '%s' is for a %ld x %ld problem, this one is "
                            "%ld x %ld", path, m, N, P->m, P->N);
    if ((v = get(j, "fingerprint", JSON_STRING, path)) == NULL)
        return KD_ERR_FORMAT;
    if ((st = kd_problem_fingerprint(fp, P)) != KD_OK)
        return st;
    if (strcmp(json_string_value(v), fp) != 0)
        return kd_error_set(KD_ERR_ARG, "truth file '%s' was computed from other data (A, y, w "
                            "or the parameter differ: fingerprint %s, this problem's %s)",
                            path, json_string_value(v), fp);
    return KD_OK;
}

/* "x_exact": N exact expressions, each parsed and its value checked to
   lie in the ball of x read before (a mismatch is a malformed file). */
static kd_status
parse_exact(kd_truth_set_t T, const json_t * a, slong N, const char * path)
{
    kd_status st = KD_OK;
    slong i;
    kd_real_t x;
    arb_t b;
    if (!json_is_array(a) || (slong) json_array_size(a) != N)
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s': \"x_exact\" must list %ld "
                            "expressions", path, N);
    kd_real_init(x);
    arb_init(b);
    T->xexact = flint_calloc(N + 1, sizeof(char *));
    for (i = 0; i < N && st == KD_OK; i++)
    {
        const char * e = json_string_value(json_array_get(a, i));
        if (e == NULL || kd_real_parse(x, e) != KD_OK || kd_real_eval_arb(b, x, 128) != KD_OK
            || !arb_overlaps(b, arb_mat_entry(&T->x, i, 0)))
            st = kd_error_set(KD_ERR_FORMAT, "truth file '%s': \"x_exact\" entry %ld is not "
                              "an expression whose value lies in the ball of x", path, i + 1);
        else
        {
            T->xexact[i] = flint_malloc(strlen(e) + 1);
            strcpy(T->xexact[i], e);
        }
    }
    if (st != KD_OK)
        _kd_truth_set_clear_exact(T);
    kd_real_clear(x);
    arb_clear(b);
    return st;
}

static kd_status
parse_truth(kd_truth_set_t T, const json_t * j, const kd_problem_t P, const char * path)
{
    kd_status st;
    const json_t * v, * lv;
    slong i;
    if ((st = check_header(j, P, path)) != KD_OK)
        return st;
    if ((st = get_truth(&T->found, j, "found", path)) != KD_OK
        || (st = get_truth(&T->unique, j, "unique", path)) != KD_OK
        || (st = get_int(&T->prec, j, "prec", 0, WORD_MAX, path)) != KD_OK)
        return st;
    if ((v = get(j, "how", JSON_STRING, path)) == NULL || (lv = get(j, "levels", JSON_ARRAY, path)) == NULL)
        return KD_ERR_FORMAT;
    snprintf(T->how, sizeof T->how, "%s", json_string_value(v));
    T->nlevels = 0;
    for (i = 0; i < (slong) json_array_size(lv); i++)
    {
        const json_t * e = json_array_get(lv, i);
        if (!json_is_integer(e) || json_integer_value(e) < 0
            || json_integer_value(e) > KD_LEVEL_MAX)
            return kd_error_set(KD_ERR_FORMAT, "truth file '%s': \"levels\" must list levels "
                                "in [0, %d]", path, KD_LEVEL_MAX);
        T->levels = flint_realloc(T->levels, (i + 1) * sizeof(slong));
        T->levels[T->nlevels++] = json_integer_value(e);
    }
    T->nE = -1;
    if (json_object_get(j, "support") != NULL
        && (st = parse_index_list(&T->E, &T->s, &T->nE, json_object_get(j, "support"),
                                  json_object_get(j, "signs"), P->N, path)) != KD_OK)
        return st;
    if (T->found != KD_TRUE)
        return KD_OK;
    if (json_object_get(j, "face_exact") != NULL)
    {
        T->fexact = flint_malloc(sizeof(kd_face_exact_struct));
        kd_face_exact_init(T->fexact);
        if ((st = kd_face_exact_from_json(T->fexact, json_object_get(j, "face_exact"), P->N)) != KD_OK)
        {
            kd_error_prefix("truth file '%s'", path);
            return st;
        }
        if (json_object_get(j, "face") == NULL)
            return KD_OK;
    }
    if (json_object_get(j, "face") != NULL)
    {
        T->face = flint_malloc(sizeof(kd_face_struct));
        kd_face_init(T->face);
        T->has_face = 1;
        return parse_face(T->face, json_object_get(j, "face"), P->N, path);
    }
    if ((v = get(j, "x", JSON_ARRAY, path)) == NULL)
        return KD_ERR_FORMAT;
    if ((st = parse_balls(&T->x, v, P->N, "x", path)) != KD_OK)
        return st;
    if (json_object_get(j, "x_exact") != NULL
        && (st = parse_exact(T, json_object_get(j, "x_exact"), P->N, path)) != KD_OK)
        return st;
    if (P->is_complex && (v = get(j, "xi", JSON_ARRAY, path)) == NULL)
        return KD_ERR_FORMAT;
    return P->is_complex ? parse_balls(&T->xi, v, P->N, "xi", path) : KD_OK;
}

kd_status
kd_truth_set_read(kd_truth_set_t T, const kd_problem_t P, const char * path)
{
    json_error_t err;
    json_t * j;
    kd_status st;
    kd_truth_set_t S;
    if (!P->has_data)
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data (given by oracles only)");
    j = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (j == NULL)
    {
        FILE * f = fopen(path, "rb");
        if (f == NULL)
            return kd_error_set(KD_ERR_IO, "cannot read the truth file '%s'", path);
        fclose(f);
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s' is not valid JSON (line %d: %s)",
                            path, err.line, err.text);
    }
    if (!json_is_object(j))
    {
        json_decref(j);
        return kd_error_set(KD_ERR_FORMAT, "truth file '%s' is not a JSON object", path);
    }
    kd_truth_set_init(S, P->N);
    st = parse_truth(S, j, P, path);
    json_decref(j);
    if (st == KD_OK)
    {
        kd_truth_set_set(T, S);
        /* say where this truth comes from (once) */
        if (strstr(T->how, read_tag) == NULL
            && strlen(T->how) + sizeof read_tag <= sizeof T->how)
            strcat(T->how, read_tag);
    }
    kd_truth_set_clear(S);
    return st;
}
