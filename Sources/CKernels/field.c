// The fused field pass of the forward-only scan (see ckernels.h for the formula).
#include <math.h>

#include "ckernels.h"
#include "ck_private.h"

// Elements per chunk: the activation goes into a stack buffer of this size, then each output
// is one vectorisable pass over it (every operation is elementwise, so chunking changes no bit).
#define CK_CHUNK 512

static inline double ck_sigmoid1_f64(double v) {
  if (v >= 0) return 1 / (1 + exp(-v));
  double e = exp(v);
  return e / (1 + e);
}

#define CK_FIELD_TAIL(T)                                                                       \
  for (int d = 0; d < ndecay; d++) {                                                           \
    const T *restrict w = decay[d] + i0;                                                       \
    const T s = decayScale[d];                                                                 \
    for (long i = 0; i < m; i++) v[i] = v[i] + s * w[i];                                       \
  }                                                                                            \
  for (int o = 0; o < nout; o++) {                                                             \
    T *y = out[o] + i0;                                                                        \
    const T c = coef[o];                                                                       \
    if (base[o] == out[o]) {                                                                   \
      for (long i = 0; i < m; i++) y[i] = y[i] + c * v[i];                                     \
    } else {                                                                                   \
      T *restrict yr = y;                                                                      \
      const T *restrict b = base[o] + i0;                                                      \
      for (long i = 0; i < m; i++) yr[i] = b[i] + c * v[i];                                    \
    }                                                                                          \
  }

CK_CLONES void ck_field_combine_f32(long n, int activation, const float *z, const float *zg, int ndecay,
                                    const float *const *decay, const float *decayScale, int nout,
                                    float *const *out, const float *const *base, const float *coef) {
  float v[CK_CHUNK];
  for (long i0 = 0; i0 < n; i0 += CK_CHUNK) {
    const long m = n - i0 < CK_CHUNK ? n - i0 : CK_CHUNK;
    const float *restrict zc = z + i0;
    switch (activation) {
    case 0: for (long i = 0; i < m; i++) v[i] = ck_tanh1_f32(zc[i], 1, 0); break;
    case 1: for (long i = 0; i < m; i++) v[i] = zc[i] > 0 ? zc[i] : 0; break;
    case 2: for (long i = 0; i < m; i++) v[i] = ck_tanh1_f32(zc[i], 0.5f, 0.5f); break;
    default: for (long i = 0; i < m; i++) v[i] = zc[i]; break;
    }
    if (zg) {
      const float *restrict g = zg + i0;
      for (long i = 0; i < m; i++) v[i] = ck_tanh1_f32(g[i], 0.5f, 0.5f) * v[i];
    }
    CK_FIELD_TAIL(float)
  }
}

CK_CLONES void ck_field_combine_f64(long n, int activation, const double *z, const double *zg, int ndecay,
                                    const double *const *decay, const double *decayScale, int nout,
                                    double *const *out, const double *const *base, const double *coef) {
  double v[CK_CHUNK];
  for (long i0 = 0; i0 < n; i0 += CK_CHUNK) {
    const long m = n - i0 < CK_CHUNK ? n - i0 : CK_CHUNK;
    const double *restrict zc = z + i0;
    switch (activation) {
    case 0: for (long i = 0; i < m; i++) v[i] = tanh(zc[i]); break;
    case 1: for (long i = 0; i < m; i++) v[i] = zc[i] > 0 ? zc[i] : 0; break;
    case 2: for (long i = 0; i < m; i++) v[i] = ck_sigmoid1_f64(zc[i]); break;
    default: for (long i = 0; i < m; i++) v[i] = zc[i]; break;
    }
    if (zg) {
      const double *restrict g = zg + i0;
      for (long i = 0; i < m; i++) v[i] = ck_sigmoid1_f64(g[i]) * v[i];
    }
    CK_FIELD_TAIL(double)
  }
}

#define CK_ADD_SCALED_INPLACE(T, S)                                                            \
  CK_CLONES void ck_add_scaled_inplace_##S(const T *a, const T *restrict b, T *y, long n, T s) { \
    if (a == y) {                                                                              \
      for (long i = 0; i < n; i++) y[i] = y[i] + s * b[i];                                     \
    } else {                                                                                   \
      T *restrict yr = y;                                                                      \
      const T *restrict ar = a;                                                                \
      for (long i = 0; i < n; i++) yr[i] = ar[i] + s * b[i];                                   \
    }                                                                                          \
  }

CK_ADD_SCALED_INPLACE(float, f32)
CK_ADD_SCALED_INPLACE(double, f64)
