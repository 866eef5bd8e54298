#include <math.h>
#include <stdio.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <mdl/mdl.h>

int main(void)
{
  enum { N = 1000, K = 20 };
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_matrix *X = gsl_matrix_alloc(N, 2), *Y = gsl_matrix_alloc(N, 2);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < 2; j++) {
      gsl_matrix_set(X, i, j, gsl_ran_gaussian(r, 1));
      gsl_matrix_set(Y, i, j, (j == 0) + gsl_ran_gaussian(r, 1));
    }
  double W1 = mdl_ot_w1(X, Y), cost, J, t = 1e-12 * W1;
  gsl_matrix *C = gsl_matrix_alloc(N, N), *plan = gsl_matrix_alloc(N, N);
  gsl_vector *a = gsl_vector_alloc(N), *u = gsl_vector_alloc(N);
  gsl_vector *v = gsl_vector_alloc(N), *p = gsl_vector_alloc(K);
  gsl_vector *q = gsl_vector_alloc(K);
  gsl_vector_set_all(a, 1.0 / N); /* uniform weights, on both samples */
  mdl_ot_distances(X, Y, C);
  mdl_ot_solve(a, a, C, plan, u, v, &cost);
  double dual = (gsl_vector_sum(u) + gsl_vector_sum(v)) / N; /* a.u + a.v */
  gsl_blas_dger(-N, u, a, C); /* C - u 1' - 1 v': the reduced costs */
  gsl_blas_dger(-N, a, v, C);
  printf("W1 %.6f (plan %.6f, dual %.6f), min reduced cost %.1e\n", W1, cost,
         dual, gsl_matrix_min(C));
  gsl_vector_view x0 = gsl_matrix_column(X, 0), y0 = gsl_matrix_column(Y, 0);
  mdl_histogram(&x0.vector, -6, 7, p); /* the first coordinates, on [-6, 7] */
  mdl_histogram(&y0.vector, -6, 7, q);
  printf("first coordinates: W1 %.6f; %d bins: TV %.4f, KL %.4f, JS %.4f\n",
         mdl_w1_1d(&x0.vector, &y0.vector), K, mdl_tv(p, q), mdl_kl(p, q),
         mdl_js(p, q));
  const size_t w[3] = {2, 16, 1};
  const mdl_net_activation act[2] = {MDL_NET_RELU, MDL_NET_IDENTITY};
  mdl_net *f = mdl_net_alloc(2, w, act);
  mdl_optim_params op = mdl_optim_defaults(mdl_optim_rmsprop);
  op.lr = 5e-4;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_rmsprop, mdl_net_nparams(f), &op);
  mdl_gan_train_critic(f, opt, X, Y, 0.1, 2000, &J); /* clipped at 0.1 */
  double lb = J / mdl_gan_lipschitz_bound(f);
  printf("clipped critic: J %.4f, J / Lip bound %.4f <= W1 %.4f\n", J, lb, W1);
  int ok = lb <= W1 + 100 * t && fabs(cost - W1) <= t
           && fabs(dual - cost) <= t && gsl_matrix_min(C) >= -t;
  puts(ok ? "the dual certifies W1 and the critic stays below it" : "FAILED");
  gsl_matrix_free(X); gsl_matrix_free(Y); gsl_matrix_free(C);
  gsl_matrix_free(plan); gsl_vector_free(a); gsl_vector_free(u);
  gsl_vector_free(v); gsl_vector_free(p); gsl_vector_free(q);
  mdl_net_free(f); mdl_optim_free(opt); gsl_rng_free(r);
  return !ok;
}
