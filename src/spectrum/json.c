/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Spectral results as JSON: what `kdigits sci spectrum --format json`
   prints for a Hermitian matrix (Delta_1) and a tridiagonal operator
   (Sigma_1). */
#include "kdigits/util.h"
#include "kdigits/json.h"

json_t *
kd_spectrum_hermitian_run_json(const kd_spectrum_hermitian_run_t R, const char * name)
{
    json_t * root, * jn = json_array(), * jl = json_array(), * jr = json_array();
    mag_t pw;
    slong i, j;
    mag_init(pw);
    for (i = 0; i < R->nlevels; i++)
        json_array_append_new(jn, json_integer(R->levels[i]));
    root = json_pack("{sssIsbsbso}", "matrix", name, "order", (json_int_t) R->N, "complex",
                     R->is_complex, "hermitian", 1, "n", jn);
    for (i = 0; i < R->nlevels; i++)
    {
        json_t * je = json_array();
        slong d = kd_json_level_digits(R->levels[i]);
        for (j = 0; j < R->N; j++)
            json_array_append_new(je, kd_json_arb(R->eig[i] + j, d));
        mag_set_ui_2exp_si(pw, 1, -R->levels[i]);
        json_array_append_new(jl, json_pack("{sIsososo}", "n", (json_int_t) R->levels[i],
                              "eigenvalues", je, "max_radius", kd_json_mag(R->max_radius + i),
                              "weyl_radius", kd_json_mag(pw)));
    }
    json_object_set_new(root, "levels", jl);
    for (i = 0; i < R->nreads; i++)
        json_array_append_new(jr, json_integer(R->reads[i]));
    json_object_set_new(root, "oracle_reads", jr);
    json_object_set_new(root, "certified",
        json_string("lambda_j(A) lies in the j-th enclosure (ascending), for every level: "
                    "Weyl's inequality (2^-n from the oracle) plus an Arb enclosure of the "
                    "eigenvalues of A_n; Delta_1"));
    mag_clear(pw);
    return root;
}

json_t *
kd_spectrum_tower_json(const kd_spectrum_tower_t S, const kd_tridiag_op_t H, int laplacian,
                       const kd_real_t lambda, const kd_real_t omega, const kd_real_t theta,
                       const kd_real_t tol)
{
    json_t * root, * jn = json_array(), * jl = json_array();
    arf_t x, y;
    slong i, k, last = S->nlevels - 1;
    arf_init(x);
    arf_init(y);
    for (i = 0; i < S->nlevels; i++)
        json_array_append_new(jn, json_integer(S->L[i].n));
    root = json_pack("{sssosososososososo}", "operator", laplacian ? "laplacian"
                     : "almost-mathieu", "lambda", kd_json_take_string(kd_real_get_str(lambda)),
                     "omega", kd_json_take_string(kd_real_get_str(omega)), "theta",
                     kd_json_take_string(kd_real_get_str(theta)), "norm_bound",
                     kd_json_mag(&H->norm), "grid_lo", kd_json_fmpq(&S->lo), "grid_hi",
                     kd_json_fmpq(&S->hi), "tol", kd_json_take_string(kd_real_get_str(tol)),
                     "n", jn);
    for (i = 0; i < S->nlevels; i++)
    {
        json_t * lv, * jp = json_array();
        const kd_spectrum_level_struct * l = S->L + i;
        for (k = 0; k < l->len; k++)
            json_array_append_new(jp, json_pack("{soso}", "z",
                                  kd_json_take_string(kd_spectrum_level_point_get_str(l, k)),
                                  "bound", kd_json_mag(l->bound + k)));
        lv = json_pack("{sIsosIsIsoso}", "n", (json_int_t) l->n, "grid_spacing",
                       kd_json_take_string(kd_spectrum_level_spacing_get_str(l)), "grid_points",
                       (json_int_t) l->grid_len, "seeds", (json_int_t) l->seeds, "points", jp,
                       "max_bound", kd_json_mag(&l->max_bound));
        if (kd_spectrum_level_extent(x, y, l))
            json_object_set_new(lv, "extent", json_pack("{soso}", "inf_sp_at_most",
                kd_json_take_string(kd_spectrum_arf_get_decimal(x, 6, 1)), "sup_sp_at_least",
                kd_json_take_string(kd_spectrum_arf_get_decimal(y, 6, 0))));
        else
            json_object_set_new(lv, "extent", json_null());
        json_object_set_new(lv, "missed_vs_finest_not_certified",
                            i < last && arf_is_finite(S->missed + i)
                            ? kd_json_take_string(kd_spectrum_arf_get_decimal(S->missed + i, 6, 1))
                            : json_null());
        json_array_append_new(jl, lv);
    }
    json_object_set_new(root, "levels", jl);
    json_object_set_new(root, "certified",
        json_string("every point z satisfies dist(z, Sp(H)) <= bound (Sigma_1: each output "
                    "point is correct); extent: inf Sp(H) <= inf_sp_at_most and "
                    "sup Sp(H) >= sup_sp_at_least"));
    json_object_set_new(root, "not_certified",
        json_string("which parts of Sp(H) no point has found yet: a Sigma_1 tower cannot "
                    "bound it; missed_vs_finest_not_certified only compares with the finest "
                    "level"));
    arf_clear(x);
    arf_clear(y);
    return root;
}
