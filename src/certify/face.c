/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The solution set of basis pursuit as a face, decided in the cyclotomic
   field of the data: a dual certificate with equality exactly on the tight
   set T and strict inequalities off it, a point of the face, the kernel of
   A_T and, for a segment, its two ends; distances to the face in balls
   (proofs-notes/exact.md §7). */
#include <string.h>
#include "kdigits/certify.h"
#include "kdigits/alg.h"
#include "kdigits/util.h"
#include "kdigits/json.h"
#include "../problem/internal.h"
#include "internal.h"

static char *
dupstr(const char * s)
{
    char * t = flint_malloc(strlen(s) + 1);
    strcpy(t, s);
    return t;
}

static void
strvec_free(char ** v, slong n)
{
    slong i;
    if (v == NULL)
        return;
    for (i = 0; i < n; i++)
        flint_free(v[i]);
    flint_free(v);
}

static char **
strvec_copy(char * const * v, slong n)
{
    slong i;
    char ** w = flint_calloc(n + 1, sizeof(char *));
    for (i = 0; i < n; i++)
        w[i] = dupstr(v[i]);
    return w;
}

void
kd_face_exact_init(kd_face_exact_t F)
{
    memset(F, 0, sizeof(kd_face_exact_struct));
}

void
kd_face_exact_clear(kd_face_exact_t F)
{
    flint_free(F->T);
    flint_free(F->sigma);
    strvec_free(F->x0, F->N);
    strvec_free(F->dirs, F->N * F->k);
    strvec_free(F->verts, F->N * F->nvert);
    kd_face_exact_init(F);
}

void
kd_face_exact_set(kd_face_exact_t G, const kd_face_exact_t F)
{
    if (G == F)
        return;
    kd_face_exact_clear(G);
    *G = *F;
    G->T = flint_malloc((F->nT + 1) * sizeof(slong));
    G->sigma = flint_malloc((F->nT + 1) * sizeof(int));
    memcpy(G->T, F->T, F->nT * sizeof(slong));
    memcpy(G->sigma, F->sigma, F->nT * sizeof(int));
    G->x0 = strvec_copy(F->x0, F->N);
    G->dirs = strvec_copy(F->dirs, F->N * F->k);
    G->verts = strvec_copy(F->verts, F->N * F->nvert);
}

/* out[j] (N strings) = the vector with entries v on T, 0 off T. */
static void
put_strings(char ** out, const kd_cyclo_mat_t v, slong col, const slong * T, slong nT,
            slong N, slong stride, kd_cyclo_t K)
{
    slong j, i = 0;
    for (j = 0; j < N; j++)
    {
        if (i < nT && T[i] == j)
            out[j * stride] = kd_cyclo_get_str(kd_cyclo_mat_entry(v, i++, col), K);
        else
            out[j * stride] = dupstr("0");
    }
}

/* The dual certificate on T: A_T^T v = w_T sigma exactly, |a_j^T v| < w_j
   off T in balls (the least-norm particular solution first, then others
   v + N u). KD_TRUE when proved; else the message says why. */
