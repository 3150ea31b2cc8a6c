/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Towers of algorithms over oracle input (proofs-notes/sci.md §1): one
   evaluation, a run over a grid of levels, the check of one-sided
   certainty, a text table; the oracles the examples read (nearest and
   seeded-random honest answers) and the zero-answer adversary (§3). */
#include <string.h>
#include "kdigits/sci.h"
#include "kdigits/util.h"

/* ------------------------------------------------------------ outputs */

void
kd_tower_out_init(kd_tower_out_t out)
{
    out->value = 0;
    arb_init(&out->ball);
    out->certified = 0;
    out->nreads = 0;
    out->max_level = -1;
}

void
kd_tower_out_clear(kd_tower_out_t out)
{
    arb_clear(&out->ball);
}

void
kd_tower_out_set(kd_tower_out_t dst, const kd_tower_out_t src)
{
    dst->value = src->value;
    arb_set(&dst->ball, &src->ball);
    dst->certified = src->certified;
    dst->nreads = src->nreads;
    dst->max_level = src->max_level;
}

/* ------------------------------------------------------------ towers */

void
kd_tower_set(kd_tower_t T, const char * name, slong height, kd_tower_value value,
             kd_tower_cert cert, kd_tower_base_fn base, void * data)
{
    T->name = name;
    T->sci_class = NULL;
    T->height = height;
    T->value = value;
    T->cert = cert;
    T->base = base;
    T->data = data;
    T->value_name = NULL;
}

const char *
kd_tower_cert_name(kd_tower_cert c)
{
    switch (c)
    {
        case KD_TOWER_CERT_NONE: return "nothing is certified at finite n";
        case KD_TOWER_CERT_EXACT: return "a certified value equals Xi";
        case KD_TOWER_CERT_LOWER: return "a certified value is <= Xi";
        case KD_TOWER_CERT_UPPER: return "a certified value is >= Xi";
        case KD_TOWER_CERT_BALL: return "a certified ball contains Xi";
        default: return "?";
    }
}

static kd_status
check_tower(const kd_tower_t T)
{
    if (T->height < 1 || T->height > KD_TOWER_HEIGHT_MAX || T->base == NULL)
        return kd_error_set(KD_ERR_ARG, "a tower needs a base function and a height in [1, %d]",
                            KD_TOWER_HEIGHT_MAX);
    return KD_OK;
}

kd_status
kd_tower_eval(kd_tower_out_t out, const kd_tower_t T, const slong * n, kd_oracle_t O)
{
    slong i, before;
    kd_status st;

    if ((st = check_tower(T)) != KD_OK)
        return st;
    for (i = 0; i < T->height; i++)
        if ((st = kd_check_level(n[i])) != KD_OK)
            return st;
    out->value = 0;
    arb_indeterminate(&out->ball);
    out->certified = 0;
    before = kd_oracle_nreads(O);
    st = T->base(out, n, O, T->data);
    /* the reads of this evaluation are the tail of the oracle's log */
    out->nreads = kd_oracle_nreads(O) - before;
    out->max_level = -1;
    for (i = before; i < kd_oracle_nreads(O); i++)
        if (kd_oracle_read_level(O, i) > out->max_level)
            out->max_level = kd_oracle_read_level(O, i);
    if (st != KD_OK)
        out->certified = 0;
    return st;
}

kd_truth
kd_tower_out_check(const kd_tower_t T, const kd_tower_out_t out, slong truth,
                   const arb_t truth_ball)
{
    if (!out->certified)
        return KD_TRUE;
    if (T->value == KD_TOWER_BALL)
    {
        if (truth_ball == NULL)
            return KD_UNKNOWN;
        if (arb_contains(&out->ball, truth_ball))
            return KD_TRUE;
        return arb_overlaps(&out->ball, truth_ball) ? KD_UNKNOWN : KD_FALSE;
    }
    switch (T->cert)
    {
        case KD_TOWER_CERT_NONE: return KD_FALSE;   /* a claim where none may be made */
        case KD_TOWER_CERT_EXACT: return out->value == truth ? KD_TRUE : KD_FALSE;
        case KD_TOWER_CERT_LOWER: return out->value <= truth ? KD_TRUE : KD_FALSE;
        case KD_TOWER_CERT_UPPER: return out->value >= truth ? KD_TRUE : KD_FALSE;
        default: return KD_FALSE;                   /* a ball claim on an integer */
    }
}

/* ------------------------------------------------------------ runs */

