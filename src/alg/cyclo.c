/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Cyclotomic fields Q(zeta_L) = Q[x]/(Phi_L) on antic's nf_t: the exact
   value of an expression, conjugation, enclosures and signs
   (proofs-notes/exact.md §1). */
#include "internal.h"

kd_status
kd_cyclo_init(kd_cyclo_t K, slong L, slong deg_max)
{
    fmpz_poly_t p;
    slong d;
    if (deg_max <= 0)
        deg_max = KD_CYCLO_DEG_DEFAULT;
    deg_max = FLINT_MIN(deg_max, KD_CYCLO_DEG_MAX);
    if (L < 1)
        return kd_error_set(KD_ERR_ARG, "cyclotomic field: L must be >= 1 (got %ld)", L);
    if (L > 2 * deg_max * deg_max || (d = _kd_euler_phi(L)) > deg_max)
        return kd_error_set(KD_ERR_UNSUPPORTED,
            "cyclotomic field Q(zeta_%ld) has degree above the cap %ld", L, deg_max);
    K->L = L;
    K->deg = d;
    K->deg_max = deg_max;
    fmpz_poly_init(p);
    fmpz_poly_cyclotomic(p, (ulong) L);
    fmpq_poly_init(K->phi);
    fmpq_poly_set_fmpz_poly(K->phi, p);
    fmpz_poly_clear(p);
    nf_init(K->nf, K->phi);
    K->nsqrt = 0;
    K->sqrt_alloc = 0;
    K->sqrt_s = NULL;
    K->sqrt_val = NULL;
    K->zeta_prec = 0;
    K->zeta_re = NULL;
    K->zeta_im = NULL;
    return KD_OK;
}

void
kd_cyclo_clear(kd_cyclo_t K)
{
    slong k;
    for (k = 0; k < K->nsqrt; k++)
        nf_elem_clear(K->sqrt_val + k, K->nf);
    flint_free(K->sqrt_s);
    flint_free(K->sqrt_val);
    if (K->zeta_re != NULL)
    {
        _arb_vec_clear(K->zeta_re, K->deg);
        _arb_vec_clear(K->zeta_im, K->deg);
    }
    nf_clear(K->nf);
    fmpq_poly_clear(K->phi);
}

/* a = the class of the polynomial p (any length) modulo Phi_L. */
static void
set_poly_reduce(nf_elem_t a, fmpq_poly_t p, const kd_cyclo_t K)
{
    if (p->length > K->deg)
        fmpq_poly_rem(p, p, K->phi);
    nf_elem_set_fmpq_poly(a, p, K->nf);
}

void
kd_cyclo_zeta_pow(nf_elem_t a, slong k, const kd_cyclo_t K)
{
    fmpq_poly_t p;
    slong e = k % K->L;
    if (e < 0)
        e += K->L;
    fmpq_poly_init(p);
    fmpq_poly_set_coeff_si(p, e, 1);
    set_poly_reduce(a, p, K);
    fmpq_poly_clear(p);
}

kd_status
kd_cyclo_i(nf_elem_t a, const kd_cyclo_t K)
{
    if (K->L % 4 != 0)
        return kd_error_set(KD_ERR_UNSUPPORTED, "i is not in Q(zeta_%ld)", K->L);
    kd_cyclo_zeta_pow(a, K->L / 4, K);
    return KD_OK;
}

void
kd_cyclo_conj(nf_elem_t b, const nf_elem_t a, const kd_cyclo_t K)
{
    fmpq_poly_t p, q;
    slong k;
    fmpq_poly_init(p);
    fmpq_poly_init(q);
    nf_elem_get_fmpq_poly(p, a, K->nf);
    /* sum c_k x^k -> sum c_k x^(L-k): numerators move, the denominator stays */
    fmpq_poly_fit_length(q, K->L);
    for (k = 0; k < p->length; k++)
        fmpz_set(fmpq_poly_numref(q) + (k == 0 ? 0 : K->L - k), fmpq_poly_numref(p) + k);
    _fmpq_poly_set_length(q, K->L);
    fmpz_set(fmpq_poly_denref(q), fmpq_poly_denref(p));
    _fmpq_poly_normalise(q);
    fmpq_poly_canonicalise(q);
    set_poly_reduce(b, q, K);
    fmpq_poly_clear(p);
    fmpq_poly_clear(q);
}