static kd_truth
face_dual(const kd_problem_t P, const kd_cyclo_mat_t AT, const kd_cyclo_mat_t b,
          const slong * T, slong nT, kd_cyclo_t K, slong prec, kd_status * st)
{
    slong m = AT->r, N = P->N, i, j, bad = -2, p;
    kd_cyclo_mat_t ATt, v, Nn;
    arb_mat_t Ar, w, vb, Nb, v2;
    acb_mat_t Ac, wc;
    kd_truth tr = KD_UNKNOWN;
    int cons;
    slong nd;
    kd_cyclo_mat_init(ATt, nT, m, K);
    kd_cyclo_mat_init(v, m, 1, K);
    kd_cyclo_mat_transpose(ATt, AT, K);
    *st = kd_cyclo_mat_solve(&cons, NULL, v, ATt, b, K);
    if (*st != KD_OK || !cons)
    {
        if (*st == KD_OK)
            kd_error_set(KD_OK, "no dual vector v with a_j^T v = w_j sigma_j on the tight set "
                         "(decided exactly)");
        kd_cyclo_mat_clear(ATt, K);
        kd_cyclo_mat_clear(v, K);
        return KD_UNKNOWN;
    }
    nd = kd_cyclo_mat_nullspace(Nn, ATt, K);
    arb_mat_init(Ar, m, N);
    arb_mat_init(w, N, 1);
    arb_mat_init(vb, m, 1);
    arb_mat_init(Nb, m, nd);
    arb_mat_init(v2, m, 1);
    acb_mat_init(Ac, m, N);
    acb_mat_init(wc, N, 1);
    for (p = prec; p <= 4 * prec && tr != KD_TRUE; p *= 2)
    {
        if ((*st = kd_mat_eval_acb_mat(Ac, P->A, p)) != KD_OK
            || (*st = kd_mat_eval_acb_mat(wc, P->w, p)) != KD_OK)
            break;
        for (i = 0; i < m; i++)
            for (j = 0; j < N; j++)
                arb_set(arb_mat_entry(Ar, i, j), acb_realref(acb_mat_entry(Ac, i, j)));
        for (j = 0; j < N; j++)
            arb_set(arb_mat_entry(w, j, 0), acb_realref(acb_mat_entry(wc, j, 0)));
        kd_cyclo_mat_enclose_arb(vb, v, K, p);
        tr = _kd_certify_dual_checks(&bad, Ar, w, NULL, vb, T, nT, p);
        if (tr != KD_TRUE && nd > 0)
        {
            kd_cyclo_mat_enclose_arb(Nb, Nn, K, p);
            if (_kd_certify_improve_dual(v2, vb, Nb, Ar, w, T, nT, p))
                tr = _kd_certify_dual_checks(&bad, Ar, w, NULL, v2, T, nT, p);
        }
    }
    if (tr != KD_TRUE && *st == KD_OK)
        kd_error_set(KD_OK, "the face of the tight set: |a_j^T v| < w_j off it is not proved "
                     "(column %ld)", bad + 1);
    arb_mat_clear(Ar);
    arb_mat_clear(w);
    arb_mat_clear(vb);
    arb_mat_clear(Nb);
    arb_mat_clear(v2);
    acb_mat_clear(Ac);
    acb_mat_clear(wc);
    kd_cyclo_mat_clear(Nn, K);
    kd_cyclo_mat_clear(ATt, K);
    kd_cyclo_mat_clear(v, K);
    return tr == KD_TRUE ? KD_TRUE : KD_UNKNOWN;
}

/* Whether sigma_i x_i >= 0 for every i (strict: > 0), decided exactly. */
static kd_status
signs_ok(int * ok, int * strict, const kd_cyclo_mat_t x, const int * sigma, kd_cyclo_t K)
{
    slong i;
    int sg;
    kd_status st = KD_OK;
    *ok = *strict = 1;
    for (i = 0; i < x->r && st == KD_OK; i++)
    {
        st = kd_cyclo_sign(&sg, kd_cyclo_mat_entry(x, i, 0), K, 0);
        if (sg * sigma[i] < 0)
            *ok = 0;
        if (sg * sigma[i] <= 0)
            *strict = 0;
    }
    return st;
}

/* The two ends of {x0 + t d : sigma_i (x0 + t d)_i >= 0}: t in [lo, hi];
   *has = 0 when a side is unbounded. */