void
kd_tower_run_init(kd_tower_run_t R)
{
    slong i;
    R->height = 0;
    for (i = 0; i < KD_TOWER_HEIGHT_MAX; i++)
    {
        R->len[i] = 0;
        R->levels[i] = NULL;
    }
    R->count = 0;
    R->out = NULL;
}

void
kd_tower_run_clear(kd_tower_run_t R)
{
    slong i;
    for (i = 0; i < R->count; i++)
        kd_tower_out_clear(R->out + i);
    flint_free(R->out);
    for (i = 0; i < KD_TOWER_HEIGHT_MAX; i++)
        flint_free(R->levels[i]);
    kd_tower_run_init(R);
}

kd_status
kd_tower_run(kd_tower_run_t R, const kd_tower_t T, kd_oracle_t O,
             const slong * const * levels, const slong * len)
{
    slong i, j, count = 1, idx[KD_TOWER_HEIGHT_MAX], n[KD_TOWER_HEIGHT_MAX];
    kd_status st;

    if ((st = check_tower(T)) != KD_OK)
        return st;
    for (i = 0; i < T->height; i++)
    {
        if (len[i] < 1 || len[i] > 1000000)
            return kd_error_set(KD_ERR_ARG, "a tower run needs 1 to 10^6 values of n_%ld",
                                i + 1);
        for (j = 0; j < len[i]; j++)
            if ((st = kd_check_level(levels[i][j])) != KD_OK)
                return st;
        count *= len[i];
        if (count > 1000000)
            return kd_error_set(KD_ERR_ARG, "a tower run has at most 10^6 grid points");
    }
    kd_tower_run_clear(R);
    R->height = T->height;
    for (i = 0; i < T->height; i++)
    {
        R->len[i] = len[i];
        R->levels[i] = flint_malloc(len[i] * sizeof(slong));
        memcpy(R->levels[i], levels[i], len[i] * sizeof(slong));
        idx[i] = 0;
    }
    R->count = count;
    R->out = flint_malloc(count * sizeof(kd_tower_out_struct));
    for (j = 0; j < count; j++)
        kd_tower_out_init(R->out + j);
    for (j = 0; j < count; j++)
    {
        for (i = 0; i < T->height; i++)
            n[i] = levels[i][idx[i]];
        if ((st = kd_tower_eval(R->out + j, T, n, O)) != KD_OK)
            return st;
        /* next grid point, n_1 fastest */
        for (i = 0; i < T->height; i++)
        {
            if (++idx[i] < len[i])
                break;
            idx[i] = 0;
        }
    }
    return KD_OK;
}

kd_tower_out_struct *
kd_tower_run_entry(const kd_tower_run_t R, const slong * idx)
{
    slong i, k = 0, stride = 1;
    for (i = 0; i < R->height; i++)
    {
        if (idx[i] < 0 || idx[i] >= R->len[i])
            return NULL;
        k += idx[i] * stride;
        stride *= R->len[i];
    }
    return R->out + k;
}

kd_truth
kd_tower_run_check(slong * bad, const kd_tower_t T, const kd_tower_run_t R, slong truth,
                   const arb_t truth_ball)
{
    slong i, first_unknown = -1;
    kd_truth t;
    if (bad != NULL)
        *bad = -1;
    for (i = 0; i < R->count; i++)
    {
        t = kd_tower_out_check(T, R->out + i, truth, truth_ball);
        if (t == KD_FALSE)
        {
            if (bad != NULL)
                *bad = i;
            return KD_FALSE;
        }
        if (t == KD_UNKNOWN && first_unknown < 0)
            first_unknown = i;
    }
    if (first_unknown >= 0)
    {
        if (bad != NULL)
            *bad = first_unknown;
        return KD_UNKNOWN;
    }
    return KD_TRUE;
}

/* ------------------------------------------------------------ text */

static void
value_str(char * buf, size_t size, const kd_tower_t T, const kd_tower_out_struct * o,
          slong digits)
{
    if (T->value == KD_TOWER_BALL)
    {
        char * mid, * rad;
        if (!arb_is_finite(&o->ball))
        {
            snprintf(buf, size, "-");
            return;
        }
        kd_arb_get_decimal(&mid, &rad, &o->ball, digits);
        snprintf(buf, size, "%s +/- %s", mid, rad);
        flint_free(mid);
        flint_free(rad);
    }
    else if (T->value_name != NULL)
        snprintf(buf, size, "%s", T->value_name(o->value));
    else
        snprintf(buf, size, "%ld", o->value);
}

