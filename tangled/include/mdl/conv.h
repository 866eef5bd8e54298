#ifndef MDL_CONV_H
#define MDL_CONV_H

#include <stddef.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  size_t in_channels, out_channels, height, width, kernel, stride, padding;
} mdl_conv2d_geometry;

/* mdl_conv2d_output_size: writes the output height and width H', W' of a
   2-D convolution with the geometry g.  Errors: GSL_EFAULT (NULL
   argument), GSL_EINVAL (an invalid parameter).  Book: ch. 3, "Layout and
   interface". */
int mdl_conv2d_output_size(const mdl_conv2d_geometry *g, size_t *out_h,
                           size_t *out_w);
/* mdl_conv2d_forward: the 2-D convolution layer (cross-correlation) of a
   batch X (B x C*H*W) into Y (B x O*H'*W'), bias optional (NULL).  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an invalid
   parameter).  Book: ch. 3, "Layout and interface". */
int mdl_conv2d_forward(const mdl_conv2d_geometry *g, const gsl_vector *weights,
                       const gsl_vector *bias, const gsl_matrix *X,
                       gsl_matrix *Y);
/* mdl_conv2d_backward: the gradients of a 2-D convolution layer with
   respect to the weights, the bias and the input, given dY; each output
   may be NULL.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes
   that do not match), GSL_EDOM (a non-finite or out-of-range value),
   GSL_EINVAL (an invalid parameter).  Book: ch. 3, "Layout and interface". */
int mdl_conv2d_backward(const mdl_conv2d_geometry *g, const gsl_vector *weights,
                        const gsl_matrix *X, const gsl_matrix *dY,
                        gsl_vector *dweights, gsl_vector *dbias,
                        gsl_matrix *dX);
typedef struct {
  size_t in_channels, out_channels, length, kernel, stride, padding;
} mdl_conv1d_geometry;

/* mdl_conv1d_forward: the 1-D convolution layer of a batch X (B x C*L)
   into Y (B x O*L'), bias optional (NULL).  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_EINVAL (an invalid parameter).  Book: ch. 3,
   "One-dimensional and circular convolutions". */
int mdl_conv1d_forward(const mdl_conv1d_geometry *g, const gsl_vector *weights,
                       const gsl_vector *bias, const gsl_matrix *X,
                       gsl_matrix *Y);
/* mdl_conv1d_backward: the gradients of a 1-D convolution layer with
   respect to the weights, the bias and the input, given dY; each output
   may be NULL.  Errors: GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value).  Book: ch. 3, "One-dimensional and
   circular convolutions". */
int mdl_conv1d_backward(const mdl_conv1d_geometry *g, const gsl_vector *weights,
                        const gsl_matrix *X, const gsl_matrix *dY,
                        gsl_vector *dweights, gsl_vector *dbias,
                        gsl_matrix *dX);
/* mdl_conv_circular_pad: writes the image X padded by `pad` pixels on
   every side with wrap-around (circular padding).  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EINVAL (an
   invalid parameter).  Book: ch. 3, "One-dimensional and circular
   convolutions". */
int mdl_conv_circular_pad(size_t channels, size_t height, size_t width,
                          size_t pad, const gsl_matrix *X, gsl_matrix *Xpad);
/* mdl_conv_full: the full linear convolution y = x * h, of length |x| +
   |h| - 1.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do
   not match), GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 3,
   "One-dimensional and circular convolutions". */
int mdl_conv_full(const gsl_vector *x, const gsl_vector *h, gsl_vector *y);
/* mdl_conv_circular: the circular convolution y = x (*) h of two vectors
   of the same length n.  Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN
   (sizes that do not match), GSL_EDOM (a non-finite or out-of-range
   value), GSL_ENOMEM (out of memory).  Book: ch. 3, "One-dimensional and
   circular convolutions". */
int mdl_conv_circular(const gsl_vector *x, const gsl_vector *h, gsl_vector *y);
typedef struct {
  size_t channels, height, width, kernel, stride, padding;
} mdl_pool2d_geometry;

/* mdl_pool2d_output_size: writes the output height and width of a pooling
   layer with the geometry g.  Errors: GSL_EFAULT (NULL argument),
   GSL_EINVAL (an invalid parameter).  Book: ch. 3, "Pooling". */
int mdl_pool2d_output_size(const mdl_pool2d_geometry *g, size_t *out_h,
                           size_t *out_w);
/* mdl_pool2d_max_forward: max pooling of a batch X into Y, padding
   counting as minus infinity.  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value), GSL_EINVAL (an invalid parameter).  Book: ch. 3,
   "Pooling". */
int mdl_pool2d_max_forward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                           gsl_matrix *Y);
/* mdl_pool2d_max_backward: the gradient of max pooling: dY routed to the
   first maximum of each window.  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value).  Book: ch. 3, "Pooling". */
