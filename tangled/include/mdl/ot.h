#ifndef MDL_OT_H
#define MDL_OT_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#ifdef __cplusplus
extern "C" {
#endif

/* mdl_ot_solve: the exact optimal transport plan between weights a and b
   for the cost matrix, with dual potentials u, v (a certificate) and the
   cost.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do
   not match), GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 5,
   "Optimal transport, exactly". */
int mdl_ot_solve(const gsl_vector *a, const gsl_vector *b,
                 const gsl_matrix *cost, gsl_matrix *plan, gsl_vector *u,
                 gsl_vector *v, double *value);
/* mdl_ot_simplex: mdl_ot_solve with a limit on the pivots of the network
   simplex (0 for the default); the pivots taken into *pivots (may be
   NULL).  Errors: GSL_EBADLEN (sizes that do not match), GSL_EMAXITER (the
   iteration limit reached), GSL_ESANITY (an internal check that failed),
   GSL_ENOMEM (out of memory).  Book: ch. 5, "Optimal transport, exactly". */
int mdl_ot_simplex(const gsl_vector *a, const gsl_vector *b,
                   const gsl_matrix *cost, size_t max_pivots,
                   gsl_matrix *plan, gsl_vector *u, gsl_vector *v,
                   double *value, size_t *pivots);
/* mdl_ot_distances: the matrix of Euclidean distances between the rows of
   x and the rows of y.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value).  Book: ch. 5, "Optimal transport, exactly". */
int mdl_ot_distances(const gsl_matrix *x, const gsl_matrix *y,
                     gsl_matrix *cost);
/* mdl_ot_w1: the exact Wasserstein distance W_1 between the uniform
   distributions on the rows of x and of y.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_ENOMEM (out of memory); returns NaN on
   error.  Book: ch. 5, "Optimal transport, exactly". */
double mdl_ot_w1(const gsl_matrix *x, const gsl_matrix *y);

#ifdef __cplusplus
}
#endif
#endif
