#ifndef MDL_GAN_H
#define MDL_GAN_H

#include <stddef.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/divergence.h>


double mdl_gan_value(const gsl_vector *p_r, const gsl_vector *p_g,
                     const gsl_vector *logit);
int mdl_gan_optimal_logit(const gsl_vector *p_r, const gsl_vector *p_g,
                          gsl_vector *logit);
int mdl_gan_value_density(const mdl_density *p_r, const mdl_density *p_g,
                          const gsl_function *logit, double lo, double hi,
                          double *value, double *abserr);


#endif