kd_status
kd_tower_run_write(FILE * f, const kd_tower_t T, const kd_tower_run_t R, slong digits)
{
    char buf[256];
    slong i, j, b, blocks, idx[KD_TOWER_HEIGHT_MAX];
    int err = 0;

    if (R->height != T->height || R->count == 0)
        return kd_error_set(KD_ERR_ARG, "the run does not belong to this tower");
    err |= fprintf(f, "tower \"%s\"%s%s, height %ld: Xi = %s Gamma_{%s}\n",
                   T->name ? T->name : "?", T->sci_class ? ", " : "",
                   T->sci_class ? T->sci_class : "", T->height,
                   T->height == 1 ? "lim_{n1}" : T->height == 2 ? "lim_{n2} lim_{n1}"
                                                     : "lim_{n3} lim_{n2} lim_{n1}",
                   T->height == 1 ? "n1" : T->height == 2 ? "n2,n1" : "n3,n2,n1") < 0;
    err |= fprintf(f, "certainty: %s\n", kd_tower_cert_name(T->cert)) < 0;
    if (R->height == 1)
    {
        int w = T->value == KD_TOWER_BALL ? 36 : 8;
        err |= fprintf(f, "%8s  %-*s %-9s %6s %9s\n", "n1", w, "Gamma", "certified", "reads",
                       "max level") < 0;
        for (i = 0; i < R->len[0]; i++)
        {
            const kd_tower_out_struct * o = R->out + i;
            value_str(buf, sizeof buf, T, o, digits);
            err |= fprintf(f, "%8ld  %-*s %-9s %6ld %9ld\n", R->levels[0][i], w, buf,
                           o->certified ? "yes" : "no", o->nreads, o->max_level) < 0;
        }
    }
    else
    {
        /* a grid per block of the outer index (one block for height 2) */
        blocks = R->height == 3 ? R->len[2] : 1;
        for (b = 0; b < blocks; b++)
        {
            if (R->height == 3)
                err |= fprintf(f, "n3 = %ld:\n", R->levels[2][b]) < 0;
            err |= fprintf(f, "%8s |", "n2 \\ n1") < 0;
            for (j = 0; j < R->len[0]; j++)
                err |= fprintf(f, " %10ld", R->levels[0][j]) < 0;
            err |= fprintf(f, "\n") < 0;
            for (i = 0; i < R->len[1]; i++)
            {
                err |= fprintf(f, "%8ld |", R->levels[1][i]) < 0;
                for (j = 0; j < R->len[0]; j++)
                {
                    const kd_tower_out_struct * o;
                    idx[0] = j;
                    idx[1] = i;
                    idx[2] = b;
                    o = kd_tower_run_entry(R, idx);
                    value_str(buf, sizeof buf, T, o, digits);
                    err |= fprintf(f, " %9s%s", buf, o->certified ? "*" : " ") < 0;
                }
                err |= fprintf(f, "\n") < 0;
            }
        }
        err |= fprintf(f, "(* = certified; each row converges as n1 grows to the inner limit,\n"
                          " and those limits converge as n2 grows to Xi)\n") < 0;
    }
    return err ? kd_error_set(KD_ERR_IO, "could not write the tower table") : KD_OK;
}

/* ------------------------------------------------------------ towers as
   algorithms */

kd_status
kd_tower_alg(slong * answer, kd_oracle_t O, void * data)
{
    const kd_tower_alg_struct * a = data;
    kd_tower_out_t out;
    kd_status st;
    if (a->T->value != KD_TOWER_INT)
        return kd_error_set(KD_ERR_ARG, "kd_tower_alg needs an integer-valued tower");
    kd_tower_out_init(out);
    st = kd_tower_eval(out, a->T, a->n, O);
    *answer = out->value;
    kd_tower_out_clear(out);
    return st;
}

/* ------------------------------------------------------------ oracles */

kd_status
kd_sci_oracle_init_real(kd_oracle_t O, const kd_real_t x)
{
    kd_mat_t A;
    kd_status st;
    kd_mat_init(A, 1, 1);
    kd_mat_set_entry_real(A, 0, 0, x);
    st = kd_oracle_init_mat(O, A);
    kd_mat_clear(A);
    return st;
}

typedef struct
{
    kd_mat_t A;
    ulong seed;
}
random_data;

static void
random_clear(void * data)
{
    random_data * d = data;
    kd_mat_clear(d->A);
    flint_free(d);
}

/* A draw in [lo, hi] (integers, lo <= hi) that hits each end a quarter of
   the time: the edges are where one-sided claims break. */
static void
draw_edge(fmpz_t res, flint_rand_t rs, const fmpz_t lo, const fmpz_t hi)
{
    ulong u = n_randint(rs, 4);
    if (u == 0)
        fmpz_set(res, lo);
    else if (u == 1)
        fmpz_set(res, hi);
    else
    {
        fmpz_t w;
        fmpz_init(w);
        fmpz_sub(w, hi, lo);
        fmpz_add_ui(w, w, 1);
        fmpz_randm(res, rs, w);
        fmpz_add(res, res, lo);
        fmpz_clear(w);
    }
}

