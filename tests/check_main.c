/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The one Check runner: all module suites, one summary line at the end.
   CK_RUN_SUITE=real runs one suite; CK_FORK=no runs unforked (valgrind). */
#include <stdlib.h>
#include "testutil.h"

int
main(void)
{
    SRunner * sr;
    int failed;

    sr = srunner_create(kd_suite_real());
    srunner_add_suite(sr, kd_suite_complex());
    srunner_add_suite(sr, kd_suite_parse());
    srunner_add_suite(sr, kd_suite_mat());
    srunner_add_suite(sr, kd_suite_oracle());
    srunner_add_suite(sr, kd_suite_mtx());
    srunner_add_suite(sr, kd_suite_lp());
    srunner_add_suite(sr, kd_suite_qfield());
    srunner_add_suite(sr, kd_suite_alg());
    srunner_add_suite(sr, kd_suite_path());
    srunner_add_suite(sr, kd_suite_iter());
    srunner_add_suite(sr, kd_suite_problem());
    srunner_add_suite(sr, kd_suite_truth());
    srunner_add_suite(sr, kd_suite_omega());
    srunner_add_suite(sr, kd_suite_lista());
    srunner_add_suite(sr, kd_suite_stability());
    srunner_add_suite(sr, kd_suite_stabop());
    srunner_add_suite(sr, kd_suite_regimes());
    srunner_add_suite(sr, kd_suite_lasso());
    srunner_add_suite(sr, kd_suite_bpprobe());
    srunner_add_suite(sr, kd_suite_sci());
    srunner_add_suite(sr, kd_suite_spectrum());
    srunner_add_suite(sr, kd_suite_peers());
    srunner_add_suite(sr, kd_suite_candidate());
    srunner_add_suite(sr, kd_suite_certify_complex());
    srunner_add_suite(sr, kd_suite_op());
    srunner_add_suite(sr, kd_suite_solveop());
    srunner_add_suite(sr, kd_suite_dln());
    srunner_add_suite(sr, kd_suite_convergence());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
