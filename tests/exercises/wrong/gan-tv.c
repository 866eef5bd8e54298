#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_nan.h>
#include <gsl/gsl_vector.h>
#include <mdl/divergence.h>

double mdl_tv(const gsl_vector *p, const gsl_vector *q)
{
  if (p == NULL || q == NULL)
    GSL_ERROR_VAL("mdl_tv: p and q must not be NULL", GSL_EFAULT, GSL_NAN);
  if (p->size != q->size)
    GSL_ERROR_VAL("mdl_tv: p and q must have the same length", GSL_EBADLEN,
                  GSL_NAN);
  double sum = 0;
  for (size_t i = 0; i < p->size; i++)
    sum += fabs(gsl_vector_get(p, i) - gsl_vector_get(q, i));
  return sum;
}
