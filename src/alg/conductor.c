/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Conductors: the least L with an expression in Q(zeta_L) (by the
   construction of proofs-notes/exact.md §1, which may exceed the true
   conductor by a factor of 2 or 4 but never by more). */
#include "internal.h"

void
_kd_ptab_init(_kd_ptab_t T)
{
    T->alloc = 64;
    T->n = 0;
    T->keys = flint_calloc(T->alloc, sizeof(const kd_node *));
    T->slot = flint_malloc(T->alloc * sizeof(slong));
}

void
_kd_ptab_clear(_kd_ptab_t T)
{
    flint_free(T->keys);
    flint_free(T->slot);
}

static ulong
ptr_hash(const kd_node * x)
{
    ulong h = (ulong) (size_t) x;
    h ^= h >> 17;
    h *= UWORD(0x9E3779B97F4A7C15);
    return h ^ (h >> 29);
}

slong
_kd_ptab_find(const _kd_ptab_t T, const kd_node * x)
{
    ulong mask = T->alloc - 1, h = ptr_hash(x) & mask;
    while (T->keys[h] != NULL)
    {
        if (T->keys[h] == x)
            return T->slot[h];
        h = (h + 1) & mask;
    }
    return -1;
}

slong
_kd_ptab_insert(_kd_ptab_t T, const kd_node * x)
{
    ulong mask, h;
    if (2 * (T->n + 1) > T->alloc)
    {
        _kd_ptab_t U;
        slong k;
        U->alloc = 2 * T->alloc;
        U->n = 0;
        U->keys = flint_calloc(U->alloc, sizeof(const kd_node *));
        U->slot = flint_malloc(U->alloc * sizeof(slong));
        for (k = 0; k < T->alloc; k++)
            if (T->keys[k] != NULL)
            {
                mask = U->alloc - 1;
                h = ptr_hash(T->keys[k]) & mask;
                while (U->keys[h] != NULL)
                    h = (h + 1) & mask;
                U->keys[h] = T->keys[k];
                U->slot[h] = T->slot[k];
            }
        U->n = T->n;
        _kd_ptab_clear(T);
        *T = *U;
    }
    mask = T->alloc - 1;
    h = ptr_hash(x) & mask;
    while (T->keys[h] != NULL)
        h = (h + 1) & mask;
    T->keys[h] = x;
    T->slot[h] = T->n;
    return T->n++;
}

slong
_kd_euler_phi(slong n)
{
    return (slong) n_euler_phi((ulong) n);
}

int
_kd_squarefree_small(fmpz_t s, fmpz_t f, const fmpz_t v, ulong pmax)
{
    fmpz_t r, t;
    ulong p;
    int ok;
    fmpz_one(s);
    fmpz_one(f);
    if (fmpz_is_zero(v))
    {
        fmpz_zero(s);
        return 1;
    }
    fmpz_init_set(r, v);
    fmpz_init(t);
    for (p = 2; p <= pmax && !fmpz_is_one(r); p = n_nextprime(p, 1))
    {
        slong e = 0;
        while (fmpz_fdiv_ui(r, p) == 0)
        {
            fmpz_divexact_ui(r, r, p);
            e++;
        }
        if (e & 1)
            fmpz_mul_ui(s, s, p);
        if (e >= 2)
        {
            fmpz_set_ui(t, p);
            fmpz_pow_ui(t, t, e / 2);
            fmpz_mul(f, f, t);
        }
    }
    /* what remains has only primes > pmax: fine iff it is a square */
    ok = fmpz_is_square(r);
    if (ok)
    {
        fmpz_sqrt(t, r);
        fmpz_mul(f, f, t);
    }
    fmpz_clear(r);
    fmpz_clear(t);
    return ok;
}

slong
_kd_sqrt_conductor(ulong s)
{
    ulong odd = (s % 2 == 0) ? s / 2 : s;
    if (s == 1)
        return 1;
    if (s % 2 == 0)
        return 8 * odd;
    return (odd % 4 == 1) ? (slong) odd : 4 * (slong) odd;
}

/* The conductor of cos(pi r): 2d / gcd(c, 2d) for r = c/d in lowest terms;
   0 if it exceeds nmax. */
static slong
cos_conductor(const fmpq_t r, slong nmax)
{
    fmpz_t twod, c, g;
    slong n = 0;
    fmpz_init(twod);
    fmpz_init(c);
    fmpz_init(g);
    fmpz_mul_ui(twod, fmpq_denref(r), 2);
    fmpz_mod(c, fmpq_numref(r), twod);
    fmpz_gcd(g, c, twod);
    fmpz_divexact(twod, twod, g);
    if (fmpz_cmp_si(twod, nmax) <= 0)
        n = fmpz_get_si(twod);
    fmpz_clear(twod);
    fmpz_clear(c);
    fmpz_clear(g);
    return n;
}

/* The radicand of a SQRT node as a non-negative integer v with
   sqrt(q) = sqrt(v) / den(q). */
static void
radicand_int(fmpz_t v, const fmpq_t q)
{
    fmpz_mul(v, fmpq_numref(q), fmpq_denref(q));
}

typedef struct
{
    slong L;
    slong deg_max;
    slong nmax;    /* any n with phi(n) <= deg_max has n <= nmax */
    _kd_ptab_t seen;
}
cond_walk;