static kd_status
segment_ends(int * has, nf_elem_t lo, nf_elem_t hi, const kd_cyclo_mat_t x0,
             const kd_cyclo_mat_t D, const int * sigma, kd_cyclo_t K)
{
    slong i;
    int sg, hlo = 0, hhi = 0;
    kd_status st = KD_OK;
    nf_elem_t t, u;
    nf_elem_init(t, K->nf);
    nf_elem_init(u, K->nf);
    for (i = 0; i < x0->r && st == KD_OK; i++)
    {
        const nf_elem_struct * d = kd_cyclo_mat_entry(D, i, 0);
        if (nf_elem_is_zero(d, K->nf))
            continue;
        nf_elem_div(t, kd_cyclo_mat_entry(x0, i, 0), d, K->nf);
        nf_elem_neg(t, t, K->nf);
        if ((st = kd_cyclo_sign(&sg, d, K, 0)) != KD_OK)
            break;
        if (sg * sigma[i] > 0)      /* t >= -x0_i / d_i */
        {
            nf_elem_sub(u, t, lo, K->nf);
            if (!hlo || ((st = kd_cyclo_sign(&sg, u, K, 0)) == KD_OK && sg > 0))
                nf_elem_set(lo, t, K->nf);
            hlo = 1;
        }
        else
        {
            nf_elem_sub(u, t, hi, K->nf);
            if (!hhi || ((st = kd_cyclo_sign(&sg, u, K, 0)) == KD_OK && sg < 0))
                nf_elem_set(hi, t, K->nf);
            hhi = 1;
        }
    }
    *has = hlo && hhi;
    nf_elem_clear(t, K->nf);
    nf_elem_clear(u, K->nf);
    return st;
}

