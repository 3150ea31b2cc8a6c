/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
typedef int kd_placeholder_classes;
