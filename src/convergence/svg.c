/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The convergence report as a self-contained SVG line plot (log scale). */
#include <math.h>
#include "kdigits/convergence.h"

#define KD_SVG_W 760
#define KD_SVG_H 480
#define KD_SVG_L 80
#define KD_SVG_R 220
#define KD_SVG_T 40
#define KD_SVG_B 60

static const char * _kd_svg_colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

/* the plotted value of step j: 0 gap_ub / ||c||, 1 the relative error */
static double
_kd_svg_value(const kd_conv_report_t R, const kd_conv_run_struct * r, slong j, int which)
{
    if (which == 0)
        return arf_get_d(r->steps[j].gap_ub, ARF_RND_UP)
            / arf_get_d(arb_midref(R->cnorm), ARF_RND_NEAR);
    return arf_get_d(arb_midref(r->steps[j].relerr), ARF_RND_NEAR);
}

/* the lower end of the truth's proved gap F(c) - F*, over ||c|| (0: none) */
static double
_kd_svg_truth(const kd_conv_report_t R, const kd_conv_run_struct * r)
{
    arf_t a;
    double v;
    arf_init(a);
    arb_get_lbound_arf(a, r->truth_gap, 53);
    v = arf_get_d(a, ARF_RND_DOWN) / arf_get_d(arb_midref(R->cnorm), ARF_RND_NEAR);
    arf_clear(a);
    return (v > 0 && isfinite(v)) ? v : 0.0;
}

kd_status
kd_conv_write_svg(FILE * out, const kd_conv_report_t R)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL, xmax = 1, pw = KD_SVG_W - KD_SVG_L - KD_SVG_R,
        ph = KD_SVG_H - KD_SVG_T - KD_SVG_B, v, e;
    slong i, j, d;
    int which;

    for (i = 0; i < R->nruns; i++)
        for (j = 0; j < R->runs[i].nsteps; j++)
            for (which = 0; which < 2; which++)
            {
                v = _kd_svg_value(R, R->runs + i, j, which);
                if (v > 0 && isfinite(v))
                {
                    lo = fmin(lo, floor(log10(v)));
                    hi = fmax(hi, ceil(log10(v)));
                }
                xmax = fmax(xmax, (double) R->runs[i].steps[j].iter);
            }
    for (i = 0; i < R->nruns; i++)
        if ((v = _kd_svg_truth(R, R->runs + i)) > 0)
        {
            lo = fmin(lo, floor(log10(v)));
            hi = fmax(hi, ceil(log10(v)));
        }
    if (!(lo < hi))
    {
        lo = -1;
        hi = 0;
    }
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "font-family=\"sans-serif\" font-size=\"12\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", KD_SVG_W, KD_SVG_H);
    fprintf(out, "<text x=\"%d\" y=\"18\">FIRENET, n = %ld x %ld, Haar r = %ld: certified gap "
            "bound / ||c|| (solid), relative error (dashed),</text>\n<text x=\"%d\" y=\"%d\">"
            "the truth's proved (F(c) - F*) / ||c|| (dotted): the noise floor</text>\n",
            KD_SVG_L, (long) R->n, (long) R->n, (long) R->levels, KD_SVG_L + 20, KD_SVG_T - 8);
    /* axes, decades and iteration ticks */
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%g\" height=\"%g\" fill=\"none\" "
            "stroke=\"black\"/>\n", KD_SVG_L, KD_SVG_T, pw, ph);
    for (e = lo; e <= hi; e++)
    {
        double yy = KD_SVG_T + ph * (hi - e) / (hi - lo);
        fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>\n",
                KD_SVG_L, yy, KD_SVG_L + pw, yy, KD_SVG_L - 6, yy + 4, (int) e);
    }
    for (d = 0; d <= (slong) xmax; d += FLINT_MAX(1, (slong) xmax / 8))
    {
        double xx = KD_SVG_L + pw * (double) d / xmax;
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%ld</text>\n", xx,
                KD_SVG_T + ph + 16, (long) d);
    }
    fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">inner iteration j</text>\n",
            KD_SVG_L + pw / 2, KD_SVG_H - 20);
    for (i = 0; i < R->nruns; i++)
        for (which = 0; which < 2; which++)
        {
            const kd_conv_run_struct * r = R->runs + i;
            int first = 1;
            fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s "
                    "points=\"", _kd_svg_colours[i % 4],
                    which ? " stroke-dasharray=\"5,3\"" : "");
            for (j = 0; j < r->nsteps; j++)
            {
                if (r->steps[j].step == 0)
                    continue;
                v = _kd_svg_value(R, r, j, which);
                if (!(v > 0) || !isfinite(v))
                    continue;
                fprintf(out, "%s%.1f,%.1f", first ? "" : " ",
                        KD_SVG_L + pw * (double) r->steps[j].iter / xmax,
                        KD_SVG_T + ph * (hi - log10(v)) / (hi - lo));
                first = 0;
            }
            fprintf(out, "\"/>\n");
        }
    for (i = 0; i < R->nruns; i++)
        if ((v = _kd_svg_truth(R, R->runs + i)) > 0)
            fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    "stroke-dasharray=\"1,3\"/>\n", KD_SVG_L,
                    KD_SVG_T + ph * (hi - log10(v)) / (hi - lo), KD_SVG_L + pw,
                    KD_SVG_T + ph * (hi - log10(v)) / (hi - lo), _kd_svg_colours[i % 4]);
    for (i = 0; i < R->nruns; i++)
        fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%d\">%s, %s (m = %ld)</text>\n",
                KD_SVG_L + pw + 12, KD_SVG_T + 20 + 20 * (int) i, KD_SVG_L + pw + 36,
                KD_SVG_T + 20 + 20 * (int) i, _kd_svg_colours[i % 4], KD_SVG_L + pw + 42,
                KD_SVG_T + 24 + 20 * (int) i, R->runs[i].transform, R->runs[i].sampling,
                (long) R->runs[i].m);
    fprintf(out, "</svg>\n");
    return ferror(out) ? kd_error_set(KD_ERR_IO, "could not write the plot") : KD_OK;
}
