#ifndef MDL_OT_H
#define MDL_OT_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

int mdl_ot_solve(const gsl_vector *a, const gsl_vector *b,
                 const gsl_matrix *cost, gsl_matrix *plan, gsl_vector *u,
                 gsl_vector *v, double *value);
int mdl_ot_simplex(const gsl_vector *a, const gsl_vector *b,
                   const gsl_matrix *cost, size_t max_pivots,
                   gsl_matrix *plan, gsl_vector *u, gsl_vector *v,
                   double *value, size_t *pivots);
int mdl_ot_distances(const gsl_matrix *x, const gsl_matrix *y,
                     gsl_matrix *cost);
double mdl_ot_w1(const gsl_matrix *x, const gsl_matrix *y);

#endif
