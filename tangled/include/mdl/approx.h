#ifndef MDL_APPROX_H
#define MDL_APPROX_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <mdl/net.h>

mdl_net *mdl_approx_boolean(const gsl_vector *table);





#endif
