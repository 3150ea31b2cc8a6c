/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A piecewise-smooth phantom in the spirit of Shepp-Logan's, with smooth
   (polynomial) intensity inside each piece so that the image is neither
   piecewise constant nor smooth. Only +, -, *, / and comparisons: the
   same doubles on every IEEE machine. */
#include "kdigits/convergence.h"

/* an ellipse centred at (cx, cy) with half-axes a, b, rotated by the
   rotation (c, s) with c^2 + s^2 = 1 exactly (Pythagorean triples): the
   value inside is amp (1 - t q) with q the normalised radius^2 */
typedef struct
{
    double cx, cy, a, b, c, s, amp, t;
}
_kd_ellipse;

static const _kd_ellipse _kd_ellipses[] = {
    /* the head: bright rim fading inwards */
    {0.5, 0.5, 0.43, 0.47, 1.0, 0.0, 0.70, -0.25},
    /* the brain, darker, with a gentle gradient added below */
    {0.5, 0.49, 0.37, 0.42, 1.0, 0.0, -0.45, 0.0},
    /* two tilted ventricles (rotation 3-4-5) */
    {0.39, 0.47, 0.07, 0.17, 0.8, 0.6, -0.15, 0.5},
    {0.61, 0.47, 0.06, 0.15, 0.8, -0.6, -0.15, 0.5},
    /* bright lesions, peaked */
    {0.5, 0.30, 0.06, 0.05, 1.0, 0.0, 0.35, 0.9},
    {0.42, 0.68, 0.035, 0.05, 0.6, 0.8, 0.30, 0.8},
    {0.58, 0.70, 0.03, 0.03, 1.0, 0.0, 0.25, 0.6},
    {0.5, 0.80, 0.012, 0.012, 1.0, 0.0, 0.30, 0.0}
};

/* the sum over the ellipses containing (x, y) of amp (1 - t q), in table
   order (t = 0: amp exactly) */
static double
_kd_ellipses_sum(const _kd_ellipse * T, slong ne, double x, double y)
{
    slong e;
    double v = 0.0, dx, dy, u, w, q;
    for (e = 0; e < ne; e++)
    {
        const _kd_ellipse * E = T + e;
        dx = x - E->cx;
        dy = y - E->cy;
        u = (E->c * dx + E->s * dy) / E->a;
        w = (E->c * dy - E->s * dx) / E->b;
        q = u * u + w * w;
        if (q <= 1.0)
            v += E->amp * (1.0 - E->t * q);
    }
    return v;
}

void
kd_conv_phantom(double * f, slong n)
{
    slong i, j, ne = (slong) (sizeof(_kd_ellipses) / sizeof(_kd_ellipses[0]));
    double h = 1.0 / (double) n;
    for (i = 0; i < n; i++)
    {
        double y = ((double) i + 0.5) * h;
        for (j = 0; j < n; j++)
        {
            double x = ((double) j + 0.5) * h, dx, dy, q;
            double v = _kd_ellipses_sum(_kd_ellipses, ne, x, y);
            /* a smooth gradient inside the brain */
            dx = (x - 0.5) / 0.37;
            dy = (y - 0.49) / 0.42;
            if (dx * dx + dy * dy <= 1.0)
                v += 0.12 * x + 0.08 * y * y;
            /* a rectangle with a linear ramp (an insert) */
            if (x >= 0.30 && x <= 0.46 && y >= 0.56 && y <= 0.62)
                v += 0.2 + 0.5 * (x - 0.30);
            /* a smooth bump (1 - r^2)^2 without a jump */
            dx = (x - 0.64) / 0.09;
            dy = (y - 0.60) / 0.09;
            q = dx * dx + dy * dy;
            if (q < 1.0)
                v += 0.25 * (1.0 - q) * (1.0 - q);
            f[i * n + j] = (v < 0.0) ? 0.0 : (v > 1.0) ? 1.0 : v;
        }
    }
}

/* The piecewise-constant phantom: constant ellipses (Shepp-Logan's
   layout, edges at every scale) and rectangles whose sides lie on the
   grid of step 1/32 (no Haar detail finer than 1/32 along them), with
   dyadic intensities. */
static const _kd_ellipse _kd_cellipses[] = {
    {0.5, 0.5, 0.43, 0.47, 1.0, 0.0, 0.75, 0.0},
    {0.5, 0.49, 0.37, 0.42, 1.0, 0.0, -0.5, 0.0},
    {0.39, 0.47, 0.07, 0.17, 0.8, 0.6, -0.125, 0.0},
    {0.61, 0.47, 0.06, 0.15, 0.8, -0.6, -0.125, 0.0},
    {0.5, 0.30, 0.06, 0.05, 1.0, 0.0, 0.5, 0.0},
    {0.58, 0.70, 0.03, 0.03, 1.0, 0.0, 0.375, 0.0}
};

/* [x0, x1) x [y0, y1) in units of 1/32, and the intensity added */
static const struct
{
    double x0, x1, y0, y1, amp;
}
_kd_crects[] = {
    {10.0, 15.0, 18.0, 20.0, 0.5},
    {19.0, 23.0, 8.0, 12.0, 0.25},
    {12.0, 20.0, 24.0, 26.0, 0.375},
    {16.0, 17.0, 14.0, 18.0, 0.5}
};

void
kd_conv_phantom_constant(double * f, slong n)
{
    slong i, j, e;
    slong ne = (slong) (sizeof(_kd_cellipses) / sizeof(_kd_cellipses[0]));
    slong nr = (slong) (sizeof(_kd_crects) / sizeof(_kd_crects[0]));
    double h = 1.0 / (double) n;
    for (i = 0; i < n; i++)
    {
        double y = ((double) i + 0.5) * h;
        for (j = 0; j < n; j++)
        {
            double x = ((double) j + 0.5) * h;
            double v = _kd_ellipses_sum(_kd_cellipses, ne, x, y);
            /* 32 x and 32 y are exact: n is a power of 2 */
            for (e = 0; e < nr; e++)
                if (32.0 * x >= _kd_crects[e].x0 && 32.0 * x < _kd_crects[e].x1
                    && 32.0 * y >= _kd_crects[e].y0 && 32.0 * y < _kd_crects[e].y1)
                    v += _kd_crects[e].amp;
            f[i * n + j] = (v < 0.0) ? 0.0 : (v > 1.0) ? 1.0 : v;
        }
    }
}

const char *
kd_conv_phantom_name(kd_conv_phantom_kind k)
{
    return (k == KD_CONV_PHANTOM_SMOOTH) ? "smooth"
        : (k == KD_CONV_PHANTOM_COMPRESSED) ? "compressed" : "constant";
}
