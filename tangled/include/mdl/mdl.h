/* mdl/mdl.h: every module of libmdl.  Written by make tangle. */
#ifndef MDL_MDL_H
#define MDL_MDL_H
#define MDL_VERSION "0.1.0"
#include <mdl/numcheck.h>
#include <mdl/optim.h>
#include <mdl/net.h>
#include <mdl/approx.h>
#include <mdl/data.h>
#include <mdl/conv.h>
#include <mdl/rnn.h>
#include <mdl/divergence.h>
#include <mdl/gan.h>
#include <mdl/ot.h>
#include <mdl/vae.h>
#include <mdl/learn.h>
#endif
