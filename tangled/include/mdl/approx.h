#ifndef MDL_APPROX_H
#define MDL_APPROX_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>

mdl_net *mdl_approx_boolean(const gsl_vector *table);
mdl_net *mdl_approx_relu_interpolant(const gsl_vector *x, const gsl_vector *y);
mdl_net *mdl_approx_abs_interpolant(const gsl_vector *x, const gsl_vector *y);
int mdl_approx_dc(const gsl_vector *x, const gsl_vector *y, gsl_matrix *g,
                  gsl_matrix *h);
double mdl_approx_max_affine(const gsl_matrix *A, double t);
double mdl_approx_bernstein(const gsl_vector *f, double x);
mdl_net *mdl_approx_sigmoid_staircase(const gsl_vector *x, const gsl_vector *y,
                                      double k);
mdl_net *mdl_approx_sawtooth(size_t k);
int mdl_approx_pieces(const mdl_net *net, double a, double b, size_t *count);
mdl_net *mdl_approx_square(size_t m);
mdl_net *mdl_approx_product(size_t m);
typedef int mdl_approx_spectral_sampler(const gsl_rng *r, void *params,
                                        gsl_vector *omega, double *phase);

mdl_net *mdl_approx_barron(mdl_approx_spectral_sampler *draw, void *params,
                           size_t n, size_t m, double r, double cf,
                           double f0, const gsl_rng *rng);

#endif