/* q = a dyadic with |q - v| <= 2^-L (proofs-notes/sci.md §2). */
static kd_status
random_entry(fmpq_t q, flint_rand_t rs, const kd_real_t v, slong L, slong prec_cap)
{
    fmpq_t r;
    fmpz_t lo, hi, k;
    kd_status st = KD_OK;

    fmpq_init(r);
    fmpz_init(lo);
    fmpz_init(hi);
    fmpz_init(k);
    if (kd_real_get_fmpq(r, v))
    {
        /* the grid 2^-(L+2) inside [v - 2^-L, v + 2^-L]: lo = ceil((v 2^L - 1) 4),
           hi = floor((v 2^L + 1) 4) */
        fmpq_mul_2exp(r, r, L + 2);
        fmpz_set_ui(k, 4);
        fmpq_sub_fmpz(r, r, k);
        fmpz_cdiv_q(lo, fmpq_numref(r), fmpq_denref(r));
        fmpz_set_ui(k, 8);
        fmpq_add_fmpz(r, r, k);
        fmpz_fdiv_q(hi, fmpq_numref(r), fmpq_denref(r));
        draw_edge(k, rs, lo, hi);
        fmpq_set_fmpz(q, k);
        fmpq_div_2exp(q, q, L + 2);
    }
    else
    {
        /* m rounded to 2^-(L+3), plus j 2^-(L+2), |j| <= 2:
           |q - v| <= r + 2^-(L+4) + 2^-(L+1) <= 2^-(L+2) + 2^-(L+4) + 2^-(L+1) < 2^-L */
        arb_t b;
        fmpz_t m;
        arb_init(b);
        fmpz_init(m);
        st = kd_real_enclose(b, v, L + 2, prec_cap);
        if (st == KD_OK)
        {
            arf_t t;
            arf_init(t);
            arf_mul_2exp_si(t, arb_midref(b), L + 3);
            arf_get_fmpz(m, t, ARF_RND_NEAR);
            arf_clear(t);
            fmpz_set_si(lo, -2);
            fmpz_set_si(hi, 2);
            draw_edge(k, rs, lo, hi);
            fmpz_mul_ui(k, k, 2);
            fmpz_add(m, m, k);
            fmpq_set_fmpz(q, m);
            fmpq_div_2exp(q, q, L + 3);
        }
        fmpz_clear(m);
        arb_clear(b);
    }
    fmpz_clear(k);
    fmpz_clear(hi);
    fmpz_clear(lo);
    fmpq_clear(r);
    return st;
}

static kd_status
random_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong n)
{
    random_data * d = O->data;
    slong i, j, parts = O->is_complex ? 2 : 1, L;
    flint_rand_t rs;
    kd_status st = KD_OK;

    L = kd_oracle_entry_level(n, parts * O->r * O->c);
    flint_randinit(rs);
    /* the answer is a function of (A, seed, n): a fresh state per level */
    flint_randseed(rs, d->seed ^ ((ulong) n * 0x9E3779B97F4A7C15UL),
                   (d->seed + 0x5DEECE66DUL) ^ ((ulong) n * 0xC2B2AE3D27D4EB4FUL));
    for (i = 0; i < O->r && st == KD_OK; i++)
        for (j = 0; j < O->c && st == KD_OK; j++)
        {
            const kd_complex_struct * z = kd_mat_entry(d->A, i, j);
            st = random_entry(fmpq_mat_entry(re, i, j), rs, &z->re, L, O->prec_cap);
            if (st == KD_OK && im != NULL)
                st = random_entry(fmpq_mat_entry(im, i, j), rs, &z->im, L, O->prec_cap);
        }
    flint_randclear(rs);
    return st;
}

kd_status
kd_sci_oracle_init_random(kd_oracle_t O, const kd_mat_t A, ulong seed)
{
    random_data * d = flint_malloc(sizeof(random_data));
    kd_status st = kd_mat_init(d->A, 0, 0);
    if (st == KD_OK)
        st = kd_mat_set(d->A, A);
    d->seed = seed;
    kd_oracle_init_custom(O, A->r, A->c, A->is_complex, random_query, d, random_clear);
    return st;
}

