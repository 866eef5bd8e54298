#include <math.h>
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <mdl/mdl.h>

int main(void)
{
  enum { N = 5000, D = 5, S = 5 }; /* train on N, test on N; S prior scales */
  const double delta = 0.05;
  gsl_matrix *Z = gsl_matrix_alloc(2 * N, D);
  gsl_vector *z = gsl_vector_alloc(2 * N), *w = gsl_vector_alloc(D);
  mdl_data_separable(1, 0.05, Z, z, w); /* margin 0.05 from the unit vector w */
  gsl_matrix_view X = gsl_matrix_submatrix(Z, 0, 0, N, D);
  gsl_matrix_view Xt = gsl_matrix_submatrix(Z, N, 0, N, D);
  gsl_vector_view y = gsl_vector_subvector(z, 0, N);
  gsl_vector_view yt = gsl_vector_subvector(z, N, N);
  gsl_vector *theta = gsl_vector_calloc(D), *zero = gsl_vector_calloc(D);
  gsl_vector *mu = gsl_vector_alloc(D);
  size_t mistakes;
  if (mdl_perceptron_train(&X.matrix, &y.vector, theta, 1000, &mistakes))
    return 1;
  double R = 0, gamma = mdl_margin(&X.matrix, &y.vector, w);
  for (size_t i = 0; i < N; i++) {
    gsl_vector_view xi = gsl_matrix_row(&X.matrix, i);
    R = fmax(R, gsl_blas_dnrm2(&xi.vector));
  }
  double novikoff = (R / gamma) * (R / gamma);
  printf("perceptron: %zu mistakes, Novikoff's bound (R/gamma)^2 = %.1f\n",
         mistakes, novikoff);
  size_t errors = 0; /* test error of sign(theta . x) */
  for (size_t i = 0; i < N; i++) {
    gsl_vector_view xi = gsl_matrix_row(&Xt.matrix, i);
    double s;
    gsl_blas_ddot(&xi.vector, theta, &s);
    errors += s * gsl_vector_get(&yt.vector, i) <= 0;
  }
  double vc = mdl_vc_bound(mdl_log_cover_count(2 * N, D), N, delta);
  printf("test error %.4f; VC bound %.4f\n", (double)errors / N, vc);
  double best = 1, scale = 0; /* Q = N(c theta/|theta|, I), P = N(0, I) */
  for (int k = 0; k < S; k++) {
    double c = 5 * pow(2, k);
    gsl_vector_memcpy(mu, theta);
    gsl_vector_scale(mu, c / gsl_blas_dnrm2(theta));
    double risk = mdl_pac_bayes_gibbs_risk(&X.matrix, &y.vector, mu, 1);
    double kl = mdl_pac_bayes_kl_gauss(mu, 1, zero, 1);
    double b = mdl_pac_bayes_bound(MDL_PAC_BAYES_KL, risk, kl, N, delta / S);
    if (b < best)
      best = b, scale = c;
  }
  gsl_vector_memcpy(mu, theta);
  gsl_vector_scale(mu, scale / gsl_blas_dnrm2(theta));
  printf("PAC-Bayes bound, Gibbs risk (|mu| = %g): %.4f; test risk %.4f\n",
         scale, best, mdl_pac_bayes_gibbs_risk(&Xt.matrix, &yt.vector, mu, 1));
  int ok = mistakes <= novikoff;
  puts(ok ? "the perceptron makes no more mistakes than Novikoff allows"
          : "FAILED");
  gsl_matrix_free(Z); gsl_vector_free(z); gsl_vector_free(w);
  gsl_vector_free(theta); gsl_vector_free(zero); gsl_vector_free(mu);
  return !ok;
}