int
kd_cyclo_is_real(const nf_elem_t a, const kd_cyclo_t K)
{
    nf_elem_t b;
    int r;
    nf_elem_init(b, K->nf);
    kd_cyclo_conj(b, a, K);
    r = nf_elem_equal(a, b, K->nf);
    nf_elem_clear(b, K->nf);
    return r;
}

/* ------------------------------------------------------------ enclosures */

static void
zeta_table(kd_cyclo_t K, slong prec)
{
    slong k;
    fmpq_t t;
    if (K->zeta_prec == prec)
        return;
    if (K->zeta_re == NULL)
    {
        K->zeta_re = _arb_vec_init(K->deg);
        K->zeta_im = _arb_vec_init(K->deg);
    }
    fmpq_init(t);
    for (k = 0; k < K->deg; k++)
    {
        fmpq_set_si(t, 2 * k, (ulong) K->L);
        arb_sin_cos_pi_fmpq(K->zeta_im + k, K->zeta_re + k, t, prec);
    }
    fmpq_clear(t);
    K->zeta_prec = prec;
}

void
kd_cyclo_enclose_acb(acb_t res, const nf_elem_t a, kd_cyclo_t K, slong prec)
{
    fmpq_poly_t p;
    slong wp = prec + 2 * FLINT_BIT_COUNT(K->deg) + 10;
    fmpq_poly_init(p);
    nf_elem_get_fmpq_poly(p, a, K->nf);
    zeta_table(K, wp);
    arb_dot_fmpz(acb_realref(res), NULL, 0, K->zeta_re, 1,
                 fmpq_poly_numref(p), 1, p->length, wp);
    arb_dot_fmpz(acb_imagref(res), NULL, 0, K->zeta_im, 1,
                 fmpq_poly_numref(p), 1, p->length, wp);
    acb_div_fmpz(res, res, fmpq_poly_denref(p), prec);
    fmpq_poly_clear(p);
}

void
kd_cyclo_enclose_arb(arb_t res, const nf_elem_t a, kd_cyclo_t K, slong prec)
{
    fmpq_poly_t p;
    slong wp = prec + 2 * FLINT_BIT_COUNT(K->deg) + 10;
    fmpq_poly_init(p);
    nf_elem_get_fmpq_poly(p, a, K->nf);
    zeta_table(K, wp);
    arb_dot_fmpz(res, NULL, 0, K->zeta_re, 1, fmpq_poly_numref(p), 1, p->length, wp);
    arb_div_fmpz(res, res, fmpq_poly_denref(p), prec);
    fmpq_poly_clear(p);
}

kd_status
kd_cyclo_sign(int * sgn, const nf_elem_t a, kd_cyclo_t K, slong prec_cap)
{
    arb_t x;
    slong prec;
    if (nf_elem_is_zero(a, K->nf))
    {
        *sgn = 0;
        return KD_OK;
    }
    if (!kd_cyclo_is_real(a, K))
        return kd_error_set(KD_ERR_ARG, "sign of a non-real element of Q(zeta_%ld)", K->L);
    if (prec_cap <= 0)
        prec_cap = KD_PREC_CAP_DEFAULT;
    arb_init(x);
    for (prec = 64; prec <= prec_cap; prec *= 2)
    {
        kd_cyclo_enclose_arb(x, a, K, prec);
        if (arb_is_positive(x) || arb_is_negative(x))
        {
            *sgn = arb_is_positive(x) ? 1 : -1;
            arb_clear(x);
            return KD_OK;
        }
    }
    arb_clear(x);
    return kd_error_set(KD_ERR_UNDECIDED,
        "could not decide the sign of a non-zero element of Q(zeta_%ld) at %ld bits",
        K->L, prec_cap);
}

/* ----------------------------------------------------------- square roots */

/* The positive square root of a squarefree s >= 2 with _kd_sqrt_conductor(s)
   dividing L, built as a Gauss sum and checked: its square is s exactly and
   its enclosure decides which of the two roots it is. */