static kd_status
merge(cond_walk * W, slong n, const char * what)
{
    ulong g, L;
    slong d;
    if (n == 0)
        return kd_error_set(KD_ERR_UNSUPPORTED,
            "%s needs a cyclotomic field of degree above %ld", what, W->deg_max);
    g = n_gcd((ulong) W->L, (ulong) n);
    L = ((ulong) W->L / g) * (ulong) n;
    if (L > (ulong) W->nmax)
        return kd_error_set(KD_ERR_UNSUPPORTED,
            "%s: the expressions together need a cyclotomic field of degree above %ld",
            what, W->deg_max);
    d = _kd_euler_phi((slong) L);
    if (d > W->deg_max)
        return kd_error_set(KD_ERR_UNSUPPORTED,
            "%s: the expressions together need Q(zeta_%lu), of degree %ld > %ld",
            what, L, d, W->deg_max);
    W->L = (slong) L;
    return KD_OK;
}

static kd_status
walk(cond_walk * W, const kd_node * x)
{
    kd_status st = KD_OK;
    if (x->type == KD_NODE_RAT)
        return KD_OK;
    if (_kd_ptab_find(W->seen, x) >= 0)
        return KD_OK;
    _kd_ptab_insert(W->seen, x);
    switch (x->type)
    {
        case KD_NODE_PI:
            return kd_error_set(KD_ERR_UNSUPPORTED,
                "bare pi is transcendental: no exact algebraic decision");
        case KD_NODE_COSPI:
            return merge(W, cos_conductor(x->q, W->nmax), "cos(pi q)");
        case KD_NODE_SINPI:
        {
            fmpq_t r;
            slong n;
            fmpq_init(r);
            fmpq_set_si(r, 1, 2);
            fmpq_sub(r, r, x->q);
            n = cos_conductor(r, W->nmax);
            fmpq_clear(r);
            return merge(W, n, "sin(pi q)");
        }
        case KD_NODE_SQRT:
        {
            fmpz_t v, s, f;
            slong n = 0;
            if (x->a->type != KD_NODE_RAT)
                return kd_error_set(KD_ERR_UNSUPPORTED,
                    "sqrt of a value that is not an exact rational is not in a cyclotomic field");
            if (fmpq_sgn(x->a->q) < 0)
                return kd_error_set(KD_ERR_DOMAIN, "sqrt of a negative rational");
            fmpz_init(v);
            fmpz_init(s);
            fmpz_init(f);
            radicand_int(v, x->a->q);
            if (!_kd_squarefree_small(s, f, v, (ulong) W->deg_max + 1))
                st = kd_error_set(KD_ERR_UNSUPPORTED,
                    "sqrt: the radicand has a prime factor above %ld to an odd power "
                    "(its cyclotomic field has degree above %ld)",
                    W->deg_max + 1, W->deg_max);
            else if (fmpz_cmp_si(s, W->nmax) <= 0)
            {
                n = _kd_sqrt_conductor(fmpz_get_ui(s));
                if (n > W->nmax)
                    n = 0;
            }
            fmpz_clear(v);
            fmpz_clear(s);
            fmpz_clear(f);
            if (st != KD_OK)
                return st;
            return merge(W, n, "sqrt");
        }
        case KD_NODE_NEG:
        case KD_NODE_POW:
            return walk(W, x->a);
        default:
            st = walk(W, x->a);
            if (st == KD_OK)
                st = walk(W, x->b);
            return st;
    }
}

static void
walk_init(cond_walk * W, slong L, slong deg_max)
{
    W->L = L;
    W->deg_max = deg_max <= 0 ? KD_CYCLO_DEG_DEFAULT : FLINT_MIN(deg_max, KD_CYCLO_DEG_MAX);
    /* phi(n) >= sqrt(n / 2) for every n >= 1 */
    W->nmax = 2 * W->deg_max * W->deg_max;
    _kd_ptab_init(W->seen);
}

static kd_status
check_start(slong L)
{
    if (L < 1)
        return kd_error_set(KD_ERR_ARG, "conductor: *L must start at 1 or more (got %ld)", L);
    return KD_OK;
}

kd_status
kd_cyclo_conductor_real(slong * L, const kd_real_t x, slong deg_max)
{
    cond_walk W;
    kd_status st = check_start(*L);
    if (st != KD_OK)
        return st;
    walk_init(&W, *L, deg_max);
    st = walk(&W, x->node);
    _kd_ptab_clear(W.seen);
    if (st == KD_OK)
        *L = W.L;
    return st;
}

static kd_status
walk_complex(cond_walk * W, const kd_complex_t z)
{
    kd_status st = walk(W, z->re.node);
    if (st == KD_OK && !kd_real_is_zero(&z->im))
    {
        st = walk(W, z->im.node);
        if (st == KD_OK)
            st = merge(W, 4, "the imaginary unit");
    }
    return st;
}

kd_status
kd_cyclo_conductor_complex(slong * L, const kd_complex_t z, slong deg_max)
{
    cond_walk W;
    kd_status st = check_start(*L);
    if (st != KD_OK)
        return st;
    walk_init(&W, *L, deg_max);
    st = walk_complex(&W, z);
    _kd_ptab_clear(W.seen);
    if (st == KD_OK)
        *L = W.L;
    return st;
}

kd_status
kd_cyclo_conductor_mat(slong * L, const kd_mat_t A, slong deg_max)
{
    cond_walk W;
    slong i, n = A->r * A->c;
    kd_status st = check_start(*L);
    if (st != KD_OK)
        return st;
    walk_init(&W, *L, deg_max);
    for (i = 0; i < n && st == KD_OK; i++)
    {
        st = walk_complex(&W, A->entries + i);
        if (st != KD_OK)
            kd_error_prefix("entry (%ld, %ld): ", i / A->c + 1, i % A->c + 1);
    }
    _kd_ptab_clear(W.seen);
    if (st == KD_OK)
        *L = W.L;
    return st;
}