int mdl_pool2d_max_backward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                            const gsl_matrix *dY, gsl_matrix *dX);
/* mdl_pool2d_avg_forward: average pooling of a batch X into Y (padding
   counts as zeros in the window).  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value), GSL_ENOMEM (out of memory).  Book: ch. 3,
   "Pooling". */
int mdl_pool2d_avg_forward(const mdl_pool2d_geometry *g, const gsl_matrix *X,
                           gsl_matrix *Y);
/* mdl_pool2d_avg_backward: the gradient of average pooling: each entry of
   dY spread evenly over its window.  Errors: GSL_EDOM (a non-finite or
   out-of-range value), GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out
   of memory).  Book: ch. 3, "Pooling". */
int mdl_pool2d_avg_backward(const mdl_pool2d_geometry *g, const gsl_matrix *dY,
                            gsl_matrix *dX);
/* mdl_conv_global_avg_pool: the mean of each channel of each image of X
   into Y (B x channels).  Errors: GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 3, "Pooling". */
int mdl_conv_global_avg_pool(size_t channels, const gsl_matrix *X,
                             gsl_matrix *Y);
/* mdl_conv_global_avg_pool_backward: the gradient of global average
   pooling: each dY entry spread evenly over its channel.  Errors:
   GSL_EFAULT (NULL argument).  Book: ch. 3, "Pooling". */
int mdl_conv_global_avg_pool_backward(size_t channels, const gsl_matrix *dY,
                                      gsl_matrix *dX);
/* mdl_conv_batchnorm_forward: batch normalisation of X per channel over
   the batch, scaled by gamma and shifted by beta (training-mode
   statistics, variance + eps).  Errors: GSL_EFAULT (NULL argument),
   GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite or
   out-of-range value), GSL_EINVAL (an invalid parameter), GSL_ENOMEM (out
   of memory).  Book: ch. 3, "Normalisation and dropout: the interfaces". */
int mdl_conv_batchnorm_forward(size_t channels, double eps,
                               const gsl_vector *gamma, const gsl_vector *beta,
                               const gsl_matrix *X, gsl_matrix *Y);
/* mdl_conv_batchnorm_backward: the gradients of batch normalisation with
   respect to X, gamma and beta, given dY.  Errors: GSL_EBADLEN (sizes that
   do not match), GSL_ENOMEM (out of memory).  Book: ch. 3, "Normalisation
   and dropout: the interfaces". */
int mdl_conv_batchnorm_backward(size_t channels, double eps,
                                const gsl_vector *gamma, const gsl_matrix *X,
                                const gsl_matrix *dY, gsl_matrix *dX,
                                gsl_vector *dgamma, gsl_vector *dbeta);
/* mdl_conv_layernorm_forward: layer normalisation of each row of X over
   its columns, then gamma and beta entry by entry.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value), GSL_ENOMEM (out of memory).  Book:
   ch. 3, "Normalisation and dropout: the interfaces". */
int mdl_conv_layernorm_forward(double eps, const gsl_vector *gamma,
                               const gsl_vector *beta, const gsl_matrix *X,
                               gsl_matrix *Y);
/* mdl_conv_layernorm_backward: the gradients of layer normalisation with
   respect to X, gamma and beta, given dY.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_EINVAL (an invalid parameter), GSL_ENOMEM
   (out of memory).  Book: ch. 3, "Normalisation and dropout: the
   interfaces". */
int mdl_conv_layernorm_backward(double eps, const gsl_vector *gamma,
                                const gsl_matrix *X, const gsl_matrix *dY,
                                gsl_matrix *dX, gsl_vector *dgamma,
                                gsl_vector *dbeta);
/* mdl_conv_dropout: inverted dropout with drop probability p: Y = X .*
   mask, mask entries 0 or 1/(1-p) drawn from r; mask may be NULL.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 3,
   "Normalisation and dropout: the interfaces". */
int mdl_conv_dropout(double p, const gsl_rng *r, const gsl_matrix *X,
                     gsl_matrix *mask, gsl_matrix *Y);
/* mdl_conv_weightnorm: weight normalisation w = g v / ||v||.  Errors:
   GSL_EDOM (a non-finite or out-of-range value).  Book: ch. 3,
   "Normalisation and dropout: the interfaces". */
int mdl_conv_weightnorm(double g, const gsl_vector *v, gsl_vector *w);
/* mdl_conv_weightnorm_backward: the gradients dL/dg and dL/dv of weight
   normalisation from dL/dw.  Errors: GSL_EBADLEN (sizes that do not
   match).  Book: ch. 3, "Normalisation and dropout: the interfaces". */
int mdl_conv_weightnorm_backward(double g, const gsl_vector *v,
                                 const gsl_vector *dw, gsl_vector *dv,
                                 double *dg);