static kd_status
sqrt_squarefree(nf_elem_t a, ulong s, kd_cyclo_t K)
{
    ulong odd = (s % 2 == 0) ? s / 2 : s;
    nf_elem_t t;
    fmpq_poly_t p;
    arb_t x;
    slong prec;
    ulong k;
    nf_elem_init(t, K->nf);
    nf_elem_one(a, K->nf);
    if (odd > 1)
    {
        /* G = sum_k (k/odd) zeta_odd^k; G^2 = (-1)^((odd-1)/2) odd */
        fmpq_poly_init(p);
        for (k = 1; k < odd; k++)
        {
            int j = n_jacobi((slong) k, odd);
            if (j != 0)
                fmpq_poly_set_coeff_si(p, (slong) (k * ((ulong) K->L / odd)), j);
        }
        set_poly_reduce(a, p, K);
        fmpq_poly_clear(p);
        if (odd % 4 == 3)
        {
            nf_elem_t u;
            nf_elem_init(u, K->nf);
            kd_cyclo_i(t, K);
            nf_elem_mul(u, a, t, K->nf);
            nf_elem_swap(a, u, K->nf);
            nf_elem_clear(u, K->nf);
        }
    }
    if (s % 2 == 0)
    {
        /* sqrt 2 = zeta_8 + zeta_8^-1 */
        nf_elem_t u;
        nf_elem_init(u, K->nf);
        kd_cyclo_zeta_pow(t, K->L / 8, K);
        kd_cyclo_zeta_pow(u, -(K->L / 8), K);
        nf_elem_add(t, t, u, K->nf);
        nf_elem_mul(u, a, t, K->nf);
        nf_elem_swap(a, u, K->nf);
        nf_elem_clear(u, K->nf);
    }
    /* a is one of +-sqrt(s) (times i^0 after the factor above): check */
    nf_elem_mul(t, a, a, K->nf);
    if (!nf_elem_equal_ui(t, s, K->nf))
    {
        nf_elem_clear(t, K->nf);
        return kd_error_set(KD_ERR_INTERNAL, "Gauss sum for sqrt(%lu) does not square to %lu", s, s);
    }
    arb_init(x);
    for (prec = 64; prec <= 65536; prec *= 2)
    {
        kd_cyclo_enclose_arb(x, a, K, prec);
        if (arb_is_positive(x) || arb_is_negative(x))
            break;
    }
    if (arb_is_negative(x))
        nf_elem_neg(a, a, K->nf);
    else if (!arb_is_positive(x))
    {
        arb_clear(x);
        nf_elem_clear(t, K->nf);
        return kd_error_set(KD_ERR_INTERNAL, "could not tell the sign of a square root of %lu", s);
    }
    arb_clear(x);
    nf_elem_clear(t, K->nf);
    return KD_OK;
}

kd_status
kd_cyclo_sqrt_fmpz(nf_elem_t a, const fmpz_t v, kd_cyclo_t K)
{
    fmpz_t s, f;
    ulong su;
    slong k, n;
    kd_status st = KD_OK;
    if (fmpz_sgn(v) < 0)
        return kd_error_set(KD_ERR_DOMAIN, "sqrt of a negative integer");
    fmpz_init(s);
    fmpz_init(f);
    if (!_kd_squarefree_small(s, f, v, (ulong) K->deg_max + 1)
        || fmpz_cmp_si(s, 2 * K->deg_max * K->deg_max) > 0)
    {
        st = kd_error_set(KD_ERR_UNSUPPORTED, "sqrt: the radicand needs a field of degree above %ld",
                          K->deg_max);
        goto done;
    }
    if (fmpz_is_zero(s))
    {
        nf_elem_zero(a, K->nf);
        goto done;
    }
    su = fmpz_get_ui(s);
    n = _kd_sqrt_conductor(su);
    if (K->L % n != 0)
    {
        st = kd_error_set(KD_ERR_UNSUPPORTED, "sqrt(%lu) is not in Q(zeta_%ld)", su, K->L);
        goto done;
    }
    if (su == 1)
    {
        nf_elem_set_fmpz(a, f, K->nf);
        goto done;
    }
    for (k = 0; k < K->nsqrt; k++)
        if (K->sqrt_s[k] == su)
            break;
    if (k == K->nsqrt)
    {
        if (K->nsqrt == K->sqrt_alloc)
        {
            K->sqrt_alloc = FLINT_MAX(4, 2 * K->sqrt_alloc);
            K->sqrt_s = flint_realloc(K->sqrt_s, K->sqrt_alloc * sizeof(ulong));
            K->sqrt_val = flint_realloc(K->sqrt_val, K->sqrt_alloc * sizeof(nf_elem_struct));
        }
        nf_elem_init(K->sqrt_val + k, K->nf);
        st = sqrt_squarefree(K->sqrt_val + k, su, K);
        if (st != KD_OK)
        {
            nf_elem_clear(K->sqrt_val + k, K->nf);
            goto done;
        }
        K->sqrt_s[k] = su;
        K->nsqrt++;
    }
    nf_elem_scalar_mul_fmpz(a, K->sqrt_val + k, f, K->nf);
done:
    fmpz_clear(s);
    fmpz_clear(f);
    return st;
}

