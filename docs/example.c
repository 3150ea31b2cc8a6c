/* The README's library example, complete: an exact matrix, the oracle an
   algorithm reads it through, and a solve whose output is certified against
   the exact data. Build: cc example.c $(pkg-config --cflags --libs kdigits) */
#include <stdio.h>
#include <kdigits/kdigits.h>

int
main(void)
{
    kd_mat_t Q, y;
    kd_real_t lambda;
    kd_oracle_t O;
    fmpq_mat_t Qn;
    mag_t err;
    kd_problem_t P;
    kd_solve_opts_t opts;
    kd_solve_result_t R;
    kd_status st;

    kd_mat_init(Q, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(lambda);
    fmpq_mat_init(Qn, 0, 0);
    mag_init(err);
    kd_problem_init_empty(P);
    kd_solve_opts_init(opts);
    kd_solve_result_init(R);

    /* the exact orthonormal DCT-II of size 8, read at level 100 */
    st = kd_mat_dct2(Q, 8);
    if (st == KD_OK)
    {
        st = kd_oracle_init_mat(O, Q);
        if (st == KD_OK)
            st = kd_oracle_get_err(Qn, NULL, err, O, 100);
        if (st == KD_OK)
            printf("||Q_100 - Q||_2 <= %.3e (proved), %ld read(s)\n",
                   mag_get_d(err), kd_oracle_nreads(O));
        kd_oracle_clear(O);
    }

    /* P2 with A = the first 4 rows of Q, y = its first column, lambda = 1/10:
       solved exactly at level 60 and certified against the exact data */
    if (st == KD_OK)
    {
        kd_mat_t A;
        kd_mat_init(A, 4, 8);
        for (slong i = 0; i < 4; i++)
            for (slong j = 0; j < 8; j++)
                kd_mat_set_entry(A, i, j, kd_mat_entry(Q, i, j));
        kd_mat_resize(y, 4, 1);
        for (slong i = 0; i < 4; i++)
            kd_mat_set_entry(y, i, 0, kd_mat_entry(Q, i, 0));
        kd_real_set_si_si(lambda, 1, 10);
        kd_problem_clear(P);
        st = kd_problem_init(P, KD_PROBLEM_P2, A, y, NULL, lambda, 0);
        kd_mat_clear(A);
    }
    opts->method = KD_METHOD_EXACT;
    opts->level = 60;
    opts->certify = 1;
    if (st == KD_OK)
        st = kd_solve(R, P, opts);
    if (st == KD_OK)
    {
        char * d = arb_get_str(&R->dist, 5, 0);
        printf("dist(x, Xi) = %s (certified), truth %s, %ld read(s) of A\n", d,
               kd_truth_name(R->truth.found), R->reads_A.nreads);
        flint_free(d);
    }
    if (st != KD_OK)
        fprintf(stderr, "example: %s\n", kd_error_message());

    kd_solve_result_clear(R);
    kd_solve_opts_clear(opts);
    kd_problem_clear(P);
    mag_clear(err);
    fmpq_mat_clear(Qn);
    kd_real_clear(lambda);
    kd_mat_clear(y);
    kd_mat_clear(Q);
    return st == KD_OK ? 0 : 1;
}