kd_status
kd_certify_face(kd_truth * verdict, kd_truth * unique, kd_face_exact_t F, const kd_problem_t P,
                const slong * T, const int * sigma, slong nT, const slong * S, slong nS,
                int check_dual, slong prec)
{
    slong L = 1, m = P->A->r, N = P->N, i, k, r, nd = 0;
    kd_status st;
    kd_cyclo_t K;
    kd_cyclo_mat_t AT, AS, y, b, xS, x0, D;
    int cons, ok = 0, strict = 0, has;
    slong * pos = flint_malloc((nS + 1) * sizeof(slong));

    *verdict = KD_UNKNOWN;
    *unique = KD_UNKNOWN;
    kd_face_exact_clear(F);
    for (k = 0, i = 0; k < nS; k++)
    {
        while (i < nT && T[i] < S[k])
            i++;
        if (i == nT || T[i] != S[k])
        {
            flint_free(pos);
            return kd_error_set(KD_ERR_ARG, "face: the support proposed is not in the tight set");
        }
        pos[k] = i;
    }
    if (P->is_complex)
    {
        flint_free(pos);
        kd_error_set(KD_OK, "the face certificate takes real data");
        return KD_OK;
    }
    st = _kd_certify_data_conductor(&L, P, T, nT);
    if (st == KD_OK)
        st = kd_cyclo_init(K, L, 0);
    if (st != KD_OK)
    {
        flint_free(pos);
        if (st == KD_ERR_UNSUPPORTED)
            kd_error_prefix("the face needs exact arithmetic");
        return st == KD_ERR_UNSUPPORTED ? KD_OK : st;
    }
    kd_cyclo_mat_init(AT, m, nT, K);
    kd_cyclo_mat_init(AS, m, nS, K);
    kd_cyclo_mat_init(y, m, 1, K);
    kd_cyclo_mat_init(b, nT, 1, K);
    kd_cyclo_mat_init(xS, nS, 1, K);
    kd_cyclo_mat_init(x0, nT, 1, K);
    st = _kd_certify_load_AE_y(AT, y, P, T, nT, K);
    for (k = 0; k < nT && st == KD_OK; k++)
    {
        st = kd_cyclo_set_complex(kd_cyclo_mat_entry(b, k, 0), kd_mat_entry(P->w, T[k], 0), K);
        if (sigma[k] < 0)
            nf_elem_neg(kd_cyclo_mat_entry(b, k, 0), kd_cyclo_mat_entry(b, k, 0), K->nf);
    }
    if (st != KD_OK)
        goto cleanup;
    /* the dual certificate (equalities exact, strict inequalities in balls) */
    if (check_dual && face_dual(P, AT, b, T, nT, K, prec, &st) != KD_TRUE)
        goto cleanup;
    /* a point of the face: A_S x_S = y on the proposed support, else A_T x_T = y */
    kd_cyclo_mat_select_cols(AS, AT, pos, nS, K);
    if ((st = kd_cyclo_mat_solve(&cons, NULL, xS, AS, y, K)) != KD_OK)
        goto cleanup;
    if (cons)
    {
        for (k = 0; k < nS; k++)
            nf_elem_set(kd_cyclo_mat_entry(x0, pos[k], 0), kd_cyclo_mat_entry(xS, k, 0), K->nf);
        if ((st = signs_ok(&ok, &strict, x0, sigma, K)) != KD_OK)
            goto cleanup;
    }
    if (!ok)
    {
        if ((st = kd_cyclo_mat_solve(&cons, NULL, x0, AT, y, K)) != KD_OK)
            goto cleanup;
        if (cons && (st = signs_ok(&ok, &strict, x0, sigma, K)) != KD_OK)
            goto cleanup;
    }
    if (!ok)
    {
        kd_error_set(KD_OK, "no point of the face with the tight set was found (y in range(A_T) "
                     "with the signs, decided exactly)");
        goto cleanup;
    }
    nd = kd_cyclo_mat_nullspace(D, AT, K);
    r = nd;
    F->N = N;
    F->nT = nT;
    F->T = flint_malloc((nT + 1) * sizeof(slong));
    F->sigma = flint_malloc((nT + 1) * sizeof(int));
    memcpy(F->T, T, nT * sizeof(slong));
    memcpy(F->sigma, sigma, nT * sizeof(int));
    F->k = r;
    F->x0 = flint_calloc(N + 1, sizeof(char *));
    F->dirs = flint_calloc(N * r + 1, sizeof(char *));
    put_strings(F->x0, x0, 0, T, nT, N, 1, K);
    for (k = 0; k < r; k++)
        put_strings(F->dirs + k, D, k, T, nT, N, r, K);
    *verdict = KD_TRUE;
    if (r == 0)
        *unique = KD_TRUE;
    else if (r == 1)
    {
        nf_elem_t lo, hi;
        kd_cyclo_mat_t V;
        nf_elem_init(lo, K->nf);
        nf_elem_init(hi, K->nf);
        st = segment_ends(&has, lo, hi, x0, D, sigma, K);
        if (st == KD_OK && has)
        {
            kd_cyclo_mat_init(V, nT, 2, K);
            for (i = 0; i < nT; i++)
                for (k = 0; k < 2; k++)
                {
                    nf_elem_struct * e = kd_cyclo_mat_entry(V, i, k);
                    nf_elem_mul(e, kd_cyclo_mat_entry(D, i, 0), k == 0 ? lo : hi, K->nf);
                    nf_elem_add(e, e, kd_cyclo_mat_entry(x0, i, 0), K->nf);
                }
            F->nvert = 2;
            F->verts = flint_calloc(2 * N + 1, sizeof(char *));
            put_strings(F->verts, V, 0, T, nT, N, 1, K);
            put_strings(F->verts + N, V, 1, T, nT, N, 1, K);
            *unique = nf_elem_equal(lo, hi, K->nf) ? KD_TRUE : KD_FALSE;
            kd_cyclo_mat_clear(V, K);
        }
        else if (st == KD_OK)
        {
            *verdict = KD_UNKNOWN;      /* an unbounded face cannot be a BP solution set */
            kd_error_set(KD_OK, "the face with the tight set is unbounded: not the solution set");
        }
        nf_elem_clear(lo, K->nf);
        nf_elem_clear(hi, K->nf);
    }
    else if (strict)
        *unique = KD_FALSE;     /* x0 is interior: the face has dimension r >= 1 */
    else
        kd_error_set(KD_OK, "the face has a kernel of dimension %ld; whether it is a single "
                     "point was not decided", r);
    kd_cyclo_mat_clear(D, K);
cleanup:
    if (*verdict != KD_TRUE)
        kd_face_exact_clear(F);
    flint_free(pos);
    kd_cyclo_mat_clear(AT, K);
    kd_cyclo_mat_clear(AS, K);
    kd_cyclo_mat_clear(y, K);
    kd_cyclo_mat_clear(b, K);
    kd_cyclo_mat_clear(xS, K);
    kd_cyclo_mat_clear(x0, K);
    kd_cyclo_clear(K);
    return st == KD_ERR_UNSUPPORTED ? KD_OK : st;
}