/* ------------------------------------------------------------ conversion */

typedef struct
{
    kd_cyclo_struct * K;
    _kd_ptab_t seen;
    nf_elem_struct * val;
    slong alloc;
}
conv_memo;

/* cos(pi r) = (zeta^e + zeta^-e)/2 with e = r L / 2 (an integer when the
   conductor of cos(pi r) divides L). */
static kd_status
cos_pi(nf_elem_t a, const fmpq_t r, kd_cyclo_t K)
{
    fmpz_t e, twod;
    nf_elem_t t;
    kd_status st = KD_OK;
    fmpz_init(e);
    fmpz_init(twod);
    fmpz_mul_ui(twod, fmpq_denref(r), 2);
    fmpz_mod(e, fmpq_numref(r), twod);     /* r mod 2, numerator over d */
    fmpz_mul_si(e, e, K->L);
    if (!fmpz_divisible(e, twod))
        st = kd_error_set(KD_ERR_UNSUPPORTED, "cos(pi q) is not in Q(zeta_%ld)", K->L);
    else
    {
        slong ei;
        fmpz_divexact(e, e, twod);
        ei = fmpz_get_si(e);
        nf_elem_init(t, K->nf);
        kd_cyclo_zeta_pow(a, ei, K);
        kd_cyclo_zeta_pow(t, -ei, K);
        nf_elem_add(a, a, t, K->nf);
        nf_elem_scalar_div_si(a, a, 2, K->nf);
        nf_elem_clear(t, K->nf);
    }
    fmpz_clear(e);
    fmpz_clear(twod);
    return st;
}

static kd_status
convert(nf_elem_t a, const kd_node * x, conv_memo * M)
{
    kd_cyclo_struct * K = M->K;
    kd_status st = KD_OK;
    slong slot;
    nf_elem_t b;
    if (x->type == KD_NODE_RAT)
    {
        nf_elem_set_fmpq(a, x->q, K->nf);
        return KD_OK;
    }
    slot = _kd_ptab_find(M->seen, x);
    if (slot >= 0)
    {
        nf_elem_set(a, M->val + slot, K->nf);
        return KD_OK;
    }
    switch (x->type)
    {
        case KD_NODE_PI:
            return kd_error_set(KD_ERR_UNSUPPORTED,
                "bare pi is transcendental: no exact algebraic decision");
        case KD_NODE_COSPI:
            st = cos_pi(a, x->q, K);
            break;
        case KD_NODE_SINPI:
        {
            fmpq_t r;
            fmpq_init(r);
            fmpq_set_si(r, 1, 2);
            fmpq_sub(r, r, x->q);
            st = cos_pi(a, r, K);
            fmpq_clear(r);
            break;
        }
        case KD_NODE_SQRT:
        {
            fmpz_t v;
            if (x->a->type != KD_NODE_RAT)
                return kd_error_set(KD_ERR_UNSUPPORTED,
                    "sqrt of a value that is not an exact rational is not in a cyclotomic field");
            fmpz_init(v);
            /* sqrt(p/q) = sqrt(p q) / q */
            fmpz_mul(v, fmpq_numref(x->a->q), fmpq_denref(x->a->q));
            st = kd_cyclo_sqrt_fmpz(a, v, K);
            if (st == KD_OK)
                nf_elem_scalar_div_fmpz(a, a, fmpq_denref(x->a->q), K->nf);
            fmpz_clear(v);
            break;
        }
        case KD_NODE_NEG:
            st = convert(a, x->a, M);
            if (st == KD_OK)
                nf_elem_neg(a, a, K->nf);
            break;
        case KD_NODE_POW:
            nf_elem_init(b, K->nf);
            st = convert(b, x->a, M);
            if (st == KD_OK && x->e < 0)
            {
                if (nf_elem_is_zero(b, K->nf))
                    st = kd_error_set(KD_ERR_DOMAIN, "negative power of zero (decided exactly)");
                else
                    nf_elem_inv(b, b, K->nf);
            }
            if (st == KD_OK)
                nf_elem_pow(a, b, (ulong) FLINT_ABS(x->e), K->nf);
            nf_elem_clear(b, K->nf);
            break;
        default:
        {
            nf_elem_t c;
            nf_elem_init(b, K->nf);
            nf_elem_init(c, K->nf);
            st = convert(b, x->a, M);
            if (st == KD_OK)
                st = convert(c, x->b, M);
            if (st == KD_OK)
            {
                if (x->type == KD_NODE_ADD)
                    nf_elem_add(a, b, c, K->nf);
                else if (x->type == KD_NODE_SUB)
                    nf_elem_sub(a, b, c, K->nf);
                else if (x->type == KD_NODE_MUL)
                    nf_elem_mul(a, b, c, K->nf);
                else if (nf_elem_is_zero(c, K->nf))
                    st = kd_error_set(KD_ERR_DOMAIN, "division by zero (decided exactly)");
                else
                    nf_elem_div(a, b, c, K->nf);
            }
            nf_elem_clear(b, K->nf);
            nf_elem_clear(c, K->nf);
        }
    }
    if (st != KD_OK)
        return st;
    /* remember shared nodes (the DAG may be far smaller than its tree) */
    if (x->refcount > 1)
    {
        slot = _kd_ptab_insert(M->seen, x);
        if (slot == M->alloc)
        {
            M->alloc = FLINT_MAX(16, 2 * M->alloc);
            M->val = flint_realloc(M->val, M->alloc * sizeof(nf_elem_struct));
        }
        nf_elem_init(M->val + slot, K->nf);
        nf_elem_set(M->val + slot, a, K->nf);
    }
    return KD_OK;
}