/* mdl_conv_residual_nparams: the number of parameters of a residual block
   (two convolutions) with the geometry g; 0 for an invalid geometry.
   Errors: GSL_EINVAL (an invalid parameter); returns 0 on error.  Book:
   ch. 3, "Residual blocks, spectra and graphs: the interfaces". */
size_t mdl_conv_residual_nparams(const mdl_conv2d_geometry *g);
/* mdl_conv_residual_forward: the residual block Y = relu(X +
   conv2(relu(conv1(X)))) with parameters theta.  Errors: GSL_EBADLEN
   (sizes that do not match), GSL_EINVAL (an invalid parameter), GSL_ENOMEM
   (out of memory).  Book: ch. 3, "Residual blocks, spectra and graphs: the
   interfaces". */
int mdl_conv_residual_forward(const mdl_conv2d_geometry *g,
                              const gsl_vector *theta, const gsl_matrix *X,
                              gsl_matrix *Y);
/* mdl_conv_residual_backward: the gradients of a residual block with
   respect to its parameters and its input, given dY.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a
   non-finite or out-of-range value), GSL_ENOMEM (out of memory).  Book:
   ch. 3, "Residual blocks, spectra and graphs: the interfaces". */
int mdl_conv_residual_backward(const mdl_conv2d_geometry *g,
                               const gsl_vector *theta, const gsl_matrix *X,
                               const gsl_matrix *dY, gsl_vector *dtheta,
                               gsl_matrix *dX);
/* mdl_conv_circular_singular_values: the n^2 min(O, C) singular values of
   a circular convolution layer on n x n images, through the 2-D DFT.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_EDOM (a non-finite or out-of-range value), GSL_EINVAL (an
   invalid parameter), GSL_ENOMEM (out of memory).  Book: ch. 3, "Residual
   blocks, spectra and graphs: the interfaces". */
int mdl_conv_circular_singular_values(size_t out_channels, size_t in_channels,
                                      size_t n, size_t kernel,
                                      const gsl_vector *weights,
                                      gsl_vector *sv);
/* mdl_conv_graph_renormalize: the renormalised adjacency Ahat = D^(-1/2)
   (A + I) D^(-1/2) of a graph convolution network.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_ENOTSQR (a
   matrix that is not square), GSL_EDOM (a non-finite or out-of-range
   value), GSL_ENOMEM (out of memory).  Book: ch. 3, "Residual blocks,
   spectra and graphs: the interfaces". */
int mdl_conv_graph_renormalize(const gsl_matrix *A, gsl_matrix *Ahat);
/* mdl_conv_graph_forward: the graph convolution Y = Ahat X Theta.  Errors:
   GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not match),
   GSL_EDOM (a non-finite or out-of-range value), GSL_ENOMEM (out of
   memory).  Book: ch. 3, "Residual blocks, spectra and graphs: the
   interfaces". */
int mdl_conv_graph_forward(const gsl_matrix *Ahat, const gsl_matrix *X,
                           const gsl_matrix *Theta, gsl_matrix *Y);
typedef struct mdl_conv_model mdl_conv_model;

/* mdl_conv_model_alloc: a new empty model of stacked layers whose input is
   a batch of images channels x height x width.  Errors: GSL_EINVAL (an
   invalid parameter), GSL_ENOMEM (out of memory); returns NULL on error.
   Book: ch. 3, "A model of stacked layers". */
mdl_conv_model *mdl_conv_model_alloc(size_t channels, size_t height,
                                     size_t width);
/* mdl_conv_model_free: frees a model; NULL does nothing.  Errors: none
   (NULL does nothing).  Book: ch. 3, "A model of stacked layers". */
void mdl_conv_model_free(mdl_conv_model *m);
/* mdl_conv_model_add_conv: appends a convolution layer (out_channels,
   square kernel, stride, padding) to the model.  Errors: GSL_EINVAL (an
   invalid parameter).  Book: ch. 3, "A model of stacked layers". */
int mdl_conv_model_add_conv(mdl_conv_model *m, size_t out_channels,
                            size_t kernel, size_t stride, size_t padding);
/* mdl_conv_model_add_relu: appends a rectifier to the model.  Errors:
   GSL_EFAULT (NULL argument).  Book: ch. 3, "A model of stacked layers". */
int mdl_conv_model_add_relu(mdl_conv_model *m);
/* mdl_conv_model_add_maxpool: appends a max-pooling layer (square kernel,
   stride) to the model.  Errors: GSL_EINVAL (an invalid parameter).  Book:
   ch. 3, "A model of stacked layers". */
int mdl_conv_model_add_maxpool(mdl_conv_model *m, size_t kernel, size_t stride);
/* mdl_conv_model_add_avgpool: appends an average-pooling layer (square
   kernel, stride) to the model.  Errors: GSL_EINVAL (an invalid
   parameter).  Book: ch. 3, "A model of stacked layers". */
