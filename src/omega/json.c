/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The Omega_K table as JSON: what `kdigits table --format json` prints. */
#include "kdigits/json.h"
#include "internal.h"

/* 10^-K exactly, "1/10^K" as a rational (it is a threshold, not a measurement). */
static json_t *
ten_k_exact(slong K)
{
    fmpq_t q;
    json_t * j;
    fmpq_init(q);
    fmpz_set_ui(fmpq_denref(q), 10);
    fmpz_pow_ui(fmpq_denref(q), fmpq_denref(q), (ulong) K);
    fmpz_one(fmpq_numref(q));
    j = kd_json_fmpq(q);
    fmpq_clear(q);
    return j;
}

static json_t *
json_row(const kd_omega_table_row_struct * rw, const kd_omega_table_opts_t to, int paper)
{
    const char * nl = kd_omega_table_published_note(1, rw->K);
    const char * nf = kd_omega_table_published_note(0, rw->K);
    json_t * jp, * jr = json_pack("{sIsIsssososo}", "K", (json_int_t) rw->K, "n", (json_int_t) rw->n,
                                  "problem", kd_problem_kind_name(to->kind),
                                  "lista", to->lista ? kd_json_arb(&rw->lista, 10) : json_null(),
                                  "firenet", kd_json_arb(&rw->firenet, 10),
                                  "ten_to_minus_K", ten_k_exact(rw->K));
    if (jr == NULL)
        return NULL;
    json_object_set_new(jr, "firenet_layers", json_integer(rw->firenet_layers));
    json_object_set_new(jr, "firenet_K_digits", json_string(_kd_omega_yn(rw->firenet_k)));
    json_object_set_new(jr, "firenet_K_minus_1_digits", json_string(_kd_omega_yn(rw->firenet_k1)));
    if (to->lista)
    {
        json_object_set_new(jr, "lista_K_digits", json_string(_kd_omega_yn(rw->lista_k)));
        json_object_set_new(jr, "lista_K_minus_1_digits", json_string(_kd_omega_yn(rw->lista_k1)));
        json_object_set_new(jr, "lista_train_mse", json_real(rw->lista_train_mse));
        json_object_set_new(jr, "lista_val_mse", json_real(rw->lista_val_mse));
        json_object_set_new(jr, "lista_epochs", json_integer(rw->lista_epochs));
    }
    if (_kd_omega_pub(paper, 1, rw))
    {
        jp = json_pack("{ssss}", "lista", _kd_omega_pub(paper, 1, rw), "firenet",
                       _kd_omega_pub(paper, 0, rw));
        if (nl)
            json_object_set_new(jp, "lista_note", json_string(nl));
        if (nf)
            json_object_set_new(jp, "firenet_note", json_string(nf));
        json_object_set_new(jr, "published", jp);
    }
    return jr;
}


json_t *
kd_omega_table_json(const kd_omega_table_t T, const kd_omega_table_opts_t to, int paper)
{
    json_t * jrows = json_array();
    slong k;
    if (jrows == NULL)
        return NULL;
    for (k = 0; k < T->nrows; k++)
        json_array_append_new(jrows, json_row(T->rows + k, to, paper));
    return json_pack("{sssbso}", "problem", kd_problem_kind_name(to->kind),
                     "replicate_published", to->replicate_published, "rows", jrows);
}