static void
memo_init(conv_memo * M, kd_cyclo_t K)
{
    M->K = K;
    _kd_ptab_init(M->seen);
    M->val = NULL;
    M->alloc = 0;
}

static void
memo_clear(conv_memo * M)
{
    slong k;
    for (k = 0; k < M->seen->n; k++)
        nf_elem_clear(M->val + k, M->K->nf);
    flint_free(M->val);
    _kd_ptab_clear(M->seen);
}

kd_status
kd_cyclo_set_real(nf_elem_t a, const kd_real_t x, kd_cyclo_t K)
{
    conv_memo M;
    kd_status st;
    memo_init(&M, K);
    st = convert(a, x->node, &M);
    memo_clear(&M);
    return st;
}

static kd_status
set_complex_memo(nf_elem_t a, const kd_complex_t z, conv_memo * M)
{
    kd_cyclo_struct * K = M->K;
    kd_status st = convert(a, z->re.node, M);
    if (st == KD_OK && !kd_real_is_zero(&z->im))
    {
        nf_elem_t b, i;
        nf_elem_init(b, K->nf);
        nf_elem_init(i, K->nf);
        st = kd_cyclo_i(i, K);
        if (st == KD_OK)
            st = convert(b, z->im.node, M);
        if (st == KD_OK)
        {
            nf_elem_mul(b, b, i, K->nf);
            nf_elem_add(a, a, b, K->nf);
        }
        nf_elem_clear(b, K->nf);
        nf_elem_clear(i, K->nf);
    }
    return st;
}

kd_status
kd_cyclo_set_complex(nf_elem_t a, const kd_complex_t z, kd_cyclo_t K)
{
    conv_memo M;
    kd_status st;
    memo_init(&M, K);
    st = set_complex_memo(a, z, &M);
    memo_clear(&M);
    return st;
}

kd_status
kd_cyclo_mat_set_kd_mat(kd_cyclo_mat_t R, const kd_mat_t A, kd_cyclo_t K)
{
    conv_memo M;
    kd_status st = KD_OK;
    slong k, n = A->r * A->c;
    if (R->r != A->r || R->c != A->c)
        return kd_error_set(KD_ERR_SIZE, "cyclotomic matrix: %ld x %ld for a %ld x %ld matrix",
                            R->r, R->c, A->r, A->c);
    memo_init(&M, K);
    for (k = 0; k < n && st == KD_OK; k++)
    {
        st = set_complex_memo(R->entries + k, A->entries + k, &M);
        if (st != KD_OK)
            kd_error_prefix("entry (%ld, %ld): ", k / A->c + 1, k % A->c + 1);
    }
    memo_clear(&M);
    return st;
}
