/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The Omega_K table as a gnuplot script: distance versus K on a log scale
   between 10^-K and 10^-(K-1), one series per network and level n. */
#include <string.h>
#include "kdigits/omega.h"

const char *
kd_plot_terminal(const char * file)
{
    const char * dot = strrchr(file, '.');
    if (dot == NULL)
        return NULL;
    if (strcmp(dot, ".png") == 0)
        return "pngcairo size 900,600";
    if (strcmp(dot, ".svg") == 0)
        return "svg size 900,600 dynamic";
    if (strcmp(dot, ".pdf") == 0)
        return "pdfcairo size 9in,6in";
    return NULL;
}

/* s as a gnuplot single-quoted string ('' stands for a quote). */
static void
gp_quoted(FILE * f, const char * s)
{
    fputc('\'', f);
    for (; *s; s++)
        if (*s == '\'')
            fputs("''", f);
        else
            fputc(*s, f);
    fputc('\'', f);
}

kd_status
kd_omega_table_gnuplot(FILE * script, FILE * data, const char * data_path, const char * output,
                       const kd_omega_table_t T, const kd_omega_table_opts_t to, slong Kmax,
                       const slong * ns, slong nn)
{
    static const int pt_fire[] = {7, 9, 11, 13}, pt_lista[] = {5, 4, 6, 8};
    const char * term = kd_plot_terminal(output);
    slong k, i, net;
    if (term == NULL)
        return kd_error_set(KD_ERR_ARG, "plot file '%s' should end in .png, .svg or .pdf", output);
    /* one data block per level n: K, LISTA, FIRENET */
    for (i = 0; i < nn; i++)
    {
        for (k = 0; k < T->nrows; k++)
            if (T->rows[k].n == ns[i])
                fprintf(data, "%ld %.17g %.17g\n", T->rows[k].K,
                        to->lista ? arf_get_d(arb_midref(&T->rows[k].lista), ARF_RND_NEAR) : 0.0,
                        arf_get_d(arb_midref(&T->rows[k].firenet), ARF_RND_NEAR));
        fprintf(data, "\n\n");
    }
    fprintf(script, "set terminal %s\nset output ", term);
    gp_quoted(script, output);
    fprintf(script, "\nset logscale y\nset xlabel 'K'\nset ylabel 'certified distance to Xi(A,y)'\n"
            "set key outside right\nset format y '10^{%%L}'\n"
            "set title 'Omega_K: every network lands between 10^{-K} and 10^{-(K-1)}'\n"
            "set xrange [0:%ld]\nplot 10**(-x) title '10^{-K}' lw 2, "
            "10**(1-x) title '10^{-(K-1)}' lw 2", Kmax + 1);
    /* each level shifted a little along K so that none hides another */
    for (net = 0; net < (to->lista ? 2 : 1); net++)
        for (i = 0; i < nn; i++)
        {
            fprintf(script, ", ");
            gp_quoted(script, data_path);
            fprintf(script, " index %ld using ($1%+.3f):%d title '%s, n = %ld' with points pt %d ps 1.5",
                    i, 0.12 * ((double) i - (nn - 1) / 2.0), net ? 2 : 3,
                    net ? "LISTA" : "FIRENET",
                    ns[i], net ? pt_lista[i % 4] : pt_fire[i % 4]);
        }
    fprintf(script, "\n");
    return (ferror(script) || ferror(data)) ? kd_error_set(KD_ERR_IO, "could not write the plot files")
                                            : KD_OK;
}
