#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <mdl/learn.h>

int mdl_perceptron_update(const gsl_vector *x, double y, gsl_vector *theta,
                          int *mistake)
{
  if (x == NULL || theta == NULL)
    GSL_ERROR("x and theta must not be NULL", GSL_EFAULT);
  if (x->size != theta->size)
    GSL_ERROR("x and theta must have the same length", GSL_EBADLEN);
  double score;
  gsl_blas_ddot(x, theta, &score);
  int wrong = y * score < 0;
  if (wrong)
    gsl_blas_daxpy(y, x, theta);
  if (mistake)
    *mistake = wrong;
  return GSL_SUCCESS;
}