/* v (N x 1) = the balls of the exact strings s[j * stride] at prec. */
static kd_status
enclose_strings(arb_mat_t v, char * const * s, slong stride, slong prec)
{
    slong j;
    kd_status st = KD_OK;
    kd_real_t x;
    kd_real_init(x);
    for (j = 0; j < arb_mat_nrows(v) && st == KD_OK; j++)
        if ((st = kd_real_parse(x, s[j * stride])) == KD_OK)
            st = kd_real_eval_arb(arb_mat_entry(v, j, 0), x, prec);
    kd_real_clear(x);
    return st;
}

kd_status
kd_face_exact_point_arb(arb_mat_t x, const kd_face_exact_t F, slong prec)
{
    return enclose_strings(x, F->x0, 1, prec);
}

static void
norm2(arb_t d, const arb_mat_t a, const arb_mat_t b, slong prec)
{
    slong j;
    arb_t t;
    arb_init(t);
    arb_zero(d);
    for (j = 0; j < arb_mat_nrows(a); j++)
    {
        arb_sub(t, arb_mat_entry(a, j, 0), arb_mat_entry(b, j, 0), prec);
        arb_addmul(d, t, t, prec);
    }
    arb_sqrtpos(d, d, prec);
    arb_clear(t);
}

kd_status
kd_face_exact_dist(arb_t d, const kd_face_exact_t F, const arb_mat_t x, slong prec)
{
    slong N = F->N, j;
    kd_status st;
    arb_mat_t u, w, e, p;
    arb_t t, ee, dl, du, dw;
    if (arb_mat_nrows(x) != N)
        return kd_error_set(KD_ERR_SIZE, "the candidate has %ld entries, the face %ld",
                            arb_mat_nrows(x), N);
    arb_mat_init(u, N, 1);
    arb_mat_init(w, N, 1);
    arb_mat_init(e, N, 1);
    arb_mat_init(p, N, 1);
    arb_init(t);
    arb_init(ee);
    arb_init(dl);
    arb_init(du);
    arb_init(dw);
    st = enclose_strings(u, F->nvert == 2 ? F->verts : F->x0, 1, prec);
    norm2(du, x, u, prec);
    if (st != KD_OK || F->k == 0)
        arb_set(d, du);
    else if (F->nvert == 2)
    {
        /* the segment [u, w]: t = (x - u).e / e.e clamped to [0, 1] */
        st = enclose_strings(w, F->verts + N, 1, prec);
        arb_mat_sub(e, w, u, prec);
        arb_zero(t);
        arb_zero(ee);
        for (j = 0; j < N; j++)
        {
            arb_sub(dl, arb_mat_entry(x, j, 0), arb_mat_entry(u, j, 0), prec);
            arb_addmul(t, dl, arb_mat_entry(e, j, 0), prec);
            arb_addmul(ee, arb_mat_entry(e, j, 0), arb_mat_entry(e, j, 0), prec);
        }
        arb_div(t, t, ee, prec);
        arb_mat_scalar_mul_arb(p, e, t, prec);
        arb_mat_add(p, p, u, prec);
        norm2(dl, x, p, prec);              /* the distance to the line */
        norm2(dw, x, w, prec);
        {
            arb_t one;
            arb_init(one);
            arb_one(one);
            if (arb_is_positive(t) && arb_lt(t, one))
                arb_set(d, dl);
            else if (arb_is_negative(t))
                arb_set(d, du);
            else if (arb_gt(t, one))
                arb_set(d, dw);
            else
            {
                /* undecided side: the true distance is one of these */
                arb_union(d, dl, arb_contains_zero(t) ? du : dw, prec);
                if (arb_contains_zero(t) && arb_contains(t, one))
                    arb_union(d, d, dw, prec);
            }
            arb_clear(one);
        }
    }
    else
    {
        /* k >= 2: between the distance to the affine hull and to x0 */
        slong k = F->k, l;
        arb_mat_t Db, G, DT, c, r;
        arb_mat_init(Db, N, k);
        arb_mat_init(DT, k, N);
        arb_mat_init(G, k, k);
        arb_mat_init(c, k, 1);
        arb_mat_init(r, k, 1);
        for (l = 0; l < k && st == KD_OK; l++)
        {
            st = enclose_strings(p, F->dirs + l, k, prec);
            for (j = 0; j < N; j++)
                arb_set(arb_mat_entry(Db, j, l), arb_mat_entry(p, j, 0));
        }
        arb_mat_transpose(DT, Db);
        arb_mat_mul(G, DT, Db, prec);
        arb_mat_sub(e, x, u, prec);
        arb_mat_mul(r, DT, e, prec);
        if (st == KD_OK && arb_mat_solve(c, G, r, prec))
        {
            arb_mat_mul(p, Db, c, prec);
            arb_mat_add(p, p, u, prec);
            norm2(dl, x, p, prec);
        }
        else
            arb_zero(dl);
        {
            arf_t lo, hi;
            arf_init(lo);
            arf_init(hi);
            arb_get_lbound_arf(lo, dl, prec);
            if (arf_sgn(lo) < 0)
                arf_zero(lo);
            arb_get_ubound_arf(hi, du, prec);
            if (arf_cmp(lo, hi) > 0)
                arf_set(lo, hi);
            arb_set_interval_arf(d, lo, hi, prec);
            arf_clear(lo);
            arf_clear(hi);
        }
        arb_mat_clear(Db);
        arb_mat_clear(DT);
        arb_mat_clear(G);
        arb_mat_clear(c);
        arb_mat_clear(r);
    }
    if (st != KD_OK)
        arb_indeterminate(d);
    arb_mat_clear(u);
    arb_mat_clear(w);
    arb_mat_clear(e);
    arb_mat_clear(p);
    arb_clear(t);
    arb_clear(ee);
    arb_clear(dl);
    arb_clear(du);
    arb_clear(dw);
    return st;
}

