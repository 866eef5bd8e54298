#include <stdio.h>
#include <mdl/mdl.h>

int main(void)
{
  enum { N = 1000 };
  const size_t w[4] = {2, 16, 16, 1};
  const mdl_net_activation a[3] = {MDL_NET_RELU, MDL_NET_RELU,
                                   MDL_NET_IDENTITY};
  gsl_matrix *X = gsl_matrix_alloc(N, 2), *Xt = gsl_matrix_alloc(N, 2);
  gsl_matrix *Y = gsl_matrix_alloc(N, 1), *Yt = gsl_matrix_alloc(N, 1);
  gsl_matrix *P = gsl_matrix_alloc(N, 1), *Q = gsl_matrix_alloc(N, 1);
  gsl_vector_view y = gsl_matrix_column(Y, 0), yt = gsl_matrix_column(Yt, 0);
  mdl_data_moons(1, 0.1, X, &y.vector);   /* training set, seed 1 */
  mdl_data_moons(2, 0.1, Xt, &yt.vector); /* test set, seed 2 */
  mdl_net *net = mdl_net_alloc(3, w, a);
  mdl_optim_params p = mdl_optim_defaults(mdl_optim_adam);
  p.lr = 0.01;
  mdl_optim *opt = mdl_optim_alloc(mdl_optim_adam, mdl_net_nparams(net), &p);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  for (int epoch = 0; epoch < 100; epoch++)
    mdl_net_train_epoch(net, opt, MDL_NET_LOSS_LOGISTIC, X, Y, 32, r, NULL);
  double acc, loss;
  mdl_net_accuracy(net, MDL_NET_LOSS_LOGISTIC, Xt, Yt, &acc);
  mdl_net_loss_value(net, MDL_NET_LOSS_LOGISTIC, Xt, Yt, &loss);
  printf("test accuracy %.3f, test loss %.4f\n", acc, loss);
  mdl_net_save(net, "moons.net");
  mdl_net *back = mdl_net_load("moons.net");
  mdl_net_predict(net, Xt, P);
  mdl_net_predict(back, Xt, Q);
  int same = gsl_matrix_equal(P, Q);
  puts(same ? "the reloaded network predicts the same" : "FAILED: it differs");
  mdl_net_free(net); mdl_net_free(back); mdl_optim_free(opt); gsl_rng_free(r);
  gsl_matrix_free(X); gsl_matrix_free(Xt); gsl_matrix_free(Y);
  gsl_matrix_free(Yt); gsl_matrix_free(P); gsl_matrix_free(Q);
  return same && acc >= 0.95 ? 0 : 1;
}