int mdl_conv_model_add_avgpool(mdl_conv_model *m, size_t kernel, size_t stride);
/* mdl_conv_model_add_gap: appends global average pooling to the model.
   Errors: GSL_EFAULT (NULL argument).  Book: ch. 3, "A model of stacked
   layers". */
int mdl_conv_model_add_gap(mdl_conv_model *m);
/* mdl_conv_model_add_residual: appends a residual block with a square
   kernel to the model.  Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an
   invalid parameter).  Book: ch. 3, "A model of stacked layers". */
int mdl_conv_model_add_residual(mdl_conv_model *m, size_t kernel);
/* mdl_conv_model_add_dense: appends a dense (fully connected) layer with
   `outputs` units to the model.  Errors: GSL_EINVAL (an invalid
   parameter).  Book: ch. 3, "A model of stacked layers". */
int mdl_conv_model_add_dense(mdl_conv_model *m, size_t outputs);
/* mdl_conv_model_nparams: the number of parameters of the model.  Errors:
   GSL_EFAULT (NULL argument); returns 0 on error.  Book: ch. 3, "A model
   of stacked layers". */
size_t mdl_conv_model_nparams(const mdl_conv_model *m);
/* mdl_conv_model_input_size: the number of columns of an input batch of
   the model.  Errors: GSL_EFAULT (NULL argument); returns 0 on error.
   Book: ch. 3, "A model of stacked layers". */
size_t mdl_conv_model_input_size(const mdl_conv_model *m);
/* mdl_conv_model_output_size: the number of columns of the model's output.
   Errors: GSL_EFAULT (NULL argument); returns 0 on error.  Book: ch. 3, "A
   model of stacked layers". */
size_t mdl_conv_model_output_size(const mdl_conv_model *m);
/* mdl_conv_model_params: the model's parameter vector itself (not a copy),
   for an optimizer to update in place.  Errors: GSL_EFAULT (NULL
   argument); returns NULL on error.  Book: ch. 3, "A model of stacked
   layers". */
gsl_vector *mdl_conv_model_params(mdl_conv_model *m);
/* mdl_conv_model_init: draws every weight and bias uniformly in
   +-1/sqrt(fan-in), PyTorch's default.  Errors: GSL_EFAULT (NULL
   argument).  Book: ch. 3, "A model of stacked layers". */
int mdl_conv_model_init(mdl_conv_model *m, const gsl_rng *r);
/* mdl_conv_model_forward: the model's output for a batch X, keeping the
   activations for mdl_conv_model_backward.  Errors: GSL_EFAULT (NULL
   argument), GSL_EBADLEN (sizes that do not match), GSL_EDOM (a non-finite
   or out-of-range value), GSL_EINVAL (an invalid parameter), GSL_ENOMEM
   (out of memory).  Book: ch. 3, "A model of stacked layers". */
int mdl_conv_model_forward(mdl_conv_model *m, const gsl_matrix *X,
                           gsl_matrix *Y);
/* mdl_conv_model_backward: the gradients of the last forward pass with
   respect to the parameters and the input, given dY; either may be NULL.
   Errors: GSL_EFAULT (NULL argument), GSL_EBADLEN (sizes that do not
   match), GSL_ENOMEM (out of memory).  Book: ch. 3, "A model of stacked
   layers". */
int mdl_conv_model_backward(mdl_conv_model *m, const gsl_matrix *dY,
                            gsl_vector *grad, gsl_matrix *dX);
/* mdl_conv_model_gradient: a loss (mdl_net_loss) of the model on X against
   Y and its gradient with respect to the parameters.  Errors: GSL_EFAULT
   (NULL argument), GSL_EBADLEN (sizes that do not match), GSL_ENOMEM (out
   of memory).  Book: ch. 3, "A model of stacked layers". */
int mdl_conv_model_gradient(mdl_conv_model *m, int loss, const gsl_matrix *X,
                            const gsl_matrix *Y, double *value,
                            gsl_vector *grad);
/* mdl_conv_model_fwrite: writes the model (magic, version, architecture,
   parameters) to a binary stream.  Errors: GSL_EFAULT (NULL argument),
   GSL_EFAILED (a stream that fails or a corrupted file).  Book: ch. 3, "A
   model of stacked layers". */
int mdl_conv_model_fwrite(FILE *stream, const mdl_conv_model *m);
/* mdl_conv_model_fread: reads a model written by mdl_conv_model_fwrite.
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (an invalid parameter),
   GSL_EFAILED (a stream that fails or a corrupted file); returns NULL on
   error.  Book: ch. 3, "A model of stacked layers". */
mdl_conv_model *mdl_conv_model_fread(FILE *stream);

#ifdef __cplusplus
}
#endif
#endif