/* Appends "(s_1, ..., s_N)" to buf (size n). */
static void
cat_vec(char * buf, size_t n, char * const * s, slong N, slong stride)
{
    slong j;
    size_t l = strlen(buf);
    for (j = 0; j < N && l + 4 < n; j++)
    {
        snprintf(buf + l, n - l, "%s%s", j ? ", " : "(", s[j * stride]);
        l = strlen(buf);
    }
    if (l + 2 < n)
        strcat(buf, ")");
}

char *
kd_face_exact_get_str(const kd_face_exact_t F, slong max_len)
{
    size_t n = 65536;
    char * buf = flint_calloc(n, 1);
    slong l;
    if (F->k == 0)
    {
        strcpy(buf, "the single point ");
        cat_vec(buf, n, F->x0, F->N, 1);
    }
    else if (F->nvert == 2)
    {
        strcpy(buf, "the segment between ");
        cat_vec(buf, n, F->verts, F->N, 1);
        strcat(buf, " and ");
        cat_vec(buf, n, F->verts + F->N, F->N, 1);
    }
    else
    {
        snprintf(buf, n, "x0 + span of %ld exact directions, sigma_j x_j >= 0 on %ld columns, "
                 "x0 = ", F->k, F->nT);
        cat_vec(buf, n, F->x0, F->N, 1);
    }
    l = (slong) strlen(buf);
    if (max_len > 0 && l > max_len)
    {
        if (F->k == 0)
            snprintf(buf, n, "a single point");
        else if (F->nvert == 2)
            snprintf(buf, n, "a segment (its ends are listed exactly in the JSON output)");
        else
            snprintf(buf, n, "a face of dimension <= %ld (x0 + span of %ld exact directions, "
                     "listed in the JSON output)", F->k, F->k);
    }
    return buf;
}

static json_t *
strvec_json(char * const * s, slong n, slong stride)
{
    json_t * a = json_array();
    slong j;
    for (j = 0; a != NULL && j < n; j++)
        json_array_append_new(a, json_string(s[j * stride]));
    return a;
}

