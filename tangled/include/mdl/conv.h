#ifndef MDL_CONV_H
#define MDL_CONV_H

#include <stddef.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

typedef struct {
  size_t in_channels, out_channels, height, width, kernel, stride, padding;
} mdl_conv2d_geometry;

int mdl_conv2d_output_size(const mdl_conv2d_geometry *g, size_t *out_h,
                           size_t *out_w);
int mdl_conv2d_forward(const mdl_conv2d_geometry *g, const gsl_vector *weights,
                       const gsl_vector *bias, const gsl_matrix *X,
                       gsl_matrix *Y);
int mdl_conv2d_backward(const mdl_conv2d_geometry *g, const gsl_vector *weights,
                        const gsl_matrix *X, const gsl_matrix *dY,
                        gsl_vector *dweights, gsl_vector *dbias,
                        gsl_matrix *dX);
typedef struct {
  size_t in_channels, out_channels, length, kernel, stride, padding;
} mdl_conv1d_geometry;

int mdl_conv1d_forward(const mdl_conv1d_geometry *g, const gsl_vector *weights,
                       const gsl_vector *bias, const gsl_matrix *X,
                       gsl_matrix *Y);
int mdl_conv1d_backward(const mdl_conv1d_geometry *g, const gsl_vector *weights,
                        const gsl_matrix *X, const gsl_matrix *dY,
                        gsl_vector *dweights, gsl_vector *dbias,
                        gsl_matrix *dX);
int mdl_conv_circular_pad(size_t channels, size_t height, size_t width,
                          size_t pad, const gsl_matrix *X, gsl_matrix *Xpad);
int mdl_conv_full(const gsl_vector *x, const gsl_vector *h, gsl_vector *y);
int mdl_conv_circular(const gsl_vector *x, const gsl_vector *h, gsl_vector *y);
typedef struct {
  size_t channels, height, width, kernel, stride, padding;
} mdl_pool2d_geometry;

int mdl_pool2d_output_size(const mdl_pool2d_geometry *g, size_t *out_h,
                           size_t *out_w);
int mdl_pool2d_max_forward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                           gsl_matrix *Y);
int mdl_pool2d_max_backward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                            const gsl_matrix *dY, gsl_matrix *dX);
int mdl_pool2d_avg_forward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                           gsl_matrix *Y);
int mdl_pool2d_avg_backward(const mdl_pool2d_geometry *g, const gsl_matrix *dY,
                            gsl_matrix *dX);
int mdl_conv_global_avg_pool(size_t channels, const gsl_matrix *X,
                             gsl_matrix *Y);
int mdl_conv_global_avg_pool_backward(size_t channels, const gsl_matrix *dY,
                                      gsl_matrix *dX);
int mdl_conv_batchnorm_forward(size_t channels, double eps,
                               const gsl_vector *gamma, const gsl_vector *beta,
                               const gsl_matrix *X, gsl_matrix *Y);
int mdl_conv_batchnorm_backward(size_t channels, double eps,
                                const gsl_vector *gamma, const gsl_matrix *X,
                                const gsl_matrix *dY, gsl_matrix *dX,
                                gsl_vector *dgamma, gsl_vector *dbeta);
int mdl_conv_layernorm_forward(double eps, const gsl_vector *gamma,
                               const gsl_vector *beta, const gsl_matrix *X,
                               gsl_matrix *Y);
int mdl_conv_layernorm_backward(double eps, const gsl_vector *gamma,
                                const gsl_matrix *X, const gsl_matrix *dY,
                                gsl_matrix *dX, gsl_vector *dgamma,
                                gsl_vector *dbeta);
int mdl_conv_dropout(double p, const gsl_rng *r, const gsl_matrix *X,
                     gsl_matrix *mask, gsl_matrix *Y);
int mdl_conv_weightnorm(double g, const gsl_vector *v, gsl_vector *w);
int mdl_conv_weightnorm_backward(double g, const gsl_vector *v,
                                 const gsl_vector *dw, gsl_vector *dv,
                                 double *dg);
size_t mdl_conv_residual_nparams(const mdl_conv2d_geometry *g);
int mdl_conv_residual_forward(const mdl_conv2d_geometry *g,
                              const gsl_vector *theta, const gsl_matrix *X,
                              gsl_matrix *Y);
int mdl_conv_residual_backward(const mdl_conv2d_geometry *g,
                               const gsl_vector *theta, const gsl_matrix *X,
                               const gsl_matrix *dY, gsl_vector *dtheta,
                               gsl_matrix *dX);
int mdl_conv_circular_singular_values(size_t out_channels, size_t in_channels,
                                      size_t n, size_t kernel,
                                      const gsl_vector *weights,
                                      gsl_vector *sv);
int mdl_conv_graph_renormalize(const gsl_matrix *A, gsl_matrix *Ahat);
int mdl_conv_graph_forward(const gsl_matrix *Ahat, const gsl_matrix *X,
                           const gsl_matrix *Theta, gsl_matrix *Y);
typedef struct mdl_conv_model mdl_conv_model;

mdl_conv_model *mdl_conv_model_alloc(size_t channels, size_t height,
                                     size_t width);
void mdl_conv_model_free(mdl_conv_model *m);
int mdl_conv_model_add_conv(mdl_conv_model *m, size_t out_channels,
                            size_t kernel, size_t stride, size_t padding);
int mdl_conv_model_add_relu(mdl_conv_model *m);
int mdl_conv_model_add_maxpool(mdl_conv_model *m, size_t kernel, size_t stride);
int mdl_conv_model_add_avgpool(mdl_conv_model *m, size_t kernel, size_t stride);
int mdl_conv_model_add_gap(mdl_conv_model *m);
int mdl_conv_model_add_residual(mdl_conv_model *m, size_t kernel);
int mdl_conv_model_add_dense(mdl_conv_model *m, size_t outputs);
size_t mdl_conv_model_nparams(const mdl_conv_model *m);
size_t mdl_conv_model_input_size(const mdl_conv_model *m);
size_t mdl_conv_model_output_size(const mdl_conv_model *m);
gsl_vector *mdl_conv_model_params(mdl_conv_model *m);
int mdl_conv_model_init(mdl_conv_model *m, const gsl_rng *r);
int mdl_conv_model_forward(mdl_conv_model *m, const gsl_matrix *X,
                           gsl_matrix *Y);
int mdl_conv_model_backward(mdl_conv_model *m, const gsl_matrix *dY,
                            gsl_vector *grad, gsl_matrix *dX);
int mdl_conv_model_gradient(mdl_conv_model *m, int loss, const gsl_matrix *X,
                            const gsl_matrix *Y, double *value,
                            gsl_vector *grad);
int mdl_conv_model_fwrite(FILE *stream, const mdl_conv_model *m);
mdl_conv_model *mdl_conv_model_fread(FILE *stream);

#endif
