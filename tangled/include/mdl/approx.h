#ifndef MDL_APPROX_H
#define MDL_APPROX_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>
#ifdef __cplusplus
extern "C" {
#endif

/* mdl_approx_boolean: the n -> |T| -> 1 threshold network (disjunctive
   normal form) that computes the Boolean function with truth table `table`
   (2^n entries of 0 and 1).  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value); returns NULL on error.  Book: ch. 2, "Threshold
   networks and Boolean functions". */
mdl_net *mdl_approx_boolean(const gsl_vector *table);
/* mdl_approx_relu_interpolant: the 1 -> m -> 1 rectifier network equal to
   the piecewise-linear interpolant of the points (x_i, y_i), knots
   strictly increasing.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value); returns NULL on error.  Book: ch. 2, "Rectified units and
   piecewise-linear functions". */
mdl_net *mdl_approx_relu_interpolant(const gsl_vector *x, const gsl_vector *y);
/* mdl_approx_abs_interpolant: the same interpolant as
   mdl_approx_relu_interpolant, built from absolute-value units.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value); returns NULL on error.
   Book: ch. 2, "Rectified units and piecewise-linear functions". */
mdl_net *mdl_approx_abs_interpolant(const gsl_vector *x, const gsl_vector *y);
/* mdl_approx_dc: writes the m x 2 affine pieces (slope, intercept) of the
   convex g and h with interpolant = g - h, each a max of affine functions.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 2,
   "Rectified units and piecewise-linear functions". */
int mdl_approx_dc(const gsl_vector *x, const gsl_vector *y, gsl_matrix *g,
                  gsl_matrix *h);
/* mdl_approx_max_affine: max_j (A[j][0] t + A[j][1]), a max of the affine
   functions in the rows of the m x 2 matrix A.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value); returns NaN on error.  Book: ch. 2, "Rectified
   units and piecewise-linear functions". */
double mdl_approx_max_affine(const gsl_matrix *A, double t);
/* mdl_approx_bernstein: the Bernstein polynomial B_n f(x) on [0, 1] from
   the n + 1 values f(k/n), by de Casteljau's algorithm.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out of
   memory); returns NaN on error.  Book: ch. 2, "Weierstrass's theorem
   through Bernstein polynomials". */
double mdl_approx_bernstein(const gsl_vector *f, double x);
/* mdl_approx_sigmoid_staircase: the 1 -> m -> 1 sigmoid network with
   steepness k whose units switch at the midpoints of the knots: a
   staircase through the values y.  Errors: GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter); returns NULL on error.  Book: ch. 2, "Universal
   approximation with sigmoids, and its failure with polynomials". */
mdl_net *mdl_approx_sigmoid_staircase(const gsl_vector *x, const gsl_vector *y,
                                      double k);
/* mdl_approx_sawtooth: the deep rectifier network of depth k + 1 computing
   the sawtooth g^k, k compositions of the tent map, with 2^k pieces on [0,
   1].  Errors: GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out of
   memory); returns NULL on error.  Book: ch. 2, "What depth buys". */
mdl_net *mdl_approx_sawtooth(size_t k);
/* mdl_approx_pieces: counts exactly the affine pieces on [a, b] of a
   piecewise-linear network R -> R and writes the count to *count.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter), GSL_ENOMEM (out of memory).  Book: ch. 2, "What depth buys". */
int mdl_approx_pieces(const mdl_net *net, double a, double b, size_t *count);
/* mdl_approx_square: Yarotsky's rectifier network of m tent-map
   compositions approximating x^2 on [0, 1] within 2^(-2m-2).  Errors:
   GSL_EINVAL (an invalid parameter); returns NULL on error.  Book: ch. 2,
   "Deep approximation of x^2 and of products". */
mdl_net *mdl_approx_square(size_t m);
/* mdl_approx_product: the network R^2 -> R approximating x y on [0, 1]^2
   from three copies of mdl_approx_square's construction (m compositions).
   Errors: GSL_EINVAL (an invalid parameter); returns NULL on error.  Book:
   ch. 2, "Deep approximation of x^2 and of products". */
mdl_net *mdl_approx_product(size_t m);
typedef int mdl_approx_spectral_sampler(const gsl_rng *r, void *params,
                                        gsl_vector *omega, double *phase);

/* mdl_approx_barron: draws Maurey's n -> m -> 1 network of step units that
   approximates a function of Barron constant cf on the ball of radius r,
   frequencies drawn by `draw`.  Errors: GSL_EFAULT (NULL argument),
   GSL_EINVAL (an invalid parameter), GSL_EBADFUNC (a callback that fails
   or returns a non-finite value), GSL_EMAXITER (the iteration limit
   reached), GSL_ENOMEM (out of memory); returns NULL on error.  Book: ch.
   2, "Barron's theorem: a rate without the curse of dimension". */
mdl_net *mdl_approx_barron(mdl_approx_spectral_sampler *draw, void *params,
                           size_t n, size_t m, double r, double cf,
                           double f0, const gsl_rng *rng);

#ifdef __cplusplus
}
#endif
#endif