kd_status
kd_sci_oracle_init_random_real(kd_oracle_t O, const kd_real_t x, ulong seed)
{
    kd_mat_t A;
    kd_status st;
    kd_mat_init(A, 1, 1);
    kd_mat_set_entry_real(A, 0, 0, x);
    st = kd_sci_oracle_init_random(O, A, seed);
    kd_mat_clear(A);
    return st;
}

/* ------------------------------------------------------------ the
   zero-answer adversary (proofs-notes/sci.md §3) */

typedef struct
{
    kd_sci_adv_struct * res;
}
zero_data;

static kd_status
zero_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong n)
{
    zero_data * d = O->data;
    kd_sci_adv_struct * res = d->res;
    (void) n;
    fmpq_mat_zero(re);
    if (im != NULL)
        fmpq_mat_zero(im);
    /* keep the answer for the consistency check (the level is in the log) */
    if (res->nreads == res->alloc)
    {
        res->alloc = 2 * res->alloc + 8;
        res->answers = flint_realloc(res->answers, res->alloc * sizeof(fmpq_mat_struct));
    }
    fmpq_mat_init(res->answers + res->nreads, O->r, O->c);
    fmpq_mat_set(res->answers + res->nreads, re);
    res->nreads++;
    return KD_OK;
}

void
kd_sci_adv_init(kd_sci_adv_t res)
{
    res->r = res->c = 0;
    res->answer = 0;
    res->nreads = 0;
    res->levels = NULL;
    res->answers = NULL;
    res->alloc = 0;
    res->max_level = -1;
    res->N = 0;
    fmpq_mat_init(res->X0, 0, 0);
    fmpq_mat_init(res->X1, 0, 0);
    res->xi0 = 0;
    res->xi1 = 1;
    res->consistent = KD_UNKNOWN;
    res->wrong_on = -1;
}

void
kd_sci_adv_clear(kd_sci_adv_t res)
{
    slong i;
    for (i = 0; i < res->nreads; i++)
        fmpq_mat_clear(res->answers + i);
    flint_free(res->answers);
    flint_free(res->levels);
    fmpq_mat_clear(res->X0);
    fmpq_mat_clear(res->X1);
}

kd_status
kd_sci_adversary_run(kd_sci_adv_t res, slong r, slong c, kd_sci_alg_fn alg, void * data)
{
    kd_oracle_t O;
    zero_data zd;
    fmpq_mat_t D;
    slong i;
    int le;
    kd_status st;

    if (r < 1 || c < 1 || r > 4096 || c > 4096)
        return kd_error_set(KD_ERR_ARG, "the adversary needs a shape in [1, 4096]^2");
    kd_sci_adv_clear(res);
    kd_sci_adv_init(res);
    res->r = r;
    res->c = c;
    zd.res = res;
    kd_oracle_init_custom(O, r, c, 0, zero_query, &zd, NULL);
    st = alg(&res->answer, O, data);
    res->levels = flint_malloc((kd_oracle_nreads(O) + 1) * sizeof(slong));
    for (i = 0; i < kd_oracle_nreads(O); i++)
        res->levels[i] = kd_oracle_read_level(O, i);
    res->max_level = kd_oracle_max_level(O);
    kd_oracle_clear(O);
    if (st != KD_OK)
        return st;

    /* the two instances: X0 = 0 and X1 = 2^-(L+1) e_1 e_1^T */
    res->N = res->max_level + 1;
    fmpq_mat_clear(res->X0);
    fmpq_mat_clear(res->X1);
    fmpq_mat_init(res->X0, r, c);
    fmpq_mat_init(res->X1, r, c);
    fmpq_one(fmpq_mat_entry(res->X1, 0, 0));
    fmpq_div_2exp(fmpq_mat_entry(res->X1, 0, 0), fmpq_mat_entry(res->X1, 0, 0), res->N);
    res->xi0 = 0;
    res->xi1 = 1;
    res->wrong_on = res->answer == res->xi0 ? 1 : 0;

    /* every answer within 2^-k of both, exactly */
    res->consistent = KD_TRUE;
    fmpq_mat_init(D, r, c);
    for (i = 0; i < res->nreads && st == KD_OK; i++)
    {
        fmpq_mat_sub(D, res->answers + i, res->X0);
        st = kd_sci_opnorm_le_2exp(&le, D, NULL, res->levels[i]);
        if (st == KD_OK && !le)
            res->consistent = KD_FALSE;
        if (st == KD_OK)
        {
            fmpq_mat_sub(D, res->answers + i, res->X1);
            st = kd_sci_opnorm_le_2exp(&le, D, NULL, res->levels[i]);
        }
        if (st == KD_OK && !le)
            res->consistent = KD_FALSE;
    }
    fmpq_mat_clear(D);
    return st;
}