json_t *
kd_face_exact_json(const kd_face_exact_t F)
{
    json_t * jo = json_object(), * jd = json_array(), * jv = json_array(), * js = json_array();
    slong l, i;
    slong * T1 = flint_malloc((F->nT + 1) * sizeof(slong));
    for (i = 0; i < F->nT; i++)
    {
        T1[i] = F->T[i] + 1;
        json_array_append_new(js, json_integer(F->sigma[i]));
    }
    for (l = 0; l < F->k; l++)
        json_array_append_new(jd, strvec_json(F->dirs + l, F->N, F->k));
    for (l = 0; l < F->nvert; l++)
        json_array_append_new(jv, strvec_json(F->verts + l * F->N, F->N, 1));
    json_object_set_new(jo, "dimension_at_most", json_integer(F->k));
    json_object_set_new(jo, "point", strvec_json(F->x0, F->N, 1));
    json_object_set_new(jo, "directions", jd);
    json_object_set_new(jo, "tight_columns", kd_json_slong_list(T1, F->nT));
    json_object_set_new(jo, "tight_signs", js);
    json_object_set_new(jo, "vertices", jv);
    flint_free(T1);
    return jo;
}

/* The strings of a JSON array of n strings into out (stride apart), each
   parsed as an expression; 0 when malformed. */
static int
strvec_parse(char ** out, const json_t * a, slong n, slong stride)
{
    slong j;
    kd_real_t x;
    int ok = json_is_array(a) && (slong) json_array_size(a) == n;
    kd_real_init(x);
    for (j = 0; ok && j < n; j++)
    {
        const char * e = json_string_value(json_array_get(a, j));
        ok = e != NULL && kd_real_parse(x, e) == KD_OK;
        if (ok)
            out[j * stride] = dupstr(e);
    }
    kd_real_clear(x);
    return ok;
}

kd_status
kd_face_exact_from_json(kd_face_exact_t F, const json_t * jo, slong N)
{
    const json_t * jd = json_object_get(jo, "directions"), * jv = json_object_get(jo, "vertices");
    const json_t * jt = json_object_get(jo, "tight_columns"), * js = json_object_get(jo, "tight_signs");
    slong l, i;
    int ok = json_is_object(jo) && json_is_array(jd) && json_is_array(jv) && json_is_array(jt)
             && json_is_array(js) && json_array_size(jt) == json_array_size(js)
             && (json_array_size(jv) == 0 || (json_array_size(jv) == 2 && json_array_size(jd) == 1));
    kd_face_exact_clear(F);
    if (!ok)
        return kd_error_set(KD_ERR_FORMAT, "\"face_exact\": malformed");
    F->N = N;
    F->k = json_array_size(jd);
    F->nvert = json_array_size(jv);
    F->nT = json_array_size(jt);
    F->T = flint_malloc((F->nT + 1) * sizeof(slong));
    F->sigma = flint_malloc((F->nT + 1) * sizeof(int));
    for (i = 0; ok && i < F->nT; i++)
    {
        const json_t * t = json_array_get(jt, i), * s = json_array_get(js, i);
        ok = json_is_integer(t) && json_integer_value(t) >= 1 && json_integer_value(t) <= N
             && (i == 0 || json_integer_value(t) - 1 > F->T[i - 1])
             && json_is_integer(s) && (json_integer_value(s) == 1 || json_integer_value(s) == -1);
        if (ok)
        {
            F->T[i] = json_integer_value(t) - 1;
            F->sigma[i] = json_integer_value(s);
        }
    }
    F->x0 = flint_calloc(N + 1, sizeof(char *));
    F->dirs = flint_calloc(N * F->k + 1, sizeof(char *));
    F->verts = flint_calloc(N * F->nvert + 1, sizeof(char *));
    ok = ok && strvec_parse(F->x0, json_object_get(jo, "point"), N, 1);
    for (l = 0; ok && l < F->k; l++)
        ok = strvec_parse(F->dirs + l, json_array_get(jd, l), N, F->k);
    for (l = 0; ok && l < F->nvert; l++)
        ok = strvec_parse(F->verts + l * N, json_array_get(jv, l), N, 1);
    if (!ok)
    {
        kd_face_exact_clear(F);
        return kd_error_set(KD_ERR_FORMAT, "\"face_exact\": malformed (columns, signs or "
                            "%ld exact expressions per vector expected)", N);
    }
    return KD_OK;
}
